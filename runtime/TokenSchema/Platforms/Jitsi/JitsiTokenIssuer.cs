using System;

namespace TokenSchema.Jitsi;

/// <summary>
/// Issues tokens for a self-hosted Jitsi Meet for one app id: fills <c>iss</c>, <c>aud</c>, <c>nbf</c> = now −
/// <see cref="ClockSkewBackdating"/> (10 s by default, against a prosody clock slightly behind yours) and <c>exp</c> =
/// now + <see cref="Lifetime"/> (one hour by default), each only where the token leaves it empty, then signs with the app
/// secret (HS256) under the header <c>{"alg":"HS256","typ":"JWT"}</c>. Thread-safe; dispose it to zero the secret.
/// </summary>
/// <example>
/// <code>
/// using var jitsi = new JitsiTokenIssuer(appId, appSecret, audience: "jitsi");
/// string token = jitsi.Issue(new JitsiToken { Subject = "meet.example.com", Room = "standup",
///     Context = new JitsiContext { User = new JitsiUser { Id = "alice", Name = "Alice" } } });
/// </code>
/// </example>
public sealed class JitsiTokenIssuer : PlatformTokenIssuer<JitsiToken>
{
    /// <summary>The lifetime given to a token without <c>exp</c> unless the constructor says otherwise: one hour.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(1);

    /// <summary>How far <c>nbf</c> is set back from now unless the constructor says otherwise: 10 seconds.</summary>
    public static readonly TimeSpan DefaultClockSkewBackdating = TimeSpan.FromSeconds(10);


    /// <summary>Creates an issuer for an app id.</summary>
    /// <param name="appId">The app id (prosody's <c>app_id</c>), written to <c>iss</c>.</param>
    /// <param name="appSecret">The app secret (prosody's <c>app_secret</c>); its UTF-8 bytes are the HMAC key.</param>
    /// <param name="audience">The audience written to <c>aud</c>: one of the server's accepted audiences.</param>
    /// <param name="timeProvider">The clock for <c>nbf</c> and <c>exp</c>; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="lifetime">How long a token without <c>exp</c> is valid; <see cref="DefaultLifetime"/> when <see langword="null"/>.</param>
    /// <param name="clockSkewBackdating">How far <c>nbf</c> is set back from now; <see cref="DefaultClockSkewBackdating"/> when <see langword="null"/>.</param>
    /// <param name="allowShortKey">Accepts a secret shorter than 32 bytes (see <see cref="JwtSignerOptions.AllowShortKey"/>).</param>
    /// <exception cref="ArgumentException">The app id or audience is blank, or the secret is empty or too short.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lifetime"/> is under one second, or <paramref name="clockSkewBackdating"/> is negative or over an hour.</exception>
    public JitsiTokenIssuer(string appId, string appSecret, string audience, TimeProvider? timeProvider = null, TimeSpan? lifetime = null,
        TimeSpan? clockSkewBackdating = null, bool allowShortKey = false)
        : base(timeProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(appId);
        ArgumentException.ThrowIfNullOrWhiteSpace(audience);
        ArgumentNullException.ThrowIfNull(appSecret);
        Lifetime = lifetime ?? DefaultLifetime;
        if (Lifetime < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), Lifetime, "The token lifetime must be at least one second.");
        }

        ClockSkewBackdating = clockSkewBackdating ?? DefaultClockSkewBackdating;
        if (ClockSkewBackdating < TimeSpan.Zero || ClockSkewBackdating > TimeSpan.FromHours(1))
        {
            throw new ArgumentOutOfRangeException(nameof(clockSkewBackdating), ClockSkewBackdating, "The backdating of 'nbf' must be between zero and one hour.");
        }

        AppId = appId;
        Audience = audience;
        Signer = JwtSigner.FromSecret(appSecret, new JwtSignerOptions { AllowShortKey = allowShortKey });
        Verifier = CreateVerifier(appSecret, allowShortKey, issuer: appId, audience: audience);
    }

    /// <summary>The app id written to <c>iss</c>.</summary>
    public string AppId { get; }

    /// <summary>The audience written to <c>aud</c>.</summary>
    public string Audience { get; }

    /// <summary>How long a token without <c>exp</c> is valid.</summary>
    public TimeSpan Lifetime { get; }

    /// <summary>How far <c>nbf</c> is set back from now.</summary>
    public TimeSpan ClockSkewBackdating { get; }

    /// <summary>The token's <c>iss</c> when it names another app.</summary>
    private protected override ClaimProblem? FindForeignClaim(JitsiToken token) => OwnClaim(token.AppId, AppId, "iss", "for app");

    /// <summary>Returns <paramref name="token"/> with <c>iss</c>, <c>aud</c>, <c>nbf</c> and <c>exp</c> filled where it leaves them empty.</summary>
    /// <param name="token">The token to complete.</param>
    /// <returns>The completed copy.</returns>
    /// <exception cref="ArgumentException">The token's <c>iss</c> names another app.</exception>
    public override JitsiToken Complete(JitsiToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        CheckOwnClaims(token);

        long now = TimeProvider.GetUtcNow().ToUnixTimeSeconds();
        return token with
        {
            AppId = AppId,
            Audience = token.Audience ?? Audience,
            NotBefore = token.NotBefore ?? DateTimeOffset.FromUnixTimeSeconds(now - (long)ClockSkewBackdating.TotalSeconds),
            Expires = token.Expires ?? DateTimeOffset.FromUnixTimeSeconds(now) + Lifetime,
        };
    }


}
