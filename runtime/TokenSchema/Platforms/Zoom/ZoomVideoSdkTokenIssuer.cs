using System;

namespace TokenSchema.Zoom;

/// <summary>
/// Issues Zoom Video SDK session tokens for one Video SDK app: fills <c>app_key</c>, <c>version</c>, <c>iat</c> and
/// <c>exp</c> (two hours by default), checks <see cref="ZoomVideoSdkToken.ValidateForZoom"/>, and signs with the Video SDK
/// secret (HS256) under the header <c>{"alg":"HS256","typ":"JWT"}</c>. Thread-safe; dispose it to zero the secret.
/// </summary>
/// <example>
/// <code>
/// using var issuer = new ZoomVideoSdkTokenIssuer(sdkKey, sdkSecret);
/// string token = issuer.Issue("weekly-standup", ZoomRoleType.Host);
/// </code>
/// </example>
public sealed class ZoomVideoSdkTokenIssuer : PlatformTokenIssuer<ZoomVideoSdkToken>
{
    /// <summary>The lifetime given to a token without <c>exp</c> unless the constructor says otherwise: two hours.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(2);


    /// <summary>Creates an issuer for a Video SDK app.</summary>
    /// <param name="sdkKey">The Video SDK key, written to <c>app_key</c>.</param>
    /// <param name="sdkSecret">The Video SDK secret; its UTF-8 bytes are the HMAC key.</param>
    /// <param name="timeProvider">The clock for <c>iat</c> and <c>exp</c>; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="lifetime">
    /// How long a token without <c>exp</c> is valid; <see cref="DefaultLifetime"/> when <see langword="null"/>; between
    /// <see cref="ZoomVideoSdkToken.MinLifetime"/> and <see cref="ZoomVideoSdkToken.MaxLifetime"/>.
    /// </param>
    /// <param name="allowShortKey">Accepts a secret shorter than 32 bytes (see <see cref="JwtSignerOptions.AllowShortKey"/>).</param>
    /// <exception cref="ArgumentException">The key is blank, or the secret is empty or too short.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lifetime"/> is outside Zoom's 30 minutes to 48 hours.</exception>
    public ZoomVideoSdkTokenIssuer(string sdkKey, string sdkSecret, TimeProvider? timeProvider = null, TimeSpan? lifetime = null, bool allowShortKey = false)
        : base(timeProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sdkKey);
        ArgumentNullException.ThrowIfNull(sdkSecret);
        Lifetime = lifetime ?? DefaultLifetime;
        if (Lifetime < ZoomVideoSdkToken.MinLifetime || Lifetime > ZoomVideoSdkToken.MaxLifetime)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), Lifetime, "A Zoom Video SDK token lives between 1,800 seconds and 48 hours.");
        }

        SdkKey = sdkKey;
        Signer = JwtSigner.FromSecret(sdkSecret, new JwtSignerOptions { AllowShortKey = allowShortKey });
        Verifier = CreateVerifier(sdkSecret, allowShortKey);
    }

    /// <summary>The Video SDK key written to <c>app_key</c>.</summary>
    public string SdkKey { get; }

    /// <summary>How long a token without <c>exp</c> is valid.</summary>
    public TimeSpan Lifetime { get; }

    /// <summary>The token's <c>app_key</c> when it names another app.</summary>
    private protected override ClaimProblem? FindForeignClaim(ZoomVideoSdkToken token) =>
        OwnClaim(token.AppKey, SdkKey, "app_key", "for SDK key");

    /// <summary>
    /// Returns <paramref name="token"/> with <c>app_key</c>, <c>version</c> = 1, <c>iat</c> = now and <c>exp</c> =
    /// <c>iat</c> + <see cref="Lifetime"/>, each only where the token leaves it empty.
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
