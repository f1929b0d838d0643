using System;

namespace TokenSchema.Jitsi;

/// <summary>
/// Issues tokens for a self-hosted Jitsi Meet for one app id: fills <c>iss</c>, <c>aud</c>, <c>nbf</c> = now −
/// <see cref="PlatformTokenIssuer{TToken}.Backdating"/> (10 s by default, against a prosody clock slightly behind yours) and <c>exp</c> =
/// now + <see cref="PlatformTokenIssuer{TToken}.Lifetime"/> (one hour by default), each only where the token leaves it empty, then signs with the app
/// secret (HS256) under the header <c>{"alg":"HS256","typ":"JWT"}</c>. Thread-safe; dispose it to zero the secret.
/// </summary>
/// <example>
/// <code>
/// using var jitsi = new JitsiTokenIssuer(new JitsiCredentials(appId, appSecret));
/// string token = jitsi.Issue(new JitsiToken { Subject = "meet.example.com", Room = "standup",
///     Context = new JitsiContext { User = new JitsiUser { Id = "alice", Name = "Alice" } } });
/// </code>
/// </example>
public sealed class JitsiTokenIssuer : PlatformTokenIssuer<JitsiToken>
{
    /// <summary>The lifetime given to a token without <c>exp</c> unless <see cref="PlatformTokenIssuerOptions.Lifetime"/> says otherwise: one hour.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(1);

    /// <summary>How far <c>nbf</c> is set back from now unless <see cref="PlatformTokenIssuerOptions.Backdating"/> says otherwise: 10 seconds.</summary>
    public static readonly TimeSpan DefaultBackdating = TimeSpan.FromSeconds(10);


    /// <summary>Creates an issuer for a Jitsi app id.</summary>
    /// <param name="credentials">The app id (written to <c>iss</c>) and the app secret.</param>
    /// <param name="options">The clock, lifetime, backdating, audience, key id and verifier rules; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="credentials"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// The secret is shorter than 32 bytes without <see cref="PlatformTokenIssuerOptions.AllowShortKey"/>, or an option is
    /// out of range (a blank audience, a lifetime under one second, a backdating under zero or over an hour); the exception names it.
    /// </exception>
    public JitsiTokenIssuer(JitsiCredentials credentials, JitsiTokenIssuerOptions? options = null)
        : base(options ?? JitsiTokenIssuerOptions.Default, Rules)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        options ??= JitsiTokenIssuerOptions.Default;
        if (string.IsNullOrWhiteSpace(options.Audience))
        {
            throw new ArgumentException("The audience (claim 'aud') must not be blank; use one the prosody server accepts, 'jitsi' by default.", nameof(JitsiTokenIssuerOptions.Audience));
        }

        AppId = credentials.AppId;
        Options = options;
        CreateKeys(credentials.AppSecret, "Jitsi app secret", issuer: AppId, audience: options.Audience);
    }

    private static PlatformRules Rules => new("Jitsi", DefaultLifetime, PlatformRules.OneSecond, TimeSpan.MaxValue, DefaultBackdating, AcceptsKeyId: true);

    /// <summary>The app id written to <c>iss</c>.</summary>
    public string AppId { get; }

    /// <summary>The audience written to <c>aud</c> (<see cref="JitsiTokenIssuerOptions.Audience"/>).</summary>
    public string Audience => Options.Audience;

    /// <summary>The options the issuer was created with.</summary>
    public JitsiTokenIssuerOptions Options { get; }

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
            NotBefore = token.NotBefore ?? DateTimeOffset.FromUnixTimeSeconds(now - (long)Backdating.TotalSeconds),
            Expires = token.Expires ?? DateTimeOffset.FromUnixTimeSeconds(now) + Lifetime,
        };
    }


}
