using System;
using System.ComponentModel.DataAnnotations;

namespace TokenSchema.DigitalSamba;

/// <summary>
/// A Digital Samba room token: the claims of a token signed with a team's developer key (HS256) and passed to a room
/// in the <c>?token=</c> query parameter of its URL. Every claim is a string except the times.
/// </summary>
/// <remarks>
/// Claims are written in declaration order: <c>ud</c>, <c>u</c>, <c>rd</c>, <c>td</c>, <c>role</c>, <c>initials</c>,
/// <c>breakoutId</c>, <c>avatar</c>, <c>iat</c>, <c>nbf</c>, <c>exp</c>. That is the order of Digital Samba's own example
/// payload, so a token with the example's claims is byte for byte the documented one. Only <see cref="RoomId"/>
/// (<c>rd</c>) is required; <see cref="DigitalSambaTokenIssuer"/> fills the team id and the times.
/// </remarks>
[TokenPayload(ClaimVocabulary.DigitalSamba)]
public sealed partial record DigitalSambaToken
{
    /// <summary>The participant's id in your own system (<c>ud</c>, external user id).</summary>
    [Claim("ud")]
    public string? ExternalUserId { get; init; }

    /// <summary>The participant's display name in the room (<c>u</c>).</summary>
    [Claim("u")]
    public string? UserName { get; init; }

    /// <summary>The room the token admits to (<c>rd</c>): the room's friendly URL or its UUID. Required.</summary>
    [Claim("rd")]
    public required string RoomId { get; init; }

    /// <summary>The team's id (<c>td</c>), a UUID string; <see cref="DigitalSambaTokenIssuer"/> fills it.</summary>
    [Claim("td")]
    public string? TeamId { get; init; }

    /// <summary>The role the participant enters with (<c>role</c>): a role id or name such as <c>moderator</c>.</summary>
    [Claim("role")]
    public string? Role { get; init; }

    /// <summary>The initials shown when the participant has no video or avatar (<c>initials</c>).</summary>
    [Claim("initials")]
    public string? Initials { get; init; }

    /// <summary>The breakout room the participant joins directly (<c>breakoutId</c>).</summary>
    [Claim("breakoutId")]
    public string? BreakoutId { get; init; }

    /// <summary>The URL of the participant's avatar image (<c>avatar</c>); an http, https or ftp URL.</summary>
    [Claim("avatar")]
    [Url]
    public string? AvatarUrl { get; init; }

    /// <summary>When the token was issued (<c>iat</c>, unix seconds); <see cref="DigitalSambaTokenIssuer"/> fills it.</summary>
    [Claim("iat")]
    public DateTimeOffset? IssuedAt { get; init; }

    /// <summary>Digital Samba refuses the token before this time (<c>nbf</c>, unix seconds).</summary>
    [Claim("nbf")]
    public DateTimeOffset? NotBefore { get; init; }

    /// <summary>Digital Samba refuses the token from this time on (<c>exp</c>, unix seconds). Digital Samba recommends it.</summary>
    [Claim("exp")]
    public DateTimeOffset? Expires { get; init; }
}
