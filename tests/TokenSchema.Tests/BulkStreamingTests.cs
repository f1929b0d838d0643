using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.IO.Pipelines;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace TokenSchema.Tests;

/// <summary>Streaming bulk signing: order, per-item errors, stops, cancellation, progress and back-pressure.</summary>
public sealed class BulkStreamingTests
{
    internal static TestPayload Payload(long i) => new() { Room = "room-" + i, IssuedAt = 1_700_000_000 + i, IsOwner = i % 2 == 0 };

    internal static TestPayload[] Payloads(int count) => Enumerable.Range(0, count).Select(i => Payload(i)).ToArray();

    internal static string[] Lines(ReadOnlySpan<byte> output, string delimiter = "\n")
    {
        string text = Encoding.ASCII.GetString(output);
        if (text.Length == 0)
        {
            return Array.Empty<string>();
        }

        Assert.EndsWith(delimiter, text);
        return text[..^delimiter.Length].Split(delimiter);
    }

    /// <summary>Every line verifies and reads back as the payload of its position: whole tokens, in input order.</summary>
    internal static void AssertWholeTokensInOrder(string[] lines, Func<long, TestPayload> expected)
    {
        using var verifier = new JwtVerifier(SignerTests.Key, new JwtVerifierOptions { RequireExpirationTime = false }); // the bulk payloads carry no exp
        for (int i = 0; i < lines.Length; i++)
        {
            Assert.True(verifier.TryVerify(lines[i].AsSpan(), out TestPayload? read, out JwtError error), $"line {i}: {error}");
            Assert.Equal(expected(i), read);
        }
    }

    [Theory]
    [InlineData(0, 7, 1)]
    [InlineData(1, 7, 2)]
    [InlineData(1000, 7, 1)]
    [InlineData(3001, 1, 2)]
    [InlineData(5000, 16, 2)]
    [InlineData(5000, 256, 3)]
    [InlineData(20_000, 100, 8)]
    public async Task Tokens_reach_a_buffer_writer_in_input_order_whatever_the_chunks_and_workers(int count, int chunkSize, int workers)
    {
        using var signer = new JwtSigner(SignerTests.Key);
        TestPayload[] payloads = Payloads(count);
        var output = new ArrayBufferWriter<byte>();
        var options = new BulkSignOptions { ChunkSize = chunkSize, MaxDegreeOfParallelism = workers, MaxChunksInFlight = workers + 1 };

        BulkSignResult result = await signer.SignAllAsync(payloads, output, options);

        Assert.Equal(payloads.Select(p => signer.Sign(p)).ToArray(), Lines(output.WrittenSpan));
        Assert.Equal(count, result.Signed);
        Assert.Equal(0, result.Refused);
        Assert.Empty(result.Errors);
        Assert.Equal(output.WrittenCount, result.BytesWritten);
        Assert.Equal(BulkSignStopReason.None, result.StopReason);
    }

    [Fact]
    public async Task Tokens_larger_than_a_chunk_buffer_grow_it_and_stay_in_order()
    {
        using var signer = new JwtSigner(SignerTests.Key);
        TestPayload[] payloads = Payloads(300);
        for (int i = 0; i < payloads.Length; i += 7)
        {
            payloads[i] = payloads[i] with { DomainId = new string((char)('a' + i % 26), 3000 + 50 * i) };
        }

        var output = new ArrayBufferWriter<byte>();
        BulkSignResult result = await signer.SignAllAsync(payloads, output, new BulkSignOptions { ChunkSize = 3, MaxDegreeOfParallelism = 2 });
        Assert.Equal(300, result.Signed);
        Assert.Equal(payloads.Select(p => signer.Sign(p)).ToArray(), Lines(output.WrittenSpan));
        string?[] strings = signer.SignAll(payloads, new BulkSignOptions { ChunkSize = 3 }, out _);
        Assert.Equal(payloads.Select(p => signer.Sign(p)).ToArray(), strings);
    }

