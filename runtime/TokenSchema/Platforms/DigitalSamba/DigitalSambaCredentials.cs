using System;

namespace TokenSchema.DigitalSamba;

/// <summary>
/// A Digital Samba team's id and developer key. What <see cref="DigitalSambaTokenIssuer"/> is created from; its <see cref="ToString"/> never shows the secret.
/// </summary>
/// <param name="TeamId">The team's id, written to <c>td</c>.</param>
/// <param name="DeveloperKey">The team's developer key from the Digital Samba dashboard; its UTF-8 bytes are the HMAC key. Never shown by <see cref="ToString"/>.</param>
/// <exception cref="ArgumentNullException">A value is <see langword="null"/>; the exception names it.</exception>
/// <exception cref="ArgumentException">A value is empty (an id also when it is only white space); the exception names it.</exception>
public sealed record DigitalSambaCredentials(string TeamId, string DeveloperKey)
{
    private readonly string _teamId = CredentialChecks.RequiredId(TeamId, nameof(TeamId), "the Digital Samba team id");
    private readonly string _developerKey = CredentialChecks.Required(DeveloperKey, nameof(DeveloperKey), "the Digital Samba developer key");

    /// <summary>The team's id, written to <c>td</c>.</summary>
    public string TeamId
    {
        get => _teamId;
        init => _teamId = CredentialChecks.RequiredId(value, nameof(TeamId), "the Digital Samba team id");
    }

    /// <summary>The team's developer key from the Digital Samba dashboard; its UTF-8 bytes are the HMAC key. Never shown by <see cref="ToString"/>.</summary>
    public string DeveloperKey
    {
        get => _developerKey;
        init => _developerKey = CredentialChecks.Required(value, nameof(DeveloperKey), "the Digital Samba developer key");
    }

    /// <summary>Returns the ids and hides the secret: <c>DigitalSambaCredentials { TeamId = …, DeveloperKey = *** }</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"DigitalSambaCredentials {{ TeamId = {TeamId}, DeveloperKey = *** }}";
}
