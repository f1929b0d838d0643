using System;
using System.Buffers;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using System.Threading.Tasks.Sources;

namespace TokenSchema.Internal;

/// <summary>
/// A chunk of consecutive payloads and, once signed, their tokens back to back (each followed by the delimiter) in one
/// pooled buffer. A run owns a fixed set of chunks and recycles them, so the memory it holds does not grow with the
/// input. The chunk is also the awaitable the consumer waits on until its worker is done.
/// </summary>
internal sealed class BulkChunk<T> : IValueTaskSource
{
    // Room for a chunk of typical tokens (a few hundred bytes each) from the start, so that a run rarely grows a buffer.
    private const int BytesPerTokenEstimate = 512;

    // The consumer's continuation runs on the worker that completes the chunk it waits for: no thread hop, and no
    // wait for a free thread-pool thread while every worker is busy.
    private ManualResetValueTaskSourceCore<bool> _done = new() { RunContinuationsAsynchronously = false };

    public BulkChunk(int size)
    {
        Items = new T[size];
        Ends = new int[size];
        Buffer = ArrayPool<byte>.Shared.Rent(Math.Max(4096, size * BytesPerTokenEstimate));
    }

    /// <summary>The payloads; the first <see cref="Count"/> are this chunk's.</summary>
    public T[] Items { get; }

    /// <summary>After signing: where item i's bytes end (token and delimiter); an invalid item adds no bytes.</summary>
    public int[] Ends { get; }

    public byte[] Buffer { get; set; }

    public int Count { get; set; }

    /// <summary>The index of <c>Items[0]</c> in the input.</summary>
    public long FirstIndex { get; set; }

    /// <summary>How many items the worker handled; fewer than <see cref="Count"/> when the run stopped or was cancelled.</summary>
    public int Processed { get; set; }

    /// <summary>The bytes of the handled items' tokens and delimiters: <c>Buffer[..Length]</c>.</summary>
    public int Length { get; set; }

    /// <summary>The most bytes of <see cref="Buffer"/> ever written in this run: what must be cleared.</summary>
    public int HighWater { get; set; }

    public int SignedCount { get; set; }

    /// <summary>The tokens' total length, delimiters not included.</summary>
    public long TokenBytes { get; set; }

    /// <summary>The invalid items in index order, or <see langword="null"/>.</summary>
    public List<BulkSignError>? Errors { get; set; }

    public short Version => _done.Version;

    public void Prepare()
    {
        _done.Reset();
        Processed = 0;
        Length = 0;
        SignedCount = 0;
        TokenBytes = 0;
        Errors = null;
    }

    public void Complete() => _done.SetResult(true);

    /// <summary>Grows the buffer so that <paramref name="needed"/> more bytes fit after <see cref="Length"/>.</summary>
    public void Grow(int needed)
    {
        byte[] larger = ArrayPool<byte>.Shared.Rent(Math.Max(Buffer.Length * 2, Length + needed));
        Buffer.AsSpan(0, Length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(Buffer, clearArray: true);
        Buffer = larger;
        HighWater = Length;
    }

    /// <summary>Drops the payload references and the tokens (they are credentials) and returns the buffer to the pool.</summary>
    public void Release()
    {
        Array.Clear(Items);
        Array.Clear(Buffer, 0, Math.Min(Buffer.Length, Math.Max(HighWater, Length)));
        ArrayPool<byte>.Shared.Return(Buffer);
        Buffer = Array.Empty<byte>();
    }

    void IValueTaskSource.GetResult(short token) => _done.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _done.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _done.OnCompleted(continuation, state, token, flags);
}

/// <summary>
/// One bulk signing run. The consumer (the caller's async method) reads the input into free chunks, hands them to at
/// most <c>workers</c> thread-pool work items, and takes the chunks back in input order as they are signed; a chunk
/// is refilled only after the consumer is done with it, so a slow consumer stops the reading and the signing.
/// Nothing is allocated per chunk or per token once the run has started.
/// </summary>
internal sealed class BulkRun<T> : IThreadPoolWorkItem where T : IJwtPayload<T>
{
    private readonly JwtSigner _signer;
    private readonly byte[] _delimiter;
    private readonly int _chunkSize;
    private readonly int _maxWorkers;
    private readonly bool _stopOnFirstError;
    private readonly CancellationToken _cancellationToken;
    private readonly Queue<BulkChunk<T>> _free;
    private readonly Queue<BulkChunk<T>> _inFlight;
    private readonly Queue<BulkChunk<T>> _ready;
    private readonly IEnumerator<T>? _input;
    private readonly IAsyncEnumerator<T>? _asyncInput;
    private readonly string?[]? _strings;
    private readonly BulkChunk<T>[] _all;

