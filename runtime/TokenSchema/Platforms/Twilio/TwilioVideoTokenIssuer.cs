using System;
using System.Collections.Generic;
using System.Globalization;

namespace TokenSchema.Twilio;

/// <summary>
/// Issues Twilio Video access tokens for one account and API key: fills <c>jti</c>, <c>iss</c>, <c>sub</c>, <c>iat</c> and
/// <c>exp</c>, checks <see cref="TwilioVideoToken.ValidateForTwilio"/>, and signs with the API key secret (HS256) under the
/// header <c>{"alg":"HS256","typ":"JWT","cty":"twilio-fpa;v=1"}</c>, followed by <c>"twr":"&lt;region&gt;"</c> when a
/// region is set in the options. Thread-safe; dispose it to zero the secret.
/// </summary>
/// <remarks>
/// The header members are in the order Twilio's Node.js and .NET libraries write them: <c>alg</c>, <c>typ</c>, <c>cty</c>,
/// then <c>twr</c>. <c>iat</c> is always written, as Twilio's Node.js library does, although Twilio accepts tokens
/// without it. The SIDs are checked when the credentials are created (<see cref="TwilioCredentials"/>): mixing up the API key SID and the account SID gives a
/// token Twilio refuses when connecting (error 20103).
/// The header is <c>{"alg":"HS256","typ":"JWT","cty":"twilio-fpa;v=1"}</c>, with <c>"twr"</c> last when a region is set.
/// </remarks>
/// <example>
/// <code>
/// using var issuer = new TwilioVideoTokenIssuer(new TwilioCredentials(accountSid, apiKeySid, apiKeySecret));
/// string token = issuer.Issue("alice", room: "DailyStandup");
/// </code>
/// </example>
public sealed class TwilioVideoTokenIssuer : PlatformTokenIssuer<TwilioVideoToken>
{
    /// <summary>The lifetime given to a token without <c>exp</c> unless <see cref="PlatformTokenIssuerOptions.Lifetime"/> says otherwise: 3,600 seconds.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromSeconds(3600);

    /// <summary>The <c>cty</c> header parameter Twilio requires.</summary>
    public const string ContentType = "twilio-fpa;v=1";


    /// <summary>
    /// The regions <see cref="TwilioVideoTokenIssuerOptions.Region"/> accepts, Twilio's region codes: <c>au1</c>
    /// (Australia), <c>br1</c> (Brazil), <c>de1</c> (Germany), <c>ie1</c> (Ireland), <c>in1</c> (India), <c>jp1</c>
    /// (Japan), <c>sg1</c> (Singapore), <c>us1</c> and <c>us2</c> (United States).
    /// </summary>
    public static IReadOnlyList<string> Regions { get; } = ["au1", "br1", "de1", "ie1", "in1", "jp1", "sg1", "us1", "us2"];

    /// <summary>Creates an issuer for a Twilio account and one of its API keys.</summary>
    /// <param name="credentials">The account SID (written to <c>sub</c>), the API key SID (written to <c>iss</c>) and the API key's secret.</param>
    /// <param name="options">The clock, lifetime, region and verifier rules; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="credentials"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// The secret is shorter than 32 bytes without <see cref="PlatformTokenIssuerOptions.AllowShortKey"/>, or an option is
    /// out of range (a lifetime under one second or over 24 hours, a region not in <see cref="Regions"/>, a
    /// <see cref="PlatformTokenIssuerOptions.Backdating"/> or <see cref="PlatformTokenIssuerOptions.KeyId"/>); the exception names it.
    /// </exception>
    public TwilioVideoTokenIssuer(TwilioCredentials credentials, TwilioVideoTokenIssuerOptions? options = null)
        : base(options ?? TwilioVideoTokenIssuerOptions.Default, Rules)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        options ??= TwilioVideoTokenIssuerOptions.Default;
        string? region = options.Region;
        if (region is not null && !((IList<string>)Regions).Contains(region))
        {
            throw new ArgumentException(
                $"The region (header 'twr') '{region}' is not one of Twilio's: {string.Join(", ", Regions)}.", nameof(TwilioVideoTokenIssuerOptions.Region));
        }

        AccountSid = credentials.AccountSid;
        ApiKeySid = credentials.ApiKeySid;
        Options = options;
        CreateKeys(credentials.ApiKeySecret, "Twilio API key secret",
            region is null
                ? [new KeyValuePair<string, string>("cty", ContentType)]
                : [new KeyValuePair<string, string>("cty", ContentType), new KeyValuePair<string, string>("twr", region)],
            issuer: ApiKeySid);
    }

    private static PlatformRules Rules => new("Twilio", DefaultLifetime, PlatformRules.OneSecond, TwilioVideoToken.MaxLifetime, null, AcceptsKeyId: false);

    /// <summary>The region written to the <c>twr</c> header, or <see langword="null"/> when there is none.</summary>
    public string? Region => Options.Region;

    /// <summary>The account SID written to <c>sub</c>.</summary>
    public string AccountSid { get; }

    /// <summary>The API key SID written to <c>iss</c>.</summary>
    public string ApiKeySid { get; }

    /// <summary>The options the issuer was created with.</summary>
    public TwilioVideoTokenIssuerOptions Options { get; }


    /// <summary>The token's <c>iss</c> or <c>sub</c> when it names another API key or account.</summary>
    private protected override ClaimProblem? FindForeignClaim(TwilioVideoToken token) =>
        OwnClaim(token.ApiKeySid, ApiKeySid, "iss", "with API key") ?? OwnClaim(token.AccountSid, AccountSid, "sub", "for account");

    /// <summary>
    /// Returns <paramref name="token"/> with <c>jti</c> = <c>&lt;API key SID&gt;-&lt;unix now&gt;</c>, <c>iss</c>, <c>sub</c>,
    /// <c>iat</c> = now and <c>exp</c> = <c>iat</c> + <see cref="PlatformTokenIssuer{TToken}.Lifetime"/>, each only where the token leaves it empty.
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
