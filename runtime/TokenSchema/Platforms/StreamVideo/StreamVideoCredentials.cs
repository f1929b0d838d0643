using System;

namespace TokenSchema.StreamVideo;

/// <summary>
/// A Stream app's API secret (Stream's tokens name no key: the API key travels beside the token). What <see cref="StreamVideoTokenIssuer"/> is created from; its <see cref="ToString"/> never shows the secret.
/// </summary>
/// <param name="ApiSecret">The Stream app's API secret; its UTF-8 bytes are the HMAC key. Never shown by <see cref="ToString"/>.</param>
/// <exception cref="ArgumentNullException">A value is <see langword="null"/>; the exception names it.</exception>
/// <exception cref="ArgumentException">A value is empty (an id also when it is only white space); the exception names it.</exception>
public sealed record StreamVideoCredentials(string ApiSecret)
{
    private readonly string _apiSecret = CredentialChecks.Required(ApiSecret, nameof(ApiSecret), "the Stream API secret");

    /// <summary>The Stream app's API secret; its UTF-8 bytes are the HMAC key. Never shown by <see cref="ToString"/>.</summary>
    public string ApiSecret
    {
        get => _apiSecret;
        init => _apiSecret = CredentialChecks.Required(value, nameof(ApiSecret), "the Stream API secret");
    }

    /// <summary>Returns the ids and hides the secret: <c>StreamVideoCredentials { ApiSecret = *** }</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"StreamVideoCredentials {{ ApiSecret = *** }}";
}
