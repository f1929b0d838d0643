using System;
using System.Collections.Generic;

namespace TokenSchema;

/// <summary>How a <see cref="JwtSigner"/> builds the header and what it checks before signing.</summary>
public sealed class JwtSignerOptions
{
    internal static readonly JwtSignerOptions Default = new();

    /// <summary>The <c>kid</c> header parameter, or <see langword="null"/> (the default) to omit it.</summary>
    public string? KeyId { get; init; }

    /// <summary>
    /// Extra string-valued header parameters written after <c>alg</c>, <c>typ</c> and <c>kid</c>, in order
    /// (for example Twilio's <c>cty</c> = <c>twilio-fpa;v=1</c>). <c>alg</c>, <c>typ</c>, <c>kid</c>, <c>crit</c>,
    /// <c>zip</c> and <c>b64</c> cannot be given here.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>>? AdditionalHeaderParameters { get; init; }

    /// <summary>Whether the header carries <c>"typ":"JWT"</c>; <see langword="true"/> by default.</summary>
    public bool IncludeType { get; init; } = true;

    /// <summary>
    /// Accepts keys shorter than the 32 bytes RFC 7518 §3.2 requires for HS256. Off by default; turn it on only
    /// for a key a platform issued that way.
    /// </summary>
    public bool AllowShortKey { get; init; }

    /// <summary>
    /// Validates every payload before signing it and throws <see cref="JwtPayloadValidationException"/> when it
    /// is not valid; <see langword="true"/> by default.
    /// </summary>
    public bool ValidatePayload { get; init; } = true;
}

/// <summary>What a <see cref="JwtVerifier"/> accepts.</summary>
public sealed class JwtVerifierOptions
{
    internal static readonly JwtVerifierOptions Default = new();

    /// <summary>The clock for <c>exp</c> and <c>nbf</c>; <see cref="TimeProvider.System"/> by default.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>How far <c>exp</c> and <c>nbf</c> may be off; 30 seconds by default.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest token accepted, in characters; 8,192 by default. Longer tokens are <see cref="JwtError.TooLarge"/>.</summary>
    public int MaxTokenLength { get; init; } = 8192;

    /// <summary>
    /// Rejects tokens without <c>exp</c> as <see cref="JwtError.MissingExpirationTime"/>; on by default, as in
    /// Microsoft.IdentityModel (and LiveKit's server refuses such tokens). Turn it off only for tokens that are meant to
    /// be valid forever.
    /// </summary>
    public bool RequireExpirationTime { get; init; } = true;

    /// <summary>
    /// The longest lifetime accepted: <c>exp</c> minus <c>nbf</c>, else minus <c>iat</c>, else minus now; longer is
    /// <see cref="JwtError.LifetimeTooLong"/>. <see langword="null"/> (the default) for no limit.
    /// </summary>
    public TimeSpan? MaxLifetime { get; init; }

    /// <summary>
    /// Refuses an <c>iat</c> later than now plus <see cref="ClockSkew"/> as <see cref="JwtError.IssuedInTheFuture"/>,
    /// whether or not the token has <c>nbf</c>; off by default. Turn it on when a rule measures a lifetime from
    /// <c>iat</c> (Twilio's 24 hours, Zoom's 48 hours): the platform issuers' verifiers do. Without it a future
    /// <c>iat</c> is still refused when it starts the lifetime <see cref="MaxLifetime"/> limits (no <c>nbf</c>).
    /// </summary>
    public bool RejectFutureIssuedAt { get; init; }

    /// <summary>
    /// The accepted issuers: when set, <c>iss</c> must be one of them (ordinal), and a token without <c>iss</c> is
    /// <see cref="JwtError.InvalidIssuer"/>. <see langword="null"/> (the default) does not look at <c>iss</c>.
    /// </summary>
    public IReadOnlyCollection<string>? ValidIssuers { get; init; }

    /// <summary>
    /// The accepted audiences: when set, <c>aud</c> (a string, or any item of an array) must be one of them (ordinal),
    /// and a token without <c>aud</c> is <see cref="JwtError.InvalidAudience"/>. <see langword="null"/> (the default)
    /// does not look at <c>aud</c>.
    /// </summary>
    public IReadOnlyCollection<string>? ValidAudiences { get; init; }

    /// <summary>Runs the payload's own validation after reading it; <see langword="true"/> by default.</summary>
    public bool ValidatePayload { get; init; } = true;

    /// <summary>Accepts keys shorter than 32 bytes (RFC 7518 §3.2); off by default.</summary>
    public bool AllowShortKey { get; init; }

    /// <summary>
    /// What every <c>TryVerify</c> and <c>TryVerifyDetailed</c> overload does with a top-level claim the payload's
    /// schema (<see cref="IClaimSchema.ClaimDescriptors"/>) does not describe: <see cref="TokenSchema.UnknownClaims.Skip"/>
    /// (the default) reads the payload without it, as JWT readers do; <see cref="TokenSchema.UnknownClaims.Reject"/>
    /// refuses the token with <see cref="JwtError.UnknownClaim"/>, naming the claim, so that a grant the schema does not
    /// know never vanishes unnoticed. A hand-written payload that describes no claims has every claim refused under
    /// <see cref="TokenSchema.UnknownClaims.Reject"/>.
    /// </summary>
    public UnknownClaims UnknownClaims { get; init; } = UnknownClaims.Skip;

    internal void Check()
    {
        if (UnknownClaims is not (UnknownClaims.Skip or UnknownClaims.Reject))
        {
            throw new ArgumentOutOfRangeException(nameof(UnknownClaims), UnknownClaims, "Use UnknownClaims.Skip or UnknownClaims.Reject.");
        }

        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
        if (ClockSkew < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(ClockSkew), ClockSkew, "The clock skew cannot be negative.");
        }

        if (MaxTokenLength < 16)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxTokenLength), MaxTokenLength, "The maximum token length must be at least 16 characters.");
        }

        if (MaxLifetime is { } lifetime && lifetime <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxLifetime), lifetime, "The maximum lifetime must be positive.");
        }

        CheckNames(ValidIssuers, nameof(ValidIssuers));
        CheckNames(ValidAudiences, nameof(ValidAudiences));
    }

    private static void CheckNames(IReadOnlyCollection<string>? names, string option)
    {
        if (names is null)
        {
            return;
        }

        if (names.Count == 0)
        {
            throw new ArgumentException("Give at least one value, or leave the option null to accept any.", option);
        }

        foreach (string name in names)
        {
            if (string.IsNullOrEmpty(name))
            {
                throw new ArgumentException("A value is null or empty.", option);
            }
        }
    }

    /// <summary>The UTF-8 bytes of each name, for comparing without allocating.</summary>
    internal static byte[][]? Utf8(IReadOnlyCollection<string>? names)
    {
        if (names is null)
        {
            return null;
        }

        var bytes = new byte[names.Count][];
        int i = 0;
        foreach (string name in names)
        {
            bytes[i++] = System.Text.Encoding.UTF8.GetBytes(name);
        }

        return bytes;
    }
}
