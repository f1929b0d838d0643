namespace TokenSchema;

/// <summary>Which code computes the HMAC-SHA256 of every <see cref="JwtSigner"/> and <see cref="JwtVerifier"/> in this process.</summary>
public enum JwtMacImplementation
{
    /// <summary>
    /// Keyed SHA-256 states saved once per key and finished on every call, on the system OpenSSL libcrypto's SHA-256
    /// primitive (Linux, not in FIPS mode): the fastest path, about a sixth of a one-shot <c>HMACSHA256.HashData</c>.
    /// </summary>
    SavedStateLibcrypto,

    /// <summary>
    /// .NET's own HMAC (<c>IncrementalHash</c>), keyed once per key and thread: used on Windows and macOS, under OpenSSL's
    /// FIPS mode, when the libcrypto cannot be bound, and when the <c>TokenSchema.DisableSystemLibcrypto</c>
    /// <c>AppContext</c> switch is set.
    /// </summary>
    DotNetHmac,
}
