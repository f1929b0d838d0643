using System;

namespace TokenSchema.Hms;

/// <summary>
/// A 100ms token, signed with the app secret (HS256) under the header <c>{"alg":"HS256","typ":"JWT"}</c>: an app token
/// (<see cref="HmsTokenType.App"/>), with which a client joins <see cref="RoomId"/> in <see cref="Role"/>, or a management
/// token (<see cref="HmsTokenType.Management"/>), with which a server calls 100ms's REST API.
/// </summary>
/// <remarks>
/// <para>
/// The claims are declared in the order 100ms's server SDK writes them: <c>access_key type version iat nbf exp room_id
/// role user_id jti</c>. <c>access_key</c> and <c>exp</c> are required; they are optional in C# so that
/// <see cref="HmsTokenIssuer"/> can fill them, and <see cref="IJwtPayload{TSelf}.Validate"/> reports either when missing.
/// </para>
/// <para>
/// <see cref="IJwtPayload{TSelf}.Validate"/> also applies the rules across claims, so <see cref="JwtSigner"/> and
/// <see cref="JwtVerifier"/> enforce them: an app token names a room and a role; a management token names neither, nor a
/// user.
/// </para>
/// </remarks>
[TokenPayload(ClaimVocabulary.Hms)]
public sealed partial record HmsToken
{
    /// <summary>The token format version 100ms's server SDK writes (<c>version</c>).</summary>
    public const int CurrentVersion = 2;

    /// <summary>The app access key whose secret signs the token (<c>access_key</c>).</summary>
    [Claim("access_key")]
    public string? AccessKey { get; init; }

    /// <summary>An app token or a management token (<c>type</c>).</summary>
    [Claim("type")]
    public required HmsTokenType Type { get; init; }

    /// <summary>The token format version (<c>version</c>); always <see cref="CurrentVersion"/>.</summary>
    [Claim("version")]
    public int Version { get; init; } = CurrentVersion;

    /// <summary>When the token was issued (<c>iat</c>, unix seconds).</summary>
    [Claim("iat")]
    public DateTimeOffset? IssuedAt { get; init; }

    /// <summary>100ms refuses the token before this time (<c>nbf</c>, unix seconds).</summary>
    [Claim("nbf")]
    public DateTimeOffset? NotBefore { get; init; }

    /// <summary>100ms refuses the token from this time on (<c>exp</c>, unix seconds). Required.</summary>
    [Claim("exp")]
    public DateTimeOffset? Expires { get; init; }

    /// <summary>The room an app token joins (<c>room_id</c>); required in an app token, absent from a management token.</summary>
    [Claim("room_id")]
    public string? RoomId { get; init; }

    /// <summary>The role, defined in the 100ms dashboard, that an app token joins as (<c>role</c>); required in an app token.</summary>
    [Claim("role")]
    public string? Role { get; init; }

    /// <summary>Your own id for the user of an app token (<c>user_id</c>); optional.</summary>
    [Claim("user_id")]
    public string? UserId { get; init; }

    /// <summary>The token's unique id (<c>jti</c>), a UUID.</summary>
    [Claim("jti")]
    public string? TokenId { get; init; }

    /// <summary>The rules across claims, run by the generated <see cref="IJwtPayload{TSelf}.Validate"/> after the per-claim checks.</summary>
    private void ValidateClaims(ref ClaimProblemCollector problems)
    {
        if (Type == HmsTokenType.App)
        {
            if (string.IsNullOrWhiteSpace(RoomId))
            {
                problems.Add("room_id", "is required in an app token");
            }

            if (string.IsNullOrWhiteSpace(Role))
            {
                problems.Add("role", "is required in an app token");
            }
        }
        else if (Type == HmsTokenType.Management)
        {
            if (RoomId is not null)
            {
                problems.Add("room_id", "is not allowed in a management token");
            }

            if (Role is not null)
            {
                problems.Add("role", "is not allowed in a management token");
            }

            if (UserId is not null)
            {
                problems.Add("user_id", "is not allowed in a management token");
            }
        }
    }
}

/// <summary>The kind of a 100ms token (<c>type</c>).</summary>
public enum HmsTokenType
{
    /// <summary>An app (client) token, for joining a room (<c>app</c>).</summary>
    [ClaimValue("app")] App,

    /// <summary>A management token, for 100ms's REST API (<c>management</c>).</summary>
    [ClaimValue("management")] Management,
}
