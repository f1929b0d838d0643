using System;
using System.Collections.Generic;

namespace TokenSchema.StreamVideo;

/// <summary>
/// A Stream Video token, signed with the app's API secret (HS256) under the header <c>{"alg":"HS256","typ":"JWT"}</c>: a
/// user token (<see cref="UserId"/>, <c>iat</c>, <c>exp</c>) or a call token, which adds <see cref="CallCids"/> and
/// optionally <see cref="Role"/>.
/// </summary>
/// <remarks>
/// <para>
/// The claims are declared in the order <c>@stream-io/node-sdk</c> writes a call token: <c>user_id call_cids role
/// validity_in_seconds iat exp</c>. <see cref="IJwtPayload{TSelf}.Validate"/> checks that each of <c>call_cids</c> is
/// <c>"&lt;type&gt;:&lt;id&gt;"</c>, so <see cref="JwtSigner"/> and <see cref="JwtVerifier"/> enforce it.
/// </para>
/// <para>
/// <c>validity_in_seconds</c> is read because the SDK leaves the lifetime it was given in the payload, but Stream's token
/// documentation names only <c>user_id</c>, <c>iat</c>, <c>exp</c>, <c>call_cids</c> and <c>role</c>:
/// <see cref="StreamVideoTokenIssuer"/> turns it into <c>exp</c> and leaves it out of the token.
/// </para>
/// <para>Equality compares <see cref="CallCids"/> by content.</para>
/// </remarks>
[TokenPayload(ClaimVocabulary.StreamVideo)]
public sealed partial record StreamVideoToken
{
    /// <summary>The user the token is for (<c>user_id</c>). Required.</summary>
    [Claim("user_id")]
    public required string UserId { get; init; }

    /// <summary>The calls a call token is for (<c>call_cids</c>), each <c>"&lt;type&gt;:&lt;id&gt;"</c>, for example <c>"default:standup"</c>.</summary>
    [Claim("call_cids")]
    public IReadOnlyList<string>? CallCids { get; init; }

    /// <summary>The user's role in the calls of a call token (<c>role</c>), for example <c>admin</c>.</summary>
    [Claim("role")]
    public string? Role { get; init; }

    /// <summary>
    /// The lifetime, in seconds from <c>iat</c>, that Stream's SDK was given (<c>validity_in_seconds</c>); read from SDK
    /// tokens. <see cref="StreamVideoTokenIssuer"/> uses it for <c>exp</c> when <c>exp</c> is empty and does not write it.
    /// </summary>
    [Claim("validity_in_seconds")]
    public long? ValidityInSeconds { get; init; }

    /// <summary>When the token was issued (<c>iat</c>, unix seconds); Stream refuses a token issued in its future.</summary>
    [Claim("iat")]
    public DateTimeOffset? IssuedAt { get; init; }

    /// <summary>Stream refuses the token from this time on (<c>exp</c>, unix seconds).</summary>
    [Claim("exp")]
    public DateTimeOffset? Expires { get; init; }

    /// <summary>Whether <paramref name="cid"/> is a call id of the form <c>"&lt;type&gt;:&lt;id&gt;"</c> with neither part empty.</summary>
    /// <param name="cid">The text to check.</param>
    /// <returns><see langword="true"/> for a well-formed call id.</returns>
    public static bool IsCallCid(ReadOnlySpan<char> cid)
    {
        int colon = cid.IndexOf(':');
        return colon > 0 && colon < cid.Length - 1 && cid[(colon + 1)..].IndexOf(':') < 0 &&
            !cid.ContainsAny(' ', '\t') && !cid.IsWhiteSpace();
    }

    /// <summary>The rules across claims, run by the generated <see cref="IJwtPayload{TSelf}.Validate"/> after the per-claim checks.</summary>
    private void ValidateClaims(ref ClaimProblemCollector problems)
    {
        if (CallCids is { } cids)
        {
            for (int i = 0; i < cids.Count; i++)
            {
                if (cids[i] is { } cid && !IsCallCid(cid))
                {
                    problems.Add("call_cids", "holds an item that is not \"<type>:<id>\"");
                    break;
                }
            }
        }
    }

    /// <summary>Compares every claim, <see cref="CallCids"/> by content.</summary>
    /// <param name="other">The token to compare with.</param>
    /// <returns><see langword="true"/> when both tokens carry the same claims.</returns>
    public bool Equals(StreamVideoToken? other)
    {
        if (other is null || UserId != other.UserId || Role != other.Role || ValidityInSeconds != other.ValidityInSeconds ||
            IssuedAt != other.IssuedAt || Expires != other.Expires)
        {
            return false;
        }

        if (CallCids is null || other.CallCids is null)
        {
            return CallCids is null && other.CallCids is null;
        }

        if (CallCids.Count != other.CallCids.Count)
        {
            return false;
        }

        for (int i = 0; i < CallCids.Count; i++)
        {
            if (CallCids[i] != other.CallCids[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A hash of the claims consistent with <see cref="Equals(StreamVideoToken)"/>.</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode() => HashCode.Combine(UserId, CallCids?.Count, Role, IssuedAt, Expires);
}
