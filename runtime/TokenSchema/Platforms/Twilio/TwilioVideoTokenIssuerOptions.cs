using System;

namespace TokenSchema.Twilio;

/// <summary>
/// The options of <see cref="TwilioVideoTokenIssuer"/>: the shared ones of <see cref="PlatformTokenIssuerOptions"/> with the Twilio Video
/// issuer's defaults and limits. The lifetime defaults to 3,600 seconds and must be at most Twilio's 24 hours (<see cref="TwilioVideoToken.MaxLifetime"/>); no backdating and no key id. Immutable; the issuer checks them when it is created.
/// </summary>
public sealed class TwilioVideoTokenIssuerOptions : PlatformTokenIssuerOptions
{
    /// <summary>The defaults.</summary>
    internal static readonly TwilioVideoTokenIssuerOptions Default = new();

    /// <summary>
    /// The Twilio region the tokens are for, written to the <c>twr</c> header as Twilio's libraries write their
    /// <c>region</c> option; one of <see cref="TwilioVideoTokenIssuer.Regions"/> (for example <c>us1</c>, <c>ie1</c>,
    /// <c>au1</c>). <see langword="null"/> (the default) writes no <c>twr</c>.
    /// </summary>
    public string? Region { get; init; }
}
