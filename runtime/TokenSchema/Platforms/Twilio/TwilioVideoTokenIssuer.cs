using System;
using System.Collections.Generic;
using System.Globalization;

namespace TokenSchema.Twilio;

/// <summary>
/// Issues Twilio Video access tokens for one account and API key: fills <c>jti</c>, <c>iss</c>, <c>sub</c>, <c>iat</c> and
/// <c>exp</c>, checks <see cref="TwilioVideoToken.ValidateForTwilio"/>, and signs with the API key secret (HS256) under the
/// header <c>{"alg":"HS256","typ":"JWT","cty":"twilio-fpa;v=1"}</c>, followed by <c>"twr":"&lt;region&gt;"</c> when a
/// region is given. Thread-safe; dispose it to zero the secret.
/// </summary>
/// <remarks>
/// The header members are in the order Twilio's Node.js and .NET libraries write them: <c>alg</c>, <c>typ</c>, <c>cty</c>,
/// then <c>twr</c>. <c>iat</c> is always written, as Twilio's Node.js library does, although Twilio accepts tokens
/// without it. The SIDs are checked when the issuer is created: mixing up the API key SID and the account SID gives a
/// token Twilio refuses when connecting (error 20103).
/// </remarks>
/// <example>
/// <code>
/// using var issuer = new TwilioVideoTokenIssuer(accountSid, apiKeySid, apiKeySecret);
/// string token = issuer.Issue("alice", room: "DailyStandup");
/// </code>
/// </example>
public sealed class TwilioVideoTokenIssuer : PlatformTokenIssuer<TwilioVideoToken>
{
    /// <summary>The lifetime given to a token without <c>exp</c> unless the constructor says otherwise: 3,600 seconds.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromSeconds(3600);

    /// <summary>The <c>cty</c> header parameter Twilio requires.</summary>
    public const string ContentType = "twilio-fpa;v=1";


