using System;
using System.Collections.Generic;

namespace TokenSchema.StreamVideo;

/// <summary>
/// Issues Stream Video user and call tokens, as <c>@stream-io/node-sdk</c> does: <c>iat</c> = now −
/// <see cref="PlatformTokenIssuer{TToken}.Backdating"/> (1 s by default) and <c>exp</c> = <c>iat</c> + <c>validity_in_seconds</c> or
/// <see cref="PlatformTokenIssuer{TToken}.Lifetime"/> (one hour by default), each only where the token leaves it empty, then signs with the API secret
/// (HS256) under the header <c>{"alg":"HS256","typ":"JWT"}</c>. <c>validity_in_seconds</c> is not written. Thread-safe;
/// dispose it to zero the secret.
/// </summary>
/// <example>
/// <code>
/// using var stream = new StreamVideoTokenIssuer(new StreamVideoCredentials(apiSecret));
/// string user = stream.IssueUserToken("alice");
/// string call = stream.IssueCallToken("alice", ["default:standup"], role: "admin");
/// </code>
/// </example>
public sealed class StreamVideoTokenIssuer : PlatformTokenIssuer<StreamVideoToken>
{
    /// <summary>The lifetime given to a token without <c>exp</c> unless <see cref="PlatformTokenIssuerOptions.Lifetime"/> says otherwise: one hour, as Stream's SDK gives.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(1);

    /// <summary>How far <c>iat</c> is set back from now unless <see cref="PlatformTokenIssuerOptions.Backdating"/> says otherwise: one second, as Stream's SDK does.</summary>
    public static readonly TimeSpan DefaultBackdating = TimeSpan.FromSeconds(1);


    /// <summary>Creates an issuer for a Stream app's API secret.</summary>
    /// <param name="credentials">The app's API secret.</param>
    /// <param name="options">The clock, lifetime, backdating and verifier rules; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="credentials"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// The secret is shorter than 32 bytes without <see cref="PlatformTokenIssuerOptions.AllowShortKey"/>, or an option is
    /// out of range (a lifetime under one second, a backdating under zero or over an hour, a
    /// <see cref="PlatformTokenIssuerOptions.KeyId"/>); the exception names it.
    /// </exception>
    public StreamVideoTokenIssuer(StreamVideoCredentials credentials, StreamVideoTokenIssuerOptions? options = null)
        : base(options ?? StreamVideoTokenIssuerOptions.Default, Rules)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        Options = options ?? StreamVideoTokenIssuerOptions.Default;
        CreateKeys(credentials.ApiSecret, "Stream API secret");
    }

    private static PlatformRules Rules => new("Stream Video", DefaultLifetime, PlatformRules.OneSecond, TimeSpan.MaxValue, DefaultBackdating, AcceptsKeyId: false);

    /// <summary>The options the issuer was created with.</summary>
    public StreamVideoTokenIssuerOptions Options { get; }

    /// <summary>
    /// Returns <paramref name="token"/> with <c>iat</c> and <c>exp</c> filled where it leaves them empty, and without
    /// <c>validity_in_seconds</c>, which gives <c>exp</c> when set.
    /// </summary>
    /// <param name="token">The token to complete.</param>
    /// <returns>The completed copy.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><c>validity_in_seconds</c> is under one second.</exception>
    public override StreamVideoToken Complete(StreamVideoToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token.ValidityInSeconds is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(token), token.ValidityInSeconds, "Claim 'validity_in_seconds' must be at least one second.");
        }

        long now = TimeProvider.GetUtcNow().ToUnixTimeSeconds();
        DateTimeOffset issuedAt = token.IssuedAt ?? DateTimeOffset.FromUnixTimeSeconds(now - (long)Backdating.TotalSeconds);
        TimeSpan lifetime = token.ValidityInSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : Lifetime;
        return token with
        {
            IssuedAt = issuedAt,
            Expires = token.Expires ?? issuedAt + lifetime,
            ValidityInSeconds = null,
        };
    }


    /// <summary>Issues a user token for <paramref name="userId"/>.</summary>
    /// <param name="userId">The user id (<c>user_id</c>).</param>
    /// <returns>The compact token.</returns>
    /// <exception cref="JwtPayloadValidationException">The user id is blank.</exception>
    public string IssueUserToken(string userId) => Issue(new StreamVideoToken { UserId = userId });

    /// <summary>Issues a call token that lets <paramref name="userId"/> into <paramref name="callCids"/>.</summary>
    /// <param name="userId">The user id (<c>user_id</c>).</param>
    /// <param name="callCids">The calls, each <c>"&lt;type&gt;:&lt;id&gt;"</c> (<c>call_cids</c>).</param>
    /// <param name="role">The user's role in the calls (<c>role</c>), or <see langword="null"/>.</param>
    /// <returns>The compact token.</returns>
    /// <exception cref="JwtPayloadValidationException">The user id is blank or a call id is not <c>"&lt;type&gt;:&lt;id&gt;"</c>.</exception>
    public string IssueCallToken(string userId, IReadOnlyList<string> callCids, string? role = null) =>
        Issue(new StreamVideoToken { UserId = userId, CallCids = callCids, Role = role });

}
