using System;
using System.Buffers;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;

namespace TokenSchema.Verification;

/// <summary>What the registered claims of a payload say, read in one pass before the payload's own reader runs.</summary>
internal struct ScannedClaims
{
    /// <summary>The <c>exp</c> NumericDate, if present.</summary>
    public long? Expires;

    /// <summary>The <c>nbf</c> NumericDate, if present.</summary>
    public long? NotBefore;

    /// <summary>The <c>iat</c> NumericDate, if present and a number.</summary>
    public long? IssuedAt;

    /// <summary>Whether <c>iss</c> is present (only looked at when issuers are configured).</summary>
    public bool HasIssuer;

    /// <summary>Whether <c>iss</c> is one of the configured issuers.</summary>
    public bool IssuerMatches;

    /// <summary>Whether <c>aud</c> is present (only looked at when audiences are configured).</summary>
    public bool HasAudience;

    /// <summary>Whether <c>aud</c>, or one of its items, is one of the configured audiences.</summary>
    public bool AudienceMatches;
}

/// <summary>The payload pass that needs no type knowledge: one object, no repeated claim, the registered claims' values.</summary>
/// <remarks>
/// The verifier reads a generated payload in one pass (<see cref="ClaimScan"/>: the generated reader reports the claims
/// to the same rules as it reads them); this separate pass is for payload types that cannot, and decides the exact
/// error of every token the one-pass read does not accept.
/// </remarks>
internal static class ClaimScanner
{
    /// <summary>
    /// One pass over the payload that needs no type knowledge: the JSON must be a single well-formed object,
    /// no top-level claim name may repeat (escaped spellings included), and <c>exp</c> / <c>nbf</c>, where present,
    /// must be NumericDates.
    /// </summary>
    /// <param name="json">The decoded payload JSON.</param>
    /// <param name="issuers">The accepted issuers as UTF-8, or <see langword="null"/> when <c>iss</c> is not checked.</param>
    /// <param name="audiences">The accepted audiences as UTF-8, or <see langword="null"/> when <c>aud</c> is not checked.</param>
    /// <param name="claims">What the registered claims say.</param>
    /// <param name="claim">The claim at fault, when one is.</param>
    public static JwtError Scan(ReadOnlySpan<byte> json, byte[][]? issuers, byte[][]? audiences, out ScannedClaims claims, out string? claim)
    {
        claims = default;
        claim = null;
        var names = new ClaimNameSet(json);
        try
        {
            var reader = new Utf8JsonReader(json, RegisteredClaims.ReaderOptions);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return JwtError.Malformed;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (!names.TryAdd(ref reader, out ReadOnlySpan<byte> name))
                {
                    return JwtError.DuplicateClaim;
                }

                reader.Read();
                JwtError error = RegisteredClaims.Observe(name, ref reader, issuers, audiences, ref claims, out claim);
                if (error != JwtError.None)
                {
                    return error;
                }

                reader.Skip();
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                return JwtError.Malformed;
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
            names.Dispose();
        }
    }

    /// <summary>The first top-level claim of <paramref name="json"/> that <paramref name="known"/> does not describe.</summary>
    /// <param name="json">The payload JSON, already scanned (one object, well formed).</param>
    /// <param name="known">The schema's claims.</param>
    /// <param name="claim">The unknown claim's name, when there is one.</param>
    public static JwtError FindUnknown(ReadOnlySpan<byte> json, IReadOnlyList<ClaimDescriptor> known, out string? claim)
    {
        claim = null;
        var reader = new Utf8JsonReader(json, RegisteredClaims.ReaderOptions);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool found = false;
            for (int i = 0; i < known.Count && !found; i++)
            {
                found = reader.ValueTextEquals(known[i].Name);
            }

            if (!found)
            {
                claim = reader.GetString();
                return JwtError.UnknownClaim;
            }

            reader.Read();
            reader.Skip();
        }

        return JwtError.None;
    }
}
