using System;

namespace TokenSchema.Hms;

/// <summary>
/// The options of <see cref="HmsTokenIssuer"/>: the shared ones of <see cref="PlatformTokenIssuerOptions"/> with the 100ms
/// issuer's defaults and limits. The lifetime defaults to 24 hours and the backdating of <c>iat</c> and <c>nbf</c> to 10 seconds, as 100ms's server SDK does; no key id. Immutable; the issuer checks them when it is created.
/// </summary>
public sealed class HmsTokenIssuerOptions : PlatformTokenIssuerOptions
{
    /// <summary>The defaults.</summary>
    internal static readonly HmsTokenIssuerOptions Default = new();
}
