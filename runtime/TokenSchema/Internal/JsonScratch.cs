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

    private JsonScratch()
    {
        Writer = new Utf8JsonWriter(this, WriterOptions);
    }

    public Utf8JsonWriter Writer { get; }

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _written);

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
        Writer.Reset();

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
