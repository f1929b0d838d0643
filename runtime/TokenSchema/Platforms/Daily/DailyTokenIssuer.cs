using System;

namespace TokenSchema.Daily;

/// <summary>
/// Issues self-signed Daily meeting tokens for one Daily domain: fills the domain id (<c>d</c>), the issue time
/// (<c>iat</c>) and an expiry (<c>exp</c>) when a token leaves them out, validates the token and signs it with HS256 under
/// the domain's API key; the shared issuer shape (<see cref="PlatformTokenIssuer{TToken}"/>) adds the span, buffer and bulk
/// paths and the matching verifier. Thread-safe for <see cref="PlatformTokenIssuer{TToken}.Issue(TToken)"/> and <see cref="CreateRestRequestBody"/>; set the properties before sharing the instance.
/// <see cref="CreateRestRequestBody"/> writes the same claims as the body of Daily's REST create-meeting-token call instead.
/// </summary>
/// <example>
/// <code>
/// using var daily = new DailyTokenIssuer(apiKey, domainId);
/// string token = daily.Issue(new DailyToken { RoomName = "standup", IsOwner = true });
/// </code>
/// </example>
public sealed class DailyTokenIssuer : PlatformTokenIssuer<DailyToken>
{
    /// <summary>Daily's recommended maximum length of a meeting token, in characters.</summary>
    public const int MaxRecommendedLength = 2048;

    private const int MinimumKeyLength = 32;

    private TimeSpan? _defaultLifetime = TimeSpan.FromHours(1);

    /// <summary>Creates an issuer for the domain <paramref name="domainId"/>, signing with its API key.</summary>
    /// <param name="apiKey">The Daily domain's API key; its UTF-8 bytes are the HMAC key (at least 32 bytes).</param>
    /// <param name="domainId">The domain's id, a UUID (the <c>d</c> claim).</param>
    /// <param name="timeProvider">The clock for <c>iat</c>; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="apiKey"/> or <paramref name="domainId"/> is <see langword="null"/>.</exception>
    /// <param name="allowShortKey">Accept an API key shorter than the 32 bytes RFC 7518 §3.2 requires (a test key).</param>
    /// <exception cref="ArgumentException"><paramref name="domainId"/> is not a UUID, or the key is empty or shorter than 32 bytes.</exception>
    public DailyTokenIssuer(string apiKey, string domainId, TimeProvider? timeProvider = null, bool allowShortKey = false)
        : this(apiKey, ParseDomainId(domainId), timeProvider, allowShortKey)
    {
    }

    /// <summary>Creates an issuer for the domain <paramref name="domainId"/>, signing with its API key.</summary>
    /// <param name="apiKey">The Daily domain's API key; its UTF-8 bytes are the HMAC key (at least 32 bytes).</param>
    /// <param name="domainId">The domain's id (the <c>d</c> claim).</param>
    /// <param name="timeProvider">The clock for <c>iat</c>; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="apiKey"/> is <see langword="null"/>.</exception>
    /// <param name="allowShortKey">Accept an API key shorter than the 32 bytes RFC 7518 §3.2 requires (a test key).</param>
    /// <exception cref="ArgumentException"><paramref name="domainId"/> is the empty UUID, or the key is empty or shorter than 32 bytes.</exception>
    public DailyTokenIssuer(string apiKey, Guid domainId, TimeProvider? timeProvider = null, bool allowShortKey = false)
        : base(timeProvider)
    {
        ArgumentNullException.ThrowIfNull(apiKey);
        if (domainId == Guid.Empty)
        {
            throw new ArgumentException("The Daily domain id (claim 'd') must not be the empty UUID.", nameof(domainId));
        }

        DomainId = domainId;
        int keyLength = System.Text.Encoding.UTF8.GetByteCount(apiKey);
        if (keyLength == 0 || (keyLength < MinimumKeyLength && !allowShortKey))
        {
            throw new ArgumentException(
                $"The Daily API key is {keyLength} bytes long; an HS256 key needs at least {MinimumKeyLength}. Pass the domain's API key from the Daily dashboard.",
                nameof(apiKey));
        }

        Signer = JwtSigner.FromSecret(apiKey, new JwtSignerOptions { AllowShortKey = allowShortKey });
        Verifier = CreateVerifier(apiKey, allowShortKey);
    }

