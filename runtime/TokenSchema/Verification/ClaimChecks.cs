namespace TokenSchema.Verification;

/// <summary>The checks of the registered claims against the verifier's options: NumericDate sanity, time, lifetime, issuer, audience.</summary>
internal static class ClaimChecks
{
    /// <summary>The first second of the year 3000: a NumericDate after it can only be milliseconds.</summary>
    internal const long MillisecondsThreshold = 32503680000;

    /// <summary>Checks <paramref name="claims"/>; returns the first failure and the claim concerned.</summary>
    /// <param name="claims">What the scan read.</param>
    /// <param name="options">The verifier's options.</param>
    /// <param name="skewSeconds">The clock skew in whole seconds.</param>
    /// <param name="now">The current time in Unix seconds.</param>
    /// <param name="claim">The claim at fault, when one is.</param>
    public static JwtError Check(in ScannedClaims claims, JwtVerifierOptions options, long skewSeconds, long now, out string? claim)
    {
        claim = claims.Expires > MillisecondsThreshold ? "exp"
            : claims.NotBefore > MillisecondsThreshold ? "nbf"
            : claims.IssuedAt > MillisecondsThreshold ? "iat"
            : null;
        if (claim is not null)
        {
            return JwtError.NumericDateInMilliseconds;
        }

        claim = "exp";
        if (claims.Expires is { } exp)
        {
            if (now >= SaturatingAdd(exp, skewSeconds))
            {
                return JwtError.Expired;
            }
        }
        else if (options.RequireExpirationTime || options.MaxLifetime is not null)
        {
            // A lifetime limit means nothing for a token that never expires.
            return JwtError.MissingExpirationTime;
        }

        claim = "nbf";
        if (claims.NotBefore is { } nbf && SaturatingAdd(now, skewSeconds) < nbf)
        {
            return JwtError.NotYetValid;
        }

        // A future iat would stretch a lifetime measured from it: refused where it starts the lifetime MaxLifetime
        // limits (no nbf), and always when asked (a platform rule measures its own lifetime from iat).
        claim = "iat";
        if (claims.IssuedAt is { } iat && SaturatingAdd(now, skewSeconds) < iat &&
            (options.RejectFutureIssuedAt || (options.MaxLifetime is not null && claims.NotBefore is null)))
        {
            return JwtError.IssuedInTheFuture;
        }

        claim = "exp";
        if (options.MaxLifetime is { } maxLifetime && claims.Expires is { } expires)
        {
            long start = claims.NotBefore ?? claims.IssuedAt ?? now;
            long longest = SaturatingAdd((long)maxLifetime.TotalSeconds, claims.NotBefore is null && claims.IssuedAt is null ? skewSeconds : 0);

            // expires - start > longest, without overflow at the NumericDate extremes.
            if (start < SaturatingAdd(expires, -longest))
            {
                return JwtError.LifetimeTooLong;
            }
        }

        claim = "iss";
        if (options.ValidIssuers is not null && !(claims.HasIssuer && claims.IssuerMatches))
        {
            return JwtError.InvalidIssuer;
        }

        claim = "aud";
        if (options.ValidAudiences is not null && !(claims.HasAudience && claims.AudienceMatches))
        {
            return JwtError.InvalidAudience;
        }

        claim = null;
        return JwtError.None;
    }

    private static long SaturatingAdd(long a, long b)
    {
        long sum = unchecked(a + b);
        return ((a ^ sum) & (b ^ sum)) < 0 ? (a < 0 ? long.MinValue : long.MaxValue) : sum;
    }
}
