using System.Collections.Generic;

namespace TokenSchema.Generator.Vocabularies;

/// <summary>The RFC 7519 §4.1 registered claims, known in every vocabulary.</summary>
internal static class RegisteredClaims
{
    /// <summary><c>iss</c>: the issuer, a StringOrURI.</summary>
    public static readonly ClaimDefinition Issuer = new ClaimDefinition("iss", ClaimJsonKind.String, "issuer",
        clrTypes: ClaimClrTypes.String | ClaimClrTypes.Uri, aliases: new[] { "Issuer", "IssuedBy" }, isRegistered: true);

    /// <summary><c>sub</c>: the subject, a StringOrURI.</summary>
    public static readonly ClaimDefinition Subject = new ClaimDefinition("sub", ClaimJsonKind.String, "subject",
        clrTypes: ClaimClrTypes.String | ClaimClrTypes.Uri | ClaimClrTypes.Guid, aliases: new[] { "Subject" }, isRegistered: true);

    /// <summary><c>aud</c>: the audience, a string or an array of strings.</summary>
    public static readonly ClaimDefinition Audience = new ClaimDefinition("aud", ClaimJsonKind.StringOrArray, "audience",
        clrTypes: ClaimClrTypes.String | ClaimClrTypes.Uri | ClaimClrTypes.Sequence,
        elementClrTypes: ClaimClrTypes.String | ClaimClrTypes.Uri,
        aliases: new[] { "Audience", "Audiences" }, isRegistered: true);

    /// <summary><c>exp</c>: the expiration time, a NumericDate.</summary>
    public static readonly ClaimDefinition ExpirationTime = new ClaimDefinition("exp", ClaimJsonKind.NumericDate, "expiration time",
        aliases: new[] { "Expires", "ExpiresAt", "ExpiresOn", "Expiration", "ExpirationTime", "Expiry", "ValidUntil", "NotAfter" },
        isRegistered: true);

    /// <summary><c>nbf</c>: the not-before time, a NumericDate.</summary>
    public static readonly ClaimDefinition NotBefore = new ClaimDefinition("nbf", ClaimJsonKind.NumericDate, "not before",
        aliases: new[] { "NotBefore", "NotValidBefore", "ValidFrom", "ValidAfter" }, isRegistered: true);

    /// <summary><c>iat</c>: the issued-at time, a NumericDate.</summary>
    public static readonly ClaimDefinition IssuedAt = new ClaimDefinition("iat", ClaimJsonKind.NumericDate, "issued at",
        aliases: new[] { "IssuedAt", "IssuedOn", "Issued", "IssueTime", "CreatedAt" }, isRegistered: true);

    /// <summary><c>jti</c>: the JWT ID, a string.</summary>
    public static readonly ClaimDefinition JwtId = new ClaimDefinition("jti", ClaimJsonKind.String, "JWT ID",
        clrTypes: ClaimClrTypes.String | ClaimClrTypes.Guid, aliases: new[] { "JwtId", "TokenId" }, isRegistered: true);

    /// <summary>All seven registered claims in RFC order.</summary>
    public static readonly IReadOnlyList<ClaimDefinition> All = new[]
    {
        Issuer, Subject, Audience, ExpirationTime, NotBefore, IssuedAt, JwtId,
    };

    /// <summary>
    /// Appends the registered claims that <paramref name="platformClaims"/> does not define itself, so a platform can give
    /// a registered claim its own meaning (LiveKit's <c>sub</c> is the identity) while every vocabulary still knows all seven.
    /// </summary>
    /// <param name="platformClaims">The platform's own claims.</param>
    public static ClaimDefinition[] AppendTo(params ClaimDefinition[] platformClaims)
    {
        var claims = new List<ClaimDefinition>(platformClaims);
        foreach (ClaimDefinition registered in All)
        {
            bool defined = false;
            foreach (ClaimDefinition claim in platformClaims)
            {
                if (claim.Name == registered.Name) defined = true;
            }

            if (!defined) claims.Add(registered);
        }

        return claims.ToArray();
    }
}
