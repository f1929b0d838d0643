using System;

namespace TokenSchema;

/// <summary>
/// What every platform issuer (<see cref="PlatformTokenIssuer{TToken}"/>) takes besides its credentials: the clock, the
/// lifetime of the tokens it fills <c>exp</c> for, the backdating of their start, the key id, and the verifier's rules.
/// Immutable; each platform has a sealed subclass (<c>LiveKitTokenIssuerOptions</c>, <c>DailyTokenIssuerOptions</c>…)
/// with its own extra settings. The issuer checks the options when it is created and throws
/// <see cref="ArgumentException"/> naming the option that is out of range for its platform.
/// </summary>
public abstract class PlatformTokenIssuerOptions
{
    private protected PlatformTokenIssuerOptions()
    {
    }

    /// <summary>The clock the issuer fills the times with and the verifier checks them by; <see cref="TimeProvider.System"/> by default.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// How long a token without <c>exp</c> is valid; <see langword="null"/> (the default) for the platform's default, the
    /// issuer's <c>public static readonly TimeSpan DefaultLifetime</c>. At least one second, and within the platform's own
    /// limits (Twilio: at most 24 hours; Zoom: 30 minutes to 48 hours) and <see cref="MaxLifetime"/>.
    /// </summary>
    public TimeSpan? Lifetime { get; init; }

    /// <summary>
    /// The longest lifetime the issuer's verifier accepts (<see cref="JwtVerifierOptions.MaxLifetime"/>);
    /// <see langword="null"/> (the default) for no limit beyond the platform's own rules. Positive, and not shorter than
    /// <see cref="Lifetime"/>, or the issuer would refuse its own tokens.
    /// </summary>
    public TimeSpan? MaxLifetime { get; init; }

    /// <summary>
    /// How far the issuer sets the token's start (<c>iat</c> and/or <c>nbf</c>) back from now, against a server clock
    /// slightly behind yours, where the platform's own SDK does so: 100ms (<c>iat</c> and <c>nbf</c>, 10 s by default),
    /// Stream Video (<c>iat</c>, 1 s by default) and Jitsi (<c>nbf</c>, 10 s by default). <see langword="null"/> (the
    /// default) for the platform's default; between zero and one hour. The other platforms (Daily, Digital Samba,
    /// LiveKit, Zoom, Twilio) do not backdate, and their issuers refuse a value here with <see cref="ArgumentException"/>.
    /// </summary>
    public TimeSpan? Backdating { get; init; }

    /// <summary>
    /// Accepts a secret shorter than the 32 bytes RFC 7518 §3.2 requires for HS256 (see
    /// <see cref="JwtSignerOptions.AllowShortKey"/>); off by default. Turn it on only for a key the platform issued that way.
    /// </summary>
    public bool AllowShortKey { get; init; }

    /// <summary>
    /// The key id written as the header's <c>kid</c>, and then required in every token the issuer verifies (a token
    /// without it, or with another, is <see cref="JwtError.UnknownKey"/>); <see langword="null"/> (the default) writes
    /// none and ignores one when verifying. Only for the platforms whose server is known to accept a <c>kid</c> header
    /// beside the shared secret: LiveKit (its server finds the secret by <c>iss</c> and ignores <c>kid</c>) and Jitsi
    /// (prosody's token module reads <c>kid</c> only for its public-key mode). Daily, Digital Samba, Zoom, Twilio, 100ms
    /// and Stream Video document the header their servers take without one, and their issuers refuse a key id with
    /// <see cref="ArgumentException"/>.
    /// </summary>
    public string? KeyId { get; init; }

    /// <summary>
    /// What the issuer's verifier does with a claim the token's schema does not describe
    /// (<see cref="JwtVerifierOptions.UnknownClaims"/>); <see cref="TokenSchema.UnknownClaims.Skip"/> by default.
    /// </summary>
    public UnknownClaims UnknownClaims { get; init; } = UnknownClaims.Skip;
}