    [Fact]
    public async Task A_stream_and_a_pipe_get_the_same_bytes_with_the_chosen_delimiter()
    {
        using var signer = new JwtSigner(SignerTests.Key);
        TestPayload[] payloads = Payloads(2500);
        var options = new BulkSignOptions { ChunkSize = 64, Delimiter = "\r\n" };
        byte[] expected = Encoding.ASCII.GetBytes(string.Concat(payloads.Select(p => signer.Sign(p) + "\r\n")));

        using var stream = new MemoryStream();
        BulkSignResult toStream = await signer.SignAllAsync(payloads, stream, options);
        Assert.Equal(expected, stream.ToArray());
        Assert.Equal(expected.Length, toStream.BytesWritten);

        var pipe = NewPipe();
        Task<byte[]> reading = ReadAllAsync(pipe.Reader);
        BulkSignResult toPipe = await signer.SignAllAsync(payloads, pipe.Writer, options);
        await pipe.Writer.CompleteAsync();
        Assert.Equal(expected, await reading);
        Assert.Equal(2500, toPipe.Signed);
        Assert.Equal(expected.Length, toPipe.BytesWritten);
    }

    [Fact]
    public async Task An_async_enumerable_input_is_signed_in_order()
    {
        using var signer = new JwtSigner(SignerTests.Key);
        var output = new ArrayBufferWriter<byte>();
        BulkSignResult result = await signer.SignAllAsync(AsyncPayloads(3000), output, new BulkSignOptions { ChunkSize = 50 });
        Assert.Equal(3000, result.Signed);
        Assert.Equal(Payloads(3000).Select(p => signer.Sign(p)).ToArray(), Lines(output.WrittenSpan));

        var items = new List<string>();
        await foreach (BulkSignItem item in signer.SignEachAsync(AsyncPayloads(700), new BulkSignOptions { ChunkSize = 9 }))
        {
            Assert.Equal(items.Count, item.Index);
            items.Add(item.GetTokenString()!);
        }

        Assert.Equal(Payloads(700).Select(p => signer.Sign(p)).ToArray(), items);
    }

    [Fact]
    public async Task Invalid_payloads_are_reported_with_index_and_problems_and_the_rest_is_signed()
    {
        using var signer = new JwtSigner(SignerTests.Key);
        TestPayload[] payloads = Payloads(3000);
        payloads[5] = new TestPayload { IssuedAt = 5 };
        payloads[700] = new TestPayload { IssuedAt = 5, Expires = 1 };
        payloads[2999] = new TestPayload { Room = new string('x', 129) };
        var output = new ArrayBufferWriter<byte>();

        BulkSignResult result = await signer.SignAllAsync(payloads, output, new BulkSignOptions { ChunkSize = 32, MaxDegreeOfParallelism = 2 });

        Assert.Equal(2997, result.Signed);
        Assert.Equal(3, result.Refused);
        Assert.Equal(BulkSignStopReason.None, result.StopReason);
        Assert.Equal(new long[] { 5, 700, 2999 }, result.Errors.Select(e => e.Index));
        Assert.Equal(new[] { "r" }, result.Errors[0].Problems.Select(p => p.Claim));
        Assert.Equal(new[] { "r", "exp" }, result.Errors[1].Problems.Select(p => p.Claim));
        Assert.Equal(new[] { "r" }, result.Errors[2].Problems.Select(p => p.Claim));
        Assert.Equal("Payload 700: 'r' is required; 'exp' is not after 'iat'", result.Errors[1].ToString());
        var valid = payloads.Where((_, i) => i is not (5 or 700 or 2999)).Select(p => signer.Sign(p)).ToArray();
        Assert.Equal(valid, Lines(output.WrittenSpan));
    }

