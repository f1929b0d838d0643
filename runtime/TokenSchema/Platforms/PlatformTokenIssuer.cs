using System;
using System.Threading.Tasks;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Threading;

namespace TokenSchema;

/// <summary>
/// What every platform issuer shares: it completes a token with the claims the platform's own SDK fills (the key id, the
/// times, a token id) through <see cref="Complete"/>, then signs it with the one <see cref="JwtSigner"/> it owns. Each
/// path validates the completed token once, in the signer. <see cref="TryVerify"/> is the matching verifier: the same
/// key and clock, and the checks the platform applies to the key id. Thread-safe; dispose it to zero the secret.
/// </summary>
/// <typeparam name="TToken">The platform's token record.</typeparam>
public abstract class PlatformTokenIssuer<TToken> : IDisposable where TToken : IJwtPayload<TToken>
{
    private protected PlatformTokenIssuer(TimeProvider? timeProvider)
    {
        TimeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The clock the issuer reads for the times it fills.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The header every token carries, as signed.</summary>
    public ReadOnlyMemory<byte> HeaderJson => Signer.HeaderJson;

    /// <summary>The signer, set once by the platform issuer's constructor after it has checked its arguments.</summary>
    private protected JwtSigner Signer { get; init; } = null!;

    /// <summary>The verifier for the same key, set once by the platform issuer's constructor.</summary>
    private protected JwtVerifier Verifier { get; init; } = null!;

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
        return Signer.SignEachAsync(CompleteEach(tokens, cancellationToken), options, cancellationToken);
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
    /// <see cref="TryVerify"/> refuses the token with it, so a token is verified only when it could have been issued.
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

    /// <summary>A platform's check of an issued token's length (in ASCII characters), run on every path; none by default.</summary>
    /// <param name="length">The token's length.</param>
    private protected virtual void CheckIssued(int length)
    {
    }

    /// <summary>
    /// Verifies <paramref name="token"/> as the platform would accept it from this issuer: signed with the same key, within
    /// its times by the issuer's clock (with the verifier's default leeway; an <c>iat</c> in the future is refused as
    /// <see cref="JwtError.IssuedInTheFuture"/>), naming this issuer's key, app, account, team or domain wherever
    /// <see cref="Complete"/> checks it (another one is <see cref="JwtError.InvalidIssuer"/> for <c>iss</c>, else
    /// <see cref="JwtError.InvalidClaims"/> with a problem naming the claim), and valid for the platform's schema.
    /// </summary>
    /// <param name="token">The compact token.</param>
    /// <param name="payload">The token's claims, when it is accepted.</param>
    /// <param name="failure">Why it was refused, down to the claim.</param>
    /// <returns><see langword="true"/> when the token is accepted.</returns>
    public bool TryVerify(ReadOnlySpan<char> token, [NotNullWhen(true)] out TToken? payload, out JwtVerificationFailure failure)
    {
        if (!Verifier.TryVerifyDetailed(token, out payload, out failure))
        {
            return false;
        }

        if (FindForeignClaim(payload) is { } problem)
        {
            payload = default;
            failure = new JwtVerificationFailure(JwtError.InvalidClaims, null, ClaimReadErrorKind.None, [problem]);
            return false;
        }

        return true;
    }

    /// <summary>
    /// Creates the verifier for the issuer's key: its clock, the issuer names it accepts when the platform writes one, and
    /// no <c>iat</c> in the future (Twilio's and Zoom's lifetime rules, checked by their tokens' validation, are measured from it).
    /// </summary>
    private protected JwtVerifier CreateVerifier(string secret, bool allowShortKey, string? issuer = null, string? audience = null) =>
        JwtVerifier.FromSecret(secret, new JwtVerifierOptions
        {
            TimeProvider = TimeProvider,
            AllowShortKey = allowShortKey,
            ValidIssuers = issuer is null ? null : [issuer],
            ValidAudiences = audience is null ? null : [audience],
            RejectFutureIssuedAt = true,
        });

    /// <summary>Zeroes the secret. Issuing afterwards throws <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        Signer.Dispose();
        Verifier.Dispose();
        GC.SuppressFinalize(this);
    }
}