    private BulkChunk<T>? _current;
    private long _nextIndex;
    private long _firstErrorIndex = long.MaxValue;
    private int _activeWorkers;
    private bool _inputDone;
    private bool _released;
    private volatile bool _aborted;
    private ExceptionDispatchInfo? _fault;

    public BulkRun(JwtSigner signer, BulkSignOptions options, byte[] delimiter, IEnumerator<T>? input, IAsyncEnumerator<T>? asyncInput, string?[]? strings, CancellationToken cancellationToken)
    {
        _signer = signer;
        _delimiter = delimiter;
        _chunkSize = options.ChunkSize;
        _maxWorkers = options.ResolveWorkers();
        _stopOnFirstError = options.StopOnFirstError;
        _cancellationToken = cancellationToken;
        _input = input;
        _asyncInput = asyncInput;
        _strings = strings;
        int window = options.MaxChunksInFlight == 0 ? 4 * _maxWorkers : options.MaxChunksInFlight;
        window = Math.Max(window, 1);
        _all = new BulkChunk<T>[window];
        _free = new Queue<BulkChunk<T>>(window);
        _inFlight = new Queue<BulkChunk<T>>(window);
        _ready = new Queue<BulkChunk<T>>(window);
        for (int i = 0; i < window; i++)
        {
            _all[i] = new BulkChunk<T>(_chunkSize);
            _free.Enqueue(_all[i]);
        }
    }

    /// <summary>
    /// Recycles the chunk returned last, refills every free chunk from the input, and returns the next chunk in input
    /// order once it is signed; <see langword="null"/> at the end of the input.
    /// </summary>
    /// <exception cref="OperationCanceledException">The run was cancelled; no part of a cancelled chunk is returned.</exception>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<BulkChunk<T>?> NextAsync()
    {
        if (_current is not null)
        {
            _free.Enqueue(_current);
            _current = null;
        }

        _cancellationToken.ThrowIfCancellationRequested();
        while (!_inputDone && _free.Count > 0 && !_cancellationToken.IsCancellationRequested)
        {
            BulkChunk<T> chunk = _free.Peek();
            int count = 0;
            if (_input is not null)
            {
                while (count < _chunkSize && _input.MoveNext())
                {
                    chunk.Items[count++] = CheckNotNull(_input.Current, _nextIndex + count - 1);
                }
            }
            else
            {
                while (count < _chunkSize && await _asyncInput!.MoveNextAsync().ConfigureAwait(false))
                {
                    chunk.Items[count++] = CheckNotNull(_asyncInput.Current, _nextIndex + count - 1);
                }
            }

            if (count < _chunkSize)
            {
                _inputDone = true;
            }

            if (count == 0)
            {
                break;
            }

            _free.Dequeue();
            chunk.Count = count;
            chunk.FirstIndex = _nextIndex;
            _nextIndex += count;
            chunk.Prepare();
            _inFlight.Enqueue(chunk);
            Dispatch(chunk);
        }

        if (_inFlight.Count == 0)
        {
            return null;
        }

        BulkChunk<T> next = _inFlight.Dequeue();
        _current = next;
        await new ValueTask(next, next.Version).ConfigureAwait(false);
        // A worker's exception fails the run, even if this chunk is whole; a cancelled chunk is never returned.
        Volatile.Read(ref _fault)?.Throw();
        _cancellationToken.ThrowIfCancellationRequested();
        return next;
    }

    /// <summary>Stops reading: the consumer takes no more chunks (the first error with StopOnFirstError, or a completed reader).</summary>
    public void StopReading() => _inputDone = true;

