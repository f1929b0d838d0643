using System;

namespace TokenSchema.StreamVideo;

/// <summary>
/// The options of <see cref="StreamVideoTokenIssuer"/>: the shared ones of <see cref="PlatformTokenIssuerOptions"/> with the Stream Video
/// issuer's defaults and limits. The lifetime defaults to one hour and the backdating of <c>iat</c> to one second, as <c>@stream-io/node-sdk</c> does; no key id. Immutable; the issuer checks them when it is created.
/// </summary>
public sealed class StreamVideoTokenIssuerOptions : PlatformTokenIssuerOptions
{
    /// <summary>The defaults.</summary>
    internal static readonly StreamVideoTokenIssuerOptions Default = new();
}
