using System;

namespace TokenSchema.Hms;

/// <summary>
/// Issues 100ms app and management tokens for one app access key, as 100ms's server SDK does: fills <c>access_key</c>,
/// <c>iat</c> = now − <see cref="PlatformTokenIssuer{TToken}.Backdating"/> (10 s by default, against a 100ms clock slightly behind yours),
/// <c>nbf</c> = <c>iat</c>, <c>exp</c> = <c>nbf</c> + <see cref="PlatformTokenIssuer{TToken}.Lifetime"/> (24 h by default) and a random UUID
/// <c>jti</c>, each only where the token leaves it empty, then signs with the app secret (HS256) under the header
/// <c>{"alg":"HS256","typ":"JWT"}</c>. Thread-safe; dispose it to zero the secret.
/// </summary>
/// <example>
/// <code>
/// using var hms = new HmsTokenIssuer(new HmsCredentials(accessKey, appSecret));
/// string join = hms.IssueAppToken(roomId: "6523b7c1f2a0c4e5d1a2b3c4", role: "host", userId: "alice");
/// string management = hms.IssueManagementToken();
/// </code>
/// </example>
public sealed class HmsTokenIssuer : PlatformTokenIssuer<HmsToken>
{
    /// <summary>The lifetime given to a token without <c>exp</c> unless <see cref="PlatformTokenIssuerOptions.Lifetime"/> says otherwise: 24 hours, as 100ms's SDK gives.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(24);

    /// <summary>How far <c>iat</c> and <c>nbf</c> are set back from now unless <see cref="PlatformTokenIssuerOptions.Backdating"/> says otherwise: 10 seconds, as 100ms's SDK does.</summary>
    public static readonly TimeSpan DefaultBackdating = TimeSpan.FromSeconds(10);


    /// <summary>Creates an issuer for a 100ms app access key.</summary>
    /// <param name="credentials">The app access key (written to <c>access_key</c>) and the app secret.</param>
    /// <param name="options">The clock, lifetime, backdating and verifier rules; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="credentials"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// The secret is shorter than 32 bytes without <see cref="PlatformTokenIssuerOptions.AllowShortKey"/>, or an option is
    /// out of range (a lifetime under one second, a backdating under zero or over an hour, a
    /// <see cref="PlatformTokenIssuerOptions.KeyId"/>); the exception names it.
    /// </exception>
    public HmsTokenIssuer(HmsCredentials credentials, HmsTokenIssuerOptions? options = null)
        : base(options ?? HmsTokenIssuerOptions.Default, Rules)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        AccessKey = credentials.AccessKey;
        Options = options ?? HmsTokenIssuerOptions.Default;
        CreateKeys(credentials.AppSecret, "100ms app secret");
    }

    private static PlatformRules Rules => new("100ms", DefaultLifetime, PlatformRules.OneSecond, TimeSpan.MaxValue, DefaultBackdating, AcceptsKeyId: false);

    /// <summary>The app access key written to <c>access_key</c>.</summary>
    public string AccessKey { get; }

    /// <summary>The options the issuer was created with.</summary>
    public HmsTokenIssuerOptions Options { get; }

    /// <summary>The token's <c>access_key</c> when it names another access key.</summary>
    private protected override ClaimProblem? FindForeignClaim(HmsToken token) =>
        OwnClaim(token.AccessKey, AccessKey, "access_key", "with access key");

    /// <summary>
    /// Returns <paramref name="token"/> with <c>access_key</c>, <c>iat</c>, <c>nbf</c>, <c>exp</c> and <c>jti</c> filled
    /// where it leaves them empty (see <see cref="HmsTokenIssuer"/>).
    /// </summary>
    /// <param name="token">The token to complete.</param>
    /// <returns>The completed copy.</returns>
    /// <exception cref="ArgumentException">The token's <c>access_key</c> names another access key.</exception>
    public override HmsToken Complete(HmsToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        CheckOwnClaims(token);

        long now = TimeProvider.GetUtcNow().ToUnixTimeSeconds();
        DateTimeOffset issuedAt = token.IssuedAt ?? DateTimeOffset.FromUnixTimeSeconds(now - (long)Backdating.TotalSeconds);
        DateTimeOffset notBefore = token.NotBefore ?? issuedAt;
        return token with
        {
            AccessKey = AccessKey,
            IssuedAt = issuedAt,
            NotBefore = notBefore,
            Expires = token.Expires ?? notBefore + Lifetime,
            TokenId = token.TokenId ?? Guid.NewGuid().ToString(),
        };
    }


    /// <summary>Issues an app token with which a client joins <paramref name="roomId"/> as <paramref name="role"/>.</summary>
    /// <param name="roomId">The room id (<c>room_id</c>).</param>
    /// <param name="role">The role, as defined in the 100ms dashboard (<c>role</c>).</param>
    /// <param name="userId">Your id for the user (<c>user_id</c>), or <see langword="null"/>.</param>
    /// <returns>The compact token.</returns>
    /// <exception cref="JwtPayloadValidationException">The room or role is blank.</exception>
    public string IssueAppToken(string roomId, string role, string? userId = null) =>
        Issue(new HmsToken { Type = HmsTokenType.App, RoomId = roomId, Role = role, UserId = userId });

    /// <summary>Issues a management token, for 100ms's REST API.</summary>
    /// <returns>The compact token.</returns>
    public string IssueManagementToken() => Issue(new HmsToken { Type = HmsTokenType.Management });

}
