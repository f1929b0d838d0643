using System;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using TokenSchema.Internal;
using TokenSchema.Verification;

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

    private readonly HmacSha256Key? _singleKey;
    private readonly Dictionary<string, HmacSha256Key>? _keysById;
    private readonly (byte[] Id, HmacSha256Key Key)[]? _keyIds;
    private readonly byte[][]? _acceptedHeaders;
    private readonly JwtVerifierOptions _options;
    private readonly long _skewSeconds;
    private readonly byte[][]? _issuers;
    private readonly byte[][]? _audiences;
    private int _disposed;

    /// <summary>Reads every payload in two passes (the separate scan, then the payload's reader); for tests that compare the two ways.</summary>
    internal bool ReadInTwoPasses { get; init; }

    /// <summary>
    /// For tests: counts which way each payload that reached the reading step was read. <see langword="null"/> (the
    /// default, and always outside tests) costs one field test per token.
    /// </summary>
    internal ReadPathCounts? ReadPaths { get; init; }

    /// <summary>Creates a verifier for one key; a <c>kid</c> in the token is not required and not checked.</summary>
    /// <param name="key">The HMAC key; the bytes are copied.</param>
    /// <param name="options">Clock, skew and limits; <see langword="null"/> for the defaults.</param>
    public JwtVerifier(ReadOnlySpan<byte> key, JwtVerifierOptions? options = null)
    {
        _options = options ?? JwtVerifierOptions.Default;
        _options.Check();
        JwtSigner.CheckKey(key.Length, _options.AllowShortKey, nameof(key));
        _singleKey = new HmacSha256Key(key);
        _acceptedHeaders = AcceptedHeaders(_singleKey);
        _skewSeconds = (long)Math.Ceiling(_options.ClockSkew.TotalSeconds);
        _issuers = JwtVerifierOptions.Utf8(_options.ValidIssuers);
        _audiences = JwtVerifierOptions.Utf8(_options.ValidAudiences);
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
        _issuers = JwtVerifierOptions.Utf8(_options.ValidIssuers);
        _audiences = JwtVerifierOptions.Utf8(_options.ValidAudiences);
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
        Detail detail = NewDetail<T>();
        error = VerifyChars(token, out payload, ref detail);
        return error == JwtError.None;
    }

    /// <summary>
    /// Verifies a token given as text and reads its payload, saying on rejection which claim failed and why (the
    /// read error, or every validation problem). Never throws on any input; allocates nothing more than
    /// <see cref="TryVerify{T}(ReadOnlySpan{char}, out T, out JwtError)"/> when the token is accepted.
    /// </summary>
    /// <typeparam name="T">The payload type.</typeparam>
    /// <param name="token">The compact token.</param>
    /// <param name="payload">The payload, when the token is accepted.</param>
    /// <param name="failure">The default value, or why the token was rejected.</param>
    /// <returns><see langword="true"/> when the token is accepted.</returns>
    public bool TryVerifyDetailed<T>(ReadOnlySpan<char> token, [NotNullWhen(true)] out T? payload, out JwtVerificationFailure failure)
        where T : IJwtPayload<T>
    {
        Detail detail = NewDetail<T>();
        JwtError error = VerifyChars(token, out payload, ref detail);
        failure = error == JwtError.None ? default : detail.ToFailure(error);
        return error == JwtError.None;
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
        Detail detail = NewDetail<T>();
        error = VerifyBytes(token, out payload, ref detail);
        return error == JwtError.None;
    }

    /// <summary>
    /// Verifies a token given as ASCII bytes and reads its payload, saying on rejection which claim failed and why.
    /// Never throws on any input.
    /// </summary>
    /// <typeparam name="T">The payload type.</typeparam>
    /// <param name="token">The compact token's bytes.</param>
    /// <param name="payload">The payload, when the token is accepted.</param>
    /// <param name="failure">The default value, or why the token was rejected.</param>
    /// <returns><see langword="true"/> when the token is accepted.</returns>
    public bool TryVerifyDetailed<T>(ReadOnlySpan<byte> token, [NotNullWhen(true)] out T? payload, out JwtVerificationFailure failure)
        where T : IJwtPayload<T>
    {
        Detail detail = NewDetail<T>();
        JwtError error = VerifyBytes(token, out payload, ref detail);
        failure = error == JwtError.None ? default : detail.ToFailure(error);
        return error == JwtError.None;
    }

    /// <summary>A rejection's detail, with the claims the payload's schema describes when <see cref="JwtVerifierOptions.UnknownClaims"/> refuses the others.</summary>
    private Detail NewDetail<T>() where T : IJwtPayload<T>
    {
        Detail detail = default;
        detail.Known = _options.UnknownClaims == UnknownClaims.Reject ? T.ClaimDescriptors : null;
        return detail;
    }

    private JwtError VerifyChars<T>(ReadOnlySpan<char> token, out T? payload, ref Detail detail)
        where T : IJwtPayload<T>
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        payload = default;
        if (token.Length > _options.MaxTokenLength)
        {
            return JwtError.TooLarge;
        }

        byte[]? rented = null;
        Span<byte> bytes = token.Length <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(token.Length));
        try
        {
            // Vectorized narrowing into the verifier's own copy; any non-ASCII character stops it with InvalidData.
            if (Ascii.FromUtf16(token, bytes, out int narrowed) != OperationStatus.Done || narrowed != token.Length)
            {
                return JwtError.Malformed;
            }

            return VerifyCore(bytes[..token.Length], ref payload, ref detail);
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

    private JwtError VerifyBytes<T>(ReadOnlySpan<byte> token, out T? payload, ref Detail detail)
        where T : IJwtPayload<T>
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        payload = default;
        if (token.Length > _options.MaxTokenLength)
        {
            return JwtError.TooLarge;
        }

        byte[]? rented = null;
        Span<byte> copy = token.Length <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(token.Length));
        try
        {
            token.CopyTo(copy);
            return VerifyCore(copy[..token.Length], ref payload, ref detail);
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

    /// <summary>
    /// The steps, in order: split the segments; decode and read the header (algorithm, key, refused parameters); decode
    /// the signature and the payload; compare the MAC in constant time; only then look at the payload: strict text,
    /// one object without repeated claims, the registered claims against the options, the payload type's reader and
    /// its validation.
    /// </summary>
    private JwtError VerifyCore<T>(ReadOnlySpan<byte> token, ref T? payload, ref Detail detail) where T : IJwtPayload<T>
    {
        if (!CompactSegments.TrySplit(token, out CompactSegments segments))
        {
            return JwtError.Malformed;
        }

        byte[]? rented = null;
        int needed = segments.HeaderLength + segments.PayloadLength;
        Span<byte> buffer = needed <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(needed));
        try
        {
            // The header comes first: it names the algorithm and the key, and an unsupported algorithm says more
            // than the signature it implies.
            HmacSha256Key? key = _singleKey;
            if (!IsAcceptedHeader(segments.Header))
            {
                Span<byte> header = buffer[..segments.HeaderLength];
                if (!Base64UrlStrict.TryDecode(segments.Header, header, out _))
                {
                    return JwtError.Malformed;
                }

                JwtError headerError = JwtHeaderReader.Read(header, _singleKey, _keyIds, out key);
                if (headerError != JwtError.None)
                {
                    return headerError;
                }
            }

            // Exactly 43 characters: this also refuses a missing signature and a fourth segment (JWE has five).
            Span<byte> signature = stackalloc byte[HmacSha256Key.MacSize];
            Span<byte> payloadJson = buffer.Slice(segments.HeaderLength, segments.PayloadLength);
            if (segments.Signature.Length != JwtSigner.SignatureLength ||
                !Base64UrlStrict.TryDecode(segments.Signature, signature, out _) ||
                !Base64UrlStrict.TryDecode(segments.Payload, payloadJson, out _))
            {
                return JwtError.Malformed;
            }

            if (!key!.Verify(segments.SigningInput, signature))
            {
                return JwtError.BadSignature;
            }

            return ReadPayload(payloadJson, ref payload, ref detail);
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

    /// <summary>
    /// Whether the encoded header is one of the few that signers write (<c>{"alg":"HS256","typ":"JWT"}</c> and its
    /// variants), already read once by <see cref="JwtHeaderReader"/> and accepted for the verifier's single key: such a
    /// header needs no decoding and no reading.
    /// </summary>
    private bool IsAcceptedHeader(ReadOnlySpan<byte> encoded)
    {
        if (_acceptedHeaders is { } accepted)
        {
            foreach (byte[] candidate in accepted)
            {
                if (encoded.SequenceEqual(candidate))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The common headers that <see cref="JwtHeaderReader"/> accepts for <paramref name="key"/>, base64url-encoded.</summary>
    private static byte[][] AcceptedHeaders(HmacSha256Key key)
    {
        var accepted = new List<byte[]>();
        foreach (string json in new[] { "{\"alg\":\"HS256\",\"typ\":\"JWT\"}", "{\"typ\":\"JWT\",\"alg\":\"HS256\"}", "{\"alg\":\"HS256\"}" })
        {
            byte[] header = Encoding.UTF8.GetBytes(json);
            if (JwtHeaderReader.Read(header, key, null, out HmacSha256Key? chosen) == JwtError.None && ReferenceEquals(chosen, key))
            {
                accepted.Add(Encoding.ASCII.GetBytes(System.Buffers.Text.Base64Url.EncodeToString(header)));
            }
        }

        return accepted.ToArray();
    }

    private JwtError ReadPayload<T>(ReadOnlySpan<byte> json, ref T? payload, ref Detail detail) where T : IJwtPayload<T>
    {
        // Whatever is accepted must be writable again with the same meaning: UTF-8, no unpaired surrogate escape.
        if (!StrictJsonText.IsValid(json))
        {
            return JwtError.Malformed;
        }

        // A generated payload reads its JSON once, reporting the claims to the verifier's rules as it goes; whatever
        // that pass does not accept is read again below, where the scan and the reader decide the exact error.
        if (!ReadInTwoPasses && !OnePass<T>.Unsupported && TryReadInOnePass(json, ref payload, detail.Known is not null))
        {
            ReadPaths?.CountOnePass();
            return JwtError.None;
        }

        ReadPaths?.CountTwoPasses();
        return ReadPayloadInTwoPasses(json, ref payload, ref detail);
    }

    [SkipLocalsInit]
    private bool TryReadInOnePass<T>(ReadOnlySpan<byte> json, ref T? payload, bool rejectUnknown) where T : IJwtPayload<T>
    {
        var scan = new ClaimScan(json, _issuers, _audiences, rejectUnknown);
        try
        {
            var reader = new Utf8JsonReader(json, RegisteredClaims.ReaderOptions);
            if (!T.TryReadAndScanPayload(ref reader, ref scan, out T? read, out _))
            {
                if (scan.Unsupported)
                {
                    OnePass<T>.Unsupported = true;
                }

                return false;
            }

            // The object must be the whole payload (the reader throws on anything but white space after it), and the
            // reader must have reported every top-level claim, or the checks below would miss the ones it did not.
            if (scan.Refused || !scan.SawEveryClaim || reader.TokenType != JsonTokenType.EndObject || reader.CurrentDepth != 0 || reader.Read())
            {
                if (!scan.Started)
                {
                    // A reader that never steps through the claims with the scan never will: two passes from now on.
                    OnePass<T>.Unsupported = true;
                }

                return false;
            }

            long now = _options.TimeProvider.GetUtcNow().ToUnixTimeSeconds();
            if (ClaimChecks.Check(scan.Claims, _options, _skewSeconds, now, out _) != JwtError.None ||
                (_options.ValidatePayload && !read.Validate().IsValid))
            {
                return false;
            }

            payload = read;
            return true;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return false;
        }
        finally
        {
            scan.Dispose();
        }
    }

    private JwtError ReadPayloadInTwoPasses<T>(ReadOnlySpan<byte> json, ref T? payload, ref Detail detail) where T : IJwtPayload<T>
    {
        JwtError error = ClaimScanner.Scan(json, _issuers, _audiences, out ScannedClaims claims, out detail.Claim);
        if (error == JwtError.None)
        {
            long now = _options.TimeProvider.GetUtcNow().ToUnixTimeSeconds();
            error = ClaimChecks.Check(claims, _options, _skewSeconds, now, out detail.Claim);
        }

        if (error == JwtError.None && detail.Known is { } known)
        {
            error = ClaimScanner.FindUnknown(json, known, out detail.Claim);
        }

        if (error != JwtError.None)
        {
            return error;
        }

        try
        {
            var reader = new Utf8JsonReader(json, RegisteredClaims.ReaderOptions);
            if (!T.TryReadPayload(ref reader, out T? read, out ClaimReadError readError))
            {
                detail.Claim = readError.Claim;
                detail.ReadError = readError.Kind;
                return readError.Kind == ClaimReadErrorKind.DuplicateClaim ? JwtError.DuplicateClaim : JwtError.InvalidClaims;
            }

            if (_options.ValidatePayload)
            {
                ClaimValidationResult validation = read.Validate();
                if (!validation.IsValid)
                {
                    detail.Validation = validation;
                    return JwtError.InvalidClaims;
                }
            }

            payload = read;
            return JwtError.None;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The payload's own code (a converter, a constructor, Validate) runs on untrusted claims: whatever it
            // throws means the claims are not acceptable, never an exception out of TryVerify.
            detail.Claim = null;
            return JwtError.InvalidClaims;
        }
    }

    /// <summary>How many payloads a verifier accepted in one pass, and how many it read in two (the one pass declined, or was not tried).</summary>
    internal sealed class ReadPathCounts
    {
        private int _onePass;
        private int _twoPasses;

        public int OnePassAccepted => Volatile.Read(ref _onePass);

        public int TwoPasses => Volatile.Read(ref _twoPasses);

        internal void CountOnePass() => Interlocked.Increment(ref _onePass);

        internal void CountTwoPasses() => Interlocked.Increment(ref _twoPasses);
    }

    /// <summary>Whether a payload type reads in one pass; set once the type says it does not.</summary>
    private static class OnePass<T>
    {
        public static bool Unsupported;
    }

    /// <summary>What a rejection found, kept on the stack until the caller asks for a <see cref="JwtVerificationFailure"/>.</summary>
    private struct Detail
    {
        public string? Claim;
        public ClaimReadErrorKind ReadError;
        public IReadOnlyList<ClaimDescriptor>? Known;
        public ClaimValidationResult Validation;

        public readonly JwtVerificationFailure ToFailure(JwtError error)
        {
            ClaimProblem[]? problems = null;
            if (!Validation.IsValid)
            {
                problems = new ClaimProblem[Validation.Problems.Count];
                for (int i = 0; i < problems.Length; i++)
                {
                    problems[i] = Validation.Problems[i];
                }
            }

            return new JwtVerificationFailure(error, problems is null ? Claim : null, ReadError, problems);
        }
    }
}
