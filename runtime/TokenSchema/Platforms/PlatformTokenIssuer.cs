using System;
using System.Threading.Tasks;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using System.Threading;

namespace TokenSchema;

/// <summary>
/// What every platform issuer shares: it is created from the platform's credentials record and its options record
/// (<c>new XTokenIssuer(XCredentials credentials, XTokenIssuerOptions? options = null)</c>), completes a token with the
/// claims the platform's own SDK fills (the key id, the times, a token id) through <see cref="Complete"/>, then signs it
/// with the one <see cref="JwtSigner"/> it owns. Every issue path (<see cref="Issue(TToken)"/>, <see cref="TryIssue"/>,
/// <see cref="Issue(TToken, IBufferWriter{byte})"/>, <see cref="IssueAll"/>, <see cref="IssueEachAsync"/>) runs the same
/// checks: the token's own ids, its validation in the signer, and the platform's check of the issued token (Daily's
/// length). <see cref="TryVerify(ReadOnlySpan{char}, out TToken, out JwtError)"/> and its overloads are the matching
/// verifier: the same key, clock and key id, and the checks the platform applies to the token's ids. Thread-safe; dispose
/// it to zero the secret.
/// </summary>
/// <typeparam name="TToken">The platform's token record.</typeparam>
public abstract class PlatformTokenIssuer<TToken> : IDisposable where TToken : IJwtPayload<TToken>
{
    private static readonly TimeSpan MaxBackdating = TimeSpan.FromHours(1);