    [Fact]
    public async Task Only_the_first_errors_are_kept_but_every_one_is_counted()
    {
        using var signer = new JwtSigner(SignerTests.Key);
        TestPayload[] payloads = Payloads(1000);
        for (int i = 0; i < payloads.Length; i += 10)
        {
            payloads[i] = new TestPayload();
        }

        BulkSignResult result = await signer.SignAllAsync(payloads, new ArrayBufferWriter<byte>(), new BulkSignOptions { ChunkSize = 16, MaxRecordedErrors = 7 });
        Assert.Equal(100, result.Refused);
        Assert.Equal(900, result.Signed);
        Assert.Equal(new long[] { 0, 10, 20, 30, 40, 50, 60 }, result.Errors.Select(e => e.Index));
    }

    [Fact]
    public async Task StopOnFirstError_writes_every_token_before_the_first_invalid_payload_and_none_after()
    {
        using var signer = new JwtSigner(SignerTests.Key);
        TestPayload[] payloads = Payloads(5000);
        payloads[1234] = new TestPayload { IssuedAt = 5 };
        payloads[700] = new TestPayload { IssuedAt = 5, Expires = 1 };
        var output = new ArrayBufferWriter<byte>();

        BulkSignResult result = await signer.SignAllAsync(payloads, output, new BulkSignOptions { ChunkSize = 64, MaxDegreeOfParallelism = 2, StopOnFirstError = true });

        Assert.Equal(BulkSignStopReason.InvalidPayload, result.StopReason);
        Assert.Equal(700, result.Signed);
        Assert.Equal(1, result.Refused);
        BulkSignError error = Assert.Single(result.Errors);
        Assert.Equal(700, error.Index);
        Assert.Equal(new[] { "r", "exp" }, error.Problems.Select(p => p.Claim));
        Assert.Equal(payloads.Take(700).Select(p => signer.Sign(p)).ToArray(), Lines(output.WrittenSpan));
    }

