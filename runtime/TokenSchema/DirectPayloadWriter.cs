using System;
using System.Buffers;
using System.Buffers.Text;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace TokenSchema;

/// <summary>
/// Implemented by generated payloads: writes the payload's JSON straight into a byte span, the very bytes
/// <see cref="IJwtPayload{TSelf}.WritePayload"/> writes through the signer's <see cref="Utf8JsonWriter"/>, when every
/// claim present has a simple shape (text that needs no escaping, numbers, booleans, ids, enum values). The signer
/// uses it for reference-type payloads and falls back to <see cref="IJwtPayload{TSelf}.WritePayload"/> on
/// <see langword="false"/>.
/// </summary>
/// <remarks>Public so that generated code in other assemblies can implement it; not meant to be implemented or called by hand.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IDirectPayloadWriter
{
    /// <summary>
    /// Writes the payload's JSON object into <paramref name="destination"/>, or returns <see langword="false"/> when a
    /// claim needs the general writer or the span is too small.
    /// </summary>
    /// <param name="destination">Where the JSON goes.</param>
    /// <param name="bytesWritten">
    /// The JSON's length; on <see langword="false"/>, how many bytes at the start of <paramref name="destination"/> may
    /// have been written to (claims written before the refusal), which the caller clears.
    /// </param>
    /// <returns><see langword="true"/> when the whole object was written.</returns>
    bool TryWritePayloadUtf8(Span<byte> destination, out int bytesWritten);
}

