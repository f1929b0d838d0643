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

/// <summary>What an issuer is made with besides the token's own ids: the secret, the clock and the platform's settings.</summary>
/// <param name="Secret">The platform's API secret.</param>
/// <param name="Clock">The issuer's clock.</param>
/// <param name="AllowShortKey">Whether a secret under 32 bytes is accepted.</param>
/// <param name="Region">Twilio's region (the <c>twr</c> header); <see langword="null"/> elsewhere.</param>
internal sealed record IssuerSettings(string Secret, TimeProvider Clock, bool AllowShortKey, string? Region = null);

/// <summary>
/// The platforms the tool knows, each once: its schema's claims, the claims its issuer fills when a token leaves them
/// out, the settings it takes, how its issuer issues a token from payload JSON, how a token verifies into its typed
/// record, what its validation says of a payload, and what it warns of. <c>sign</c>, <c>bulk</c>, <c>inspect</c> and
/// their help all read this one list.
/// </summary>
/// <param name="Schema">What the inspection knows of the platform: its name on the command line, its schema's claims, how a token verifies, what its validation says.</param>
/// <param name="Filled">The claims the issuer fills when the token has none (its times, a token id); help says so instead of "required".</param>
/// <param name="Settings">The platform's own options that are not claims (Twilio's <c>--region</c>).</param>
/// <param name="Issue">Reads payload JSON into the typed record and issues the token.</param>
/// <param name="Bulk">Runs <c>bulk</c> for the platform.</param>
/// <param name="Warning">What to warn of in a valid payload (a LiveKit token without any grant), or <see langword="null"/>.</param>
internal sealed record CliPlatform(
    InspectionPlatform Schema,
    IReadOnlyList<string> Filled,
    IReadOnlyList<string> Settings,
    Func<string, IssuerSettings, PlatformSign.IssueResult> Issue,
    Func<BulkCommand.Request, System.Threading.CancellationToken, System.Threading.Tasks.Task<int>> Bulk,
    Func<JsonElement, string?>? Warning = null)
{
    /// <summary>The platform's name on the command line.</summary>
    public string Name => Schema.Name;

    /// <summary>The schema's claims.</summary>
    public IReadOnlyList<ClaimDescriptor> Claims => Schema.Claims;

    /// <summary>Every platform, in the order help lists them (the inspection's order: a test holds the two lists equal).</summary>
    public static readonly CliPlatform[] All =
    [
        Create<DailyToken>("daily", ["iat", "exp"], [], (token, with) =>
            new DailyTokenIssuer(new DailyCredentials(with.Secret, token.DomainId ?? throw Missing("d", "domain-id")),
                // sign and bulk issue what Daily accepts; inspect warns of a token over Daily's recommended length.
                new DailyTokenIssuerOptions { TimeProvider = with.Clock, AllowShortKey = with.AllowShortKey, RejectOverlongTokens = false })),
        Create<DigitalSambaToken>("digitalsamba", ["iat", "exp"], [], (token, with) =>
            new DigitalSambaTokenIssuer(new DigitalSambaCredentials(token.TeamId ?? throw Missing("td", "team-id"), with.Secret),
                new DigitalSambaTokenIssuerOptions { TimeProvider = with.Clock, AllowShortKey = with.AllowShortKey })),
        Create<LiveKitToken>("livekit", ["nbf", "exp"], [], (token, with) =>
            new LiveKitTokenIssuer(new LiveKitCredentials(token.ApiKey ?? throw Missing("iss", "api-key"), with.Secret),
                new LiveKitTokenIssuerOptions { TimeProvider = with.Clock, AllowShortKey = with.AllowShortKey }),
            LiveKitWarning),
        Create<ZoomVideoSdkToken>("zoom", ["version", "iat", "exp"], [], (token, with) =>
            new ZoomVideoSdkTokenIssuer(new ZoomVideoSdkCredentials(token.AppKey ?? throw Missing("app_key", "app-key"), with.Secret),
                new ZoomVideoSdkTokenIssuerOptions { TimeProvider = with.Clock, AllowShortKey = with.AllowShortKey })),
        Create<TwilioVideoToken>("twilio", ["jti", "iat", "exp"], ["region"], (token, with) =>
            new TwilioVideoTokenIssuer(
                new TwilioCredentials(token.AccountSid ?? throw Missing("sub", "account-sid"), token.ApiKeySid ?? throw Missing("iss", "api-key-sid"), with.Secret),
                new TwilioVideoTokenIssuerOptions { TimeProvider = with.Clock, AllowShortKey = with.AllowShortKey, Region = with.Region })),
        Create<HmsToken>("hms", ["version", "iat", "nbf", "exp", "jti"], [], (token, with) =>
            new HmsTokenIssuer(new HmsCredentials(token.AccessKey ?? throw Missing("access_key", "access-key"), with.Secret),
                new HmsTokenIssuerOptions { TimeProvider = with.Clock, AllowShortKey = with.AllowShortKey })),
        Create<StreamVideoToken>("stream", ["iat", "exp"], [], (token, with) =>
            new StreamVideoTokenIssuer(new StreamVideoCredentials(with.Secret),
                new StreamVideoTokenIssuerOptions { TimeProvider = with.Clock, AllowShortKey = with.AllowShortKey })),
        Create<JitsiToken>("jitsi", ["nbf", "exp"], [], (token, with) =>
            new JitsiTokenIssuer(new JitsiCredentials(token.AppId ?? throw Missing("iss", "app-id"), with.Secret),
                new JitsiTokenIssuerOptions { TimeProvider = with.Clock, AllowShortKey = with.AllowShortKey, Audience = token.Audience ?? throw Missing("aud", "audience") })),
    ];

    /// <summary>LiveKit's server lets a token without any grant do nothing: said, not refused (a webhook's token has none).</summary>
    private static string? LiveKitWarning(JsonElement payload)
    {
        foreach (string grant in (string[])["video", "sip", "inference", "observability", "agent"])
        {
            if (payload.TryGetProperty(grant, out _))
            {
                return null;
            }
        }

        return "the token carries no grant (video, sip, inference, observability, agent): LiveKit lets it join nothing; --room-join --room R gives the usual one";
    }

    /// <summary>The platform named <paramref name="name"/>, or <see langword="null"/>.</summary>
    public static CliPlatform? Find(string name) => Array.Find(All, p => p.Name == name);

    /// <summary>A platform from its schema and how to make its issuer from a token's platform ids (the domain, the key).</summary>
    private static CliPlatform Create<T>(string name, string[] filled, string[] settings, Func<T, IssuerSettings, PlatformTokenIssuer<T>> createIssuer,
        Func<JsonElement, string?>? warning = null)
        where T : IJwtPayload<T> =>
        new(InspectionPlatform.Find(name) ?? throw new InvalidOperationException("The inspection does not know the platform " + name), filled, settings,
            (json, with) => IssueWith<T>(json, token =>
            {
                using PlatformTokenIssuer<T> issuer = createIssuer(token, with);
                return issuer.Issue(token);
            }),
            (request, cancellationToken) => BulkCommand.RunAsync<T>(request, T.ClaimDescriptors,
                (token, secret, clock, allowShortKey) => createIssuer(token, new IssuerSettings(secret, clock, allowShortKey, request.Region)), cancellationToken),
            warning);

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
}