    /// <summary>Waits for every chunk still being signed, then returns the buffers. Never throws for the chunks' outcomes.</summary>
    public async ValueTask ReleaseAsync()
    {
        if (_released)
        {
            return;
        }

        _released = true;

        // Tell the workers to give up their chunks, then wait for them: the buffers cannot go back to the pool while
        // a worker still writes into them.
        _aborted = true;
        while (_inFlight.Count > 0)
        {
            BulkChunk<T> chunk = _inFlight.Dequeue();
            await new ValueTask(chunk, chunk.Version).ConfigureAwait(false);
        }

        foreach (BulkChunk<T> chunk in _all)
        {
            chunk.Release();
        }
    }

    /// <summary>Signs the chunks handed over until none is left; at most <c>workers</c> of these run at once.</summary>
    void IThreadPoolWorkItem.Execute()
    {
        while (true)
        {
            BulkChunk<T>? chunk;
            lock (_ready)
            {
                if (!_ready.TryDequeue(out chunk))
                {
                    _activeWorkers--;
                    return;
                }
            }

            try
            {
                Sign(chunk);
            }
            catch (Exception exception)
            {
                Interlocked.CompareExchange(ref _fault, ExceptionDispatchInfo.Capture(exception), null);
                _aborted = true;
            }

            chunk.Complete();
        }
    }

    private static T CheckNotNull(T payload, long index)
    {
        if (payload is null)
        {
            throw new ArgumentException($"The payload at index {index} is null.", "payloads");
        }

        return payload;
    }

    private void Dispatch(BulkChunk<T> chunk)
    {
        bool start = false;
        lock (_ready)
        {
            _ready.Enqueue(chunk);
            if (_activeWorkers < _maxWorkers)
            {
                _activeWorkers++;
                start = true;
            }
        }

        if (start)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    private void Sign(BulkChunk<T> chunk)
    {
        // Counts stay in locals and reach the chunk once at the end: the chunks are small neighbouring objects, and
        // per-token writes to their fields from two workers would share cache lines.
        bool validate = _signer.ValidatesPayloads;
        int length = 0;
        int signed = 0;
        long tokenBytes = 0;
        int longest = 0;
        int[] ends = chunk.Ends;
        int i = 0;
        try
        {
            for (; i < chunk.Count; i++)
            {
                long index = chunk.FirstIndex + i;
                if (index > Volatile.Read(ref _firstErrorIndex) || _aborted || _cancellationToken.IsCancellationRequested)
                {
                    break;
                }

                T payload = chunk.Items[i];
                if (validate)
                {
                    ClaimValidationResult validation = payload.Validate();
                    if (!validation.IsValid)
                    {
                        (chunk.Errors ??= new List<BulkSignError>()).Add(new BulkSignError(index, validation.Problems));
                        ends[i] = length;
                        if (_stopOnFirstError)
                        {
                            long seen = Volatile.Read(ref _firstErrorIndex);
                            while (index < seen && Interlocked.CompareExchange(ref _firstErrorIndex, index, seen) != seen)
                            {
                                seen = Volatile.Read(ref _firstErrorIndex);
                            }
                        }

                        continue;
                    }
                }

                int tokenLength;
                while (true)
                {
                    Span<byte> room = chunk.Buffer.AsSpan(length);
                    int space = room.Length - _delimiter.Length;
                    int written = 0;
                    int required = 0;
                    if (space > 0 && _signer.TrySignValidated(payload, room[..space], out written, out required))
                    {
                        tokenLength = written;
                        if (_strings is not null)
                        {
                            // Strings: every token is signed at the start of the buffer, over the previous one.
                            longest = Math.Max(longest, written);
                            _strings[index] = Encoding.ASCII.GetString(room[..written]);
                        }
                        else
                        {
                            _delimiter.CopyTo(room[written..]);
                            length += written + _delimiter.Length;
                        }

                        break;
                    }

                    chunk.Length = length;
                    chunk.Grow(Math.Max(required, 1024) + _delimiter.Length);
                }

                signed++;
                tokenBytes += tokenLength;
                ends[i] = length;
            }
        }
        finally
        {
            // Also when a payload's writer throws: what was written must be cleared when the buffer goes back.
            chunk.HighWater = Math.Max(chunk.HighWater, Math.Max(length, longest));
        }

        chunk.SignedCount = signed;
        chunk.TokenBytes = tokenBytes;
        chunk.Processed = i;
        chunk.Length = length;
    }
}
