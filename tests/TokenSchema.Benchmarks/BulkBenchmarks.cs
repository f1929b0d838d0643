using System;
using System.Buffers;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using TokenSchema.Daily;

namespace TokenSchema.Benchmarks;

/// <summary>
/// 20,000 Daily tokens (8 claims, distinct user ids) to a byte sink, each followed by a newline, in input order: the
/// streaming bulk path on all cores against the single-thread <c>TrySign</c> loop over the same payloads into the
/// same kind of sink.
/// </summary>
[MemoryDiagnoser]
public class BulkBenchmarks
{
    private const int Count = 20_000;

    private readonly DiscardingSink _sink = new();
    private readonly byte[] _tokenBuffer = new byte[1024];
    private DailyToken[] _payloads = null!;
    private JwtSigner _signer = null!;

    /// <summary>Builds the payloads and checks that both approaches write the same bytes.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _signer = new JwtSigner(Fixture.Key);
        _payloads = new DailyToken[Count];
        for (int i = 0; i < Count; i++)
        {
            _payloads[i] = Fixture.TokenSchemaPayload with { UserId = "user-" + i };
        }

        var loop = new ArrayBufferWriter<byte>();
        var bulk = new ArrayBufferWriter<byte>();
        WriteLoop(loop);
        BulkSignResult result = _signer.SignAllAsync(_payloads, bulk).GetAwaiter().GetResult();
        if (result.Signed != Count || !loop.WrittenSpan.SequenceEqual(bulk.WrittenSpan))
        {
            throw new InvalidOperationException("The bulk path did not write the loop's tokens in the loop's order.");
        }
    }

    /// <summary>Releases the signer.</summary>
    [GlobalCleanup]
    public void Cleanup() => _signer.Dispose();

    /// <summary>One thread: <c>TrySign</c> into one buffer, then the token and a newline to the sink.</summary>
    [Benchmark(Baseline = true, Description = "TrySign loop, 1 thread, 20,000 tokens to a byte sink")]
    public long TrySign_loop() => WriteLoop(_sink);

    /// <summary>The streaming bulk path with the defaults: one worker per core.</summary>
    [Benchmark(Description = "SignAllAsync to IBufferWriter, all cores, 20,000 tokens")]
    public async Task<long> SignAllAsync_all_cores() => (await _signer.SignAllAsync(_payloads, _sink)).BytesWritten;

    /// <summary>The streaming bulk path on one worker: what the chunking and ordering cost.</summary>
    [Benchmark(Description = "SignAllAsync to IBufferWriter, 1 worker, 20,000 tokens")]
    public async Task<long> SignAllAsync_one_worker() =>
        (await _signer.SignAllAsync(_payloads, _sink, new BulkSignOptions { MaxDegreeOfParallelism = 1 })).BytesWritten;

    /// <summary>
    /// The machine's ceiling for comparison: <c>TrySign</c> on one thread per core over interleaved halves, no order and
    /// no sink. On a shared machine it shows how many cores the run actually got.
    /// </summary>
    [Benchmark(Description = "ceiling: Parallel.For TrySign, one thread per core, unordered, no sink")]
    public int ParallelFor_TrySign_unordered()
    {
        int cores = Environment.ProcessorCount;
        Parallel.For(0, cores, part =>
        {
            byte[] buffer = new byte[1024];
            for (int i = part; i < Count; i += cores)
            {
                _signer.TrySign(_payloads[i], buffer, out _);
            }
        });
        return cores;
    }

    private long WriteLoop(IBufferWriter<byte> sink)
    {
        long bytes = 0;
        foreach (DailyToken payload in _payloads)
        {
            _signer.TrySign(payload, _tokenBuffer, out int written);
            Span<byte> destination = sink.GetSpan(written + 1);
            _tokenBuffer.AsSpan(0, written).CopyTo(destination);
            destination[written] = (byte)'\n';
            sink.Advance(written + 1);
            bytes += written + 1;
        }

        return bytes;
    }

    /// <summary>Keeps nothing: one reused buffer.</summary>
    private sealed class DiscardingSink : IBufferWriter<byte>
    {
        private byte[] _buffer = new byte[256 * 1024];

        public void Advance(int count)
        {
        }

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            if (sizeHint > _buffer.Length)
            {
                _buffer = new byte[sizeHint];
            }

            return _buffer;
        }

        public Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;
    }
}
