using System;

namespace TokenSchema.Twilio;

/// <summary>
/// A Twilio account's SID and one of its API keys (SID and secret), as the Twilio console shows them. What
/// <see cref="TwilioVideoTokenIssuer"/> is created from; its <see cref="ToString"/> never shows the secret. The SIDs are
/// checked here: mixing up the API key SID and the account SID gives a token Twilio refuses when connecting (error 20103).
/// </summary>
/// <param name="AccountSid">The account SID (<c>AC</c> and 32 hexadecimal digits), written to <c>sub</c>.</param>
/// <param name="ApiKeySid">The API key SID (<c>SK</c> and 32 hexadecimal digits), written to <c>iss</c> and used in <c>jti</c>.</param>
/// <param name="ApiKeySecret">The API key's secret; its UTF-8 bytes are the HMAC key. Never shown by <see cref="ToString"/>.</param>
/// <exception cref="ArgumentNullException">A value is <see langword="null"/>; the exception names it.</exception>
/// <exception cref="ArgumentException">A value is empty, or a SID is not of its form (the message says when the two are swapped); the exception names it.</exception>
public sealed record TwilioCredentials(string AccountSid, string ApiKeySid, string ApiKeySecret)
{
    private readonly string _accountSid = CheckAccountSid(AccountSid);
    private readonly string _apiKeySid = CheckApiKeySid(ApiKeySid);
    private readonly string _apiKeySecret = CredentialChecks.Required(ApiKeySecret, nameof(ApiKeySecret), "the Twilio API key secret");

    /// <summary>The account SID (<c>AC…</c>), written to <c>sub</c>.</summary>
    public string AccountSid
    {
        get => _accountSid;
        init => _accountSid = CheckAccountSid(value);
    }

    /// <summary>The API key SID (<c>SK…</c>), written to <c>iss</c> and used in <c>jti</c>.</summary>
    public string ApiKeySid
    {
        get => _apiKeySid;
        init => _apiKeySid = CheckApiKeySid(value);
    }

    /// <summary>The API key's secret; its UTF-8 bytes are the HMAC key. Never shown by <see cref="ToString"/>.</summary>
    public string ApiKeySecret
    {
        get => _apiKeySecret;
        init => _apiKeySecret = CredentialChecks.Required(value, nameof(ApiKeySecret), "the Twilio API key secret");
    }

    /// <summary>Returns the SIDs and hides the secret: <c>TwilioCredentials { AccountSid = AC…, ApiKeySid = SK…, ApiKeySecret = *** }</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"TwilioCredentials {{ AccountSid = {AccountSid}, ApiKeySid = {ApiKeySid}, ApiKeySecret = *** }}";

    private static string CheckAccountSid(string accountSid)
    {
        CredentialChecks.Required(accountSid, nameof(AccountSid), "the Twilio account SID");
        if (!TwilioVideoToken.IsSid(accountSid, "AC"))
        {
            throw new ArgumentException(TwilioVideoToken.IsSid(accountSid, "SK")
                ? "The account SID (claim 'sub') is an API key SID ('SK…'); pass the account SID ('AC' and 32 hexadecimal digits) first, then the API key SID."
                : "The account SID (claim 'sub') must be 'AC' and 32 hexadecimal digits.", nameof(AccountSid));
        }

        return accountSid;
    }

    private static string CheckApiKeySid(string apiKeySid)
    {
        CredentialChecks.Required(apiKeySid, nameof(ApiKeySid), "the Twilio API key SID");
        if (!TwilioVideoToken.IsSid(apiKeySid, "SK"))
        {
            throw new ArgumentException(TwilioVideoToken.IsSid(apiKeySid, "AC")
                ? "The API key SID (claim 'iss') is an account SID ('AC…'); pass the API key SID ('SK' and 32 hexadecimal digits)."
                : "The API key SID (claim 'iss') must be 'SK' and 32 hexadecimal digits.", nameof(ApiKeySid));
        }

        return apiKeySid;
    }
}
