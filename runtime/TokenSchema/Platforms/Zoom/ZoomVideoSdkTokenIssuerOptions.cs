using System;

namespace TokenSchema.Zoom;

/// <summary>
/// The options of <see cref="ZoomVideoSdkTokenIssuer"/>: the shared ones of <see cref="PlatformTokenIssuerOptions"/> with the Zoom Video SDK
/// issuer's defaults and limits. The lifetime defaults to two hours and must be between Zoom's 30 minutes (<see cref="ZoomVideoSdkToken.MinLifetime"/>) and 48 hours (<see cref="ZoomVideoSdkToken.MaxLifetime"/>); no backdating and no key id. Immutable; the issuer checks them when it is created.
/// </summary>
public sealed class ZoomVideoSdkTokenIssuerOptions : PlatformTokenIssuerOptions
{
    /// <summary>The defaults.</summary>
    internal static readonly ZoomVideoSdkTokenIssuerOptions Default = new();
}
