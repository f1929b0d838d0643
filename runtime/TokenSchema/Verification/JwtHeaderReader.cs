using System;
using System.Text;
using System.Text.Json;
using TokenSchema.Internal;

namespace TokenSchema.Verification;

/// <summary>The JOSE header of a token: the algorithm, the key id and the parameters the verifier refuses to honour.</summary>
internal static class JwtHeaderReader
{
    /// <summary>
    /// Reads the decoded header: <c>alg</c> must be HS256, <c>typ</c> (when present) JWT, <c>kid</c> a string naming a key
    /// when several are held; <c>crit</c>, <c>zip</c> and <c>b64</c> are refused, and no parameter may repeat (escaped
    /// spellings included: <c>"tw\u0072"</c> repeats <c>twr</c>).
    /// </summary>
    /// <param name="header">The decoded header JSON.</param>
    /// <param name="singleKey">The verifier's key when it holds one.</param>
    /// <param name="keyIds">The verifier's keys by UTF-8 key id when it holds several.</param>
    /// <param name="key">The key the token names.</param>
    /// <returns><see cref="JwtError.None"/>, or why the header is refused.</returns>
    public static JwtError Read(ReadOnlySpan<byte> header, HmacSha256Key? singleKey, (byte[] Id, HmacSha256Key Key)[]? keyIds, out HmacSha256Key? key)
    {
        key = singleKey;
        if (!StrictJsonText.IsValid(header))
        {
            return JwtError.Malformed;
        }

        bool sawAlg = false, sawTyp = false, sawKid = false, sawCty = false;
        var others = new ClaimNameSet(header);
        try
        {
            var reader = new Utf8JsonReader(header, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 16 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return JwtError.Malformed;
            }

            JwtError pending = JwtError.None;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("alg"u8))
                {
                    if (sawAlg)
                    {
                        return JwtError.InvalidHeader;
                    }

                    sawAlg = true;
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.String || !reader.ValueTextEquals("HS256"u8))
                    {
                        pending = Worse(pending, JwtError.UnsupportedAlgorithm);
                    }

                    reader.Skip();
                }
                else if (reader.ValueTextEquals("typ"u8))
                {
                    if (sawTyp)
                    {
                        return JwtError.InvalidHeader;
                    }

                    sawTyp = true;
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.String || !IsJwtType(ref reader))
                    {
                        pending = Worse(pending, JwtError.InvalidHeader);
                    }

                    reader.Skip();
                }
                else if (reader.ValueTextEquals("kid"u8))
                {
                    if (sawKid)
                    {
                        return JwtError.InvalidHeader;
                    }

                    sawKid = true;
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        pending = Worse(pending, JwtError.InvalidHeader);
                    }
                    else if (keyIds is not null && !TryFindKey(ref reader, keyIds, out key))
                    {
                        pending = Worse(pending, JwtError.UnknownKey);
                    }

                    reader.Skip();
                }
                else if (reader.ValueTextEquals("cty"u8))
                {
                    if (sawCty)
                    {
                        return JwtError.InvalidHeader;
                    }

                    sawCty = true;
                    reader.Read();
                    reader.Skip();
                }
                else
                {
                    // Any other parameter (twr, crit, a private one) is remembered by name, escaped spellings
                    // unescaped, so that none may repeat either; the table is rented only for such a header.
                    if (!others.TryAdd(ref reader, out ReadOnlySpan<byte> name))
                    {
                        return JwtError.InvalidHeader;
                    }

                    if (name.SequenceEqual("crit"u8) || name.SequenceEqual("zip"u8) || name.SequenceEqual("b64"u8))
                    {
                        pending = Worse(pending, JwtError.UnsupportedHeaderParameter);
                    }

                    reader.Read();
                    reader.Skip();
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                return JwtError.Malformed;
            }

            if (!sawAlg)
            {
                return JwtError.UnsupportedAlgorithm;
            }

            if (pending != JwtError.None)
            {
                return pending;
            }

            if (keyIds is not null && !sawKid)
            {
                return JwtError.UnknownKey;
            }

            return JwtError.None;
        }
        catch (JsonException)
        {
            return JwtError.Malformed;
        }
        catch (InvalidOperationException)
        {
            return JwtError.Malformed;
        }
        finally
        {
            others.Dispose();
        }
    }

    // The most telling error wins: an unsupported algorithm says more than an invalid typ.
    private static JwtError Worse(JwtError current, JwtError next) =>
        current == JwtError.None || Rank(next) < Rank(current) ? next : current;

    private static int Rank(JwtError error) => error switch
    {
        JwtError.UnsupportedAlgorithm => 0,
        JwtError.UnsupportedHeaderParameter => 1,
        JwtError.InvalidHeader => 2,
        _ => 3,
    };

    private static bool IsJwtType(ref Utf8JsonReader reader)
    {
        // RFC 7515 §4.1.9: media type names compare case-insensitively; "application/" may be omitted.
        Span<byte> text = stackalloc byte[32];
        if (reader.HasValueSequence || reader.ValueSpan.Length > text.Length)
        {
            return false;
        }

        int length = reader.CopyString(text);
        ReadOnlySpan<byte> value = text[..length];
        return Ascii.EqualsIgnoreCase(value, "JWT"u8) || Ascii.EqualsIgnoreCase(value, "application/jwt"u8);
    }

    private static bool TryFindKey(ref Utf8JsonReader reader, (byte[] Id, HmacSha256Key Key)[] keyIds, out HmacSha256Key? key)
    {
        key = null;
        if (reader.ValueSpan.Length > 256)
        {
            return false;
        }

        Span<byte> id = stackalloc byte[256];
        int length = reader.CopyString(id);
        foreach ((byte[] candidate, HmacSha256Key candidateKey) in keyIds)
        {
            if (id[..length].SequenceEqual(candidate))
            {
                key = candidateKey;
                return true;
            }
        }

        return false;
    }
}
