using System;

namespace TokenSchema.Jitsi;

/// <summary>
/// The options of <see cref="JitsiTokenIssuer"/>: the shared ones of <see cref="PlatformTokenIssuerOptions"/> with the Jitsi
/// issuer's defaults and limits. The lifetime defaults to one hour and the backdating of <c>nbf</c> to 10 seconds; a <see cref="PlatformTokenIssuerOptions.KeyId"/> is accepted. Immutable; the issuer checks them when it is created.
/// </summary>
public sealed class JitsiTokenIssuerOptions : PlatformTokenIssuerOptions
{
    /// <summary>The defaults.</summary>
    internal static readonly JitsiTokenIssuerOptions Default = new();

    /// <summary>
    /// The audience written to <c>aud</c> when a token has none, and the only one the issuer's verifier accepts: one of
    /// the audiences the prosody server accepts; <c>"jitsi"</c> by default. Not blank.
    /// </summary>
    public string Audience { get; init; } = "jitsi";
}
