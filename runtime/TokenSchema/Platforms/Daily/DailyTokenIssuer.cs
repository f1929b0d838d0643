using System;

namespace TokenSchema.Daily;

/// <summary>
/// Issues self-signed Daily meeting tokens for one Daily domain: fills the domain id (<c>d</c>), the issue time
/// (<c>iat</c>) and an expiry (<c>exp</c>) when a token leaves them out, validates the token and signs it with HS256 under
/// the domain's API key; the shared issuer shape (<see cref="PlatformTokenIssuer{TToken}"/>) adds the span, buffer and bulk
/// paths and the matching verifier. Thread-safe; dispose it to zero the key.
/// <see cref="CreateRestRequestBody"/> writes the same claims as the body of Daily's REST create-meeting-token call instead.
/// </summary>
/// <example>
/// <code>
/// using var daily = new DailyTokenIssuer(new DailyCredentials(apiKey, domainId));
/// string token = daily.Issue(new DailyToken { RoomName = "standup", IsOwner = true });
/// </code>
/// </example>
public sealed class DailyTokenIssuer : PlatformTokenIssuer<DailyToken>
{
    /// <summary>Daily's recommended maximum length of a meeting token, in characters.</summary>
    public const int MaxRecommendedLength = 2048;

    /// <summary>The lifetime given to a token without <c>exp</c> unless <see cref="PlatformTokenIssuerOptions.Lifetime"/> says otherwise: one hour.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(1);

    /// <summary>Creates an issuer for a Daily domain, signing with its API key.</summary>
    /// <param name="credentials">The domain's API key (the HMAC secret) and its id (the <c>d</c> claim).</param>
    /// <param name="options">
    /// The clock, lifetime, overlong-token rule and verifier rules; <see langword="null"/> for the defaults (which refuse
    /// a token longer than <see cref="MaxRecommendedLength"/>).
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="credentials"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// The API key is shorter than 32 bytes without <see cref="PlatformTokenIssuerOptions.AllowShortKey"/>, or an option
    /// is out of range (a lifetime under one second, a <see cref="PlatformTokenIssuerOptions.Backdating"/> or
    /// <see cref="PlatformTokenIssuerOptions.KeyId"/>); the exception names it.
    /// </exception>
    public DailyTokenIssuer(DailyCredentials credentials, DailyTokenIssuerOptions? options = null)
        : base(options ?? DailyTokenIssuerOptions.Default, Rules)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        DomainId = credentials.DomainId;
        Options = options ?? DailyTokenIssuerOptions.Default;
        CreateKeys(credentials.ApiKey, "Daily API key");
    }

    private static PlatformRules Rules => new("Daily", DefaultLifetime, PlatformRules.OneSecond, TimeSpan.MaxValue, null, AcceptsKeyId: false);

    /// <summary>The domain id written as <c>d</c>.</summary>
    public Guid DomainId { get; }

    /// <summary>The options the issuer was created with.</summary>
    public DailyTokenIssuerOptions Options { get; }

    /// <summary>Whether <paramref name="token"/> is longer than Daily's recommended <see cref="MaxRecommendedLength"/> characters.</summary>
    /// <param name="token">An issued token.</param>
    /// <returns><see langword="true"/> when the token is longer than 2,048 characters.</returns>
    public static bool ExceedsRecommendedLength(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return token.Length > MaxRecommendedLength;
    }

    /// <summary>The token's <c>d</c> when it names another domain.</summary>
    private protected override ClaimProblem? FindForeignClaim(DailyToken token) =>
        token.DomainId is { } domain && domain != DomainId
            ? new ClaimProblem("d", $"(domain_id) is {domain}, but this issuer signs with the API key of domain {DomainId}")
            : null;

    /// <summary>
    /// Returns <paramref name="token"/> with the claims <see cref="PlatformTokenIssuer{TToken}.Issue(TToken)"/> fills when absent: <c>d</c> (<see cref="DomainId"/>),
    /// <c>iat</c> (now, in whole seconds) and <c>exp</c> (<c>iat</c> plus <see cref="PlatformTokenIssuer{TToken}.Lifetime"/>).
    /// </summary>
    /// <param name="token">The token's claims.</param>
    /// <returns>The completed claims; <paramref name="token"/> itself is not changed.</returns>
    /// <exception cref="ArgumentException">The token's <c>d</c> names another domain than this issuer's.</exception>
    public override DailyToken Complete(DailyToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        CheckOwnClaims(token);

        DateTimeOffset issuedAt = token.IssuedAt ?? DateTimeOffset.FromUnixTimeSeconds(TimeProvider.GetUtcNow().ToUnixTimeSeconds());
        DateTimeOffset expires = token.Expires ?? DateTimeOffset.FromUnixTimeSeconds(issuedAt.ToUnixTimeSeconds() + (long)Lifetime.TotalSeconds);

        return token with { DomainId = DomainId, IssuedAt = issuedAt, Expires = expires };
    }

    /// <summary>
    /// The problem of an issued token (from any of the issue methods) longer than <see cref="MaxRecommendedLength"/> when
    /// <see cref="DailyTokenIssuerOptions.RejectOverlongTokens"/> is set (the default): the single-token paths and
    /// <c>IssueAll</c> throw <see cref="InvalidOperationException"/> with its message, <c>IssueEachAsync</c> reports it as
    /// the item's problem (with an empty claim name: it is about the whole token).
    /// </summary>
    /// <param name="length">The token's length.</param>
    /// <returns>The problem, or <see langword="null"/>.</returns>
    private protected override ClaimProblem? FindIssuedProblem(int length) =>
        Options.RejectOverlongTokens && length > MaxRecommendedLength
            ? new ClaimProblem("", $"The Daily token is {length} characters long, more than Daily's recommended {MaxRecommendedLength}; shorten its claims (often 'sro', 'p' or 'mjh'), or turn RejectOverlongTokens off in the options.")
            : null;

    /// <summary>
    /// The body of Daily's REST create-meeting-token call (<c>POST https://api.daily.co/v1/meeting-tokens</c>, with the
    /// domain's API key as bearer token) for <paramref name="token"/>, as an alternative to <see cref="PlatformTokenIssuer{TToken}.Issue(TToken)"/>: Daily
    /// then signs the token itself. The token is completed like <see cref="PlatformTokenIssuer{TToken}.Issue(TToken)"/> does, so it gets the same <c>exp</c>
    /// (<see cref="PlatformTokenIssuer{TToken}.Lifetime"/>), validated with <see cref="DailyToken.ValidateForRestRequest"/> and written with
    /// <see cref="DailyToken.WriteRestRequestBody"/>, which leaves out <c>d</c> and <c>iat</c> (Daily fills them).
    /// </summary>
    /// <param name="token">The token's claims.</param>
    /// <param name="options">The options only the REST call accepts, or <see langword="null"/> for none.</param>
    /// <returns>The compact JSON text <c>{"properties":{…}}</c>.</returns>
    /// <exception cref="ArgumentException">The token's <c>d</c> names another domain than this issuer's.</exception>
    /// <exception cref="JwtPayloadValidationException">The REST call would refuse the token; the message lists every problem by claim name.</exception>
    public string CreateRestRequestBody(DailyToken token, DailyRestOptions? options = null)
    {
        DailyToken complete = Complete(token);
        complete.ValidateForRestRequest().ThrowIfInvalid(typeof(DailyToken));
        return complete.ToRestRequestBody(options);
    }
}
