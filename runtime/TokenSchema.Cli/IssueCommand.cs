using System;
using System.IO;
using System.Text;
using System.Text.Json;
using TokenSchema.Hms;
using TokenSchema.LiveKit;
using TokenSchema.StreamVideo;
using TokenSchema.Twilio;

namespace TokenSchema.Cli;

/// <summary>
/// The <c>issue</c> command: reads the JSON claims into a platform's typed record and issues it with that platform's
/// issuer, which fills the claims the platform's own SDK fills (the API key, the times, the token id).
/// </summary>
internal static class IssueCommand
{
    /// <summary>The platforms <c>issue --platform</c> knows.</summary>
    internal static readonly string[] Platforms = ["livekit", "twilio", "hms", "stream"];

    /// <summary>Issues one token and prints it; returns the exit code (2 for a usage or claim error).</summary>
    /// <param name="output">Where the token goes.</param>
    /// <param name="error">Where problems go.</param>
    /// <param name="platform">The platform, one of <see cref="Platforms"/>.</param>
    /// <param name="claimsJson">The claims as a JSON object, read into the platform's record.</param>
    /// <param name="secret">The platform secret that signs the token.</param>
    /// <param name="key">The platform's key id: LiveKit's API key, Twilio's API key SID, 100ms's app access key.</param>
    /// <param name="account">Twilio's account SID.</param>
    /// <param name="region">Twilio's region, written to the <c>twr</c> header.</param>
    /// <param name="clock">The clock the issuer reads.</param>
    public static int Issue(TextWriter output, TextWriter error, string platform, string claimsJson, string? secret, string? key,
        string? account, string? region, TimeProvider clock)
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
