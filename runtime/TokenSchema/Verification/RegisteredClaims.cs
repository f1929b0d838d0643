using System;
using System.Text.Json;

namespace TokenSchema.Verification;

/// <summary>
/// The registered claims the verifier itself reads from every payload, whatever its type: <c>exp</c>, <c>nbf</c>,
/// <c>iat</c>, <c>aud</c> (its form always, its value when audiences are configured), and <c>iss</c> when issuers are configured. Both payload passes (the one-pass
/// <see cref="ClaimScan"/> and the separate <see cref="ClaimScanner"/>) read them here.
/// </summary>
internal static class RegisteredClaims
{
    /// <summary>The reader options of every payload read: no comments, the depth limit of the payload readers.</summary>
    public static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 64 };

    /// <summary>The names <see cref="Observe"/> looks at; generated readers report exactly these claims to <see cref="ClaimScan.Observe"/>.</summary>
    public static readonly string[] Names = ObservedClaims.Names;

    /// <summary>Whether <paramref name="name"/> is one of <see cref="Names"/>.</summary>
    /// <param name="name">An unescaped top-level claim name.</param>
    public static bool IsRegistered(ReadOnlySpan<byte> name) =>
        name.Length == 3 && (name.SequenceEqual("exp"u8) || name.SequenceEqual("nbf"u8) || name.SequenceEqual("iat"u8) ||
                             name.SequenceEqual("iss"u8) || name.SequenceEqual("aud"u8));

    /// <summary>
    /// Reads the value of the top-level claim <paramref name="name"/> when it is a registered claim the verifier checks;
    /// does nothing for any other name. The reader is on the value's first token and is not moved.
    /// </summary>
    /// <param name="name">The claim's unescaped name.</param>
    /// <param name="reader">The reader, on the value's first token.</param>
    /// <param name="issuers">The accepted issuers as UTF-8, or <see langword="null"/> when <c>iss</c> is not checked.</param>
    /// <param name="audiences">The accepted audiences as UTF-8, or <see langword="null"/> when <c>aud</c> is not checked.</param>
    /// <param name="claims">What the registered claims say, updated.</param>
    /// <param name="claim">The claim at fault, when one is.</param>
    /// <returns><see cref="JwtError.InvalidClaims"/> when <c>exp</c> or <c>nbf</c> is not a NumericDate or <c>aud</c> is not a string or an array of strings, else <see cref="JwtError.None"/>.</returns>
    public static JwtError Observe(scoped ReadOnlySpan<byte> name, ref Utf8JsonReader reader, byte[][]? issuers, byte[][]? audiences, ref ScannedClaims claims, out string? claim)
    {
        claim = null;
        if (name.Length != 3)
        {
            return JwtError.None;
        }

        if (name.SequenceEqual("exp"u8) || name.SequenceEqual("nbf"u8))
        {
            if (!TryReadNumericDate(ref reader, out long seconds))
            {
                claim = name[0] == (byte)'e' ? "exp" : "nbf";
                return JwtError.InvalidClaims;
            }

            if (name[0] == (byte)'e')
            {
                claims.Expires = seconds;
            }
            else
            {
                claims.NotBefore = seconds;
            }
        }
        else if (name.SequenceEqual("iat"u8))
        {
            // A malformed iat is the payload type's to judge; a number counts towards the lifetime.
            if (reader.TokenType == JsonTokenType.Number)
            {
                claims.IssuedAt = TryReadNumericDate(ref reader, out long issued) ? issued : null;
            }
        }
        else if (issuers is not null && name.SequenceEqual("iss"u8))
        {
            claims.HasIssuer = true;
            claims.IssuerMatches = reader.TokenType == JsonTokenType.String && MatchesAny(ref reader, issuers);
        }
        else if (name.SequenceEqual("aud"u8))
        {
            // RFC 7519 §4.1.3: a string or an array of strings, whether or not audiences are checked.
            if (!IsAudience(ref reader))
            {
                claim = "aud";
                return JwtError.InvalidClaims;
            }

            if (audiences is not null)
            {
                claims.HasAudience = true;
                claims.AudienceMatches = MatchesAudience(ref reader, audiences);
            }
        }

        return JwtError.None;
    }

    /// <summary>Reads a NumericDate (RFC 7519 §2): a JSON number of seconds; a fraction is floored (toward the past: <c>-1.5</c> is <c>-2</c>).</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="seconds">The seconds read.</param>
    public static bool TryReadNumericDate(ref Utf8JsonReader reader, out long seconds)
    {
        seconds = 0;
        if (reader.TokenType != JsonTokenType.Number)
        {
            return false;
        }

        if (reader.TryGetInt64(out seconds))
        {
            return true;
        }

        if (reader.TryGetDouble(out double value) && double.IsFinite(value) && value > -9.2e18 && value < 9.2e18)
        {
            seconds = (long)Math.Floor(value);
            return true;
        }

        return false;
    }

    private static bool MatchesAny(ref Utf8JsonReader reader, byte[][] accepted)
    {
        foreach (byte[] candidate in accepted)
        {
            if (reader.ValueTextEquals(candidate))
            {
                return true;
            }
        }

        return false;
    }

    // RFC 7519 §4.1.3: one string, or an array of strings (the reader is not moved).
    private static bool IsAudience(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        Utf8JsonReader items = reader;
        while (items.Read() && items.TokenType == JsonTokenType.String)
        {
        }

        return items.TokenType == JsonTokenType.EndArray;
    }

    // Any accepted audience matches: the string, or any item of the array (already checked to be all strings). The reader is not moved.
    private static bool MatchesAudience(ref Utf8JsonReader reader, byte[][] accepted)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return MatchesAny(ref reader, accepted);
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        Utf8JsonReader items = reader;
        while (items.Read() && items.TokenType != JsonTokenType.EndArray)
        {
            if (MatchesAny(ref items, accepted))
            {
                return true;
            }
        }

        return false;
    }
}
