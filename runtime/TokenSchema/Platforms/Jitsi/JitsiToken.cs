using System;
using System.Text.Json;

namespace TokenSchema.Jitsi;

/// <summary>
/// A token for a self-hosted Jitsi Meet (prosody token authentication), signed with the app secret (HS256) under the
/// header <c>{"alg":"HS256","typ":"JWT"}</c>: the app id in <c>iss</c>, an audience the server accepts in <c>aud</c>, the
/// tenant or domain in <c>sub</c>, the room in <c>room</c>, and who the user is in <c>context.user</c>.
/// </summary>
/// <remarks>
/// <para>
/// The claims are declared in the order of Jitsi Meet's documented example payload (<c>context aud iss sub room exp</c>,
/// then <c>nbf</c>), which a token with the same values reproduces byte for byte. <c>aud</c>, <c>iss</c>, <c>room</c> and
/// <c>exp</c> are required; they are optional in C# so that <see cref="JitsiTokenIssuer"/> can fill <c>iss</c>,
/// <c>aud</c> and <c>exp</c>, and <see cref="IJwtPayload{TSelf}.Validate"/> reports any that is missing.
/// </para>
/// <para>
/// <see cref="IJwtPayload{TSelf}.Validate"/> also checks that <c>sub</c> is lower case (prosody compares it with the
/// lower-case tenant or domain) and that no <c>context.user</c> member is blank. The user members are strings in C#, so
/// a token never carries a number there, and an absent member is left out rather than written as <c>null</c>: prosody
/// throws on either.
/// </para>
/// </remarks>
[TokenPayload(ClaimVocabulary.Jitsi)]
public sealed partial record JitsiToken
{
    /// <summary>The value of <see cref="Room"/> or <see cref="Subject"/> that matches any room or any tenant: <c>*</c>.</summary>
    public const string Any = "*";

    /// <summary>Who the user is and what the meeting offers (<c>context</c>).</summary>
    [Claim("context")]
    public JitsiContext? Context { get; init; }

    /// <summary>The audience (<c>aud</c>): one the server accepts (prosody's accepted audiences, no longer <c>*</c> by default).</summary>
    [Claim("aud")]
    public string? Audience { get; init; }

    /// <summary>The app id (<c>iss</c>) whose secret signs the token.</summary>
    [Claim("iss")]
    public string? AppId { get; init; }

    /// <summary>The tenant or domain (<c>sub</c>) in lower case, or <see cref="Any"/>.</summary>
    [Claim("sub")]
    public string? Subject { get; init; }

    /// <summary>The room the token admits to (<c>room</c>), or <see cref="Any"/> for every room.</summary>
    [Claim("room")]
    public string? Room { get; init; }

    /// <summary>Prosody refuses the token from this time on (<c>exp</c>, unix seconds). Required.</summary>
    [Claim("exp")]
    public DateTimeOffset? Expires { get; init; }

    /// <summary>Prosody refuses the token before this time (<c>nbf</c>, unix seconds).</summary>
    [Claim("nbf")]
    public DateTimeOffset? NotBefore { get; init; }

    /// <summary>Jitsi's rules across claims, run by the generated <see cref="IJwtPayload{TSelf}.Validate"/> after the per-claim checks.</summary>
    private void ValidateClaims(ref ClaimProblemCollector problems)
    {
        if (Room is { } room && string.IsNullOrWhiteSpace(room))
        {
            problems.Add("room", "is blank; give the room name or '*'");
        }

        if (Subject is { } subject && HasUpperCase(subject))
        {
            problems.Add("sub", "must be lower case: prosody compares it with the lower-case tenant or domain");
        }

        if (Context?.User is { } user)
        {
            if (user.Avatar is { } avatar && string.IsNullOrWhiteSpace(avatar)) problems.Add("context.user.avatar", "is blank");
            if (user.Name is { } name && string.IsNullOrWhiteSpace(name)) problems.Add("context.user.name", "is blank");
            if (user.Email is { } email && string.IsNullOrWhiteSpace(email)) problems.Add("context.user.email", "is blank");
            if (user.Id is { } id && string.IsNullOrWhiteSpace(id)) problems.Add("context.user.id", "is blank");
        }
    }

    private static bool HasUpperCase(string text)
    {
        foreach (char c in text)
        {
            if (char.IsUpper(c))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>The <c>context</c> object of a Jitsi token.</summary>
/// <remarks>Equality compares <see cref="Callee"/> and <see cref="Features"/> by content.</remarks>
[TokenPayload(ClaimVocabulary.Jitsi)]
public sealed partial record JitsiContext
{
    /// <summary>The user (<c>user</c>).</summary>
    [Claim("user")]
    public JitsiUser? User { get; init; }

    /// <summary>The user's group (<c>group</c>).</summary>
    [Claim("group")]
    public string? Group { get; init; }

    /// <summary>The callee of a call (<c>callee</c>), kept as the JSON object given: its shape is not documented.</summary>
    [Claim("callee")]
    public JsonElement? Callee { get; init; }

    /// <summary>
    /// Feature names mapped to values (<c>features</c>), for example <c>{"recording":"true"}</c>, kept as the JSON
    /// object given: the hosted service documents the strings <c>"true"</c>/<c>"false"</c>, self-hosted plugins read their
    /// own values.
    /// </summary>
    [Claim("features")]
    public JsonElement? Features { get; init; }

    /// <summary>Compares every member, <see cref="Callee"/> and <see cref="Features"/> by content.</summary>
    /// <param name="other">The context to compare with.</param>
    /// <returns><see langword="true"/> when both are the same.</returns>
    public bool Equals(JitsiContext? other) =>
        other is not null && Equals(User, other.User) && Group == other.Group &&
        ContentEquality.JsonEquals(Callee, other.Callee) && ContentEquality.JsonEquals(Features, other.Features);

    /// <summary>A hash consistent with <see cref="Equals(JitsiContext)"/>.</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode() => HashCode.Combine(User, Group);
}

/// <summary>The <c>context.user</c> object of a Jitsi token: strings only, as prosody requires.</summary>
[TokenPayload(ClaimVocabulary.Jitsi)]
public sealed partial record JitsiUser
{
    /// <summary>The avatar's URL (<c>avatar</c>).</summary>
    [Claim("avatar")]
    public string? Avatar { get; init; }

    /// <summary>The display name (<c>name</c>).</summary>
    [Claim("name")]
    public string? Name { get; init; }

    /// <summary>The email address (<c>email</c>).</summary>
    [Claim("email")]
    public string? Email { get; init; }

    /// <summary>Your id for the user (<c>id</c>).</summary>
    [Claim("id")]
    public string? Id { get; init; }
}
