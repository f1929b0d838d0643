using System;
using System.Buffers;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace TokenSchema.Tests;

/// <summary>Tests that measure the process's allocations and heap: they run alone, after the parallel tests.</summary>
[CollectionDefinition(nameof(ProcessMemoryCollection), DisableParallelization = true)]
public sealed class ProcessMemoryCollection
{
}

/// <summary>The byte-sink bulk path allocates nothing per token and holds a flat heap however many tokens it signs.</summary>
[Collection(nameof(ProcessMemoryCollection))]
public sealed class BulkMemoryTests
{
    [Fact]
    public async Task Signing_200000_tokens_to_a_byte_sink_allocates_a_small_constant()
    {
        using var signer = new JwtSigner(SignerTests.Key);
        TestPayload[] payloads = BulkStreamingTests.Payloads(1000);
        var sink = new CountingSink();
        var options = new BulkSignOptions { MaxDegreeOfParallelism = 2 };

        // Warm up: JIT, the thread pool's threads, each thread's JSON buffer, the pooled chunk buffers.
        await signer.SignAllAsync(new RepeatedPayloads(payloads, 20_000), sink, options);
        await signer.SignAllAsync(new RepeatedPayloads(payloads, 20_000), sink, options);

        long small = await MeasureAsync(() => signer.SignAllAsync(new RepeatedPayloads(payloads, 20_000), sink, options));
        long large = await MeasureAsync(() => signer.SignAllAsync(new RepeatedPayloads(payloads, 200_000), sink, options));

        Assert.Equal(220_000 + 40_000, sink.Tokens);

        // A token is about 130 bytes: a single allocation per token would be megabytes here.
        Assert.True(large < 256 * 1024, $"200,000 tokens allocated {large:N0} bytes");
        // Less than a byte per extra token: what there is belongs to the chunks of 256 (a task or two each, more in a
        // Debug build), never to a token, whose smallest allocation would be 24 bytes.
        Assert.True(large - small < 180_000, $"180,000 more tokens allocated {large - small:N0} more bytes ({small:N0} for 20,000, {large:N0} for 200,000)");
    }

    [Fact]
    public async Task The_heap_stays_flat_through_two_million_tokens()
    {
        using var signer = new JwtSigner(SignerTests.Key);
        TestPayload[] payloads = BulkStreamingTests.Payloads(1000);
        var sink = new CountingSink();
        await signer.SignAllAsync(new RepeatedPayloads(payloads, 10_000), sink);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        long baseline = GC.GetTotalMemory(forceFullCollection: false);
        long highest = baseline;
        var sampler = new SynchronousProgress(_ => highest = Math.Max(highest, GC.GetTotalMemory(forceFullCollection: false)));

        BulkSignResult result = await signer.SignAllAsync(
            new RepeatedPayloads(payloads, 2_000_000),
            sink,
            new BulkSignOptions { Progress = sampler, ProgressInterval = TimeSpan.Zero });

        Assert.Equal(2_000_000, result.Signed);
        Assert.True(result.BytesWritten > 200_000_000, "the tokens themselves would take hundreds of MB");
        Assert.True(highest - baseline < 4 * 1024 * 1024, $"the heap grew by {highest - baseline:N0} bytes");
    }

    private static async Task<long> MeasureAsync(Func<Task> run)
    {
        long before = GC.GetTotalAllocatedBytes(precise: true);
        await run();
        return GC.GetTotalAllocatedBytes(precise: true) - before;
    }

    /// <summary>The same payloads over and over, without allocating per item.</summary>
    private sealed class RepeatedPayloads(TestPayload[] payloads, int count) : IEnumerable<TestPayload>
    {
        public IEnumerator<TestPayload> GetEnumerator() => new Enumerator(payloads, count);

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        private sealed class Enumerator(TestPayload[] payloads, int count) : IEnumerator<TestPayload>
        {
            private int _index = -1;

            public TestPayload Current => payloads[_index % payloads.Length];

            object System.Collections.IEnumerator.Current => Current;

            public bool MoveNext() => ++_index < count;

            public void Reset() => _index = -1;

            public void Dispose()
            {
            }
        }
    }

    /// <summary>A byte sink that counts tokens and bytes and keeps nothing.</summary>
    private sealed class CountingSink : IBufferWriter<byte>
    {
        private readonly byte[] _buffer = new byte[256 * 1024];

        public long Tokens { get; private set; }

        public long Bytes { get; private set; }

        public void Advance(int count)
        {
            Tokens += _buffer.AsSpan(0, count).Count((byte)'\n');
            Bytes += count;
        }

        public Memory<byte> GetMemory(int sizeHint = 0) => sizeHint <= _buffer.Length ? _buffer : new byte[sizeHint];

        public Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;
    }

    private sealed class SynchronousProgress(Action<BulkSignProgress> report) : IProgress<BulkSignProgress>
    {
        public void Report(BulkSignProgress value) => report(value);
    }
}
