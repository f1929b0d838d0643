using System;

namespace TokenSchema.Zoom;

/// <summary>
/// Issues Zoom Video SDK session tokens for one Video SDK app: fills <c>app_key</c>, <c>version</c>, <c>iat</c> and
/// <c>exp</c> (two hours by default), checks <see cref="ZoomVideoSdkToken.ValidateForZoom"/>, and signs with the Video SDK
/// secret (HS256) under the header <c>{"alg":"HS256","typ":"JWT"}</c>. Thread-safe; dispose it to zero the secret.
/// </summary>
/// <example>
/// <code>
/// using var issuer = new ZoomVideoSdkTokenIssuer(new ZoomVideoSdkCredentials(sdkKey, sdkSecret));
/// string token = issuer.Issue("weekly-standup", ZoomRoleType.Host);
/// </code>
/// </example>
public sealed class ZoomVideoSdkTokenIssuer : PlatformTokenIssuer<ZoomVideoSdkToken>
{
    /// <summary>The lifetime given to a token without <c>exp</c> unless <see cref="PlatformTokenIssuerOptions.Lifetime"/> says otherwise: two hours.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(2);


    /// <summary>Creates an issuer for a Zoom Video SDK app.</summary>
    /// <param name="credentials">The Video SDK key (written to <c>app_key</c>) and secret.</param>
    /// <param name="options">The clock, lifetime and verifier rules; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="credentials"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// The secret is shorter than 32 bytes without <see cref="PlatformTokenIssuerOptions.AllowShortKey"/>, or an option is
    /// out of range (a lifetime outside Zoom's 30 minutes to 48 hours, a <see cref="PlatformTokenIssuerOptions.Backdating"/>
    /// or <see cref="PlatformTokenIssuerOptions.KeyId"/>); the exception names it.
    /// </exception>
    public ZoomVideoSdkTokenIssuer(ZoomVideoSdkCredentials credentials, ZoomVideoSdkTokenIssuerOptions? options = null)
        : base(options ?? ZoomVideoSdkTokenIssuerOptions.Default, Rules)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        SdkKey = credentials.SdkKey;
        Options = options ?? ZoomVideoSdkTokenIssuerOptions.Default;
        CreateKeys(credentials.SdkSecret, "Zoom Video SDK secret");
    }

    private static PlatformRules Rules => new("Zoom Video SDK", DefaultLifetime, ZoomVideoSdkToken.MinLifetime, ZoomVideoSdkToken.MaxLifetime, null, AcceptsKeyId: false);

    /// <summary>The Video SDK key written to <c>app_key</c>.</summary>
    public string SdkKey { get; }

    /// <summary>The options the issuer was created with.</summary>
    public ZoomVideoSdkTokenIssuerOptions Options { get; }

    /// <summary>The token's <c>app_key</c> when it names another app.</summary>
    private protected override ClaimProblem? FindForeignClaim(ZoomVideoSdkToken token) =>
        OwnClaim(token.AppKey, SdkKey, "app_key", "for SDK key");

    /// <summary>
    /// Returns <paramref name="token"/> with <c>app_key</c>, <c>version</c> = 1, <c>iat</c> = now and <c>exp</c> =
    /// <c>iat</c> + <see cref="PlatformTokenIssuer{TToken}.Lifetime"/>, each only where the token leaves it empty.
    /// </summary>
    /// <param name="token">The token to complete.</param>
    /// <returns>The completed copy.</returns>
    /// <exception cref="ArgumentException">The token's <c>app_key</c> names another app.</exception>
    public override ZoomVideoSdkToken Complete(ZoomVideoSdkToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        CheckOwnClaims(token);

        DateTimeOffset issuedAt = token.IssuedAt ?? DateTimeOffset.FromUnixTimeSeconds(TimeProvider.GetUtcNow().ToUnixTimeSeconds());
        return token with
        {
            AppKey = SdkKey,
            Version = token.Version ?? 1,
            IssuedAt = issuedAt,
            Expires = token.Expires ?? issuedAt + Lifetime,
        };
    }


    /// <summary>Issues a token for the session <paramref name="sessionName"/> with <paramref name="role"/>.</summary>
    /// <param name="sessionName">The session name (<c>tpc</c>).</param>
    /// <param name="role">Host or participant (<c>role_type</c>).</param>
    /// <param name="userKey">Your id for the user (<c>user_key</c>), or <see langword="null"/>.</param>
    /// <returns>The compact token.</returns>
    /// <exception cref="JwtPayloadValidationException">A claim is not valid; the message names it.</exception>
    public string Issue(string sessionName, ZoomRoleType role, string? userKey = null) =>
        Issue(new ZoomVideoSdkToken { SessionName = sessionName, RoleType = role, UserKey = userKey });

}
