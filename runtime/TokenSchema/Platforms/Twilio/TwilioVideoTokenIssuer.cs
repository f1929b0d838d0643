using System;
using System.Collections.Generic;
using System.Globalization;

namespace TokenSchema.Twilio;

/// <summary>
/// Issues Twilio Video access tokens for one account and API key: fills <c>jti</c>, <c>iss</c>, <c>sub</c>, <c>iat</c> and
/// <c>exp</c>, checks <see cref="TwilioVideoToken.ValidateForTwilio"/>, and signs with the API key secret (HS256) under the
/// header <c>{"alg":"HS256","typ":"JWT","cty":"twilio-fpa;v=1"}</c>. Thread-safe; dispose it to zero the secret.
/// </summary>
/// <remarks>
/// Twilio's own libraries write the header members in another order (<c>typ</c>, <c>cty</c>, <c>alg</c>); the signer always
/// writes <c>alg</c> and <c>typ</c> first. Member order does not change the header's meaning, and the signature covers
/// the bytes as written.
/// </remarks>
/// <example>
/// <code>
/// using var issuer = new TwilioVideoTokenIssuer(accountSid, apiKeySid, apiKeySecret);
/// string token = issuer.Issue("alice", room: "DailyStandup");
/// </code>
/// </example>
public sealed class TwilioVideoTokenIssuer : IDisposable
{
    /// <summary>The lifetime given to a token without <c>exp</c> unless the constructor says otherwise: 3,600 seconds.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromSeconds(3600);

    /// <summary>The <c>cty</c> header parameter Twilio requires.</summary>
    public const string ContentType = "twilio-fpa;v=1";

    private readonly JwtSigner _signer;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates an issuer for an account and one of its API keys.</summary>
    /// <param name="accountSid">The account SID (<c>AC…</c>), written to <c>sub</c>.</param>
    /// <param name="apiKeySid">The API key SID (<c>SK…</c>), written to <c>iss</c> and used in <c>jti</c>.</param>
    /// <param name="apiKeySecret">The API key's secret; its UTF-8 bytes are the HMAC key.</param>
    /// <param name="timeProvider">The clock for <c>jti</c>, <c>iat</c> and <c>exp</c>; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="lifetime">How long a token without <c>exp</c> is valid; <see cref="DefaultLifetime"/> when <see langword="null"/>; at most <see cref="TwilioVideoToken.MaxLifetime"/>.</param>
    /// <param name="allowShortKey">Accepts a secret shorter than 32 bytes (see <see cref="JwtSignerOptions.AllowShortKey"/>).</param>
    /// <exception cref="ArgumentException">A SID is blank, or the secret is empty or too short.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lifetime"/> is under one second or over 24 hours.</exception>
    public TwilioVideoTokenIssuer(string accountSid, string apiKeySid, string apiKeySecret, TimeProvider? timeProvider = null, TimeSpan? lifetime = null, bool allowShortKey = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountSid);
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKeySid);
        ArgumentNullException.ThrowIfNull(apiKeySecret);
        Lifetime = lifetime ?? DefaultLifetime;
        if (Lifetime < TimeSpan.FromSeconds(1) || Lifetime > TwilioVideoToken.MaxLifetime)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), Lifetime, "A Twilio token lives between one second and 86,400 seconds.");
        }

        AccountSid = accountSid;
        ApiKeySid = apiKeySid;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _signer = JwtSigner.FromSecret(apiKeySecret, new JwtSignerOptions
        {
            AllowShortKey = allowShortKey,
            AdditionalHeaderParameters = [new KeyValuePair<string, string>("cty", ContentType)],
        });
    }

    /// <summary>The account SID written to <c>sub</c>.</summary>
    public string AccountSid { get; }

    /// <summary>The API key SID written to <c>iss</c>.</summary>
    public string ApiKeySid { get; }

    /// <summary>How long a token without <c>exp</c> is valid.</summary>
    public TimeSpan Lifetime { get; }

    /// <summary>The header every token carries, as signed: <c>{"alg":"HS256","typ":"JWT","cty":"twilio-fpa;v=1"}</c>.</summary>
    public ReadOnlyMemory<byte> HeaderJson => _signer.HeaderJson;

    /// <summary>
    /// Returns <paramref name="token"/> with <c>jti</c> = <c>&lt;API key SID&gt;-&lt;unix now&gt;</c>, <c>iss</c>, <c>sub</c>,
    /// <c>iat</c> = now and <c>exp</c> = <c>iat</c> + <see cref="Lifetime"/>, each only where the token leaves it empty.
    /// </summary>
    /// <param name="token">The token to complete.</param>
    /// <returns>The completed copy.</returns>
    /// <exception cref="ArgumentException">The token's <c>iss</c> or <c>sub</c> names another key or account.</exception>
    public TwilioVideoToken Complete(TwilioVideoToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token.ApiKeySid is not null && token.ApiKeySid != ApiKeySid)
        {
            throw new ArgumentException($"Claim 'iss' is '{token.ApiKeySid}', but this issuer signs with API key '{ApiKeySid}'.", nameof(token));
        }

        if (token.AccountSid is not null && token.AccountSid != AccountSid)
        {
            throw new ArgumentException($"Claim 'sub' is '{token.AccountSid}', but this issuer signs for account '{AccountSid}'.", nameof(token));
        }

        long now = _timeProvider.GetUtcNow().ToUnixTimeSeconds();
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

    /// <summary>Completes <paramref name="token"/> (see <see cref="Complete"/>), checks <see cref="TwilioVideoToken.ValidateForTwilio"/> and signs it.</summary>
    /// <param name="token">The token's claims.</param>
    /// <returns>The compact token.</returns>
    /// <exception cref="JwtPayloadValidationException">A claim is not valid (for example <c>exp</c> more than 24 hours after <c>iat</c>); the message names it.</exception>
    /// <exception cref="ArgumentException">The token's <c>iss</c> or <c>sub</c> names another key or account.</exception>
    public string Issue(TwilioVideoToken token)
    {
        TwilioVideoToken completed = Complete(token);
        completed.ValidateForTwilio().ThrowIfInvalid(typeof(TwilioVideoToken));
        return _signer.Sign(completed);
    }

    /// <summary>Issues a token that lets <paramref name="identity"/> join <paramref name="room"/>, or any room when it is <see langword="null"/>.</summary>
    /// <param name="identity">The participant's identity (<c>grants.identity</c>).</param>
    /// <param name="room">The room name or SID (<c>grants.video.room</c>), or <see langword="null"/>.</param>
    /// <returns>The compact token.</returns>
    /// <exception cref="JwtPayloadValidationException">The identity is blank.</exception>
    public string Issue(string identity, string? room = null) =>
        Issue(new TwilioVideoToken { Grants = new TwilioGrants { Identity = identity, Video = new TwilioVideoGrant { Room = room } } });

    /// <summary>Zeroes the secret. Issuing afterwards throws <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose() => _signer.Dispose();
}
