using System;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using TokenSchema.Internal;

namespace TokenSchema;

/// <summary>
/// Verifies HS256 tokens strictly and reads their payloads into typed records. Thread-safe.
/// </summary>
/// <remarks>
/// The algorithm comes from the verifier, never from the token: any <c>alg</c> but <c>HS256</c> (<c>none</c> in any
/// spelling included) is refused, and so are <c>crit</c>, <c>zip</c> and <c>b64</c>, padding, white space and
/// non-canonical base64url, duplicate claim names and tokens past the configured length. The signature is compared in
/// constant time and checked before the payload is parsed. <c>exp</c> and <c>nbf</c> are checked with the clock skew.
/// The <c>TryVerify</c> methods never throw on any input; the only exception they throw is <see cref="ObjectDisposedException"/> after <see cref="Dispose"/>.
/// </remarks>
[SkipLocalsInit] // every stack buffer here is written before it is read: no need to clear 2 KB per token
public sealed class JwtVerifier : IDisposable
{
    private const int StackLimit = 1024;
    private const int MaxStackClaims = 64;

    private readonly HmacSha256Key? _singleKey;
    private readonly Dictionary<string, HmacSha256Key>? _keysById;
    private readonly (byte[] Id, HmacSha256Key Key)[]? _keyIds;
    private readonly JwtVerifierOptions _options;
    private readonly long _skewSeconds;
    private int _disposed;

    /// <summary>Creates a verifier for one key; a <c>kid</c> in the token is not required and not checked.</summary>
    /// <param name="key">The HMAC key; the bytes are copied.</param>
    /// <param name="options">Clock, skew and limits; <see langword="null"/> for the defaults.</param>
    public JwtVerifier(ReadOnlySpan<byte> key, JwtVerifierOptions? options = null)
    {
        _options = options ?? JwtVerifierOptions.Default;
        _options.Check();
        JwtSigner.CheckKey(key.Length, _options.AllowShortKey, nameof(key));
        _singleKey = new HmacSha256Key(key);
        _skewSeconds = (long)Math.Ceiling(_options.ClockSkew.TotalSeconds);
    }

    /// <summary>
    /// Creates a verifier for several keys, chosen by the token's <c>kid</c> header parameter (for key rotation).
    /// A token without a <c>kid</c>, or with one not listed, is <see cref="JwtError.UnknownKey"/>.
    /// </summary>
    /// <param name="keysById">The keys by key id; the bytes are copied.</param>
    /// <param name="options">Clock, skew and limits; <see langword="null"/> for the defaults.</param>
    public JwtVerifier(IEnumerable<KeyValuePair<string, byte[]>> keysById, JwtVerifierOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(keysById);
        _options = options ?? JwtVerifierOptions.Default;
        _options.Check();
        _keysById = new Dictionary<string, HmacSha256Key>(StringComparer.Ordinal);
        try
        {
            AddKeys(keysById);
        }
        catch
        {
            // Keys already prepared are zeroed: a half-built verifier leaves no key material behind.
            foreach (HmacSha256Key prepared in _keysById.Values)
            {
                prepared.Dispose();
            }

            throw;
        }

        // The ids as UTF-8 bytes, so that finding a token's key compares bytes and allocates nothing.
        _keyIds = new (byte[], HmacSha256Key)[_keysById.Count];
        int index = 0;
        foreach (KeyValuePair<string, HmacSha256Key> entry in _keysById)
        {
            _keyIds[index++] = (Encoding.UTF8.GetBytes(entry.Key), entry.Value);
        }

        _skewSeconds = (long)Math.Ceiling(_options.ClockSkew.TotalSeconds);
    }

    private void AddKeys(IEnumerable<KeyValuePair<string, byte[]>> keysById)
    {
        foreach (KeyValuePair<string, byte[]> entry in keysById)
        {
            if (entry.Key is null || entry.Value is null)
            {
                throw new ArgumentException("A key id or key is null.", nameof(keysById));
            }

            JwtSigner.CheckKey(entry.Value.Length, _options.AllowShortKey, nameof(keysById));
            if (_keysById!.ContainsKey(entry.Key))
            {
                throw new ArgumentException($"The key id '{entry.Key}' is given twice.", nameof(keysById));
            }

            _keysById.Add(entry.Key, new HmacSha256Key(entry.Value));
        }

        if (_keysById!.Count == 0)
        {
            throw new ArgumentException("At least one key is required.", nameof(keysById));
        }
    }

