using System;

namespace TokenSchema.Twilio;

/// <summary>
/// A Twilio Video access token: signed with an API key secret (HS256) under the header
/// <c>{"alg":"HS256","typ":"JWT","cty":"twilio-fpa;v=1"}</c>, carrying the participant's identity and the video grant.
/// </summary>
/// <remarks>
/// <para>
/// <c>jti</c>, <c>iss</c>, <c>sub</c>, <c>iat</c> and <c>exp</c> are required in a token Twilio accepts; they are optional
/// in C# so that <see cref="TwilioVideoTokenIssuer"/> can fill them, and <see cref="IJwtPayload{TSelf}.Validate"/> reports
/// any that is missing. It also applies the rule that <c>exp</c> is at most <see cref="MaxLifetime"/> after <c>iat</c>, so
/// <see cref="JwtSigner"/> and <see cref="JwtVerifier"/> enforce it; <see cref="ValidateForTwilio"/> returns the same result.
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

    /// <summary>The API key SID that signs the token (<c>iss</c>, <c>SK…</c>).</summary>
    [Claim("iss")]
    public string? ApiKeySid { get; init; }

    /// <summary>The account SID the token belongs to (<c>sub</c>, <c>AC…</c>).</summary>
    [Claim("sub")]
    public string? AccountSid { get; init; }

    /// <summary>When the token was issued (<c>iat</c>, unix seconds).</summary>
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
    /// Runs <see cref="IJwtPayload{TSelf}.Validate"/>, which includes the rule Twilio applies across claims: <c>exp</c> is
    /// at most <see cref="MaxLifetime"/> after <c>iat</c>.
    /// </summary>
    /// <returns>Every problem found, by claim name; valid when there is none.</returns>
    public ClaimValidationResult ValidateForTwilio() => Validate();

    /// <summary>Twilio's rule across claims, run by the generated <see cref="IJwtPayload{TSelf}.Validate"/> after the per-claim checks.</summary>
    private void ValidateClaims(ref ClaimProblemCollector problems)
    {
        if (IssuedAt is { } issuedAt && Expires is { } expires &&
            expires.ToUnixTimeSeconds() - issuedAt.ToUnixTimeSeconds() > (long)MaxLifetime.TotalSeconds)
        {
            problems.Add("exp", "is more than 86400 seconds after 'iat'");
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
}