    /// <summary>Checks <paramref name="options"/> against the platform's limits and keeps the resolved values.</summary>
    /// <param name="options">The platform's options.</param>
    /// <param name="rules">The platform's defaults and limits.</param>
    /// <exception cref="ArgumentException">An option is out of range for the platform; the exception names it.</exception>
    private protected PlatformTokenIssuer(PlatformTokenIssuerOptions options, PlatformRules rules)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.TimeProvider is null)
        {
            throw new ArgumentNullException(nameof(PlatformTokenIssuerOptions.TimeProvider), $"The {rules.Platform} issuer needs a clock; leave TimeProvider at its default, TimeProvider.System, for the system clock.");
        }

        TimeSpan lifetime = options.Lifetime ?? rules.DefaultLifetime;
        if (lifetime < rules.MinLifetime || lifetime > rules.MaxLifetime)
        {
            throw new ArgumentOutOfRangeException(nameof(PlatformTokenIssuerOptions.Lifetime), lifetime, rules.MaxLifetime == TimeSpan.MaxValue
                ? $"The lifetime of a {rules.Platform} token must be at least {Describe(rules.MinLifetime)}."
                : $"The lifetime of a {rules.Platform} token must be between {Describe(rules.MinLifetime)} and {Describe(rules.MaxLifetime)}.");
        }

        if (options.MaxLifetime is { } maxLifetime)
        {
            if (maxLifetime <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(PlatformTokenIssuerOptions.MaxLifetime), maxLifetime, "The longest lifetime the verifier accepts must be positive.");
            }

            if (maxLifetime < lifetime)
            {
                throw new ArgumentOutOfRangeException(nameof(PlatformTokenIssuerOptions.MaxLifetime), maxLifetime,
                    $"MaxLifetime ({Describe(maxLifetime)}) is shorter than the lifetime of the tokens the issuer fills exp for ({Describe(lifetime)}); the issuer would refuse its own tokens.");
            }
        }

        TimeSpan backdating = TimeSpan.Zero;
        if (rules.DefaultBackdating is not { } defaultBackdating)
        {
            if (options.Backdating is not null)
            {
                throw new ArgumentException(
                    $"{rules.Platform} tokens are not backdated (its SDK sets no earlier start than now); leave Backdating null.",
                    nameof(PlatformTokenIssuerOptions.Backdating));
            }
        }
        else
        {
            backdating = options.Backdating ?? defaultBackdating;
            if (backdating < TimeSpan.Zero || backdating > MaxBackdating)
            {
                throw new ArgumentOutOfRangeException(nameof(PlatformTokenIssuerOptions.Backdating), backdating, "The backdating of a token's start must be between zero and one hour.");
            }
        }

        if (options.KeyId is not null)
        {
            if (!rules.AcceptsKeyId)
            {
                throw new ArgumentException(
                    $"{rules.Platform}'s server takes its tokens without a 'kid' header; leave KeyId null (a key id is for LiveKit and Jitsi).",
                    nameof(PlatformTokenIssuerOptions.KeyId));
            }

            if (options.KeyId.Length == 0)
            {
                throw new ArgumentException("The key id (header 'kid') must not be empty; leave KeyId null for none.", nameof(PlatformTokenIssuerOptions.KeyId));
            }
        }

        if (options.UnknownClaims is not (UnknownClaims.Skip or UnknownClaims.Reject))
        {
            throw new ArgumentOutOfRangeException(nameof(PlatformTokenIssuerOptions.UnknownClaims), options.UnknownClaims, "Use UnknownClaims.Skip or UnknownClaims.Reject.");
        }

        TimeProvider = options.TimeProvider;
        Lifetime = lifetime;
        Backdating = backdating;
        _options = options;
    }

    private readonly PlatformTokenIssuerOptions _options;

    /// <summary>The clock the issuer reads for the times it fills (<see cref="PlatformTokenIssuerOptions.TimeProvider"/>).</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>How long a token without <c>exp</c> is valid: <see cref="PlatformTokenIssuerOptions.Lifetime"/>, or the platform's default lifetime.</summary>
    public TimeSpan Lifetime { get; }

    /// <summary>
    /// How far the issuer sets a token's start back from now: <see cref="PlatformTokenIssuerOptions.Backdating"/>, or the
    /// platform's default where its SDK backdates; <see cref="TimeSpan.Zero"/> for the platforms that do not.
    /// </summary>
    public TimeSpan Backdating { get; }

    /// <summary>The header every token carries, as signed.</summary>
    public ReadOnlyMemory<byte> HeaderJson => Signer.HeaderJson;

    /// <summary>The signer, set once by <see cref="CreateKeys"/>.</summary>
    private protected JwtSigner Signer { get; private set; } = null!;

    /// <summary>The verifier for the same key, set once by <see cref="CreateKeys"/>.</summary>
    private protected JwtVerifier Verifier { get; private set; } = null!;

    /// <summary>
    /// Creates the signer and the matching verifier for the platform's secret, once, from the platform issuer's
    /// constructor: the key id, the short-key rule, the clock, the issuer names and audiences it accepts when the platform
    /// writes one, no <c>iat</c> in the future (Twilio's and Zoom's lifetime rules, checked by their tokens' validation,
    /// are measured from it), the longest lifetime and the unknown-claims policy of the options.
    /// </summary>
    /// <param name="secret">The secret; its UTF-8 bytes are the HMAC key.</param>
    /// <param name="secretName">The credentials' property holding it, for the message of a too-short key.</param>
    /// <param name="headerParameters">The platform's extra header parameters, or <see langword="null"/>.</param>
    /// <param name="issuer">The only <c>iss</c> the verifier accepts, or <see langword="null"/>.</param>
    /// <param name="audience">The only <c>aud</c> the verifier accepts, or <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The secret is shorter than 32 bytes and <see cref="PlatformTokenIssuerOptions.AllowShortKey"/> is off.</exception>
    private protected void CreateKeys(string secret, string secretName, IReadOnlyList<KeyValuePair<string, string>>? headerParameters = null, string? issuer = null, string? audience = null)
    {
        int keyLength = Encoding.UTF8.GetByteCount(secret);
        if (keyLength < MinimumKeyLength && !_options.AllowShortKey)
        {
            throw new ArgumentException(
                $"The {secretName} is {keyLength} bytes long; an HS256 key needs at least {MinimumKeyLength} (RFC 7518 §3.2). Pass the platform's secret, or set AllowShortKey in the options for a shorter key the platform issued.",
                "credentials");
        }

        string? keyId = _options.KeyId;
        Signer = JwtSigner.FromSecret(secret, new JwtSignerOptions
        {
            AllowShortKey = _options.AllowShortKey,
            KeyId = keyId,
            AdditionalHeaderParameters = headerParameters,
        });

        var verifierOptions = new JwtVerifierOptions
        {
            TimeProvider = TimeProvider,
            AllowShortKey = _options.AllowShortKey,
            ValidIssuers = issuer is null ? null : [issuer],
            ValidAudiences = audience is null ? null : [audience],
            RejectFutureIssuedAt = true,
            MaxLifetime = _options.MaxLifetime,
            UnknownClaims = _options.UnknownClaims,
        };

        if (keyId is null)
        {
            Verifier = JwtVerifier.FromSecret(secret, verifierOptions);
            return;
        }

        // With a key id the verifier looks the key up by the token's kid: a token without it, or with another, is UnknownKey.
        byte[] bytes = GC.AllocateUninitializedArray<byte>(keyLength, pinned: true);
        Encoding.UTF8.GetBytes(secret, bytes);
        try
        {
            Verifier = new JwtVerifier([new KeyValuePair<string, byte[]>(keyId, bytes)], verifierOptions);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    private const int MinimumKeyLength = 32;

    private static string Describe(TimeSpan span) =>
        span.TotalHours >= 1 && span.TotalHours == Math.Floor(span.TotalHours) ? $"{span.TotalHours:0} hours"
        : span.TotalMinutes >= 1 && span.TotalMinutes == Math.Floor(span.TotalMinutes) ? $"{span.TotalMinutes:0} minutes"
        : $"{span.TotalSeconds:0.###} seconds";

    /// <summary>Returns <paramref name="token"/> with the claims this issuer fills set, each only where the token leaves it empty.</summary>
    /// <param name="token">The token to complete.</param>
    /// <returns>The completed copy.</returns>
    /// <exception cref="ArgumentException">The token names another key, account or app than this issuer's.</exception>
    public abstract TToken Complete(TToken token);

    /// <summary>Completes <paramref name="token"/> (see <see cref="Complete"/>) and signs it.</summary>
    /// <param name="token">The token's claims.</param>
    /// <returns>The compact token.</returns>
    /// <exception cref="JwtPayloadValidationException">A claim is not valid; the message names it.</exception>
    /// <exception cref="ArgumentException">The token names another key, account or app than this issuer's.</exception>
    public string Issue(TToken token)
    {
        string issued = Signer.Sign(Complete(token));
        CheckIssued(issued.Length);
        return issued;
    }

    /// <summary>Completes <paramref name="token"/> and signs it into <paramref name="destination"/> as ASCII bytes.</summary>
    /// <param name="token">The token's claims.</param>
    /// <param name="destination">Where the token's bytes go.</param>
    /// <param name="bytesWritten">The token's length, or 0 when <paramref name="destination"/> is too small.</param>
    /// <returns><see langword="false"/> when <paramref name="destination"/> is too small; nothing is then written.</returns>
    /// <exception cref="JwtPayloadValidationException">A claim is not valid; the message names it.</exception>
    /// <exception cref="ArgumentException">The token names another key, account or app than this issuer's.</exception>
    public bool TryIssue(TToken token, Span<byte> destination, out int bytesWritten)
    {
        if (!Signer.TrySign(Complete(token), destination, out bytesWritten))
        {
            return false;
        }

        CheckIssued(bytesWritten);
        return true;
    }

    /// <summary>Completes <paramref name="token"/> and appends the signed token's ASCII bytes to <paramref name="output"/>.</summary>
    /// <param name="token">The token's claims.</param>
    /// <param name="output">The buffer writer the token is appended to.</param>
    /// <returns>The number of bytes appended.</returns>
    /// <exception cref="JwtPayloadValidationException">A claim is not valid; the message names it.</exception>
    /// <exception cref="ArgumentException">The token names another key, account or app than this issuer's.</exception>
    public int Issue(TToken token, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        int written = Signer.Sign(Complete(token), output);
        CheckIssued(written);
        return written;
    }

    /// <summary>Completes every token, then signs them all through <see cref="JwtSigner.SignAll{T}(System.Collections.Generic.IReadOnlyList{T}, int, System.Threading.CancellationToken)"/> on all cores.</summary>
    /// <param name="tokens">The tokens' claims.</param>
    /// <param name="maxDegreeOfParallelism">The most threads to use; -1 (the default) for one per core.</param>
    /// <param name="cancellationToken">Stops the work between chunks of tokens.</param>
    /// <returns>The compact tokens, in the same order.</returns>
    /// <exception cref="JwtPayloadValidationException">A token is not valid; the message starts with its index.</exception>
    /// <exception cref="ArgumentException">A token names another key, account or app than this issuer's.</exception>
    public string[] IssueAll(IReadOnlyList<TToken> tokens, int maxDegreeOfParallelism = -1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var completed = new TToken[tokens.Count];
        for (int i = 0; i < completed.Length; i++)
        {
            completed[i] = Complete(tokens[i]);
        }

        string[] issued = Signer.SignAll(completed, maxDegreeOfParallelism, cancellationToken);
        foreach (string token in issued)
        {
            CheckIssued(token.Length);
        }

        return issued;
    }

    /// <summary>
    /// Completes and signs a stream of tokens of any length on all cores, in order and in bounded memory, through
    /// <see cref="JwtSigner.SignEachAsync{T}(IAsyncEnumerable{T}, BulkSignOptions?, CancellationToken)"/>: each item is the
    /// token of the input at its index, or that input's problems (an invalid token does not stop the run).
    /// </summary>
    /// <param name="tokens">The tokens' claims, read once, in order.</param>
    /// <param name="options">Workers, chunks, progress, stop at the first error.</param>
    /// <param name="cancellationToken">Stops the run within one chunk.</param>
    /// <returns>The items, in input order; an item's token bytes are valid until the next item.</returns>
    public IAsyncEnumerable<BulkSignItem> IssueEachAsync(IAsyncEnumerable<TToken> tokens, BulkSignOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        IAsyncEnumerable<BulkSignItem> signed = Signer.SignEachAsync(CompleteEach(tokens, cancellationToken), options, cancellationToken);
        return CheckEach(signed, options?.StopOnFirstError ?? false, cancellationToken);
    }

    /// <summary>
    /// Runs the platform's check of an issued token (<see cref="FindIssuedProblem"/>) on every signed item: a token that
    /// fails it becomes that item's problem, as an invalid payload is, and ends a <see cref="BulkSignOptions.StopOnFirstError"/> run.
    /// </summary>
    private async IAsyncEnumerable<BulkSignItem> CheckEach(IAsyncEnumerable<BulkSignItem> items, bool stopOnFirstError, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (BulkSignItem item in items.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (item.IsSigned && FindIssuedProblem(item.Token.Length) is { } problem)
            {
                yield return new BulkSignItem(item.Index, ReadOnlyMemory<byte>.Empty, [problem]);
                if (stopOnFirstError)
                {
                    yield break;
                }

                continue;
            }

            yield return item;
            if (!item.IsSigned && stopOnFirstError)
            {
                yield break;
            }
        }
    }

    private async IAsyncEnumerable<TToken> CompleteEach(IAsyncEnumerable<TToken> tokens, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (TToken token in tokens.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return Complete(token);
        }
    }

    /// <summary>
    /// The one check that a token's key, app, account, team or domain claims are this issuer's own: the first claim
    /// naming another, or <see langword="null"/>. <see cref="Complete"/> throws on it (<see cref="CheckOwnClaims"/>) and
    /// the verify methods refuse the token with it, so a token is verified only when it could have been issued.
    /// None by default; a platform issuer lists its claims with <see cref="OwnClaim"/>.
    /// </summary>
    /// <param name="token">The token's claims.</param>
    /// <returns>The claim and the reason, or <see langword="null"/> when every such claim is this issuer's or empty.</returns>
    private protected virtual ClaimProblem? FindForeignClaim(TToken token) => null;

    /// <summary>
    /// The problem of a token naming another key, app or account than this issuer's in <paramref name="claim"/>, or
    /// <see langword="null"/>; an empty claim is fine (<see cref="Complete"/> fills it).
    /// </summary>
    /// <param name="claimed">The token's value, or <see langword="null"/>.</param>
    /// <param name="own">This issuer's value.</param>
    /// <param name="claim">The claim's name.</param>
    /// <param name="what">How the issuer relates to the value, for the message: "with API key", "for app".</param>
    /// <param name="comparison">How the values compare.</param>
    private protected static ClaimProblem? OwnClaim(string? claimed, string own, string claim, string what, StringComparison comparison = StringComparison.Ordinal) =>
        claimed is not null && !string.Equals(claimed, own, comparison)
            ? new ClaimProblem(claim, $"is '{claimed}', but this issuer signs {what} '{own}'")
            : null;

    /// <summary>Throws when <see cref="FindForeignClaim"/> finds a claim naming another key, app or account: the check of <see cref="Complete"/>.</summary>
    /// <param name="token">The token's claims.</param>
    /// <exception cref="ArgumentException">A claim names another key, app or account than this issuer's.</exception>
    private protected void CheckOwnClaims(TToken token)
    {
        if (FindForeignClaim(token) is { } problem)
        {
            throw new ArgumentException($"Claim '{problem.Claim}' {problem.Message}.", "token");
        }
    }

    /// <summary>
    /// A platform's check of an issued token's length (in ASCII characters), run on every issue path: the problem, or
    /// <see langword="null"/> when the token is fine; none by default. Its claim name is empty: it is about the whole token.
    /// </summary>
    /// <param name="length">The token's length.</param>
    /// <returns>The problem, or <see langword="null"/>.</returns>
    private protected virtual ClaimProblem? FindIssuedProblem(int length) => null;

    /// <summary>Throws when <see cref="FindIssuedProblem"/> refuses an issued token: the check of the issue paths that return or write one token or an array.</summary>
    /// <param name="length">The token's length.</param>
    /// <exception cref="InvalidOperationException">The platform refuses a token of that length.</exception>
    private void CheckIssued(int length)
    {
        if (FindIssuedProblem(length) is { } problem)
        {
            throw new InvalidOperationException(problem.Message);
        }
    }

    /// <summary>
    /// Verifies <paramref name="token"/> as the platform would accept it from this issuer: signed with the same key (and
    /// <see cref="PlatformTokenIssuerOptions.KeyId"/> when set), within its times by the issuer's clock (with the
    /// verifier's default leeway; an <c>iat</c> in the future is refused as <see cref="JwtError.IssuedInTheFuture"/>),
    /// naming this issuer's key, app, account, team or domain wherever <see cref="Complete"/> checks it (another one is
    /// <see cref="JwtError.InvalidIssuer"/> for <c>iss</c>, else <see cref="JwtError.InvalidClaims"/>), with the options'
    /// <see cref="PlatformTokenIssuerOptions.MaxLifetime"/> and <see cref="PlatformTokenIssuerOptions.UnknownClaims"/>,
    /// and valid for the platform's schema. Never throws on any input but <see cref="ObjectDisposedException"/>.
    /// </summary>
    /// <param name="token">The compact token.</param>
    /// <param name="payload">The token's claims, when it is accepted.</param>
    /// <param name="error"><see cref="JwtError.None"/>, or why the token was refused.</param>
    /// <returns><see langword="true"/> when the token is accepted.</returns>
    public bool TryVerify(ReadOnlySpan<char> token, [NotNullWhen(true)] out TToken? payload, out JwtError error)
    {
        bool verified = TryVerifyDetailed(token, out payload, out JwtVerificationFailure failure);
        error = failure.Error;
        return verified;
    }

    /// <summary>As <see cref="TryVerify(ReadOnlySpan{char}, out TToken, out JwtError)"/>, for a token given as ASCII bytes.</summary>
    /// <param name="token">The compact token's bytes.</param>
    /// <param name="payload">The token's claims, when it is accepted.</param>
    /// <param name="error"><see cref="JwtError.None"/>, or why the token was refused.</param>
    /// <returns><see langword="true"/> when the token is accepted.</returns>
    public bool TryVerify(ReadOnlySpan<byte> token, [NotNullWhen(true)] out TToken? payload, out JwtError error)
    {
        bool verified = TryVerifyDetailed(token, out payload, out JwtVerificationFailure failure);
        error = failure.Error;
        return verified;
    }

    /// <summary>
    /// As <see cref="TryVerify(ReadOnlySpan{char}, out TToken, out JwtError)"/>, saying on refusal which claim failed and
    /// why (the read error, every validation problem, or the claim naming another key, app or account).
    /// </summary>
    /// <param name="token">The compact token.</param>
    /// <param name="payload">The token's claims, when it is accepted.</param>
    /// <param name="failure">The default value, or why the token was refused, down to the claim.</param>
    /// <returns><see langword="true"/> when the token is accepted.</returns>
    public bool TryVerifyDetailed(ReadOnlySpan<char> token, [NotNullWhen(true)] out TToken? payload, out JwtVerificationFailure failure) =>
        Verifier.TryVerifyDetailed(token, out payload, out failure) && IsOwn(ref payload, ref failure);

    /// <summary>As <see cref="TryVerifyDetailed(ReadOnlySpan{char}, out TToken, out JwtVerificationFailure)"/>, for a token given as ASCII bytes.</summary>
    /// <param name="token">The compact token's bytes.</param>
    /// <param name="payload">The token's claims, when it is accepted.</param>
    /// <param name="failure">The default value, or why the token was refused, down to the claim.</param>
    /// <returns><see langword="true"/> when the token is accepted.</returns>
    public bool TryVerifyDetailed(ReadOnlySpan<byte> token, [NotNullWhen(true)] out TToken? payload, out JwtVerificationFailure failure) =>
        Verifier.TryVerifyDetailed(token, out payload, out failure) && IsOwn(ref payload, ref failure);

    /// <summary>The issuer's own-ids check of a verified token (<see cref="FindForeignClaim"/>).</summary>
    private bool IsOwn([NotNullWhen(true)] ref TToken? payload, ref JwtVerificationFailure failure)
    {
        if (payload is not null && FindForeignClaim(payload) is { } problem)
        {
            payload = default;
            failure = new JwtVerificationFailure(JwtError.InvalidClaims, null, ClaimReadErrorKind.None, [problem]);
            return false;
        }

        return payload is not null;
    }

    /// <summary>Zeroes the secret. Issuing afterwards throws <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        Signer.Dispose();
        Verifier.Dispose();
        GC.SuppressFinalize(this);
    }
}
