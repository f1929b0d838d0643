using System;

namespace TokenSchema.LiveKit;

/// <summary>
/// A LiveKit project's API key and secret, as the LiveKit console shows them. What <see cref="LiveKitTokenIssuer"/> is created from; its <see cref="ToString"/> never shows the secret.
/// </summary>
/// <param name="ApiKey">The API key, written to <c>iss</c> (LiveKit finds the secret by it).</param>
/// <param name="ApiSecret">The API secret; its UTF-8 bytes are the HMAC key. Never shown by <see cref="ToString"/>.</param>
/// <exception cref="ArgumentNullException">A value is <see langword="null"/>; the exception names it.</exception>
/// <exception cref="ArgumentException">A value is empty (an id also when it is only white space); the exception names it.</exception>
public sealed record LiveKitCredentials(string ApiKey, string ApiSecret)
{
    private readonly string _apiKey = CredentialChecks.RequiredId(ApiKey, nameof(ApiKey), "the LiveKit API key");
    private readonly string _apiSecret = CredentialChecks.Required(ApiSecret, nameof(ApiSecret), "the LiveKit API secret");

    /// <summary>The API key, written to <c>iss</c> (LiveKit finds the secret by it).</summary>
    public string ApiKey
    {
        get => _apiKey;
        init => _apiKey = CredentialChecks.RequiredId(value, nameof(ApiKey), "the LiveKit API key");
    }

    /// <summary>The API secret; its UTF-8 bytes are the HMAC key. Never shown by <see cref="ToString"/>.</summary>
    public string ApiSecret
    {
        get => _apiSecret;
        init => _apiSecret = CredentialChecks.Required(value, nameof(ApiSecret), "the LiveKit API secret");
    }

    /// <summary>Returns the ids and hides the secret: <c>LiveKitCredentials { ApiKey = …, ApiSecret = *** }</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"LiveKitCredentials {{ ApiKey = {ApiKey}, ApiSecret = *** }}";
}
