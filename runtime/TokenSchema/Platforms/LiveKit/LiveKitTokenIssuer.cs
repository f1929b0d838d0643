using System;

namespace TokenSchema.LiveKit;

/// <summary>
/// Issues LiveKit access tokens for one API key: fills <c>iss</c>, <c>nbf</c> and <c>exp</c> (six hours by default),
/// checks <see cref="LiveKitToken.ValidateForLiveKit"/>, and signs with the API secret (HS256) under the header
/// <c>{"alg":"HS256","typ":"JWT"}</c>. Thread-safe; dispose it to zero the secret.
/// </summary>
/// <example>
/// <code>
/// using var issuer = new LiveKitTokenIssuer(new LiveKitCredentials(apiKey, apiSecret));
/// string token = issuer.Issue(new LiveKitToken { Identity = "alice", Video = new LiveKitVideoGrant { Room = "standup", RoomJoin = true } });
/// </code>
/// </example>
public sealed class LiveKitTokenIssuer : PlatformTokenIssuer<LiveKitToken>
{
    /// <summary>The lifetime given to a token without <c>exp</c> unless <see cref="PlatformTokenIssuerOptions.Lifetime"/> says otherwise: six hours.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(6);


    /// <summary>Creates an issuer for a LiveKit API key.</summary>
    /// <param name="credentials">The API key (written to <c>iss</c>) and its secret.</param>
    /// <param name="options">The clock, lifetime, key id and verifier rules; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="credentials"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// The secret is shorter than 32 bytes without <see cref="PlatformTokenIssuerOptions.AllowShortKey"/>, or an option is
    /// out of range (a lifetime under one second, a <see cref="PlatformTokenIssuerOptions.Backdating"/>); the exception names it.
    /// </exception>
    public LiveKitTokenIssuer(LiveKitCredentials credentials, LiveKitTokenIssuerOptions? options = null)
        : base(options ?? LiveKitTokenIssuerOptions.Default, Rules)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ApiKey = credentials.ApiKey;
        Options = options ?? LiveKitTokenIssuerOptions.Default;
        CreateKeys(credentials.ApiSecret, "LiveKit API secret", issuer: ApiKey);
    }

    private static PlatformRules Rules => new("LiveKit", DefaultLifetime, PlatformRules.OneSecond, TimeSpan.MaxValue, null, AcceptsKeyId: true);

    /// <summary>The API key written to <c>iss</c>.</summary>
    public string ApiKey { get; }

    /// <summary>The options the issuer was created with.</summary>
    public LiveKitTokenIssuerOptions Options { get; }

    /// <summary>The token's <c>iss</c> when it names another API key.</summary>
    private protected override ClaimProblem? FindForeignClaim(LiveKitToken token) => OwnClaim(token.ApiKey, ApiKey, "iss", "with API key");

    /// <summary>
    /// Returns <paramref name="token"/> with <c>iss</c> = <see cref="ApiKey"/>, <c>nbf</c> = now and <c>exp</c> =
    /// now + <see cref="PlatformTokenIssuer{TToken}.Lifetime"/>, each only where the token leaves it empty.
    /// </summary>
    /// <param name="token">The token to complete.</param>
    /// <returns>The completed copy.</returns>
    /// <exception cref="ArgumentException">The token's <c>iss</c> names another API key.</exception>
    public override LiveKitToken Complete(LiveKitToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        CheckOwnClaims(token);

        DateTimeOffset now = DateTimeOffset.FromUnixTimeSeconds(TimeProvider.GetUtcNow().ToUnixTimeSeconds());
        return token with
        {
            ApiKey = ApiKey,
            NotBefore = token.NotBefore ?? now,
            Expires = token.Expires ?? now + Lifetime,
        };
    }


    /// <summary>Issues a token that lets <paramref name="identity"/> join <paramref name="room"/>, with LiveKit's default publish and subscribe rights.</summary>
    /// <param name="identity">The participant's identity (<c>sub</c>).</param>
    /// <param name="room">The room (<c>video.room</c>).</param>
    /// <param name="name">The display name (<c>name</c>), or <see langword="null"/>.</param>
    /// <returns>The compact token.</returns>
    /// <exception cref="JwtPayloadValidationException">The identity is blank.</exception>
    public string IssueJoin(string identity, string room, string? name = null) =>
        Issue(new LiveKitToken { Identity = identity, Name = name, Video = new LiveKitVideoGrant { Room = room, RoomJoin = true } });

}
