using System;

namespace TokenSchema.Internal;

/// <summary>
/// A strict base64url (RFC 4648 §5) decoder for JWS segments: no padding, no white space, only the URL-safe
/// alphabet, and the unused bits of the last character must be zero (canonical form).
/// </summary>
internal static class Base64UrlStrict
{
    private static ReadOnlySpan<sbyte> DecodeMap =>
    [
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 62, -1, -1,
        52, 53, 54, 55, 56, 57, 58, 59, 60, 61, -1, -1, -1, -1, -1, -1,
        -1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
        15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, -1, -1, -1, -1, 63,
        -1, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40,
        41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, -1, -1, -1, -1, -1,
    ];

    /// <summary>The decoded length of a canonical segment of <paramref name="encodedLength"/> characters, or -1 when no canonical segment has that length.</summary>
    public static int GetDecodedLength(int encodedLength)
    {
        int remainder = encodedLength & 3;
        if (remainder == 1)
        {
            return -1;
        }

        return (encodedLength >> 2) * 3 + (remainder == 0 ? 0 : remainder - 1);
    }

    /// <summary>Decodes <paramref name="source"/> into <paramref name="destination"/>; false on any non-canonical input or a short destination.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> source, Span<byte> destination, out int bytesWritten)
    {
        bytesWritten = 0;
        int length = GetDecodedLength(source.Length);
        if (length < 0 || destination.Length < length)
        {
            return false;
        }

        ReadOnlySpan<sbyte> map = DecodeMap;
        int full = source.Length & ~3;
        int o = 0;
        int i = 0;
        for (; i < full; i += 4)
        {
            int a = Map(map, source[i]), b = Map(map, source[i + 1]), c = Map(map, source[i + 2]), d = Map(map, source[i + 3]);
            if ((a | b | c | d) < 0)
            {
                return false;
            }

            int v = (a << 18) | (b << 12) | (c << 6) | d;
            destination[o] = (byte)(v >> 16);
            destination[o + 1] = (byte)(v >> 8);
            destination[o + 2] = (byte)v;
            o += 3;
        }

        int rest = source.Length - full;
        if (rest == 2)
        {
            int a = Map(map, source[i]), b = Map(map, source[i + 1]);
            if ((a | b) < 0 || (b & 0x0F) != 0)
            {
                return false;
            }

            destination[o++] = (byte)((a << 2) | (b >> 4));
        }
        else if (rest == 3)
        {
            int a = Map(map, source[i]), b = Map(map, source[i + 1]), c = Map(map, source[i + 2]);
            if ((a | b | c) < 0 || (c & 0x03) != 0)
            {
                return false;
            }

            int v = (a << 12) | (b << 6) | c;
            destination[o++] = (byte)(v >> 10);
            destination[o++] = (byte)(v >> 2);
        }

        bytesWritten = o;
        return true;
    }

    private static int Map(ReadOnlySpan<sbyte> map, byte c) => c < 128 ? map[c] : -1;
}
