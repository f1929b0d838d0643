using System;
using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace TokenSchema.Internal;

/// <summary>
/// A per-thread, reusable <see cref="Utf8JsonWriter"/> over a growable byte buffer, so that writing a payload
/// allocates nothing after the first token on a thread. Re-entrant use on one thread gets a fresh instance.
/// </summary>
internal sealed class JsonScratch : IBufferWriter<byte>
{
    private const int InitialCapacity = 1024;
    private const int RetainedCapacity = 64 * 1024;

    internal static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
        SkipValidation = false,
    };

    [ThreadStatic]
    private static JsonScratch? t_cached;

    private byte[] _buffer = new byte[InitialCapacity];
    private int _written;
    private int _touched;
    private bool _inUse;

    private readonly Utf8JsonWriter _writer;
    private bool _writerUsed;

    private JsonScratch()
    {
        _writer = new Utf8JsonWriter(this, WriterOptions);
    }

    /// <summary>The writer over this buffer; <see cref="Return"/> resets it when it was asked for.</summary>
    public Utf8JsonWriter Writer
    {
        get
        {
            _writerUsed = true;
            return _writer;
        }
    }

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _written);

    /// <summary>
    /// The unused rest of the buffer, for a caller that writes and then calls <see cref="Advance"/>. Only what is then
    /// advanced over is cleared by <see cref="Return"/>: a caller that writes without advancing must clear it itself.
    /// </summary>
    public Span<byte> FreeSpan => _buffer.AsSpan(_written);

    /// <summary>This thread's cached buffer, for tests that check it is cleared after every token.</summary>
    internal static byte[]? CachedBuffer => t_cached?._buffer;

    public static JsonScratch Rent()
    {
        JsonScratch? scratch = t_cached;
        if (scratch is null || scratch._inUse)
        {
            scratch = new JsonScratch();
            t_cached ??= scratch;
        }

        scratch._inUse = true;
        return scratch;
    }

    public void Return()
    {
        if (_writerUsed)
        {
            _writer.Reset();
            _writerUsed = false;
        }

        // The buffer held claims and a signed token: clear what was written before the next payload on this thread.
        Array.Clear(_buffer, 0, Math.Min(_buffer.Length, Math.Max(_written, _touched)));
        _written = 0;
        _touched = 0;
        if (_buffer.Length > RetainedCapacity)
        {
            _buffer = new byte[InitialCapacity];
        }

        _inUse = false;
    }

    public void Advance(int count)
    {
        if ((uint)count > (uint)(_buffer.Length - _written))
        {
            throw new ArgumentOutOfRangeException(nameof(count));
        }

        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_written);
    }

    private void Ensure(int sizeHint)
    {
        if (sizeHint < 1)
        {
            sizeHint = 1;
        }

        if (_buffer.Length - _written < sizeHint)
        {
            int size = Math.Max(_buffer.Length * 2, _written + sizeHint);
            byte[] larger = new byte[size];
            _buffer.AsSpan(0, _written).CopyTo(larger);
            Array.Clear(_buffer);
            _buffer = larger;
        }

        _touched = Math.Max(_touched, _written + sizeHint);
    }
}
