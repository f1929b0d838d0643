using System;

namespace TokenSchema.Hms;

/// <summary>
/// A 100ms workspace's app access key and app secret, as the 100ms dashboard's developer section shows them. What <see cref="HmsTokenIssuer"/> is created from; its <see cref="ToString"/> never shows the secret.
/// </summary>
/// <param name="AccessKey">The app access key, written to <c>access_key</c>.</param>
/// <param name="AppSecret">The app secret; its UTF-8 bytes are the HMAC key. Never shown by <see cref="ToString"/>.</param>
/// <exception cref="ArgumentNullException">A value is <see langword="null"/>; the exception names it.</exception>
/// <exception cref="ArgumentException">A value is empty (an id also when it is only white space); the exception names it.</exception>
public sealed record HmsCredentials(string AccessKey, string AppSecret)
{
    private readonly string _accessKey = CredentialChecks.RequiredId(AccessKey, nameof(AccessKey), "the 100ms app access key");
    private readonly string _appSecret = CredentialChecks.Required(AppSecret, nameof(AppSecret), "the 100ms app secret");

    /// <summary>The app access key, written to <c>access_key</c>.</summary>
    public string AccessKey
    {
        get => _accessKey;
        init => _accessKey = CredentialChecks.RequiredId(value, nameof(AccessKey), "the 100ms app access key");
    }

    /// <summary>The app secret; its UTF-8 bytes are the HMAC key. Never shown by <see cref="ToString"/>.</summary>
    public string AppSecret
    {
        get => _appSecret;
        init => _appSecret = CredentialChecks.Required(value, nameof(AppSecret), "the 100ms app secret");
    }

    /// <summary>Returns the ids and hides the secret: <c>HmsCredentials { AccessKey = …, AppSecret = *** }</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"HmsCredentials {{ AccessKey = {AccessKey}, AppSecret = *** }}";
}