    /// <summary>The domain id written as <c>d</c> when a token has none.</summary>
    public Guid DomainId { get; }

    /// <summary>
    /// How long an issued token is valid when it has no <c>exp</c>: <c>exp</c> becomes <c>iat</c> plus this, in whole
    /// seconds. One hour by default; <see langword="null"/> issues tokens without <c>exp</c>, which Daily accepts for as
    /// long as the API key is active (Daily recommends an expiry).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is shorter than one second.</exception>
    public TimeSpan? DefaultLifetime
    {
        get => _defaultLifetime;
        set
        {
            if (value is { } lifetime && lifetime < TimeSpan.FromSeconds(1))
            {
                throw new ArgumentOutOfRangeException(nameof(value), lifetime, "The default lifetime of a Daily token (claim 'exp') must be at least one second.");
            }

            _defaultLifetime = value;
        }
    }

    /// <summary>
    /// When <see langword="true"/>, <see cref="PlatformTokenIssuer{TToken}.Issue(TToken)"/> throws rather than return a token longer than
    /// <see cref="MaxRecommendedLength"/> characters. <see langword="false"/> by default; check
    /// <see cref="ExceedsRecommendedLength"/> on the result instead.
    /// </summary>
    public bool RejectOverlongTokens { get; set; }

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
    /// <c>iat</c> (now, in whole seconds) and <c>exp</c> (<c>iat</c> plus <see cref="DefaultLifetime"/>).
    /// </summary>
    /// <param name="token">The token's claims.</param>
    /// <returns>The completed claims; <paramref name="token"/> itself is not changed.</returns>
    /// <exception cref="ArgumentException">The token's <c>d</c> names another domain than this issuer's.</exception>
    public override DailyToken Complete(DailyToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        CheckOwnClaims(token);

        DateTimeOffset issuedAt = token.IssuedAt ?? DateTimeOffset.FromUnixTimeSeconds(TimeProvider.GetUtcNow().ToUnixTimeSeconds());
        DateTimeOffset? expires = token.Expires;
        if (expires is null && _defaultLifetime is { } lifetime)
        {
            expires = DateTimeOffset.FromUnixTimeSeconds(issuedAt.ToUnixTimeSeconds() + (long)lifetime.TotalSeconds);
        }

        return token with { DomainId = DomainId, IssuedAt = issuedAt, Expires = expires };
    }

    /// <summary>
    /// Throws when <see cref="RejectOverlongTokens"/> is set and an issued token (from any of the issue methods) is longer
    /// than <see cref="MaxRecommendedLength"/>.
    /// </summary>
    /// <param name="length">The token's length.</param>
    /// <exception cref="InvalidOperationException"><see cref="RejectOverlongTokens"/> is set and the token is too long.</exception>
    private protected override void CheckIssued(int length)
    {
        if (RejectOverlongTokens && length > MaxRecommendedLength)
        {
            throw new InvalidOperationException(
                $"The Daily token is {length} characters long, more than Daily's recommended {MaxRecommendedLength}; shorten its claims (often 'sro', 'p' or 'mjh').");
        }
    }

    /// <summary>
    /// The body of Daily's REST create-meeting-token call (<c>POST https://api.daily.co/v1/meeting-tokens</c>, with the
    /// domain's API key as bearer token) for <paramref name="token"/>, as an alternative to <see cref="PlatformTokenIssuer{TToken}.Issue(TToken)"/>: Daily
    /// then signs the token itself. The token is completed like <see cref="PlatformTokenIssuer{TToken}.Issue(TToken)"/> does, so it gets the same <c>exp</c>
    /// (<see cref="DefaultLifetime"/>), validated with <see cref="DailyToken.ValidateForRestRequest"/> and written with
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

    private static Guid ParseDomainId(string domainId)
    {
        ArgumentNullException.ThrowIfNull(domainId);
        if (!Guid.TryParseExact(domainId, "D", out Guid parsed))
        {
            throw new ArgumentException("The Daily domain id (claim 'd') must be a UUID such as 25df5057-ef0d-4d97-bde6-0cf287276cbb.", nameof(domainId));
        }

        return parsed;
    }
}
