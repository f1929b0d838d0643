using System;
using System.IO;
using System.Text;
using System.Text.Json;
using TokenSchema.Hms;
using TokenSchema.Jitsi;
using TokenSchema.LiveKit;
using TokenSchema.StreamVideo;
using TokenSchema.Twilio;

namespace TokenSchema.Cli;

/// <summary>
/// The platform commands. <c>issue</c> reads the JSON claims into a platform's typed record and issues it with that
/// platform's issuer, which fills the claims the platform's own SDK fills (the key id, the times, the token id).
/// <c>read</c> verifies a token into a platform's typed record and prints the record as its generated writer writes it,
/// so what the record holds (and what it dropped) can be compared with the token's payload.
/// </summary>
internal static class PlatformCommands
{
    /// <summary>The platforms <c>issue --platform</c> knows.</summary>
    internal static readonly string[] Platforms = ["livekit", "twilio", "hms", "stream", "jitsi"];

    /// <summary>The platforms <c>read --platform</c> knows.</summary>
    internal static readonly string[] ReadPlatforms = ["daily", "digitalsamba", "livekit", "zoom", "twilio", "hms", "stream", "jitsi"];

    /// <summary>Verifies <paramref name="token"/> into the platform's record and prints <c>read: &lt;JSON&gt;</c>; returns 1 when it is refused.</summary>
    /// <param name="output">Where the record goes.</param>
    /// <param name="error">Where problems go.</param>
    /// <param name="platform">The platform, one of <see cref="ReadPlatforms"/>.</param>
    /// <param name="token">The compact token.</param>
    /// <param name="secret">The platform secret that signed the token.</param>
    /// <param name="clock">The verifier's clock.</param>
    public static int Read(TextWriter output, TextWriter error, string platform, string token, string? secret, TimeProvider clock)
    {
        if (string.IsNullOrEmpty(secret))
        {
            error.WriteLine("No secret: set the environment variable named by --secret-env (TOKENSCHEMA_SECRET by default).");
            return 2;
        }

        using var verifier = JwtVerifier.FromSecret(secret, new JwtVerifierOptions { TimeProvider = clock });
        (JwtVerificationFailure Failure, string? Json)? result = platform.ToLowerInvariant() switch
        {
            "daily" => ReadAs<TokenSchema.Daily.DailyToken>(verifier, token),
            "digitalsamba" => ReadAs<TokenSchema.DigitalSamba.DigitalSambaToken>(verifier, token),
            "livekit" => ReadAs<LiveKitToken>(verifier, token),
            "zoom" => ReadAs<TokenSchema.Zoom.ZoomVideoSdkToken>(verifier, token),
            "twilio" => ReadAs<TwilioVideoToken>(verifier, token),
            "hms" => ReadAs<HmsToken>(verifier, token),
            "stream" => ReadAs<StreamVideoToken>(verifier, token),
            "jitsi" => ReadAs<JitsiToken>(verifier, token),
            _ => null,
        };
        if (result is not { } read)
        {
            error.WriteLine($"Unknown platform '{platform}'; use one of: {string.Join(", ", ReadPlatforms)}.");
            return 2;
        }

        (JwtVerificationFailure failure, string? json) = read;
        if (json is null)
        {
            output.WriteLine($"rejected: {failure}");
            return 1;
        }

        output.WriteLine("read: " + json);
        return 0;
    }

    /// <summary>The payload as its generated writer writes it: what the typed record holds, as JSON on one line.</summary>
    /// <typeparam name="T">The payload type.</typeparam>
    /// <param name="payload">The payload to write.</param>
    /// <returns>The JSON text.</returns>
    internal static string Rewrite<T>(T payload) where T : IJwtPayload<T>
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            payload.WritePayload(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static (JwtVerificationFailure Failure, string? Json) ReadAs<T>(JwtVerifier verifier, string token) where T : IJwtPayload<T> =>
        verifier.TryVerifyDetailed(token.Trim().AsSpan(), out T? payload, out JwtVerificationFailure failure)
            ? (failure, Rewrite(payload))
            : (failure, null);

    /// <summary>Issues one token and prints it; returns the exit code (2 for a usage or claim error).</summary>
    /// <param name="output">Where the token goes.</param>
    /// <param name="error">Where problems go.</param>
    /// <param name="platform">The platform, one of <see cref="Platforms"/>.</param>
    /// <param name="claimsJson">The claims as a JSON object, read into the platform's record.</param>
    /// <param name="secret">The platform secret that signs the token.</param>
    /// <param name="key">The platform's key id: LiveKit's API key, Twilio's API key SID, 100ms's app access key, Jitsi's app id.</param>
    /// <param name="account">Twilio's account SID.</param>
    /// <param name="region">Twilio's region, written to the <c>twr</c> header.</param>
    /// <param name="clock">The clock the issuer reads.</param>
    /// <param name="audience">Jitsi's audience, written to <c>aud</c>.</param>
    public static int Issue(TextWriter output, TextWriter error, string platform, string claimsJson, string? secret, string? key,
        string? account, string? region, TimeProvider clock, string? audience = null)
    {
        if (string.IsNullOrEmpty(secret))
        {
            error.WriteLine("No secret: set the environment variable named by --secret-env (TOKENSCHEMA_SECRET by default).");
            return 2;
        }

        try
        {
            switch (platform.ToLowerInvariant())
            {
                case "livekit":
                {
                    using var issuer = new LiveKitTokenIssuer(Require(key, "--key"), secret, clock);
                    output.WriteLine(issuer.Issue(Read<LiveKitToken>(claimsJson)));
                    return 0;
                }

                case "twilio":
                {
                    using var issuer = new TwilioVideoTokenIssuer(Require(account, "--account"), Require(key, "--key"), secret, clock, region: region);
                    output.WriteLine(issuer.Issue(Read<TwilioVideoToken>(claimsJson)));
                    return 0;
                }

                case "hms":
                {
                    using var issuer = new HmsTokenIssuer(Require(key, "--key"), secret, clock);
                    output.WriteLine(issuer.Issue(Read<HmsToken>(claimsJson)));
                    return 0;
                }

                case "stream":
                {
                    using var issuer = new StreamVideoTokenIssuer(secret, clock);
                    output.WriteLine(issuer.Issue(Read<StreamVideoToken>(claimsJson)));
                    return 0;
                }

                case "jitsi":
                {
                    using var issuer = new JitsiTokenIssuer(Require(key, "--key"), secret, Require(audience, "--audience"), clock);
                    output.WriteLine(issuer.Issue(Read<JitsiToken>(claimsJson)));
                    return 0;
                }

                default:
                    error.WriteLine($"Unknown platform '{platform}'; use one of: {string.Join(", ", Platforms)}.");
                    return 2;
            }
        }
        catch (Exception exception) when (exception is ArgumentException or JwtPayloadValidationException or JsonException)
        {
            error.WriteLine(exception.Message);
            return 2;
        }
    }

    private static string Require(string? value, string option) =>
        string.IsNullOrEmpty(value) ? throw new ArgumentException($"This platform needs {option}.") : value;

    private static T Read<T>(string json) where T : IJwtPayload<T>
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        if (!T.TryReadPayload(ref reader, out T? payload, out ClaimReadError problem))
        {
            throw new ArgumentException($"--claims does not read as {typeof(T).Name}: {problem.Kind} at '{problem.Claim}'.");
        }

        return payload;
    }
}

/// <summary>A clock fixed at one instant, for <c>issue --now</c>.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => now;
}
