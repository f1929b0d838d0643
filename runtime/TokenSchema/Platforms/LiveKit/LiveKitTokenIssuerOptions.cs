using System;

namespace TokenSchema.LiveKit;

/// <summary>
/// The options of <see cref="LiveKitTokenIssuer"/>: the shared ones of <see cref="PlatformTokenIssuerOptions"/> with the LiveKit
/// issuer's defaults and limits. The lifetime defaults to six hours; no backdating (LiveKit's SDK sets <c>nbf</c> to now). A <see cref="PlatformTokenIssuerOptions.KeyId"/> is accepted. Immutable; the issuer checks them when it is created.
/// </summary>
public sealed class LiveKitTokenIssuerOptions : PlatformTokenIssuerOptions
{
    /// <summary>The defaults.</summary>
    internal static readonly LiveKitTokenIssuerOptions Default = new();
}
