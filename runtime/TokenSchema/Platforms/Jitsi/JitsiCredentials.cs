using System;

namespace TokenSchema.Jitsi;

/// <summary>
/// A self-hosted Jitsi Meet's app id and app secret, as configured for prosody's token authentication. What <see cref="JitsiTokenIssuer"/> is created from; its <see cref="ToString"/> never shows the secret.
/// </summary>
/// <param name="AppId">The app id (prosody's <c>app_id</c>), written to <c>iss</c>.</param>
/// <param name="AppSecret">The app secret (prosody's <c>app_secret</c>); its UTF-8 bytes are the HMAC key. Never shown by <see cref="ToString"/>.</param>
/// <exception cref="ArgumentNullException">A value is <see langword="null"/>; the exception names it.</exception>
/// <exception cref="ArgumentException">A value is empty (an id also when it is only white space); the exception names it.</exception>
public sealed record JitsiCredentials(string AppId, string AppSecret)
{
    private readonly string _appId = CredentialChecks.RequiredId(AppId, nameof(AppId), "the Jitsi app id");
    private readonly string _appSecret = CredentialChecks.Required(AppSecret, nameof(AppSecret), "the Jitsi app secret");

    /// <summary>The app id (prosody's <c>app_id</c>), written to <c>iss</c>.</summary>
    public string AppId
    {
        get => _appId;
        init => _appId = CredentialChecks.RequiredId(value, nameof(AppId), "the Jitsi app id");
    }

    /// <summary>The app secret (prosody's <c>app_secret</c>); its UTF-8 bytes are the HMAC key. Never shown by <see cref="ToString"/>.</summary>
    public string AppSecret
    {
        get => _appSecret;
        init => _appSecret = CredentialChecks.Required(value, nameof(AppSecret), "the Jitsi app secret");
    }

    /// <summary>Returns the ids and hides the secret: <c>JitsiCredentials { AppId = …, AppSecret = *** }</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"JitsiCredentials {{ AppId = {AppId}, AppSecret = *** }}";
}
