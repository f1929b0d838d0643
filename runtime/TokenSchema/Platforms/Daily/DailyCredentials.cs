using System;

namespace TokenSchema.Daily;

/// <summary>
/// A Daily domain's API key and id, as the Daily dashboard's developers page shows them. The API key is the HMAC secret
/// of self-signed meeting tokens. What <see cref="DailyTokenIssuer"/> is created from; its <see cref="ToString"/> never
/// shows the key.
/// </summary>
/// <param name="ApiKey">The domain's API key: the secret; its UTF-8 bytes are the HMAC key. Never shown by <see cref="ToString"/>.</param>
/// <param name="DomainId">The domain's id (the <c>d</c> claim).</param>
/// <exception cref="ArgumentNullException"><paramref name="ApiKey"/> is <see langword="null"/>.</exception>
/// <exception cref="ArgumentException"><paramref name="ApiKey"/> is empty, or <paramref name="DomainId"/> is the empty UUID; the exception names it.</exception>
public sealed record DailyCredentials(string ApiKey, Guid DomainId)
{
    private readonly string _apiKey = CredentialChecks.Required(ApiKey, nameof(ApiKey), "the Daily API key");
    private readonly Guid _domainId = CheckDomainId(DomainId);

    /// <summary>The domain's API key: the secret; its UTF-8 bytes are the HMAC key. Never shown by <see cref="ToString"/>.</summary>
    public string ApiKey
    {
        get => _apiKey;
        init => _apiKey = CredentialChecks.Required(value, nameof(ApiKey), "the Daily API key");
    }

    /// <summary>The domain's id (the <c>d</c> claim).</summary>
    public Guid DomainId
    {
        get => _domainId;
        init => _domainId = CheckDomainId(value);
    }

    /// <summary>Reads a domain id written as a UUID such as <c>25df5057-ef0d-4d97-bde6-0cf287276cbb</c>, as the Daily dashboard shows it.</summary>
    /// <param name="domainId">The domain id's text.</param>
    /// <returns>The domain id.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="domainId"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="domainId"/> is not a UUID, or is the empty UUID.</exception>
    public static Guid ParseDomainId(string domainId)
    {
        ArgumentNullException.ThrowIfNull(domainId);
        if (!Guid.TryParseExact(domainId, "D", out Guid parsed))
        {
            throw new ArgumentException("The Daily domain id (claim 'd') must be a UUID such as 25df5057-ef0d-4d97-bde6-0cf287276cbb.", nameof(domainId));
        }

        return CheckDomainId(parsed, nameof(domainId));
    }

    /// <summary>Returns the ids and hides the key: <c>DailyCredentials { ApiKey = ***, DomainId = … }</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"DailyCredentials {{ ApiKey = ***, DomainId = {DomainId} }}";

    private static Guid CheckDomainId(Guid domainId, string name = nameof(DomainId))
    {
        if (domainId == Guid.Empty)
        {
            throw new ArgumentException("The Daily domain id (claim 'd') must not be the empty UUID.", name);
        }

        return domainId;
    }
}
