using System;

namespace TokenSchema.LiveKit;

/// <summary>
/// Issues LiveKit access tokens for one API key: fills <c>iss</c>, <c>nbf</c> and <c>exp</c> (six hours by default),
/// checks <see cref="LiveKitToken.ValidateForLiveKit"/>, and signs with the API secret (HS256) under the header
/// <c>{"alg":"HS256","typ":"JWT"}</c>. Thread-safe; dispose it to zero the secret.
/// </summary>
/// <example>
/// <code>
/// using var issuer = new LiveKitTokenIssuer(apiKey, apiSecret);
/// string token = issuer.Issue(new LiveKitToken { Identity = "alice", Video = new LiveKitVideoGrant { Room = "standup", RoomJoin = true } });
/// </code>
/// </example>
public sealed class LiveKitTokenIssuer : PlatformTokenIssuer<LiveKitToken>
{
    /// <summary>The lifetime given to a token without <c>exp</c> unless the constructor says otherwise: six hours.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(6);


    /// <summary>Creates an issuer for an API key.</summary>
    /// <param name="apiKey">The API key, written to <c>iss</c>.</param>
    /// <param name="apiSecret">The API secret; its UTF-8 bytes are the HMAC key.</param>
    /// <param name="timeProvider">The clock for <c>nbf</c> and <c>exp</c>; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="lifetime">How long a token without <c>exp</c> is valid; <see cref="DefaultLifetime"/> when <see langword="null"/>.</param>
    /// <param name="allowShortKey">Accepts a secret shorter than 32 bytes (see <see cref="JwtSignerOptions.AllowShortKey"/>).</param>
    /// <exception cref="ArgumentException">The key is blank, or the secret is empty or too short.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lifetime"/> is not at least one second.</exception>
    public LiveKitTokenIssuer(string apiKey, string apiSecret, TimeProvider? timeProvider = null, TimeSpan? lifetime = null, bool allowShortKey = false)
        : base(timeProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        ArgumentNullException.ThrowIfNull(apiSecret);
        Lifetime = lifetime ?? DefaultLifetime;
        if (Lifetime < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), Lifetime, "The token lifetime must be at least one second.");
        }

        ApiKey = apiKey;
        Signer = JwtSigner.FromSecret(apiSecret, new JwtSignerOptions { AllowShortKey = allowShortKey });
        Verifier = CreateVerifier(apiSecret, allowShortKey, issuer: apiKey);
    }

    /// <summary>The API key written to <c>iss</c>.</summary>
    public string ApiKey { get; }

    /// <summary>How long a token without <c>exp</c> is valid.</summary>
    public TimeSpan Lifetime { get; }

    /// <summary>The token's <c>iss</c> when it names another API key.</summary>
    private protected override ClaimProblem? FindForeignClaim(LiveKitToken token) => OwnClaim(token.ApiKey, ApiKey, "iss", "with API key");

    /// <summary>
    /// Returns <paramref name="token"/> with <c>iss</c> = <see cref="ApiKey"/>, <c>nbf</c> = now and <c>exp</c> =
    /// now + <see cref="Lifetime"/>, each only where the token leaves it empty.
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
