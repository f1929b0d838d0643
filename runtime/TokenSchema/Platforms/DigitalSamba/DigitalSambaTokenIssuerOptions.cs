using System;

namespace TokenSchema.DigitalSamba;

/// <summary>
/// The options of <see cref="DigitalSambaTokenIssuer"/>: the shared ones of <see cref="PlatformTokenIssuerOptions"/> with the Digital Samba
/// issuer's defaults and limits. The lifetime defaults to one hour; no backdating and no key id. Immutable; the issuer checks them when it is created.
/// </summary>
public sealed class DigitalSambaTokenIssuerOptions : PlatformTokenIssuerOptions
{
    /// <summary>The defaults.</summary>
    internal static readonly DigitalSambaTokenIssuerOptions Default = new();
}
