namespace TokenSchema;

/// <summary>Why <see cref="JwtVerifier"/> rejected a token. <see cref="None"/> means the token was accepted.</summary>
public enum JwtError
{
    /// <summary>The token was verified and its payload read and validated.</summary>
    None = 0,

    /// <summary>Not three base64url segments (a padding character, a non-canonical or non-ASCII character, empty segment), or a segment is not well-formed JSON.</summary>
    Malformed,

    /// <summary>The token is longer than <see cref="JwtVerifierOptions.MaxTokenLength"/>.</summary>
    TooLarge,

    /// <summary>The header is not a JSON object of valid parameters (duplicate names, a non-string <c>typ</c> or <c>kid</c>, a <c>typ</c> other than JWT).</summary>
    InvalidHeader,

    /// <summary>The header's <c>alg</c> is missing or is anything but the verifier's own algorithm, HS256 (<c>none</c> in any spelling included).</summary>
    UnsupportedAlgorithm,

    /// <summary>The header carries a parameter the verifier refuses to honour: <c>crit</c>, <c>zip</c> or <c>b64</c>.</summary>
    UnsupportedHeaderParameter,

    /// <summary>The header's <c>kid</c> names no key the verifier holds (or is absent while several keys are held).</summary>
    UnknownKey,

    /// <summary>The signature does not match.</summary>
    BadSignature,

    /// <summary>A claim name appears twice in the payload.</summary>
    DuplicateClaim,

    /// <summary>The payload does not read into the payload type (wrong JSON type, missing required claim) or fails its validation.</summary>
    InvalidClaims,

    /// <summary>The <c>exp</c> time, plus the allowed clock skew, has passed.</summary>
    Expired,

    /// <summary>The <c>nbf</c> time, less the allowed clock skew, has not come yet.</summary>
    NotYetValid,

    /// <summary>The token has no <c>exp</c> and <see cref="JwtVerifierOptions.RequireExpirationTime"/> is on (the default).</summary>
    MissingExpirationTime,

    /// <summary>The token lives longer than <see cref="JwtVerifierOptions.MaxLifetime"/>.</summary>
    LifetimeTooLong,

    /// <summary><c>iss</c> is absent or not one of <see cref="JwtVerifierOptions.ValidIssuers"/>.</summary>
    InvalidIssuer,

    /// <summary><c>aud</c> is absent or names none of <see cref="JwtVerifierOptions.ValidAudiences"/>.</summary>
    InvalidAudience,

    /// <summary>
    /// <c>exp</c>, <c>nbf</c> or <c>iat</c> is after the year 3000: a NumericDate written in milliseconds instead of
    /// seconds, which would otherwise make a token valid for millennia.
    /// </summary>
    NumericDateInMilliseconds,

    /// <summary>
    /// The payload has a top-level claim its schema does not describe, and the caller asked for such claims to be
    /// refused (<see cref="UnknownClaims.Reject"/>).
    /// </summary>
    UnknownClaim,

    /// <summary>
    /// <c>iat</c> is later than now plus the clock skew, where it matters: when it starts the lifetime that
    /// <see cref="JwtVerifierOptions.MaxLifetime"/> limits (the token has no <c>nbf</c>), or always with
    /// <see cref="JwtVerifierOptions.RejectFutureIssuedAt"/> (the platform issuers' verifiers, since Twilio's and Zoom's
    /// lifetime rules are measured from <c>iat</c>). A future <c>iat</c> would otherwise stretch a limited lifetime without end.
    /// </summary>
    IssuedInTheFuture,
}

/// <summary>What <see cref="JwtVerifier"/> does with a claim the payload's schema does not describe.</summary>
public enum UnknownClaims
{
    /// <summary>Skip it, as JWT readers do: the payload reads without it.</summary>
    Skip,

    /// <summary>Refuse the token with <see cref="JwtError.UnknownClaim"/>, naming the claim.</summary>
    Reject,
}
