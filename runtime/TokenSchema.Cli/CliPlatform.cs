using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using TokenSchema.Daily;
using TokenSchema.DigitalSamba;
using TokenSchema.Hms;
using TokenSchema.Jitsi;
using TokenSchema.LiveKit;
using TokenSchema.StreamVideo;
using TokenSchema.Twilio;
using TokenSchema.Zoom;

namespace TokenSchema.Cli;

/// <summary>
/// The platforms the tool knows, each once: its schema's claims, how its issuer issues a token from payload JSON, how a
/// token verifies into its typed record, and what its validation says of a payload. <c>sign</c>, <c>inspect</c> and
/// their help all read this one list.
/// </summary>
/// <param name="Name">The platform's name on the command line.</param>
/// <param name="Claims">The schema's claims.</param>
/// <param name="Issue">Reads payload JSON into the typed record and issues the token (secret, clock, allow a short key).</param>
/// <param name="Verify">Verifies a token into the typed record; the error and the record's text.</param>
/// <param name="Problems">Reads payload JSON into the typed record and validates it.</param>
internal sealed record CliPlatform(
    string Name,
    IReadOnlyList<ClaimDescriptor> Claims,
    Func<string, string, TimeProvider, bool, PlatformSign.IssueResult> Issue,
    Func<JwtVerifier, string, (JwtError Error, string? Record)> Verify,
    Func<string, IReadOnlyList<ClaimProblem>> Problems,
    Func<BulkCommand.Request, System.Threading.CancellationToken, System.Threading.Tasks.Task<int>> Bulk)
{
    /// <summary>Every platform, in the order help lists them.</summary>
    public static readonly CliPlatform[] All =
    [
        Create<DailyToken>("daily", (token, secret, clock, allowShortKey) =>
            new DailyTokenIssuer(secret, token.DomainId ?? throw Missing("d", "domain-id"), clock)),
        Create<DigitalSambaToken>("digitalsamba", (token, secret, clock, allowShortKey) =>
            new DigitalSambaTokenIssuer(token.TeamId ?? throw Missing("td", "team-id"), secret, clock, allowShortKey: allowShortKey)),
        Create<LiveKitToken>("livekit", (token, secret, clock, allowShortKey) =>
            new LiveKitTokenIssuer(token.ApiKey ?? throw Missing("iss", "api-key"), secret, clock, allowShortKey: allowShortKey)),
        Create<ZoomVideoSdkToken>("zoom", (token, secret, clock, allowShortKey) =>
            new ZoomVideoSdkTokenIssuer(token.AppKey ?? throw Missing("app_key", "sdk-key"), secret, clock, allowShortKey: allowShortKey)),
        Create<TwilioVideoToken>("twilio", (token, secret, clock, allowShortKey) =>
            new TwilioVideoTokenIssuer(token.AccountSid ?? throw Missing("sub", "account-sid"), token.ApiKeySid ?? throw Missing("iss", "api-key-sid"), secret, clock, allowShortKey: allowShortKey)),
        Create<HmsToken>("hms", (token, secret, clock, allowShortKey) =>
            new HmsTokenIssuer(token.AccessKey ?? throw Missing("access_key", "access-key"), secret, clock, allowShortKey: allowShortKey)),
        Create<StreamVideoToken>("stream", (token, secret, clock, allowShortKey) =>
            new StreamVideoTokenIssuer(secret, clock, allowShortKey: allowShortKey)),
        Create<JitsiToken>("jitsi", (token, secret, clock, allowShortKey) =>
            new JitsiTokenIssuer(token.AppId ?? throw Missing("iss", "app-id"), secret, token.Audience ?? throw Missing("aud", "audience"), clock, allowShortKey: allowShortKey)),
    ];

    /// <summary>The platform named <paramref name="name"/>, or <see langword="null"/>.</summary>
    public static CliPlatform? Find(string name) => Array.Find(All, p => p.Name == name);

    /// <summary>A platform from its schema and how to make its issuer from a token's platform ids (the domain, the key).</summary>
    private static CliPlatform Create<T>(string name, Func<T, string, TimeProvider, bool, PlatformTokenIssuer<T>> createIssuer) where T : IJwtPayload<T>, IClaimSchema =>
        new(name, T.ClaimDescriptors,
            (json, secret, clock, allowShortKey) => IssueWith<T>(json, token =>
            {
                using PlatformTokenIssuer<T> issuer = createIssuer(token, secret, clock, allowShortKey);
                return issuer.Issue(token);
            }),
            (verifier, token) => verifier.TryVerify(token.AsSpan(), out T? payload, out JwtError error) ? (error, payload!.ToString()) : (error, null),
            ProblemsOf<T>,
            (request, cancellationToken) => BulkCommand.RunAsync(request, T.ClaimDescriptors, createIssuer, cancellationToken));

    private static PlatformSign.IssueResult IssueWith<T>(string json, Func<T, string> issue) where T : IJwtPayload<T>
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        if (!T.TryReadPayload(ref reader, out T? token, out ClaimReadError readError))
        {
            return new PlatformSign.IssueResult(null, new[] { readError.ToString() });
        }

        try
        {
            return new PlatformSign.IssueResult(issue(token), Array.Empty<string>());
        }
        catch (MissingClaimException missing)
        {
            return new PlatformSign.IssueResult(null, new[] { missing.Message });
        }
        catch (JwtPayloadValidationException invalid)
        {
            var problems = new List<string>();
            foreach (ClaimProblem problem in invalid.Problems)
            {
                problems.Add(problem.ToString());
            }

            return new PlatformSign.IssueResult(null, problems);
        }
    }

    private static MissingClaimException Missing(string claim, string option) =>
        new($"'{claim}' is required to issue the token: give --{option}.");

    /// <summary>A claim the issuer needs before it can be made (the platform's id): a problem of the token, not of the key.</summary>
    internal sealed class MissingClaimException(string message) : Exception(message);


    /// <summary>Reads the payload into the platform's record and validates it; a payload that does not read is one problem.</summary>
    private static IReadOnlyList<ClaimProblem> ProblemsOf<T>(string payloadJson) where T : IJwtPayload<T>
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(payloadJson));
        try
        {
            if (!T.TryReadPayload(ref reader, out T? payload, out ClaimReadError error))
            {
                return new[] { new ClaimProblem(error.Claim ?? "(payload)", "does not read: " + error) };
            }

            return payload.Validate().Problems;
        }
        catch (JsonException exception)
        {
            return new[] { new ClaimProblem("(payload)", "is not valid JSON: " + exception.Message) };
        }
    }
}