    [Theory]
    [InlineData("buffer")]
    [InlineData("stream")]
    [InlineData("pipe")]
    public async Task Cancellation_mid_run_leaves_only_whole_tokens_in_the_sink(string sink)
    {
        using var signer = new JwtSigner(SignerTests.Key);
        using var cancellation = new CancellationTokenSource();
        var input = new CountingPayloads(1_000_000, cancelAt: 20_000, cancellation);
        var options = new BulkSignOptions { ChunkSize = 100, MaxDegreeOfParallelism = 2 };
        byte[] written;
        switch (sink)
        {
            case "buffer":
                var buffer = new ArrayBufferWriter<byte>();
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => signer.SignAllAsync(input, buffer, options, cancellation.Token));
                written = buffer.WrittenSpan.ToArray();
                break;
            case "stream":
                using (var stream = new MemoryStream())
                {
                    await Assert.ThrowsAnyAsync<OperationCanceledException>(() => signer.SignAllAsync(input, stream, options, cancellation.Token));
                    written = stream.ToArray();
                }

                break;
            default:
                var pipe = NewPipe();
                Task<byte[]> reading = ReadAllAsync(pipe.Reader);
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => signer.SignAllAsync(input, pipe.Writer, options, cancellation.Token));
                await pipe.Writer.CompleteAsync();
                written = await reading;
                break;
        }

        string[] lines = Lines(written);
        Assert.True(lines.Length < 1_000_000, "the run stopped");
        Assert.True(lines.Length % 100 == 0, $"whole chunks only, got {lines.Length} tokens");
        Assert.True(input.Read <= 20_000 + 2 * 4 * 100, $"the run stopped reading within the window, read {input.Read}");
        AssertWholeTokensInOrder(lines, Payload);
    }

    [Fact]
    public async Task Cancellation_stops_the_per_item_enumeration()
    {
        using var signer = new JwtSigner(SignerTests.Key);
        using var cancellation = new CancellationTokenSource();
        long seen = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (BulkSignItem item in signer.SignEachAsync(new CountingPayloads(1_000_000, -1, null), new BulkSignOptions { ChunkSize = 50 }).WithCancellation(cancellation.Token))
            {
                Assert.Equal(seen++, item.Index);
                if (item.Index == 1000)
                {
                    cancellation.Cancel();
                }
            }
        });
        Assert.InRange(seen, 1001, 1050);
    }

    [Fact]
    public async Task Progress_reports_counts_that_grow_and_end_at_the_total()
    {
        using var signer = new JwtSigner(SignerTests.Key);
        TestPayload[] payloads = Payloads(10_000);
        payloads[17] = new TestPayload();
        var reports = new RecordingProgress();
        BulkSignResult result = await signer.SignAllAsync(payloads, new ArrayBufferWriter<byte>(), new BulkSignOptions
        {
            ChunkSize = 100,
            Progress = reports,
            ProgressInterval = TimeSpan.Zero,
        });

        Assert.Equal(101, reports.Reports.Count); // one per chunk and the final one
        for (int i = 1; i < reports.Reports.Count; i++)
        {
            Assert.True(reports.Reports[i].Processed >= reports.Reports[i - 1].Processed);
            Assert.True(reports.Reports[i].BytesWritten >= reports.Reports[i - 1].BytesWritten);
        }

        Assert.Equal(new BulkSignProgress(9_999, 1, result.BytesWritten), reports.Reports[^1]);
        Assert.Equal(10_000, reports.Reports[^1].Processed);
    }

    [Fact]
    public async Task Progress_is_reported_at_most_once_per_interval_on_the_given_clock()
    {
        using var signer = new JwtSigner(SignerTests.Key);
        var clock = new ManualClock();
        var reports = new RecordingProgress { OnReport = _ => clock.Advance(TimeSpan.FromMilliseconds(40)) };
        var options = new BulkSignOptions { ChunkSize = 10, Progress = reports, ProgressInterval = TimeSpan.FromMilliseconds(100), TimeProvider = clock };

        // The clock stands still between reports except for the 40 ms each report adds, and each chunk adds 30 ms.
        var input = Payloads(1000).Select((p, i) =>
        {
            if (i % 10 == 0)
            {
                clock.Advance(TimeSpan.FromMilliseconds(30));
            }

            return p;
        });
        await signer.SignAllAsync(input, new ArrayBufferWriter<byte>(), options);

        // 100 chunks: far fewer reports than chunks, and the last report is the total.
        Assert.InRange(reports.Reports.Count, 2, 60);
        Assert.Equal(1000, reports.Reports[^1].Signed);
    }

    [Fact]
    public async Task Per_item_results_pair_each_token_or_problem_with_its_input_row()
    {
        using var signer = new JwtSigner(SignerTests.Key);
        using var verifier = new JwtVerifier(SignerTests.Key, new JwtVerifierOptions { RequireExpirationTime = false }); // the bulk payloads carry no exp
        TestPayload[] payloads = Payloads(2000);
        payloads[3] = new TestPayload { Room = "" };
        payloads[1999] = new TestPayload();
        var rows = new List<string>();
        await foreach (BulkSignItem item in signer.SignEachAsync(payloads, new BulkSignOptions { ChunkSize = 33, MaxDegreeOfParallelism = 2 }))
        {
            Assert.Equal(rows.Count, item.Index);
            if (item.IsSigned)
            {
                Assert.Empty(item.Problems);
                Assert.True(verifier.TryVerify(item.Token.Span, out TestPayload? read, out _));
                Assert.Equal(payloads[item.Index], read);
                rows.Add("ok");
            }
            else
            {
                Assert.True(item.Token.IsEmpty);
                Assert.Null(item.GetTokenString());
                rows.Add(string.Join(",", item.Problems.Select(p => p.Claim)));
            }
        }

        Assert.Equal(2000, rows.Count);
        Assert.Equal("r", rows[3]);
        Assert.Equal("r", rows[1999]);
        Assert.Equal(1998, rows.Count(r => r == "ok"));

        var stopped = new List<BulkSignItem>();
        await foreach (BulkSignItem item in signer.SignEachAsync(payloads, new BulkSignOptions { StopOnFirstError = true }))
        {
            stopped.Add(item);
        }

        Assert.Equal(4, stopped.Count);
        Assert.False(stopped[^1].IsSigned);
        Assert.Equal(3, stopped[^1].Index);
    }

    [Fact]
    public void SignAll_with_options_signs_the_valid_payloads_and_reports_the_others()
    {
        using var signer = new JwtSigner(SignerTests.Key);
        TestPayload[] payloads = Payloads(1500);
        payloads[1234] = new TestPayload { IssuedAt = 5 };
        payloads[700] = new TestPayload { IssuedAt = 5, Expires = 1 };

        string?[] tokens = signer.SignAll(payloads, new BulkSignOptions { MaxDegreeOfParallelism = 2, ChunkSize = 100 }, out BulkSignResult result);

        Assert.Equal(1498, result.Signed);
        Assert.Equal(new long[] { 700, 1234 }, result.Errors.Select(e => e.Index));
        Assert.Null(tokens[700]);
        Assert.Null(tokens[1234]);
        for (int i = 0; i < payloads.Length; i++)
        {
            if (i is not (700 or 1234))
            {
                Assert.Equal(signer.Sign(payloads[i]), tokens[i]);
            }
        }

        Assert.Equal(tokens.Where(t => t is not null).Sum(t => (long)t!.Length), result.BytesWritten);
    }

    [Fact]
    public async Task A_slow_pipe_reader_holds_the_signer_back()
    {
        using var signer = new JwtSigner(SignerTests.Key);
        var input = new CountingPayloads(20_000, -1, null);
        var pipe = new Pipe(new PipeOptions(pool: new UnsharedPool(), pauseWriterThreshold: 16 * 1024, resumeWriterThreshold: 8 * 1024, useSynchronizationContext: false));
        var options = new BulkSignOptions { ChunkSize = 32, MaxDegreeOfParallelism = 2, MaxChunksInFlight = 4 };
        long maxAhead = 0;
        long tokensRead = 0;

        async Task ReadSlowlyAsync()
        {
            while (true)
            {
                ReadResult read = await pipe.Reader.ReadAsync();
                ReadOnlySequence<byte> buffer = read.Buffer;
                while (buffer.PositionOf((byte)'\n') is { } newline)
                {
                    tokensRead++;
                    buffer = buffer.Slice(buffer.GetPosition(1, newline));
                }

                maxAhead = Math.Max(maxAhead, Volatile.Read(ref input.ReadCount) - tokensRead);
                pipe.Reader.AdvanceTo(buffer.Start, read.Buffer.End);
                if (read.IsCompleted)
                {
                    return;
                }

                await Task.Delay(2);
            }
        }

        Task reading = ReadSlowlyAsync();
        BulkSignResult result = await signer.SignAllAsync(input, pipe.Writer, options);
        await pipe.Writer.CompleteAsync();
        await reading;

        Assert.Equal(20_000, result.Signed);
        Assert.Equal(20_000, tokensRead);

        // What the signer may hold: the chunks in flight, one chunk being read, and what the pipe holds before it pauses
        // the writer (16 KB plus the chunk that crossed the threshold, tokens of about 150 bytes).
        long tokenLength = result.BytesWritten / 20_000;
        long bound = (4 + 1) * 32 + (16 * 1024 / tokenLength) + 2 * 32;
        Assert.True(maxAhead <= bound, $"the signer ran {maxAhead} payloads ahead of the reader (bound {bound})");
    }

    [Fact]
    public async Task A_slow_stream_holds_the_signer_back()
    {
        using var signer = new JwtSigner(SignerTests.Key);
        var input = new CountingPayloads(5_000, -1, null);
        var stream = new SlowStream(input);
        BulkSignResult result = await signer.SignAllAsync(input, stream, new BulkSignOptions { ChunkSize = 25, MaxDegreeOfParallelism = 2, MaxChunksInFlight = 3 });
        Assert.Equal(5_000, result.Signed);
        Assert.Equal(5_000, stream.Tokens);
        Assert.True(stream.MaxAhead <= (3 + 1) * 25, $"the signer ran {stream.MaxAhead} payloads ahead of the stream");
    }

    [Fact]
    public async Task A_completed_pipe_reader_stops_the_run()
    {
        using var signer = new JwtSigner(SignerTests.Key);
        var pipe = NewPipe();
        await pipe.Reader.CompleteAsync();
        var input = new CountingPayloads(1_000_000, -1, null);
        BulkSignResult result = await signer.SignAllAsync(input, pipe.Writer, new BulkSignOptions { ChunkSize = 10 });
        Assert.Equal(BulkSignStopReason.DestinationCompleted, result.StopReason);
        Assert.Equal(10, result.Signed);
        Assert.True(input.Read < 1000);
    }

    [Fact]
    public async Task Bulk_arguments_are_checked_with_clear_messages()
    {
        using var signer = new JwtSigner(SignerTests.Key);
        TestPayload[] payloads = Payloads(3);
        var output = new ArrayBufferWriter<byte>();
        Assert.Throws<ArgumentException>(() => { _ = signer.SignAllAsync(payloads, output, new BulkSignOptions { Delimiter = "" }); });
        var letter = Assert.Throws<ArgumentException>(() => { _ = signer.SignAllAsync(payloads, output, new BulkSignOptions { Delimiter = ",x" }); });
        Assert.Contains("'x'", letter.Message);
        Assert.Throws<ArgumentException>(() => { _ = signer.SignAllAsync(payloads, output, new BulkSignOptions { Delimiter = "." }); });
        Assert.Throws<ArgumentOutOfRangeException>(() => { _ = signer.SignAllAsync(payloads, output, new BulkSignOptions { ChunkSize = 0 }); });
        Assert.Throws<ArgumentOutOfRangeException>(() => { _ = signer.SignAllAsync(payloads, output, new BulkSignOptions { MaxDegreeOfParallelism = 0 }); });
        Assert.Throws<ArgumentOutOfRangeException>(() => { _ = signer.SignAllAsync(payloads, output, new BulkSignOptions { MaxChunksInFlight = -1 }); });
        Assert.Throws<ArgumentOutOfRangeException>(() => { _ = signer.SignEachAsync(payloads, new BulkSignOptions { ProgressInterval = TimeSpan.FromSeconds(-1) }); });
        Assert.Throws<ArgumentNullException>(() => { _ = signer.SignAllAsync(payloads, (Stream)null!); });
        Assert.Throws<ArgumentNullException>(() => { _ = signer.SignAllAsync((IEnumerable<TestPayload>)null!, output); });
        using (var readOnly = new MemoryStream(new byte[10], writable: false))
        {
            Assert.Throws<ArgumentException>(() => { _ = signer.SignAllAsync(payloads, readOnly); });
        }

        var withNull = new TestPayload[] { Payload(0), Payload(1), Payload(2), null! };
        var error = await Assert.ThrowsAsync<ArgumentException>(() => signer.SignAllAsync(withNull, output));
        Assert.Contains("index 3", error.Message);

        var tabs = new ArrayBufferWriter<byte>();
        await signer.SignAllAsync(payloads, tabs, new BulkSignOptions { Delimiter = "\t" });
        Assert.Equal(payloads.Select(p => signer.Sign(p)).ToArray(), Lines(tabs.WrittenSpan, "\t"));

        signer.Dispose();
        Assert.Throws<ObjectDisposedException>(() => { _ = signer.SignAllAsync(payloads, output); });
        Assert.Throws<ObjectDisposedException>(() => { _ = signer.SignEachAsync(payloads); });
    }

    [Fact]
    public async Task A_payload_that_throws_while_writing_fails_the_run_and_leaves_whole_tokens()
    {
        using var signer = new JwtSigner(SignerTests.Key);
        var payloads = Enumerable.Range(0, 5000).Select(i => new ThrowingPayload(i, 3210)).ToArray();
        var output = new ArrayBufferWriter<byte>();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => signer.SignAllAsync(payloads, output, new BulkSignOptions { ChunkSize = 50 }));
        Assert.Equal("payload 3210 cannot be written", error.Message);
        string[] lines = Lines(output.WrittenSpan);
        Assert.True(lines.Length <= 3200, $"{lines.Length} tokens written");
        Assert.Equal(lines, payloads.Take(lines.Length).Select(p => signer.Sign(p)).ToArray());
    }

    /// <summary>
    /// A pipe on its own memory: the default pool hands its segments back to the shared array pool uncleared, and the
    /// tokens written here would show up in arrays other tests rent.
    /// </summary>
    internal static Pipe NewPipe() => new(new PipeOptions(pool: new UnsharedPool(), useSynchronizationContext: false));

    internal static async Task<byte[]> ReadAllAsync(PipeReader reader)
    {
        using var all = new MemoryStream();
        await reader.CopyToAsync(all);
        await reader.CompleteAsync();
        return all.ToArray();
    }

    private static async IAsyncEnumerable<TestPayload> AsyncPayloads(int count)
    {
        for (int i = 0; i < count; i++)
        {
            if (i % 97 == 0)
            {
                await Task.Yield();
            }

            yield return Payload(i);
        }
    }

    /// <summary>Payloads made on demand, counting how many were read; can cancel a source when a count is reached.</summary>
    internal sealed class CountingPayloads(long count, long cancelAt, CancellationTokenSource? cancellation) : IEnumerable<TestPayload>
    {
        public long ReadCount;

        public long Read => Volatile.Read(ref ReadCount);

        public IEnumerator<TestPayload> GetEnumerator()
        {
            for (long i = 0; i < count; i++)
            {
                if (i == cancelAt)
                {
                    cancellation!.Cancel();
                }

                Interlocked.Increment(ref ReadCount);
                yield return Payload(i);
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private sealed class RecordingProgress : IProgress<BulkSignProgress>
    {
        public List<BulkSignProgress> Reports { get; } = new();

        public Action<BulkSignProgress>? OnReport { get; init; }

        public void Report(BulkSignProgress value)
        {
            lock (Reports)
            {
                Reports.Add(value);
            }

            OnReport?.Invoke(value);
        }
    }

    private sealed class ManualClock : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Read(ref _ticks);

        public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
    }

    /// <summary>A stream that takes a millisecond per write and records how far the input ran ahead of it.</summary>
    private sealed class SlowStream(CountingPayloads input) : Stream
    {
        public long Tokens { get; private set; }

        public long MaxAhead { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            MaxAhead = Math.Max(MaxAhead, input.Read - Tokens);
            await Task.Delay(1, cancellationToken);
            Tokens += buffer.Span.Count((byte)'\n');
        }

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("Only WriteAsync is expected.");

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }

    /// <summary>A hand-written payload whose writer throws for one index, as a faulty custom converter would.</summary>
    private sealed record ThrowingPayload(int Number, int ThrowAt) : IJwtPayload<ThrowingPayload>
    {
        public void WritePayload(System.Text.Json.Utf8JsonWriter writer)
        {
            if (Number == ThrowAt)
            {
                throw new InvalidOperationException($"payload {Number} cannot be written");
            }

            writer.WriteStartObject();
            writer.WriteNumber("n", Number);
            writer.WriteEndObject();
        }

        public ClaimValidationResult Validate() => ClaimValidationResult.Valid;

        public static bool TryReadPayload(ref System.Text.Json.Utf8JsonReader reader, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out ThrowingPayload payload, out ClaimReadError error)
        {
            payload = null;
            error = new ClaimReadError(ClaimReadErrorKind.WrongType, "n");
            return false;
        }
    }

    /// <summary>Fresh arrays for every segment, never shared with the rest of the process.</summary>
    private sealed class UnsharedPool : MemoryPool<byte>
    {
        public override int MaxBufferSize => int.MaxValue;

        public override IMemoryOwner<byte> Rent(int minBufferSize = -1) => new Owner(new byte[minBufferSize <= 0 ? 4096 : minBufferSize]);

        protected override void Dispose(bool disposing)
        {
        }

        private sealed class Owner(byte[] array) : IMemoryOwner<byte>
        {
            public Memory<byte> Memory => array;

            public void Dispose() => Array.Clear(array);
        }
    }
}
