using System;
using TokenSchema.Internal;

namespace TokenSchema.Verification;

/// <summary>
/// The three base64url segments of a compact JWS (<c>header.payload.signature</c>) and their decoded sizes, split
/// without decoding anything. An empty header or payload is refused here; the signature's length is checked after the
/// header, whose algorithm says more about a token than the signature it implies.
/// </summary>
internal readonly ref struct CompactSegments
{
    private CompactSegments(ReadOnlySpan<byte> token, int firstDot, int secondDot, int headerLength, int payloadLength)
    {
        Header = token[..firstDot];
        Payload = token[(firstDot + 1)..secondDot];
        Signature = token[(secondDot + 1)..];
        SigningInput = token[..secondDot];
        HeaderLength = headerLength;
        PayloadLength = payloadLength;
    }

    /// <summary>The header's base64url text.</summary>
    public ReadOnlySpan<byte> Header { get; }

    /// <summary>The payload's base64url text.</summary>
    public ReadOnlySpan<byte> Payload { get; }

    /// <summary>The signature's base64url text (everything after the second dot).</summary>
    public ReadOnlySpan<byte> Signature { get; }

    /// <summary>What the MAC covers: <c>header.payload</c>.</summary>
    public ReadOnlySpan<byte> SigningInput { get; }

    /// <summary>The decoded header's length in bytes.</summary>
    public int HeaderLength { get; }

    /// <summary>The decoded payload's length in bytes.</summary>
    public int PayloadLength { get; }

    /// <summary>Splits <paramref name="token"/>; <see langword="false"/> when it is not three segments of the right shape.</summary>
    /// <param name="token">The token's ASCII bytes.</param>
    /// <param name="segments">The segments, when the method returns <see langword="true"/>.</param>
    public static bool TrySplit(ReadOnlySpan<byte> token, out CompactSegments segments)
    {
        segments = default;
        int firstDot = token.IndexOf((byte)'.');
        if (firstDot <= 0)
        {
            return false;
        }

        int secondDot = token[(firstDot + 1)..].IndexOf((byte)'.');
        if (secondDot <= 0)
        {
            return false;
        }

        secondDot += firstDot + 1;

        int headerLength = Base64UrlStrict.GetDecodedLength(firstDot);
        int payloadLength = Base64UrlStrict.GetDecodedLength(secondDot - firstDot - 1);
        if (headerLength <= 0 || payloadLength <= 0)
        {
            return false;
        }

        segments = new CompactSegments(token, firstDot, secondDot, headerLength, payloadLength);
        return true;
    }
}
