using System;

namespace TokenSchema.DigitalSamba;

/// <summary>
/// Issues Digital Samba room tokens for one team: fills the team id (<c>td</c>), the issue time (<c>iat</c>) and a
/// default expiry (<c>exp</c>), then signs with the team's developer key (HS256). Thread-safe; dispose it to zero the key.
/// </summary>
/// <example>
/// <code>
/// using var issuer = new DigitalSambaTokenIssuer(new DigitalSambaCredentials(teamId, developerKey));
/// string token = issuer.Issue(new DigitalSambaToken { RoomId = "weekly-standup", Role = "moderator", UserName = "Ada" });
/// Uri join = DigitalSambaTokenIssuer.AppendToken(new Uri("https://acme.digitalsamba.com/weekly-standup"), token);
/// </code>
/// </example>
public sealed class DigitalSambaTokenIssuer : PlatformTokenIssuer<DigitalSambaToken>
{
    /// <summary>The lifetime given to a token without <c>exp</c> unless <see cref="PlatformTokenIssuerOptions.Lifetime"/> says otherwise: one hour.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(1);


    /// <summary>Creates an issuer for a Digital Samba team.</summary>
    /// <param name="credentials">The team id (written to <c>td</c>) and the team's developer key.</param>
    /// <param name="options">The clock, lifetime and verifier rules; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="credentials"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// The developer key is shorter than 32 bytes without <see cref="PlatformTokenIssuerOptions.AllowShortKey"/>, or an
    /// option is out of range (a lifetime under one second, a <see cref="PlatformTokenIssuerOptions.Backdating"/> or
    /// <see cref="PlatformTokenIssuerOptions.KeyId"/>); the exception names it.
    /// </exception>
    public DigitalSambaTokenIssuer(DigitalSambaCredentials credentials, DigitalSambaTokenIssuerOptions? options = null)
        : base(options ?? DigitalSambaTokenIssuerOptions.Default, Rules)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        TeamId = credentials.TeamId;
        Options = options ?? DigitalSambaTokenIssuerOptions.Default;
        CreateKeys(credentials.DeveloperKey, "Digital Samba developer key");
    }

    private static PlatformRules Rules => new("Digital Samba", DefaultLifetime, PlatformRules.OneSecond, TimeSpan.MaxValue, null, AcceptsKeyId: false);

    /// <summary>The team id written to <c>td</c>.</summary>
    public string TeamId { get; }

    /// <summary>The options the issuer was created with.</summary>
    public DigitalSambaTokenIssuerOptions Options { get; }

    /// <summary>
    /// Returns <paramref name="token"/> with <c>td</c> set to <see cref="TeamId"/>, <c>iat</c> set to now and <c>exp</c>
    /// set to <c>iat</c> + <see cref="PlatformTokenIssuer{TToken}.Lifetime"/>, each only where the token leaves it empty.
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