/// <summary>
/// The writer generated <see cref="IDirectPayloadWriter.TryWritePayloadUtf8"/> implementations write with: compact
/// JSON, one object, names pre-encoded, and any value that would need escaping (or does not fit) refused instead of
/// written, so that the caller can fall back to <see cref="Utf8JsonWriter"/> and get its exact bytes.
/// </summary>
/// <remarks>
/// <para>Public so that generated code in other assemblies can call it; not meant to be called by hand.</para>
/// <para>
/// Every property is written with a leading comma; <see cref="TryComplete"/> turns the first one into the <c>{</c>.
/// The name overloads that take a span want the separator, the quoted name and the colon as one constant
/// (<c>,"iat":</c>), which the generator emits for the names JSON writes as they are.
/// </para>
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public ref struct DirectPayloadWriter
{
    // The printable ASCII characters the signer's encoder writes as they are; any other character (controls, '"', '\',
    // DEL, non-ASCII) sends the payload to Utf8JsonWriter. Taken from the encoder itself, so both agree by construction.
    private static readonly SearchValues<char> Verbatim = BuildVerbatim();

    // Whether those are all of printable ASCII but '"' and '\' (true of the relaxed encoder), which the range checks
    // of TryNarrowPrintable test without a lookup.
    private static readonly bool PrintableAsciiIsVerbatim = CheckPrintableAsciiIsVerbatim();

    // A static array rather than a span over constant data, which unoptimized code allocates on every call.
    private static readonly ulong[] PowersOf10 =
    {
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000, 10_000_000_000,
        100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000, 1_000_000_000_000_000,
        10_000_000_000_000_000, 100_000_000_000_000_000, 1_000_000_000_000_000_000, 10_000_000_000_000_000_000,
    };

    // The longest integer: "-9223372036854775808".
    private const int MaxIntegerLength = 20;

    private readonly Span<byte> _destination;
    private int _position;

    // How far into the destination anything may have been written: the end of the last reservation.
    private int _dirty;
    private bool _failed;

    /// <summary>Starts the object at the beginning of <paramref name="destination"/>.</summary>
    /// <param name="destination">Where the JSON goes.</param>
    public DirectPayloadWriter(Span<byte> destination)
    {
        _destination = destination;
        _position = 0;
        _dirty = 0;
        _failed = false;
    }

    /// <summary>Writes <paramref name="name"/> and the string <paramref name="value"/>, or fails when it needs escaping.</summary>
    /// <param name="name">The separator, quoted name and colon, for example <c>,"u":</c>.</param>
    /// <param name="value">The text.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteString(ReadOnlySpan<byte> name, string value)
    {
        if (TryWriteName(name, value.Length + 2L))
        {
            WriteText(value);
        }
    }

    /// <summary>Writes <paramref name="name"/> and the string <paramref name="value"/>, or fails when it needs escaping.</summary>
    /// <param name="name">The claim name, encoded with the signer's encoder.</param>
    /// <param name="value">The text.</param>
    public void WriteString(JsonEncodedText name, string value)
    {
        if (TryWriteName(name, value.Length + 2L))
        {
            WriteText(value);
        }
    }

    /// <summary>Writes <paramref name="name"/> and <paramref name="value"/> as a string in the <c>D</c> format.</summary>
    /// <param name="name">The separator, quoted name and colon, for example <c>,"d":</c>.</param>
    /// <param name="value">The id.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteString(ReadOnlySpan<byte> name, Guid value)
    {
        if (TryWriteName(name, 38))
        {
            WriteGuid(value);
        }
    }

    /// <summary>Writes <paramref name="name"/> and <paramref name="value"/> as a string in the <c>D</c> format.</summary>
    /// <param name="name">The claim name, encoded with the signer's encoder.</param>
    /// <param name="value">The id.</param>
    public void WriteString(JsonEncodedText name, Guid value)
    {
        if (TryWriteName(name, 38))
        {
            WriteGuid(value);
        }
    }

    /// <summary>Writes <paramref name="name"/> and the pre-encoded string <paramref name="value"/>.</summary>
    /// <param name="name">The separator, quoted name and colon, for example <c>,"uil":</c>.</param>
    /// <param name="value">The value, encoded with the signer's encoder.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteString(ReadOnlySpan<byte> name, JsonEncodedText value)
    {
        if (TryWriteName(name, value.EncodedUtf8Bytes.Length + 2L))
        {
            WriteEncoded(value);
        }
    }

    /// <summary>Writes <paramref name="name"/> and the pre-encoded string <paramref name="value"/>.</summary>
    /// <param name="name">The claim name, encoded with the signer's encoder.</param>
    /// <param name="value">The value, encoded with the signer's encoder.</param>
    public void WriteString(JsonEncodedText name, JsonEncodedText value)
    {
        if (TryWriteName(name, value.EncodedUtf8Bytes.Length + 2L))
        {
            WriteEncoded(value);
        }
    }

    /// <summary>Writes <paramref name="name"/> and the integer <paramref name="value"/>.</summary>
    /// <param name="name">The separator, quoted name and colon, for example <c>,"iat":</c>.</param>
    /// <param name="value">The number.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteNumber(ReadOnlySpan<byte> name, long value)
    {
        if (TryWriteName(name, MaxIntegerLength))
        {
            WriteInteger(value);
        }
    }

    /// <summary>Writes <paramref name="name"/> and the integer <paramref name="value"/>.</summary>
    /// <param name="name">The claim name, encoded with the signer's encoder.</param>
    /// <param name="value">The number.</param>
    public void WriteNumber(JsonEncodedText name, long value)
    {
        if (TryWriteName(name, MaxIntegerLength))
        {
            WriteInteger(value);
        }
    }

    /// <summary>Writes <paramref name="name"/> and <c>true</c> or <c>false</c>.</summary>
    /// <param name="name">The separator, quoted name and colon, for example <c>,"o":</c>.</param>
    /// <param name="value">The value.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteBoolean(ReadOnlySpan<byte> name, bool value)
    {
        if (TryWriteName(name, 5))
        {
            WriteLiteral(value);
        }
    }

    /// <summary>Writes <paramref name="name"/> and <c>true</c> or <c>false</c>.</summary>
    /// <param name="name">The claim name, encoded with the signer's encoder.</param>
    /// <param name="value">The value.</param>
    public void WriteBoolean(JsonEncodedText name, bool value)
    {
        if (TryWriteName(name, 5))
        {
            WriteLiteral(value);
        }
    }

    /// <summary>Gives up on a claim only the general writer writes.</summary>
    /// <param name="bytesWritten">How many bytes at the start of the destination may have been written to.</param>
    /// <returns><see langword="false"/>.</returns>
    public readonly bool Refuse(out int bytesWritten)
    {
        bytesWritten = _dirty;
        return false;
    }

    /// <summary>Ends the object.</summary>
    /// <param name="bytesWritten">
    /// The object's length; when a claim was refused or the span was too small, how many bytes at the start of the
    /// destination may have been written to.
    /// </param>
    /// <returns><see langword="true"/> when the whole object was written.</returns>
    public bool TryComplete(out int bytesWritten)
    {
        int position = _position;
        if (_failed || (position == 0 ? _destination.Length < 2 : position >= _destination.Length))
        {
            bytesWritten = _dirty;
            return false;
        }

        if (position == 0)
        {
            _destination[position++] = (byte)'{';
        }
        else
        {
            // The first property's separator.
            _destination[0] = (byte)'{';
        }

        _destination[position++] = (byte)'}';
        bytesWritten = position;
        return true;
    }

    /// <summary>The byte at the current position; only after a successful reservation.</summary>
    private readonly ref byte Current => ref Unsafe.Add(ref MemoryMarshal.GetReference(_destination), (nint)(uint)_position);

    /// <summary>Copies the separator, quoted name and colon, after checking that they and <paramref name="valueLength"/> more bytes fit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryWriteName(ReadOnlySpan<byte> name, long valueLength)
    {
        if (_failed || (long)(_destination.Length - _position) < name.Length + valueLength || name.Length < 4)
        {
            _failed = true;
            return false;
        }

        _dirty = Math.Max(_dirty, _position + name.Length + (int)valueLength);
        Unsafe.CopyBlockUnaligned(ref Current, ref MemoryMarshal.GetReference(name), (uint)name.Length);
        _position += name.Length;
        return true;
    }

    /// <summary>Writes the separator and <c>"name":</c>, after checking that they and <paramref name="valueLength"/> more bytes fit.</summary>
    private bool TryWriteName(JsonEncodedText name, long valueLength)
    {
        ReadOnlySpan<byte> bytes = name.EncodedUtf8Bytes;
        if (_failed || (long)(_destination.Length - _position) < 4L + bytes.Length + valueLength)
        {
            _failed = true;
            return false;
        }

        _dirty = Math.Max(_dirty, _position + 4 + bytes.Length + (int)valueLength);
        Span<byte> output = _destination.Slice(_position);
        output[0] = (byte)',';
        output[1] = (byte)'"';
        bytes.CopyTo(output.Slice(2));
        output[bytes.Length + 2] = (byte)'"';
        output[bytes.Length + 3] = (byte)':';
        _position += bytes.Length + 4;
        return true;
    }

    // The value writers below run after a reservation of their longest length.
    private void WriteText(string value)
    {
        ReadOnlySpan<char> text = value.AsSpan();
        ref byte output = ref Current;
        bool verbatim = PrintableAsciiIsVerbatim
            ? (Vector128.IsHardwareAccelerated && text.Length >= Vector128<ushort>.Count
                ? TryNarrowPrintableVectorized(text, ref Unsafe.Add(ref output, 1))
                : TryNarrowPrintable(text, ref Unsafe.Add(ref output, 1)))
            : TryNarrowVerbatim(text, ref Unsafe.Add(ref output, 1));
        if (!verbatim)
        {
            _failed = true;
            return;
        }

        output = (byte)'"';
        Unsafe.Add(ref output, text.Length + 1) = (byte)'"';
        _position += text.Length + 2;
    }

    /// <summary>Narrows <paramref name="text"/> when it is all printable ASCII but '"' and '\'.</summary>
    private static bool TryNarrowPrintable(ReadOnlySpan<char> text, ref byte destination)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if ((uint)(c - ' ') > '~' - ' ' || c == '"' || c == '\\')
            {
                return false;
            }

            Unsafe.Add(ref destination, i) = (byte)c;
        }

        return true;
    }

    /// <summary>
    /// <see cref="TryNarrowPrintable"/> eight characters at a time (at least eight in all); the last eight overlap the
    /// ones before when the length is not a multiple of eight.
    /// </summary>
    private static bool TryNarrowPrintableVectorized(ReadOnlySpan<char> text, ref byte destination)
    {
        ref ushort source = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(text));
        int last = text.Length - Vector128<ushort>.Count;
        Vector128<ushort> space = Vector128.Create((ushort)' ');
        Vector128<ushort> printable = Vector128.Create((ushort)('~' - ' ' + 1));
        Vector128<ushort> quote = Vector128.Create((ushort)'"');
        Vector128<ushort> backslash = Vector128.Create((ushort)'\\');
        for (int i = 0; ; i += Vector128<ushort>.Count)
        {
            int at = Math.Min(i, last);
            Vector128<ushort> chars = Vector128.LoadUnsafe(ref source, (nuint)at);
            Vector128<ushort> refused = Vector128.GreaterThanOrEqual(chars - space, printable) |
                Vector128.Equals(chars, quote) | Vector128.Equals(chars, backslash);
            if (refused != Vector128<ushort>.Zero)
            {
                return false;
            }

            Unsafe.WriteUnaligned(ref Unsafe.Add(ref destination, at), Vector128.Narrow(chars, chars).AsUInt64().ToScalar());
            if (at == last)
            {
                return true;
            }
        }
    }

    /// <summary>Narrows <paramref name="text"/> when the encoder writes every character of it as it is.</summary>
    private static bool TryNarrowVerbatim(ReadOnlySpan<char> text, ref byte destination) =>
        text.IndexOfAnyExcept(Verbatim) < 0 &&
        Ascii.FromUtf16(text, MemoryMarshal.CreateSpan(ref destination, text.Length), out int written) == OperationStatus.Done &&
        written == text.Length;

    private void WriteGuid(Guid value)
    {
        ref byte output = ref Current;
        output = (byte)'"';
        if (!Utf8Formatter.TryFormat(value, MemoryMarshal.CreateSpan(ref Unsafe.Add(ref output, 1), 36), out int written) || written != 36)
        {
            _failed = true;
            return;
        }

        Unsafe.Add(ref output, 37) = (byte)'"';
        _position += 38;
    }

    private void WriteEncoded(JsonEncodedText value)
    {
        ReadOnlySpan<byte> bytes = value.EncodedUtf8Bytes;
        ref byte output = ref Current;
        output = (byte)'"';
        bytes.CopyTo(MemoryMarshal.CreateSpan(ref Unsafe.Add(ref output, 1), bytes.Length));
        Unsafe.Add(ref output, bytes.Length + 1) = (byte)'"';
        _position += bytes.Length + 2;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void WriteLiteral(bool value)
    {
        ReadOnlySpan<byte> literal = value ? "true"u8 : "false"u8;
        Unsafe.CopyBlockUnaligned(ref Current, ref MemoryMarshal.GetReference(literal), (uint)literal.Length);
        _position += literal.Length;
    }

    /// <summary>Writes <paramref name="value"/> in decimal, the way <see cref="Utf8Formatter"/> writes it by default.</summary>
    private void WriteInteger(long value)
    {
        ref byte output = ref Current;
        ulong magnitude = (ulong)value;
        int sign = 0;
        if (value < 0)
        {
            output = (byte)'-';
            magnitude = 0 - magnitude;
            sign = 1;
        }

        // The number of digits from the bit length (1233 / 4096 ≈ log10 2), corrected by one comparison; value | 1 has
        // as many digits as value and is never 0.
        ulong nonZero = magnitude | 1;
        int guess = ((BitOperations.Log2(nonZero) + 1) * 1233) >> 12;
        int digits = guess + 1 - (nonZero < PowersOf10[guess] ? 1 : 0);
        ref byte end = ref Unsafe.Add(ref output, sign + digits);
        ref byte pairs = ref MemoryMarshal.GetReference(DigitPairs);
        while (magnitude > uint.MaxValue)
        {
            ulong quotient = magnitude / 100;
            end = ref Unsafe.Subtract(ref end, 2);
            Unsafe.WriteUnaligned(ref end, Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref pairs, (nint)(magnitude - quotient * 100) * 2)));
            magnitude = quotient;
        }

        // The rest in 32-bit arithmetic, which divides faster.
        uint small = (uint)magnitude;
        while (small >= 100)
        {
            uint quotient = small / 100;
            end = ref Unsafe.Subtract(ref end, 2);
            Unsafe.WriteUnaligned(ref end, Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref pairs, (nint)(small - quotient * 100) * 2)));
            small = quotient;
        }

        if (small >= 10)
        {
            end = ref Unsafe.Subtract(ref end, 2);
            Unsafe.WriteUnaligned(ref end, Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref pairs, (nint)small * 2)));
        }
        else
        {
            Unsafe.Subtract(ref end, 1) = (byte)('0' + small);
        }

        _position += sign + digits;
    }

    private static ReadOnlySpan<byte> DigitPairs =>
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"u8;

    private static bool CheckPrintableAsciiIsVerbatim()
    {
        for (char c = '\0'; c < 0x80; c++)
        {
            if (Verbatim.Contains(c) != (c is >= ' ' and <= '~' and not '"' and not '\\'))
            {
                return false;
            }
        }

        return true;
    }

    private static SearchValues<char> BuildVerbatim()
    {
        var verbatim = new StringBuilder();
        for (char c = ' '; c <= '~'; c++)
        {
            if (c is not ('"' or '\\') && !JavaScriptEncoder.UnsafeRelaxedJsonEscaping.WillEncode(c))
            {
                verbatim.Append(c);
            }
        }

        return SearchValues.Create(verbatim.ToString());
    }
}
