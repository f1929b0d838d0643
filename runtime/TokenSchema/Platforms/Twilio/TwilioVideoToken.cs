using System;

namespace TokenSchema.Twilio;

/// <summary>
/// A Twilio Video access token: signed with an API key secret (HS256) under the header
/// <c>{"alg":"HS256","typ":"JWT","cty":"twilio-fpa;v=1"}</c>, carrying the participant's identity and the video grant.
/// </summary>
/// <remarks>
/// <para>
/// <c>jti</c>, <c>iss</c>, <c>sub</c> and <c>exp</c> are required in a token Twilio accepts; they are optional in C# so
/// that <see cref="TwilioVideoTokenIssuer"/> can fill them, and <see cref="IJwtPayload{TSelf}.Validate"/> reports any that
/// is missing. <c>iat</c> is optional when reading: Twilio's .NET library (<c>Twilio.Jwt.AccessToken.Token</c>) and
/// Twilio's documented example token carry none, while its Node.js library writes it; <see cref="TwilioVideoTokenIssuer"/>
/// always writes it.
/// </para>
/// <para>
/// <see cref="IJwtPayload{TSelf}.Validate"/> also applies Twilio's rules across claims, so <see cref="JwtSigner"/> and
/// <see cref="JwtVerifier"/> enforce them, and <see cref="ValidateForTwilio"/> returns the same result: <c>iss</c> is an
/// API key SID (<c>SK</c> and 32 hexadecimal digits) and <c>sub</c> an account SID (<c>AC</c> and 32 hexadecimal digits),
/// because a token with the two swapped is signed without complaint and refused by Twilio when connecting (error
/// 20103); and <c>exp</c> is at most <see cref="MaxLifetime"/> after <c>iat</c> (or, without <c>iat</c>, after <c>nbf</c>).
/// </para>
/// </remarks>
[TokenPayload(ClaimVocabulary.Twilio)]
public sealed partial record TwilioVideoToken
{
    /// <summary>The longest lifetime Twilio accepts, from <c>iat</c> to <c>exp</c>: 24 hours (86,400 seconds).</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromSeconds(86_400);

    /// <summary>The token's unique id (<c>jti</c>): <c>&lt;API key SID&gt;-&lt;unix time&gt;</c>.</summary>
    [Claim("jti")]
    public string? TokenId { get; init; }

    /// <summary>The API key SID that signs the token (<c>iss</c>): <c>SK</c> and 32 hexadecimal digits.</summary>
    [Claim("iss")]
    public string? ApiKeySid { get; init; }

    /// <summary>The account SID the token belongs to (<c>sub</c>): <c>AC</c> and 32 hexadecimal digits.</summary>
    [Claim("sub")]
    public string? AccountSid { get; init; }

    /// <summary>When the token was issued (<c>iat</c>, unix seconds); optional, because Twilio's .NET library writes none.</summary>
    [Claim("iat")]
    public DateTimeOffset? IssuedAt { get; init; }

    /// <summary>Twilio refuses the token from this time on (<c>exp</c>, unix seconds); at most 24 hours after <c>iat</c>.</summary>
    [Claim("exp")]
    public DateTimeOffset? Expires { get; init; }

    /// <summary>Twilio refuses the token before this time (<c>nbf</c>, unix seconds).</summary>
    [Claim("nbf")]
    public DateTimeOffset? NotBefore { get; init; }

    /// <summary>The identity and the video grant (<c>grants</c>).</summary>
    [Claim("grants")]
    public required TwilioGrants Grants { get; init; }

    /// <summary>
    /// Runs <see cref="IJwtPayload{TSelf}.Validate"/>, which includes Twilio's rules across claims: the SIDs' forms, and
    /// <c>exp</c> at most <see cref="MaxLifetime"/> after <c>iat</c> (or <c>nbf</c>).
    /// </summary>
    /// <returns>Every problem found, by claim name; valid when there is none.</returns>
    public ClaimValidationResult ValidateForTwilio() => Validate();

    /// <summary>Whether <paramref name="sid"/> is a Twilio SID with the two-letter <paramref name="prefix"/>: the prefix and 32 hexadecimal digits.</summary>
    /// <param name="sid">The text to check.</param>
    /// <param name="prefix">The SID's prefix, for example <c>SK</c> for an API key or <c>AC</c> for an account.</param>
    /// <returns><see langword="true"/> for a well-formed SID.</returns>
    public static bool IsSid(ReadOnlySpan<char> sid, ReadOnlySpan<char> prefix)
    {
        if (sid.Length != prefix.Length + 32 || !sid.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        foreach (char c in sid[prefix.Length..])
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Twilio's rules across claims, run by the generated <see cref="IJwtPayload{TSelf}.Validate"/> after the per-claim checks.</summary>
    private void ValidateClaims(ref ClaimProblemCollector problems)
    {
        if (ApiKeySid is { } apiKeySid && !IsSid(apiKeySid, "SK"))
        {
            problems.Add("iss", apiKeySid.StartsWith("AC", StringComparison.Ordinal)
                ? "is an account SID; it must be the API key SID ('SK' and 32 hexadecimal digits), or Twilio refuses the token (error 20103)"
                : "is not an API key SID ('SK' and 32 hexadecimal digits)");
        }

        if (AccountSid is { } accountSid && !IsSid(accountSid, "AC"))
        {
            problems.Add("sub", accountSid.StartsWith("SK", StringComparison.Ordinal)
                ? "is an API key SID; it must be the account SID ('AC' and 32 hexadecimal digits), or Twilio refuses the token (error 20103)"
                : "is not an account SID ('AC' and 32 hexadecimal digits)");
        }

        if (Expires is { } expires)
        {
            if (IssuedAt is { } issuedAt)
            {
                if (expires.ToUnixTimeSeconds() - issuedAt.ToUnixTimeSeconds() > (long)MaxLifetime.TotalSeconds)
                {
                    problems.Add("exp", "is more than 86400 seconds after 'iat'");
                }
            }
            else if (NotBefore is { } notBefore && expires.ToUnixTimeSeconds() - notBefore.ToUnixTimeSeconds() > (long)MaxLifetime.TotalSeconds)
            {
                problems.Add("exp", "is more than 86400 seconds after 'nbf'");
            }
        }
    }
}

/// <summary>The <c>grants</c> object of a Twilio Video access token.</summary>
[TokenPayload(ClaimVocabulary.Twilio)]
public sealed partial record TwilioGrants
{
    /// <summary>The participant's identity in the room (<c>identity</c>). Required.</summary>
    [Claim("identity")]
    public required string Identity { get; init; }

    /// <summary>The video grant (<c>video</c>); always written, as <c>{}</c> when it names no room.</summary>
    [Claim("video")]
    public required TwilioVideoGrant Video { get; init; }
}

/// <summary>The <c>grants.video</c> object of a Twilio Video access token.</summary>
[TokenPayload(ClaimVocabulary.Twilio)]
public sealed partial record TwilioVideoGrant
{
    /// <summary>The room name or SID the token is limited to (<c>room</c>); any room when absent.</summary>
    [Claim("room")]
    public string? Room { get; init; }

    /// <summary>
    /// The SID of a configuration profile (<c>configuration_profile_sid</c>), which Twilio's .NET library's
    /// <c>VideoGrant</c> still writes although it marks it deprecated in favour of <c>room</c>; Twilio's Video
    /// documentation names only <c>room</c>. Read so that such a token loses nothing; leave it empty in new tokens.
    /// </summary>
    [Claim("configuration_profile_sid")]
    public string? ConfigurationProfileSid { get; init; }
}
