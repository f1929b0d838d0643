using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using TokenSchema.Internal;

namespace TokenSchema;

// Bulk signing; BulkSignOptions documents which member to pick.
public sealed partial class JwtSigner
{
    /// <summary>Whether payloads are validated before they are signed.</summary>
    internal bool ValidatesPayloads => _validatePayload;

    /// <summary>
    /// Signs every payload on all cores and returns the tokens in the same order.
    /// </summary>
    /// <typeparam name="T">The payload type.</typeparam>
    /// <param name="payloads">The payloads to sign.</param>
    /// <param name="maxDegreeOfParallelism">The most threads to use; -1 (the default) for one per core.</param>
    /// <param name="cancellationToken">Stops the work between chunks of tokens; then <see cref="OperationCanceledException"/> is thrown.</param>
    /// <returns>The tokens, <c>tokens[i]</c> for <c>payloads[i]</c>.</returns>
    /// <exception cref="JwtPayloadValidationException">
    /// A payload is not valid: the exception is the one of the first invalid payload by index, and its message starts
    /// with that index. No token array is returned. To sign the valid payloads and get every invalid one instead, use
    /// <see cref="SignAll{T}(IReadOnlyList{T}, BulkSignOptions?, out BulkSignResult, CancellationToken)"/>.
    /// </exception>
    /// <exception cref="ArgumentException">A payload is <see langword="null"/>; the message gives its index.</exception>
    public string[] SignAll<T>(IReadOnlyList<T> payloads, int maxDegreeOfParallelism = -1, CancellationToken cancellationToken = default)
        where T : IJwtPayload<T>
    {
        if (maxDegreeOfParallelism == 0 || maxDegreeOfParallelism < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), maxDegreeOfParallelism, "Use -1 for one thread per core, or a positive number.");
        }

        var options = new BulkSignOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism, StopOnFirstError = true };
        string?[] tokens = SignAll(payloads, options, out BulkSignResult result, cancellationToken);
        if (result.StopReason == BulkSignStopReason.InvalidPayload)
        {
            BulkSignError first = result.Errors[0];
            throw new JwtPayloadValidationException(typeof(T), first.Problems, checked((int)first.Index));
        }

        return tokens!;
    }

    /// <summary>
    /// Signs every payload on all cores and returns the tokens in the same order; an invalid payload gets a
    /// <see langword="null"/> token and is reported in <paramref name="result"/> with its index and problems, and the
    /// others are still signed (unless <see cref="BulkSignOptions.StopOnFirstError"/> is set).
    /// </summary>
    /// <typeparam name="T">The payload type.</typeparam>
    /// <param name="payloads">The payloads to sign.</param>
    /// <param name="options">Workers, chunks and error handling; <see langword="null"/> for the defaults (the delimiter is not used).</param>
    /// <param name="result">The counts and the invalid payloads.</param>
    /// <param name="cancellationToken">Stops the work within one chunk; then <see cref="OperationCanceledException"/> is thrown.</param>
    /// <returns>The tokens, <c>tokens[i]</c> for <c>payloads[i]</c>, <see langword="null"/> where the payload was invalid or not reached after a stop.</returns>
    /// <exception cref="ArgumentException">A payload is <see langword="null"/>; the message gives its index. Or an option is out of range.</exception>
    public string?[] SignAll<T>(IReadOnlyList<T> payloads, BulkSignOptions? options, out BulkSignResult result, CancellationToken cancellationToken = default)
        where T : IJwtPayload<T>
    {
        ArgumentNullException.ThrowIfNull(payloads);
        options ??= BulkSignOptions.Default;
        options.Check(needsDelimiter: false);
        ThrowIfDisposed();
        var tokens = new string?[payloads.Count];
        var run = new BulkRun<T>(this, options, Array.Empty<byte>(), payloads.GetEnumerator(), null, tokens, cancellationToken);

        // The work runs on thread-pool work items; this thread only waits for the chunks in order.
        result = RunAsync(run, options, null, null, null, cancellationToken).GetAwaiter().GetResult();
        return tokens;
    }

    /// <summary>
    /// Signs every payload of <paramref name="payloads"/> on all cores and writes the tokens to
    /// <paramref name="destination"/> in input order, each followed by <see cref="BulkSignOptions.Delimiter"/>, flushing
    /// after every chunk. Invalid payloads are skipped and reported in the result (or stop the run, with
    /// <see cref="BulkSignOptions.StopOnFirstError"/>).
    /// </summary>
    /// <typeparam name="T">The payload type.</typeparam>
    /// <param name="payloads">The payloads, read once, in order, from one thread at a time.</param>
    /// <param name="destination">The writer the tokens go to; it is neither completed nor disposed.</param>
    /// <param name="options">Workers, chunks, delimiter, error handling and progress; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">
    /// Stops the run within one chunk and throws <see cref="OperationCanceledException"/>. What was written is a
    /// sequence of whole tokens, each followed by the delimiter.
    /// </param>
    /// <returns>How many tokens were signed and written, how many payloads were refused and which, and the bytes written.</returns>
    /// <remarks>
    /// <para>
    /// The memory the run holds is bounded by <see cref="BulkSignOptions.MaxChunksInFlight"/> chunks, whatever the
    /// input's length; when <paramref name="destination"/>'s <see cref="PipeWriter.FlushAsync"/> waits (its reader is
    /// slow), the run waits too. Nothing is allocated per token.
    /// </para>
    /// <para>If the reader completes, the run stops with <see cref="BulkSignStopReason.DestinationCompleted"/>.</para>
    /// <para>
    /// The tokens are credentials. The run clears its own buffers before returning them to the pool, but a
    /// <see cref="Pipe"/> on the default <see cref="MemoryPool{T}.Shared"/> hands its segments back to the shared array
    /// pool without clearing them: give the pipe its own pool where that matters.
    /// </para>
    /// <para>
    /// The writes run on whichever thread finished the chunk being written, often a signing thread. The overloads for
    /// a <see cref="Stream"/> or an <see cref="IBufferWriter{T}"/>, from an <see cref="IEnumerable{T}"/>, and the
    /// per-item <see cref="SignEachAsync{T}(IAsyncEnumerable{T}, BulkSignOptions?, CancellationToken)"/> behave the
    /// same way; <see cref="BulkSignOptions"/> says which to pick.
    /// </para>
    /// </remarks>
    /// <exception cref="ArgumentException">A payload is <see langword="null"/> (the message gives its index), or an option is out of range.</exception>
    /// <exception cref="JwtPayloadValidationException">Not thrown: invalid payloads are reported in the result.</exception>
    public Task<BulkSignResult> SignAllAsync<T>(IAsyncEnumerable<T> payloads, PipeWriter destination, BulkSignOptions? options = null, CancellationToken cancellationToken = default)
        where T : IJwtPayload<T>
    {
        ArgumentNullException.ThrowIfNull(destination);
        return StartToSink(null, payloads ?? throw new ArgumentNullException(nameof(payloads)), options, destination, null, null, cancellationToken);
    }

    /// <summary>
    /// Signs every payload of <paramref name="payloads"/> on all cores and writes the tokens to
    /// <paramref name="destination"/> in input order, each followed by the delimiter; see
    /// <see cref="SignAllAsync{T}(IAsyncEnumerable{T}, PipeWriter, BulkSignOptions?, CancellationToken)"/>.
    /// </summary>
    /// <typeparam name="T">The payload type.</typeparam>
    /// <param name="payloads">The payloads, enumerated once, in order, from one thread at a time.</param>
    /// <param name="destination">The writer the tokens go to; it is neither completed nor disposed.</param>
    /// <param name="options">Workers, chunks, delimiter, error handling and progress; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Stops the run within one chunk; what was written is a sequence of whole tokens.</param>
    /// <returns>How many tokens were signed and written, how many payloads were refused and which, and the bytes written.</returns>
    /// <exception cref="ArgumentException">A payload is <see langword="null"/> (the message gives its index), or an option is out of range.</exception>
    public Task<BulkSignResult> SignAllAsync<T>(IEnumerable<T> payloads, PipeWriter destination, BulkSignOptions? options = null, CancellationToken cancellationToken = default)
        where T : IJwtPayload<T>
    {
        ArgumentNullException.ThrowIfNull(destination);
        return StartToSink(payloads ?? throw new ArgumentNullException(nameof(payloads)), null, options, destination, null, null, cancellationToken);
    }

    /// <summary>
    /// Signs every payload of <paramref name="payloads"/> on all cores and writes the tokens to
    /// <paramref name="destination"/> in input order, each followed by the delimiter, one
    /// <see cref="Stream.WriteAsync(ReadOnlyMemory{byte}, CancellationToken)"/> per chunk, and flushes it at the end.
    /// </summary>
    /// <typeparam name="T">The payload type.</typeparam>
    /// <param name="payloads">The payloads, read once, in order, from one thread at a time.</param>
    /// <param name="destination">The writable stream the tokens go to; it is not disposed.</param>
    /// <param name="options">Workers, chunks, delimiter, error handling and progress; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">
    /// Stops the run within one chunk. A chunk's write is not cancelled once started (so that no partial token is
    /// written); what was written is a sequence of whole tokens.
    /// </param>
    /// <returns>How many tokens were signed and written, how many payloads were refused and which, and the bytes written.</returns>
    /// <remarks>A slow stream slows the run down: at most <see cref="BulkSignOptions.MaxChunksInFlight"/> chunks wait for it.</remarks>
    /// <exception cref="ArgumentException">The stream is not writable, a payload is <see langword="null"/> (the message gives its index), or an option is out of range.</exception>
    public Task<BulkSignResult> SignAllAsync<T>(IAsyncEnumerable<T> payloads, Stream destination, BulkSignOptions? options = null, CancellationToken cancellationToken = default)
        where T : IJwtPayload<T>
    {
        CheckWritable(destination);
        return StartToSink(null, payloads ?? throw new ArgumentNullException(nameof(payloads)), options, null, destination, null, cancellationToken);
    }

    /// <summary>
    /// Signs every payload of <paramref name="payloads"/> on all cores and writes the tokens to
    /// <paramref name="destination"/> in input order, each followed by the delimiter; see
    /// <see cref="SignAllAsync{T}(IAsyncEnumerable{T}, Stream, BulkSignOptions?, CancellationToken)"/>.
    /// </summary>
    /// <typeparam name="T">The payload type.</typeparam>
    /// <param name="payloads">The payloads, enumerated once, in order, from one thread at a time.</param>
    /// <param name="destination">The writable stream the tokens go to; it is not disposed.</param>
    /// <param name="options">Workers, chunks, delimiter, error handling and progress; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Stops the run within one chunk; what was written is a sequence of whole tokens.</param>
    /// <returns>How many tokens were signed and written, how many payloads were refused and which, and the bytes written.</returns>
    /// <exception cref="ArgumentException">The stream is not writable, a payload is <see langword="null"/> (the message gives its index), or an option is out of range.</exception>
    public Task<BulkSignResult> SignAllAsync<T>(IEnumerable<T> payloads, Stream destination, BulkSignOptions? options = null, CancellationToken cancellationToken = default)
        where T : IJwtPayload<T>
    {
        CheckWritable(destination);
        return StartToSink(payloads ?? throw new ArgumentNullException(nameof(payloads)), null, options, null, destination, null, cancellationToken);
    }

    /// <summary>
    /// Signs every payload of <paramref name="payloads"/> on all cores and appends the tokens to
    /// <paramref name="destination"/> in input order, each followed by the delimiter, one chunk at a time.
    /// </summary>
    /// <typeparam name="T">The payload type.</typeparam>
    /// <param name="payloads">The payloads, read once, in order, from one thread at a time.</param>
    /// <param name="destination">The buffer writer the tokens are appended to, from one thread at a time.</param>
    /// <param name="options">Workers, chunks, delimiter, error handling and progress; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Stops the run within one chunk; what was written is a sequence of whole tokens.</param>
    /// <returns>How many tokens were signed and written, how many payloads were refused and which, and the bytes written.</returns>
    /// <remarks>
    /// An <see cref="IBufferWriter{T}"/> cannot push back, so an in-memory writer (<see cref="ArrayBufferWriter{T}"/>)
    /// grows to the whole output: for long inputs prefer a <see cref="PipeWriter"/> or a <see cref="Stream"/>, or a
    /// writer that hands its bytes on as they come.
    /// </remarks>
    /// <exception cref="ArgumentException">A payload is <see langword="null"/> (the message gives its index), or an option is out of range.</exception>
    public Task<BulkSignResult> SignAllAsync<T>(IAsyncEnumerable<T> payloads, IBufferWriter<byte> destination, BulkSignOptions? options = null, CancellationToken cancellationToken = default)
        where T : IJwtPayload<T>
    {
        ArgumentNullException.ThrowIfNull(destination);
        return StartToSink(null, payloads ?? throw new ArgumentNullException(nameof(payloads)), options, null, null, destination, cancellationToken);
    }

    /// <summary>
    /// Signs every payload of <paramref name="payloads"/> on all cores and appends the tokens to
    /// <paramref name="destination"/> in input order, each followed by the delimiter; see
    /// <see cref="SignAllAsync{T}(IAsyncEnumerable{T}, IBufferWriter{byte}, BulkSignOptions?, CancellationToken)"/>.
    /// </summary>
    /// <typeparam name="T">The payload type.</typeparam>
    /// <param name="payloads">The payloads, enumerated once, in order, from one thread at a time.</param>
    /// <param name="destination">The buffer writer the tokens are appended to, from one thread at a time.</param>
    /// <param name="options">Workers, chunks, delimiter, error handling and progress; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Stops the run within one chunk; what was written is a sequence of whole tokens.</param>
    /// <returns>How many tokens were signed and written, how many payloads were refused and which, and the bytes written.</returns>
    /// <exception cref="ArgumentException">A payload is <see langword="null"/> (the message gives its index), or an option is out of range.</exception>
    public Task<BulkSignResult> SignAllAsync<T>(IEnumerable<T> payloads, IBufferWriter<byte> destination, BulkSignOptions? options = null, CancellationToken cancellationToken = default)
        where T : IJwtPayload<T>
    {
        ArgumentNullException.ThrowIfNull(destination);
        return StartToSink(payloads ?? throw new ArgumentNullException(nameof(payloads)), null, options, null, null, destination, cancellationToken);
    }

    /// <summary>
    /// Signs every payload of <paramref name="payloads"/> on all cores and yields one item per payload, in input order:
    /// its index and the token's bytes, or the problems when it is invalid. For callers that pair each token with its own
    /// input row.
    /// </summary>
    /// <typeparam name="T">The payload type.</typeparam>
    /// <param name="payloads">The payloads, read once, in order, from one thread at a time.</param>
    /// <param name="options">Workers, chunks, error handling and progress; <see langword="null"/> for the defaults (the delimiter is not used).</param>
    /// <param name="cancellationToken">Stops the run within one chunk; also taken from <c>WithCancellation</c>.</param>
    /// <returns>
    /// The items. An item's <see cref="BulkSignItem.Token"/> is valid only until the enumerator moves on; the run signs
    /// ahead by at most <see cref="BulkSignOptions.MaxChunksInFlight"/> chunks, so a slow loop body slows it down.
    /// With <see cref="BulkSignOptions.StopOnFirstError"/> the first invalid payload's item is the last one.
    /// </returns>
    /// <remarks>The loop body may run on a signing thread; the other workers keep signing ahead meanwhile.</remarks>
    /// <exception cref="ArgumentException">An option is out of range (thrown here), or a payload is <see langword="null"/> (thrown while enumerating; the message gives its index).</exception>
    public IAsyncEnumerable<BulkSignItem> SignEachAsync<T>(IAsyncEnumerable<T> payloads, BulkSignOptions? options = null, CancellationToken cancellationToken = default)
        where T : IJwtPayload<T>
    {
        ArgumentNullException.ThrowIfNull(payloads);
        options ??= BulkSignOptions.Default;
        options.Check(needsDelimiter: false);
        ThrowIfDisposed();
        return EachAsync(null, payloads, options, cancellationToken);
    }

    /// <summary>
    /// Signs every payload of <paramref name="payloads"/> on all cores and yields one item per payload, in input order;
    /// see <see cref="SignEachAsync{T}(IAsyncEnumerable{T}, BulkSignOptions?, CancellationToken)"/>.
    /// </summary>
    /// <typeparam name="T">The payload type.</typeparam>
    /// <param name="payloads">The payloads, enumerated once, in order, from one thread at a time.</param>
    /// <param name="options">Workers, chunks, error handling and progress; <see langword="null"/> for the defaults (the delimiter is not used).</param>
    /// <param name="cancellationToken">Stops the run within one chunk; also taken from <c>WithCancellation</c>.</param>
    /// <returns>The items; an item's <see cref="BulkSignItem.Token"/> is valid only until the enumerator moves on.</returns>
    /// <exception cref="ArgumentException">An option is out of range (thrown here), or a payload is <see langword="null"/> (thrown while enumerating; the message gives its index).</exception>
    public IAsyncEnumerable<BulkSignItem> SignEachAsync<T>(IEnumerable<T> payloads, BulkSignOptions? options = null, CancellationToken cancellationToken = default)
        where T : IJwtPayload<T>
    {
        ArgumentNullException.ThrowIfNull(payloads);
        options ??= BulkSignOptions.Default;
        options.Check(needsDelimiter: false);
        ThrowIfDisposed();
        return EachAsync(payloads, null, options, cancellationToken);
    }

    /// <summary>Signs an already validated payload into <paramref name="destination"/>, or says how long the token is.</summary>
    internal bool TrySignValidated<T>(T payload, Span<byte> destination, out int bytesWritten, out int required) where T : IJwtPayload<T>
    {
        JsonScratch json = WritePayloadJson(payload);
        try
        {
            required = GetTokenLength(json.WrittenSpan.Length);
            if (destination.Length < required)
            {
                bytesWritten = 0;
                return false;
            }

            bytesWritten = Assemble(json.WrittenSpan, destination);
            return true;
        }
        finally
        {
            json.Return();
        }
    }

    private static void CheckWritable(Stream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (!destination.CanWrite)
        {
            throw new ArgumentException("The destination stream is not writable.", nameof(destination));
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

    private Task<BulkSignResult> StartToSink<T>(
        IEnumerable<T>? payloads,
        IAsyncEnumerable<T>? asyncPayloads,
        BulkSignOptions? options,
        PipeWriter? pipe,
        Stream? stream,
        IBufferWriter<byte>? writer,
        CancellationToken cancellationToken)
        where T : IJwtPayload<T>
    {
        options ??= BulkSignOptions.Default;
        byte[] delimiter = options.Check(needsDelimiter: true);
        ThrowIfDisposed();
        return StartToSinkAsync(payloads, asyncPayloads, options, delimiter, pipe, stream, writer, cancellationToken);
    }

    private async Task<BulkSignResult> StartToSinkAsync<T>(
        IEnumerable<T>? payloads,
        IAsyncEnumerable<T>? asyncPayloads,
        BulkSignOptions options,
        byte[] delimiter,
        PipeWriter? pipe,
        Stream? stream,
        IBufferWriter<byte>? writer,
        CancellationToken cancellationToken)
        where T : IJwtPayload<T>
    {
        IEnumerator<T>? input = payloads?.GetEnumerator();
        IAsyncEnumerator<T>? asyncInput = asyncPayloads?.GetAsyncEnumerator(cancellationToken);
        try
        {
            var run = new BulkRun<T>(this, options, delimiter, input, asyncInput, null, cancellationToken);
            return await RunAsync(run, options, pipe, stream, writer, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            input?.Dispose();
            if (asyncInput is not null)
            {
                await asyncInput.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Takes the signed chunks in order, writes them, counts and reports; releases the run's buffers at the end.</summary>
    private static async Task<BulkSignResult> RunAsync<T>(
        BulkRun<T> run,
        BulkSignOptions options,
        PipeWriter? pipe,
        Stream? stream,
        IBufferWriter<byte>? writer,
        CancellationToken cancellationToken)
        where T : IJwtPayload<T>
    {
        long signed = 0;
        long refused = 0;
        long bytes = 0;
        var errors = new List<BulkSignError>();
        var stop = BulkSignStopReason.None;
        var progress = new ProgressClock(options);
        try
        {
            while (await run.NextAsync().ConfigureAwait(false) is { } chunk)
            {
                bool stopHere = false;
                if (chunk.Errors is { } chunkErrors)
                {
                    if (options.StopOnFirstError)
                    {
                        // The first chunk with an error holds the first invalid payload; the worker stopped right after it.
                        errors.Add(chunkErrors[0]);
                        refused++;
                        stop = BulkSignStopReason.InvalidPayload;
                        stopHere = true;
                    }
                    else
                    {
                        refused += chunkErrors.Count;
                        for (int i = 0; i < chunkErrors.Count && errors.Count < options.MaxRecordedErrors; i++)
                        {
                            errors.Add(chunkErrors[i]);
                        }
                    }
                }

                signed += chunk.SignedCount;
                int length = chunk.Length;
                if (length > 0)
                {
                    if (pipe is not null)
                    {
                        pipe.Write(chunk.Buffer.AsSpan(0, length));
                        bytes += length;

                        // The chunk is committed to the pipe before the flush waits: a cancelled flush leaves whole tokens.
                        FlushResult flushed = await pipe.FlushAsync(cancellationToken).ConfigureAwait(false);
                        if (flushed.IsCanceled)
                        {
                            throw new OperationCanceledException("The PipeWriter's pending flush was cancelled.");
                        }

                        if (flushed.IsCompleted)
                        {
                            stop = BulkSignStopReason.DestinationCompleted;
                            stopHere = true;
                        }
                    }
                    else if (stream is not null)
                    {
                        // Not cancellable once started, so that the stream never gets part of a chunk.
                        await stream.WriteAsync(chunk.Buffer.AsMemory(0, length), CancellationToken.None).ConfigureAwait(false);
                        bytes += length;
                    }
                    else if (writer is not null)
                    {
                        writer.Write(chunk.Buffer.AsSpan(0, length));
                        bytes += length;
                    }
                }
                else if (pipe is null && stream is null && writer is null)
                {
                    // Strings: the tokens' total length.
                    bytes += chunk.TokenBytes;
                }

                progress.Tick(signed, refused, bytes);
                if (stopHere)
                {
                    run.StopReading();
                    break;
                }
            }

            if (stream is not null)
            {
                await stream.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            await run.ReleaseAsync().ConfigureAwait(false);
        }

        progress.Final(signed, refused, bytes);
        return new BulkSignResult(signed, refused, bytes, errors, stop);
    }

    private async IAsyncEnumerable<BulkSignItem> EachAsync<T>(
        IEnumerable<T>? payloads,
        IAsyncEnumerable<T>? asyncPayloads,
        BulkSignOptions options,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : IJwtPayload<T>
    {
        IEnumerator<T>? input = payloads?.GetEnumerator();
        IAsyncEnumerator<T>? asyncInput = asyncPayloads?.GetAsyncEnumerator(cancellationToken);
        var run = new BulkRun<T>(this, options, Array.Empty<byte>(), input, asyncInput, null, cancellationToken);
        var progress = new ProgressClock(options);
        long signed = 0;
        long refused = 0;
        try
        {
            while (await run.NextAsync().ConfigureAwait(false) is { } chunk)
            {
                List<BulkSignError>? errors = chunk.Errors;
                int nextError = 0;
                int start = 0;
                for (int i = 0; i < chunk.Processed; i++)
                {
                    long index = chunk.FirstIndex + i;
                    if (errors is not null && nextError < errors.Count && errors[nextError].Index == index)
                    {
                        refused++;
                        yield return new BulkSignItem(index, ReadOnlyMemory<byte>.Empty, errors[nextError++].Problems);
                        if (options.StopOnFirstError)
                        {
                            run.StopReading();
                            progress.Final(signed, refused, 0);
                            yield break;
                        }
                    }
                    else
                    {
                        int end = chunk.Ends[i];
                        signed++;
                        yield return new BulkSignItem(index, new ReadOnlyMemory<byte>(chunk.Buffer, start, end - start), null);
                        start = end;
                    }
                }

                progress.Tick(signed, refused, 0);
            }

            progress.Final(signed, refused, 0);
        }
        finally
        {
            await run.ReleaseAsync().ConfigureAwait(false);
            input?.Dispose();
            if (asyncInput is not null)
            {
                await asyncInput.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Reports progress at most once per interval, and once at the end.</summary>
    private struct ProgressClock
    {
        private readonly IProgress<BulkSignProgress>? _progress;
        private readonly TimeProvider _time;
        private readonly TimeSpan _interval;
        private long _last;

        public ProgressClock(BulkSignOptions options)
        {
            _progress = options.Progress;
            _time = options.TimeProvider;
            _interval = options.ProgressInterval;
            _last = _progress is null ? 0 : _time.GetTimestamp();
        }

        public void Tick(long signed, long refused, long bytes)
        {
            if (_progress is null)
            {
                return;
            }

            long now = _time.GetTimestamp();
            if (_time.GetElapsedTime(_last, now) >= _interval)
            {
                _last = now;
                _progress.Report(new BulkSignProgress(signed, refused, bytes));
            }
        }

        public readonly void Final(long signed, long refused, long bytes) =>
            _progress?.Report(new BulkSignProgress(signed, refused, bytes));
    }
}