    /// <summary>Creates a verifier whose key is the UTF-8 bytes of <paramref name="secret"/>.</summary>
    /// <param name="secret">The platform's secret.</param>
    /// <param name="options">Clock, skew and limits; <see langword="null"/> for the defaults.</param>
    /// <returns>A verifier that owns a copy of the key.</returns>
    public static JwtVerifier FromSecret(string secret, JwtVerifierOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(secret);
        byte[] bytes = GC.AllocateUninitializedArray<byte>(Encoding.UTF8.GetByteCount(secret), pinned: true);
        Encoding.UTF8.GetBytes(secret, bytes);
        try
        {
            return new JwtVerifier(bytes, options);
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>Verifies a token given as text and reads its payload. Never throws on any input.</summary>
    /// <typeparam name="T">The payload type.</typeparam>
    /// <param name="token">The compact token.</param>
    /// <param name="payload">The payload, when the token is accepted.</param>
    /// <param name="error"><see cref="JwtError.None"/>, or why the token was rejected.</param>
    /// <returns><see langword="true"/> when the token is accepted.</returns>
    public bool TryVerify<T>(ReadOnlySpan<char> token, [NotNullWhen(true)] out T? payload, out JwtError error)
        where T : IJwtPayload<T>
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        payload = default;
        if (token.Length > _options.MaxTokenLength)
        {
            error = JwtError.TooLarge;
            return false;
        }

        byte[]? rented = null;
        Span<byte> bytes = token.Length <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(token.Length));
        try
        {
            // Vectorized narrowing into the verifier's own copy; any non-ASCII character stops it with InvalidData.
            if (Ascii.FromUtf16(token, bytes, out int narrowed) != OperationStatus.Done || narrowed != token.Length)
            {
                error = JwtError.Malformed;
                return false;
            }

            error = VerifyCore(bytes[..token.Length], ref payload);
            return error == JwtError.None;
        }
        finally
        {
            if (rented is not null)
            {
                // A bearer token must not linger in the shared pool.
                CryptographicOperations.ZeroMemory(rented.AsSpan(0, token.Length));
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Verifies a token given as ASCII bytes and reads its payload. Never throws on any input.</summary>
    /// <typeparam name="T">The payload type.</typeparam>
    /// <param name="token">The compact token's bytes.</param>
    /// <param name="payload">The payload, when the token is accepted.</param>
    /// <param name="error"><see cref="JwtError.None"/>, or why the token was rejected.</param>
    /// <returns><see langword="true"/> when the token is accepted.</returns>
    /// <remarks>
    /// The token is copied once into the verifier's own buffer and everything (decoding, the MAC) works from that copy,
    /// so a caller's buffer that changes during the call cannot pair a genuine signature with other bytes.
    /// </remarks>
    public bool TryVerify<T>(ReadOnlySpan<byte> token, [NotNullWhen(true)] out T? payload, out JwtError error)
        where T : IJwtPayload<T>
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        payload = default;
        if (token.Length > _options.MaxTokenLength)
        {
            error = JwtError.TooLarge;
            return false;
        }

        byte[]? rented = null;
        Span<byte> copy = token.Length <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(token.Length));
        try
        {
            token.CopyTo(copy);
            error = VerifyCore(copy[..token.Length], ref payload);
            return error == JwtError.None;
        }
        finally
        {
            if (rented is not null)
            {
                CryptographicOperations.ZeroMemory(rented.AsSpan(0, token.Length));
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Zeroes the key bytes and releases the HMAC states. Verifying afterwards throws <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        Volatile.Write(ref _disposed, 1);
        _singleKey?.Dispose();
        if (_keysById is not null)
        {
            foreach (HmacSha256Key key in _keysById.Values)
            {
                key.Dispose();
            }
        }
    }

    private JwtError VerifyCore<T>(ReadOnlySpan<byte> token, ref T? payload) where T : IJwtPayload<T>
    {
        if (token.Length > _options.MaxTokenLength)
        {
            return JwtError.TooLarge;
        }

        int firstDot = token.IndexOf((byte)'.');
        if (firstDot <= 0)
        {
            return JwtError.Malformed;
        }

        int secondDot = token[(firstDot + 1)..].IndexOf((byte)'.');
        if (secondDot <= 0)
        {
            return JwtError.Malformed;
        }

        secondDot += firstDot + 1;
        ReadOnlySpan<byte> headerSegment = token[..firstDot];
        ReadOnlySpan<byte> payloadSegment = token[(firstDot + 1)..secondDot];
        ReadOnlySpan<byte> signatureSegment = token[(secondDot + 1)..];
        int headerLength = Base64UrlStrict.GetDecodedLength(headerSegment.Length);
        int payloadLength = Base64UrlStrict.GetDecodedLength(payloadSegment.Length);
        if (headerLength <= 0 || payloadLength <= 0)
        {
            return JwtError.Malformed;
        }

        byte[]? rented = null;
        int needed = headerLength + payloadLength;
        Span<byte> buffer = needed <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(needed));
        try
        {
            // The header comes first: it names the algorithm and the key, and an unsupported algorithm says more
            // than the signature length it implies.
            Span<byte> header = buffer[..headerLength];
            if (!Base64UrlStrict.TryDecode(headerSegment, header, out _))
            {
                return JwtError.Malformed;
            }

            JwtError headerError = ReadHeader(header, out HmacSha256Key? key);
            if (headerError != JwtError.None)
            {
                return headerError;
            }

            // Exactly 43 characters: this also refuses a missing signature and a fourth segment (JWE has five).
            Span<byte> signature = stackalloc byte[HmacSha256Key.MacSize];
            if (signatureSegment.Length != JwtSigner.SignatureLength ||
                !Base64UrlStrict.TryDecode(signatureSegment, signature, out _))
            {
                return JwtError.Malformed;
            }

            Span<byte> payloadJson = buffer.Slice(headerLength, payloadLength);
            if (!Base64UrlStrict.TryDecode(payloadSegment, payloadJson, out _))
            {
                return JwtError.Malformed;
            }

            if (!key!.Verify(token[..secondDot], signature))
            {
                return JwtError.BadSignature;
            }

            return ReadPayload(payloadJson, ref payload);
        }
        finally
        {
            if (rented is not null)
            {
                CryptographicOperations.ZeroMemory(rented.AsSpan(0, needed));
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private JwtError ReadHeader(ReadOnlySpan<byte> header, out HmacSha256Key? key)
    {
        key = _singleKey;
        bool sawAlg = false, sawTyp = false, sawKid = false, sawCty = false;
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
                    else if (_keysById is not null && !TryFindKey(ref reader, out key))
                    {
                        pending = Worse(pending, JwtError.UnknownKey);
                    }

                    reader.Skip();
                }
                else if (reader.ValueTextEquals("crit"u8) || reader.ValueTextEquals("zip"u8) || reader.ValueTextEquals("b64"u8))
                {
                    pending = Worse(pending, JwtError.UnsupportedHeaderParameter);
                    reader.Read();
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

            if (_keysById is not null && !sawKid)
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

    private bool TryFindKey(ref Utf8JsonReader reader, out HmacSha256Key? key)
    {
        key = null;
        if (reader.ValueSpan.Length > 256)
        {
            return false;
        }

        Span<byte> id = stackalloc byte[256];
        int length = reader.CopyString(id);
        foreach ((byte[] candidate, HmacSha256Key candidateKey) in _keyIds!)
        {
            if (id[..length].SequenceEqual(candidate))
            {
                key = candidateKey;
                return true;
            }
        }

        return false;
    }

    private JwtError ReadPayload<T>(ReadOnlySpan<byte> json, ref T? payload) where T : IJwtPayload<T>
    {
        JwtError scanError = ScanPayload(json, out long? expires, out long? notBefore);
        if (scanError != JwtError.None)
        {
            return scanError;
        }

        long now = _options.TimeProvider.GetUtcNow().ToUnixTimeSeconds();
        if (expires is { } exp)
        {
            if (now >= SaturatingAdd(exp, _skewSeconds))
            {
                return JwtError.Expired;
            }
        }
        else if (_options.RequireExpirationTime)
        {
            return JwtError.Expired;
        }

        if (notBefore is { } nbf && SaturatingAdd(now, _skewSeconds) < nbf)
        {
            return JwtError.NotYetValid;
        }

        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 64 });
            if (!T.TryReadPayload(ref reader, out T? read, out ClaimReadError readError))
            {
                return readError.Kind == ClaimReadErrorKind.DuplicateClaim ? JwtError.DuplicateClaim : JwtError.InvalidClaims;
            }

            if (_options.ValidatePayload && !read.Validate().IsValid)
            {
                return JwtError.InvalidClaims;
            }

            payload = read;
            return JwtError.None;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The payload's own code (a converter, a constructor, Validate) runs on untrusted claims: whatever it
            // throws means the claims are not acceptable, never an exception out of TryVerify.
            return JwtError.InvalidClaims;
        }
    }

    private static long SaturatingAdd(long a, long b)
    {
        long sum = unchecked(a + b);
        return ((a ^ sum) & (b ^ sum)) < 0 ? (a < 0 ? long.MinValue : long.MaxValue) : sum;
    }

    /// <summary>
    /// One pass over the payload that needs no type knowledge: the JSON must be a single well-formed object,
    /// no top-level claim name may repeat (escaped spellings included), and <c>exp</c> / <c>nbf</c>, where present,
    /// must be NumericDates.
    /// </summary>
    private static JwtError ScanPayload(ReadOnlySpan<byte> json, out long? expires, out long? notBefore)
    {
        expires = null;
        notBefore = null;

        // Each top-level name is remembered as (hash, where, length): "where" is an offset into the JSON for a name
        // written without escapes, or ~offset into the arena for the unescaped bytes of an escaped one. A hash match
        // is settled by comparing the bytes, so crafted collisions cost a comparison, never a re-parse.
        int[]? rentedEntries = null;
        Span<int> entries = stackalloc int[MaxStackClaims * 3];
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
                for (int i = 0; i < count; i++)
                {
                    int e = i * 3;
                    if (entries[e] == hash && entries[e + 2] == length && NameAt(json, arena, entries[e + 1], length).SequenceEqual(name))
                    {
                        return JwtError.DuplicateClaim;
                    }
                }

                if ((count + 1) * 3 > entries.Length)
                {
                    int[] larger = ArrayPool<int>.Shared.Rent(entries.Length * 2);
                    entries[..(count * 3)].CopyTo(larger);
                    if (rentedEntries is not null)
                    {
                        ArrayPool<int>.Shared.Return(rentedEntries);
                    }

                    rentedEntries = larger;
                    entries = larger;
                }

                entries[count * 3] = hash;
                entries[count * 3 + 1] = where;
                entries[count * 3 + 2] = length;
                count++;

                bool isExp = name.SequenceEqual("exp"u8);
                bool isNbf = !isExp && name.SequenceEqual("nbf"u8);
                reader.Read();
                if (isExp || isNbf)
                {
                    if (!TryReadNumericDate(ref reader, out long seconds))
                    {
                        return JwtError.InvalidClaims;
                    }

                    if (isExp)
                    {
                        expires = seconds;
                    }
                    else
                    {
                        notBefore = seconds;
                    }
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
            if (rentedEntries is not null)
            {
                ArrayPool<int>.Shared.Return(rentedEntries);
            }

            if (arena is not null)
            {
                CryptographicOperations.ZeroMemory(arena.AsSpan(0, arenaUsed));
                ArrayPool<byte>.Shared.Return(arena);
            }
        }
    }

    private static ReadOnlySpan<byte> NameAt(ReadOnlySpan<byte> json, byte[]? arena, int where, int length) =>
        where >= 0 ? json.Slice(where, length) : arena.AsSpan(~where, length);

    private static int Hash(ReadOnlySpan<byte> name)
    {
        uint hash = 2166136261;
        foreach (byte b in name)
        {
            hash = (hash ^ b) * 16777619;
        }

        return (int)hash;
    }

    /// <summary>Reads a NumericDate (RFC 7519 §2): a JSON number of seconds; a fraction is truncated.</summary>
    internal static bool TryReadNumericDate(ref Utf8JsonReader reader, out long seconds)
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
}
