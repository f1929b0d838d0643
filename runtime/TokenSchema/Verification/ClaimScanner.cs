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
internal static class ClaimScanner
{
    // Slots of the duplicate table on the stack: 16 claims (most tokens have fewer) before it moves to a pooled array.
    private const int StackSlots = 32;

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

        // Each top-level name is remembered in an open-addressing table of (hash, where, length) slots: "where" is an
        // offset into the JSON for a name written without escapes, or ~offset into the arena for the unescaped bytes of
        // an escaped one. The hash is seeded per process, so no input can be crafted to collide; a hash match is settled
        // by comparing the bytes. Finding a repeated name costs the same for the thousandth claim as for the first.
        int[]? rentedTable = null;
        int slots = StackSlots;
        Span<int> table = stackalloc int[StackSlots * 3];
        MarkEmpty(table);
        byte[]? arena = null;
        int arenaUsed = 0;
        int count = 0;
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 64 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return JwtError.Malformed;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                int where;
                int length;
                if (reader.ValueIsEscaped)
                {
                    // Unescaped names are never longer than their escaped form, so the arena never outgrows the JSON.
                    arena ??= ArrayPool<byte>.Shared.Rent(json.Length);
                    length = reader.CopyString(arena.AsSpan(arenaUsed));
                    where = ~arenaUsed;
                    arenaUsed += length;
                }
                else
                {
                    ReadOnlySpan<byte> raw = reader.ValueSpan;
                    where = (int)Unsafe.ByteOffset(ref MemoryMarshal.GetReference(json), ref MemoryMarshal.GetReference(raw));
                    length = raw.Length;
                }

                ReadOnlySpan<byte> name = NameAt(json, arena, where, length);
                int hash = Hash(name);
                int slot = hash & (slots - 1);
                while (table[slot * 3 + 2] >= 0)
                {
                    if (table[slot * 3] == hash && table[slot * 3 + 2] == length && NameAt(json, arena, table[slot * 3 + 1], length).SequenceEqual(name))
                    {
                        return JwtError.DuplicateClaim;
                    }

                    slot = (slot + 1) & (slots - 1);
                }

                table[slot * 3] = hash;
                table[slot * 3 + 1] = where;
                table[slot * 3 + 2] = length;
                if (++count * 2 > slots)
                {
                    // At most half full, so probes stay short: move every entry to a table twice as large.
                    int[] larger = ArrayPool<int>.Shared.Rent(slots * 2 * 3);
                    Span<int> grown = larger.AsSpan(0, slots * 2 * 3);
                    MarkEmpty(grown);
                    for (int i = 0; i < slots; i++)
                    {
                        if (table[i * 3 + 2] >= 0)
                        {
                            int target = table[i * 3] & (slots * 2 - 1);
                            while (grown[target * 3 + 2] >= 0)
                            {
                                target = (target + 1) & (slots * 2 - 1);
                            }

                            table.Slice(i * 3, 3).CopyTo(grown.Slice(target * 3, 3));
                        }
                    }

                    if (rentedTable is not null)
                    {
                        ArrayPool<int>.Shared.Return(rentedTable);
                    }

                    rentedTable = larger;
                    table = grown;
                    slots *= 2;
                }

                reader.Read();
                if (name.Length == 3 && (name.SequenceEqual("exp"u8) || name.SequenceEqual("nbf"u8)))
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
                else if (name.SequenceEqual("iat"u8) && reader.TokenType == JsonTokenType.Number)
                {
                    // A malformed iat is the payload type's to judge; a number counts towards the lifetime.
                    claims.IssuedAt = TryReadNumericDate(ref reader, out long issued) ? issued : null;
                }
                else if (issuers is not null && name.SequenceEqual("iss"u8))
                {
                    claims.HasIssuer = true;
                    claims.IssuerMatches = reader.TokenType == JsonTokenType.String && MatchesAny(ref reader, issuers);
                    reader.Skip();
                }
                else if (audiences is not null && name.SequenceEqual("aud"u8))
                {
                    claims.HasAudience = true;
                    claims.AudienceMatches = MatchesAudience(ref reader, audiences);
                    reader.Skip();
                }
                else
                {
                    reader.Skip();
                }
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
            if (rentedTable is not null)
            {
                ArrayPool<int>.Shared.Return(rentedTable);
            }

            if (arena is not null)
            {
                CryptographicOperations.ZeroMemory(arena.AsSpan(0, arenaUsed));
                ArrayPool<byte>.Shared.Return(arena);
            }
        }
    }

    /// <summary>The first top-level claim of <paramref name="json"/> that <paramref name="known"/> does not describe.</summary>
    /// <param name="json">The payload JSON, already scanned (one object, well formed).</param>
    /// <param name="known">The schema's claims.</param>
    /// <param name="claim">The unknown claim's name, when there is one.</param>
    public static JwtError FindUnknown(ReadOnlySpan<byte> json, IReadOnlyList<ClaimDescriptor> known, out string? claim)
    {
        claim = null;
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 64 });
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

    private static ReadOnlySpan<byte> NameAt(ReadOnlySpan<byte> json, byte[]? arena, int where, int length) =>
        where >= 0 ? json.Slice(where, length) : arena.AsSpan(~where, length);

    private static int Hash(ReadOnlySpan<byte> name)
    {
        var hash = default(HashCode);
        hash.AddBytes(name);
        return hash.ToHashCode();
    }

    // A length of -1 marks a free slot.
    private static void MarkEmpty(Span<int> table)
    {
        for (int i = 2; i < table.Length; i += 3)
        {
            table[i] = -1;
        }
    }

    /// <summary>Reads a NumericDate (RFC 7519 §2): a JSON number of seconds; a fraction is floored (toward the past: <c>-1.5</c> is <c>-2</c>).</summary>
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

    // RFC 7519 §4.1.3: one string, or an array of strings; any accepted audience matches.
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
            if (items.TokenType == JsonTokenType.String && MatchesAny(ref items, accepted))
            {
                return true;
            }

            items.Skip();
        }

        return false;
    }
}
