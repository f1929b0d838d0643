using System;

namespace TokenSchema.Zoom;

/// <summary>
/// A Zoom Video SDK app's SDK key and secret, as the Zoom App Marketplace shows them. What <see cref="ZoomVideoSdkTokenIssuer"/> is created from; its <see cref="ToString"/> never shows the secret.
/// </summary>
/// <param name="SdkKey">The Video SDK key, written to <c>app_key</c>.</param>
/// <param name="SdkSecret">The Video SDK secret; its UTF-8 bytes are the HMAC key. Never shown by <see cref="ToString"/>.</param>
/// <exception cref="ArgumentNullException">A value is <see langword="null"/>; the exception names it.</exception>
/// <exception cref="ArgumentException">A value is empty (an id also when it is only white space); the exception names it.</exception>
public sealed record ZoomVideoSdkCredentials(string SdkKey, string SdkSecret)
{
    private readonly string _sdkKey = CredentialChecks.RequiredId(SdkKey, nameof(SdkKey), "the Zoom Video SDK key");
    private readonly string _sdkSecret = CredentialChecks.Required(SdkSecret, nameof(SdkSecret), "the Zoom Video SDK secret");

    /// <summary>The Video SDK key, written to <c>app_key</c>.</summary>
    public string SdkKey
    {
        get => _sdkKey;
        init => _sdkKey = CredentialChecks.RequiredId(value, nameof(SdkKey), "the Zoom Video SDK key");
    }

    /// <summary>The Video SDK secret; its UTF-8 bytes are the HMAC key. Never shown by <see cref="ToString"/>.</summary>
    public string SdkSecret
    {
        get => _sdkSecret;
        init => _sdkSecret = CredentialChecks.Required(value, nameof(SdkSecret), "the Zoom Video SDK secret");
    }

    /// <summary>Returns the ids and hides the secret: <c>ZoomVideoSdkCredentials { SdkKey = …, SdkSecret = *** }</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"ZoomVideoSdkCredentials {{ SdkKey = {SdkKey}, SdkSecret = *** }}";
}
