using System;
using System.Buffers;
using System.Buffers.Text;

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

    /// <summary>
    /// Decodes <paramref name="source"/> strictly: only the base64url alphabet (no padding, no white space, nothing else,
    /// checked with one vectorized search), and zero unused bits in the last character, so that every byte string has
    /// exactly one accepted encoding; then the runtime's vectorized decoder does the work.
    /// </summary>
    /// <param name="source">The base64url text.</param>
    /// <param name="destination">Receives <see cref="GetDecodedLength"/> bytes.</param>
    /// <param name="bytesWritten">The bytes written.</param>
    /// <returns><see langword="false"/> for any text that is not the canonical unpadded base64url of some bytes.</returns>
    public static bool TryDecode(ReadOnlySpan<byte> source, Span<byte> destination, out int bytesWritten)
    {
        bytesWritten = 0;
        int length = GetDecodedLength(source.Length);
        if (length < 0 || destination.Length < length || source.IndexOfAnyExcept(Alphabet) >= 0)
        {
            return false;
        }

        // The last character of a 2- or 3-character group carries 4 or 2 bits that encode nothing; they must be zero.
        int rest = source.Length & 3;
        if ((rest == 2 && (Map(DecodeMap, source[^1]) & 0x0F) != 0) || (rest == 3 && (Map(DecodeMap, source[^1]) & 0x03) != 0))
        {
            return false;
        }

        OperationStatus status = Base64Url.DecodeFromUtf8(source, destination[..length], out int consumed, out bytesWritten);
        return status == OperationStatus.Done && consumed == source.Length && bytesWritten == length;
    }

    private static readonly SearchValues<byte> Alphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"u8);

    private static int Map(ReadOnlySpan<sbyte> map, byte c) => c < 128 ? map[c] : -1;
}
