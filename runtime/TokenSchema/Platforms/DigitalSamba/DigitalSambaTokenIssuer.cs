using System;

namespace TokenSchema.DigitalSamba;

/// <summary>
/// Issues Digital Samba room tokens for one team: fills the team id (<c>td</c>), the issue time (<c>iat</c>) and a
/// default expiry (<c>exp</c>), then signs with the team's developer key (HS256). Thread-safe; dispose it to zero the key.
/// </summary>
/// <example>
/// <code>
/// using var issuer = new DigitalSambaTokenIssuer(teamId, developerKey);
/// string token = issuer.Issue(new DigitalSambaToken { RoomId = "weekly-standup", Role = "moderator", UserName = "Ada" });
/// Uri join = DigitalSambaTokenIssuer.AppendToken(new Uri("https://acme.digitalsamba.com/weekly-standup"), token);
/// </code>
/// </example>
public sealed class DigitalSambaTokenIssuer : PlatformTokenIssuer<DigitalSambaToken>
{
    /// <summary>The lifetime given to a token without <c>exp</c> unless the constructor says otherwise: one hour.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(1);


    /// <summary>Creates an issuer for the team <paramref name="teamId"/>.</summary>
    /// <param name="teamId">The team's id, written to <c>td</c>.</param>
    /// <param name="developerKey">The team's developer key from the Digital Samba dashboard; its UTF-8 bytes are the HMAC key.</param>
    /// <param name="timeProvider">The clock for <c>iat</c> and <c>exp</c>; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="lifetime">How long a token without <c>exp</c> is valid; <see cref="DefaultLifetime"/> when <see langword="null"/>.</param>
    /// <param name="allowShortKey">Accepts a developer key shorter than 32 bytes (see <see cref="JwtSignerOptions.AllowShortKey"/>).</param>
    /// <exception cref="ArgumentException"><paramref name="teamId"/> is blank, or the key is empty or too short.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lifetime"/> is not at least one second.</exception>
    public DigitalSambaTokenIssuer(string teamId, string developerKey, TimeProvider? timeProvider = null, TimeSpan? lifetime = null, bool allowShortKey = false)
        : base(timeProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(teamId);
        ArgumentNullException.ThrowIfNull(developerKey);
        Lifetime = lifetime ?? DefaultLifetime;
        if (Lifetime < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), Lifetime, "The token lifetime must be at least one second.");
        }

        TeamId = teamId;
        Signer = JwtSigner.FromSecret(developerKey, new JwtSignerOptions { AllowShortKey = allowShortKey });
        Verifier = CreateVerifier(developerKey, allowShortKey);
    }

    /// <summary>The team id written to <c>td</c>.</summary>
    public string TeamId { get; }

    /// <summary>How long a token without <c>exp</c> is valid.</summary>
    public TimeSpan Lifetime { get; }

    /// <summary>
    /// Returns <paramref name="token"/> with <c>td</c> set to <see cref="TeamId"/>, <c>iat</c> set to now and <c>exp</c>
    /// set to <c>iat</c> + <see cref="Lifetime"/>, each only where the token leaves it empty.
    /// </summary>
    /// <param name="token">The token to complete.</param>
    /// <returns>The completed copy.</returns>
    /// <exception cref="ArgumentException">The token's <c>td</c> names another team.</exception>
    public override DigitalSambaToken Complete(DigitalSambaToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        CheckOwnClaims(token);

        DateTimeOffset issuedAt = token.IssuedAt ?? DateTimeOffset.FromUnixTimeSeconds(TimeProvider.GetUtcNow().ToUnixTimeSeconds());
        return token with
        {
            TeamId = token.TeamId ?? TeamId,
            IssuedAt = issuedAt,
            Expires = token.Expires ?? issuedAt + Lifetime,
        };
    }


    /// <summary>The token's <c>td</c> when it names another team (compared ignoring case).</summary>
    private protected override ClaimProblem? FindForeignClaim(DigitalSambaToken token) =>
        OwnClaim(token.TeamId, TeamId, "td", "for team", StringComparison.OrdinalIgnoreCase);

    /// <summary>Returns <paramref name="roomUrl"/> with <paramref name="token"/> in its <c>token</c> query parameter.</summary>
    /// <param name="roomUrl">The room's absolute URL, for example <c>https://acme.digitalsamba.com/weekly-standup</c>.</param>
    /// <param name="token">A token from <see cref="PlatformTokenIssuer{TToken}.Issue(TToken)"/>.</param>
    /// <returns>The URL to open: <c>…/weekly-standup?token=eyJ…</c> (appended with <c>&amp;</c> when the URL has a query).</returns>
    /// <exception cref="ArgumentException"><paramref name="roomUrl"/> is not absolute, or <paramref name="token"/> is blank.</exception>
    public static Uri AppendToken(Uri roomUrl, string token)
    {
        ArgumentNullException.ThrowIfNull(roomUrl);
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        if (!roomUrl.IsAbsoluteUri)
        {
            throw new ArgumentException("The room URL must be absolute.", nameof(roomUrl));
        }

        var builder = new UriBuilder(roomUrl);
        string query = builder.Query.TrimStart('?');
        builder.Query = (query.Length == 0 ? string.Empty : query + "&") + "token=" + Uri.EscapeDataString(token);
        return builder.Uri;
    }

}