    /// <summary>Creates an issuer for an account and one of its API keys.</summary>
    /// <param name="accountSid">The account SID (<c>AC…</c>), written to <c>sub</c>.</param>
    /// <param name="apiKeySid">The API key SID (<c>SK…</c>), written to <c>iss</c> and used in <c>jti</c>.</param>
    /// <param name="apiKeySecret">The API key's secret; its UTF-8 bytes are the HMAC key.</param>
    /// <param name="timeProvider">The clock for <c>jti</c>, <c>iat</c> and <c>exp</c>; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="lifetime">How long a token without <c>exp</c> is valid; <see cref="DefaultLifetime"/> when <see langword="null"/>; at most <see cref="TwilioVideoToken.MaxLifetime"/>.</param>
    /// <param name="allowShortKey">Accepts a secret shorter than 32 bytes (see <see cref="JwtSignerOptions.AllowShortKey"/>).</param>
    /// <param name="region">The Twilio region the token is for (for example <c>us1</c>, <c>ie1</c>, <c>au1</c>), written to the
    /// <c>twr</c> header as Twilio's libraries write their <c>region</c> option; no <c>twr</c> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">A SID is not of its form (<c>AC</c> or <c>SK</c> and 32 hexadecimal digits; the
    /// message says when the two are swapped), the region is not lower-case letters and digits, or the secret is empty or too short.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lifetime"/> is under one second or over 24 hours.</exception>
    public TwilioVideoTokenIssuer(string accountSid, string apiKeySid, string apiKeySecret, TimeProvider? timeProvider = null, TimeSpan? lifetime = null, bool allowShortKey = false, string? region = null)
        : base(timeProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountSid);
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKeySid);
        ArgumentNullException.ThrowIfNull(apiKeySecret);
        if (!TwilioVideoToken.IsSid(accountSid, "AC"))
        {
            throw new ArgumentException(TwilioVideoToken.IsSid(accountSid, "SK")
                ? "The account SID (claim 'sub') is an API key SID ('SK…'); pass the account SID ('AC' and 32 hexadecimal digits) first, then the API key SID."
                : "The account SID (claim 'sub') must be 'AC' and 32 hexadecimal digits.", nameof(accountSid));
        }

        if (!TwilioVideoToken.IsSid(apiKeySid, "SK"))
        {
            throw new ArgumentException(TwilioVideoToken.IsSid(apiKeySid, "AC")
                ? "The API key SID (claim 'iss') is an account SID ('AC…'); pass the API key SID ('SK' and 32 hexadecimal digits)."
                : "The API key SID (claim 'iss') must be 'SK' and 32 hexadecimal digits.", nameof(apiKeySid));
        }

        if (region is not null && (region.Length is 0 or > 16 || !IsRegionText(region)))
        {
            throw new ArgumentException("The region (header 'twr') must be 1 to 16 lower-case letters and digits, for example 'us1'.", nameof(region));
        }

        Lifetime = lifetime ?? DefaultLifetime;
        if (Lifetime < TimeSpan.FromSeconds(1) || Lifetime > TwilioVideoToken.MaxLifetime)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), Lifetime, "A Twilio token lives between one second and 86,400 seconds.");
        }

        AccountSid = accountSid;
        ApiKeySid = apiKeySid;
        Region = region;
        Signer = JwtSigner.FromSecret(apiKeySecret, new JwtSignerOptions
        {
            AllowShortKey = allowShortKey,
            AdditionalHeaderParameters = region is null
                ? [new KeyValuePair<string, string>("cty", ContentType)]
                : [new KeyValuePair<string, string>("cty", ContentType), new KeyValuePair<string, string>("twr", region)],
        });
        Verifier = CreateVerifier(apiKeySecret, allowShortKey, issuer: apiKeySid);
    }

    /// <summary>The region written to the <c>twr</c> header, or <see langword="null"/> when there is none.</summary>
    public string? Region { get; }

    private static bool IsRegionText(string region)
    {
        foreach (char c in region)
        {
            if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The account SID written to <c>sub</c>.</summary>
    public string AccountSid { get; }

    /// <summary>The API key SID written to <c>iss</c>.</summary>
    public string ApiKeySid { get; }

    /// <summary>How long a token without <c>exp</c> is valid.</summary>
    public TimeSpan Lifetime { get; }

    /// <summary>The header every token carries, as signed: <c>{"alg":"HS256","typ":"JWT","cty":"twilio-fpa;v=1"}</c>, with <c>"twr"</c> last when a region is set.</summary>


    /// <summary>The token's <c>iss</c> or <c>sub</c> when it names another API key or account.</summary>
    private protected override ClaimProblem? FindForeignClaim(TwilioVideoToken token) =>
        OwnClaim(token.ApiKeySid, ApiKeySid, "iss", "with API key") ?? OwnClaim(token.AccountSid, AccountSid, "sub", "for account");

    /// <summary>
    /// Returns <paramref name="token"/> with <c>jti</c> = <c>&lt;API key SID&gt;-&lt;unix now&gt;</c>, <c>iss</c>, <c>sub</c>,
    /// <c>iat</c> = now and <c>exp</c> = <c>iat</c> + <see cref="Lifetime"/>, each only where the token leaves it empty.
    /// </summary>
    /// <param name="token">The token to complete.</param>
    /// <returns>The completed copy.</returns>
    /// <exception cref="ArgumentException">The token's <c>iss</c> or <c>sub</c> names another key or account.</exception>
    public override TwilioVideoToken Complete(TwilioVideoToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        CheckOwnClaims(token);

        long now = TimeProvider.GetUtcNow().ToUnixTimeSeconds();
        DateTimeOffset issuedAt = token.IssuedAt ?? DateTimeOffset.FromUnixTimeSeconds(now);
        return token with
        {
            TokenId = token.TokenId ?? ApiKeySid + "-" + now.ToString(CultureInfo.InvariantCulture),
            ApiKeySid = ApiKeySid,
            AccountSid = AccountSid,
            IssuedAt = issuedAt,
            Expires = token.Expires ?? issuedAt + Lifetime,
        };
    }


    /// <summary>Issues a token that lets <paramref name="identity"/> join <paramref name="room"/>, or any room when it is <see langword="null"/>.</summary>
    /// <param name="identity">The participant's identity (<c>grants.identity</c>).</param>
    /// <param name="room">The room name or SID (<c>grants.video.room</c>), or <see langword="null"/>.</param>
    /// <returns>The compact token.</returns>
    /// <exception cref="JwtPayloadValidationException">The identity is blank.</exception>
    public string Issue(string identity, string? room = null) =>
        Issue(new TwilioVideoToken { Grants = new TwilioGrants { Identity = identity, Video = new TwilioVideoGrant { Room = room } } });

}
