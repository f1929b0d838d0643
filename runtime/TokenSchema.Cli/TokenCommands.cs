using System;
using System.Buffers.Text;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using TokenSchema.Daily;

namespace TokenSchema.Cli;

/// <summary>What the <c>tokenschema</c> commands do, writing to the given output so that tests can read it.</summary>
internal static class TokenCommands
{
    /// <summary>A public key for the demo only: printed, labelled, and useless against any real platform.</summary>
    internal const string DemoKey = "tokenschema-DEMO-KEY-public-never-use-in-production";

    /// <summary>A public domain id for the demo only.</summary>
    internal const string DemoDomainId = "00000000-0000-4000-8000-00000000da11";

    /// <summary>Signs and inspects demo Daily tokens with the demo key; returns the exit code.</summary>
    public static int Demo(TextWriter output, TimeProvider clock)
    {
        output.WriteLine("TokenSchema demo: self-signed Daily meeting tokens (HS256), typed with TokenSchema.Daily.DailyToken.");
        output.WriteLine($"DEMO KEY (public, for this demo only; never use it for a real platform): \"{DemoKey}\"");
        output.WriteLine($"DEMO domain id: {DemoDomainId}");
        output.WriteLine($"MAC: {JwtSigner.MacImplementation}" + (JwtSigner.MacImplementationReason is { } reason ? $" ({reason})" : ""));
        output.WriteLine();

        using var daily = new DailyTokenIssuer(new DailyCredentials(DemoKey, DailyCredentials.ParseDomainId(DemoDomainId)), new DailyTokenIssuerOptions { TimeProvider = clock });
        using var verifier = JwtVerifier.FromSecret(DemoKey, new JwtVerifierOptions { TimeProvider = clock });

        // The issuer fills d (domain id), iat (now) and exp (now + 1 hour).
        string owner = daily.Issue(new DailyToken { RoomName = "standup", IsOwner = true, UserName = "Ada (host)" });
        string guest = daily.Issue(new DailyToken
        {
            RoomName = "standup",
            UserName = "Grace",
            UserId = "guest-42",
            CloseTabOnExit = true,
            Expires = clock.GetUtcNow().AddMinutes(15),
            Permissions = new DailyPermissions { CanSend = DailyCanSend.Of(DailyMedia.Video | DailyMedia.Audio), CanAdmin = DailyCanAdmin.None },
        });

        output.WriteLine("1. A Daily owner token for room \"standup\", valid for one hour:");
        Describe(output, owner, verifier, "   ");
        output.WriteLine("2. A Daily guest token, valid for 15 minutes, that may send video and audio and closes the tab on exit:");
        Describe(output, guest, verifier, "   ");

        string[] parts = owner.Split('.');
        string tampered = parts[0] + "." + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Decode(parts[1]).Replace("\"o\":true", "\"o\":false"))) + "." + parts[2];
        output.WriteLine("3. The owner token with its payload edited (\"o\":false) and the old signature:");
        output.WriteLine($"   rejected: {Check<DailyToken>(verifier, tampered)}");
        string unsigned = Base64Url.EncodeToString("""{"alg":"none","typ":"JWT"}"""u8) + "." + parts[1] + "." + parts[2];
        output.WriteLine("4. The owner token relabelled \"alg\":\"none\":");
        output.WriteLine($"   rejected: {Check<DailyToken>(verifier, unsigned)}");
        output.WriteLine("5. A guest token whose user id is longer than Daily's 36 characters is never signed:");
        try
        {
            daily.Issue(new DailyToken { RoomName = "standup", UserId = new string('u', 37) });
            output.WriteLine("   signed (unexpected)");
        }
        catch (JwtPayloadValidationException exception)
        {
            output.WriteLine($"   refused: {exception.Message}");
        }

        // The main job: a token for every participant of an event, on all cores.
        const int Participants = 100_000;
        var invitations = new DailyToken[Participants];
        for (int i = 0; i < invitations.Length; i++)
        {
            invitations[i] = new DailyToken { RoomName = "all-hands", UserId = "participant-" + i.ToString(CultureInfo.InvariantCulture), UserName = "Participant " + i.ToString(CultureInfo.InvariantCulture) };
        }

        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        string[] tokens = daily.IssueAll(invitations);
        TimeSpan elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        output.WriteLine($"6. {Participants:N0} participant tokens for room \"all-hands\" in one call (IssueAll, {Environment.ProcessorCount} cores): {elapsed.TotalMilliseconds:N0} ms, {Participants / elapsed.TotalSeconds:N0} tokens/s. The last one:");
        Describe(output, tokens[^1], verifier, "   ");

        output.WriteLine("Issue your own: TOKENSCHEMA_SECRET=<api key> tokenschema sign daily --room-name standup --domain-id <domain id> --is-owner --expires-in 1h");
        output.WriteLine("Inspect one:    TOKENSCHEMA_SECRET=<api key> tokenschema inspect <token> --platform daily");
        return 0;
    }

    /// <summary><c>sign jwt --claims-json '&lt;json&gt;' [--kid K]</c>: any JSON object, signed as it is (the open JWT vocabulary keeps every claim).</summary>
    internal static Command JwtSignCommand()
    {
        var claims = new Option<string>("--claims-json") { Description = "The payload as a JSON object, signed as it is.", Required = true };
        var keyId = new Option<string?>("--kid") { Description = "The kid header parameter." };
        var command = new Command("jwt", "Sign any JSON payload with HS256: every claim is kept as given.") { claims, keyId };
        command.SetAction(result => Sign(Console.Out, Console.Error, result.GetValue(claims)!, Secrets.Read(result), result.GetValue(keyId),
            result.GetValue(Secrets.AllowShortKey)));
        return command;
    }

    /// <summary>Signs the JSON claims with the secret; prints the token.</summary>
    public static int Sign(TextWriter output, TextWriter error, string claimsJson, string? secret, string? keyId, bool allowShortKey)
    {
        if (string.IsNullOrEmpty(secret))
        {
            error.WriteLine(Secrets.Missing);
            return ExitCodes.Usage;
        }

        JsonClaims claims;
        try
        {
            claims = JsonClaims.Parse(claimsJson);
        }
        catch (JsonException exception)
        {
            error.WriteLine($"--claims-json is not valid JSON: {TerminalText.Escape(exception.Message)}");
            return ExitCodes.Usage;
        }

        var duplicates = new List<string>();
        if (claims.Root.ValueKind == JsonValueKind.Object)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (JsonProperty property in claims.Root.EnumerateObject())
            {
                if (!seen.Add(property.Name))
                {
                    duplicates.Add($"'{TerminalText.Escape(property.Name)}' is given twice in --claims-json");
                }
            }
        }

        if (duplicates.Count > 0)
        {
            duplicates.ForEach(error.WriteLine);
            return ExitCodes.Usage;
        }

        try
        {
            using var signer = JwtSigner.FromSecret(secret, new JwtSignerOptions { KeyId = keyId, AllowShortKey = allowShortKey });
            output.WriteLine(signer.Sign(claims));
            return ExitCodes.Ok;
        }
        catch (Exception exception) when (exception is ArgumentException or JwtPayloadValidationException)
        {
            error.WriteLine(TerminalText.Escape(exception.Message));
            return ExitCodes.Usage;
        }
    }

    /// <summary>The longest token <c>inspect</c> decodes: far above any platform's limit, far below what would exhaust memory.</summary>
    internal const int MaxInspectedLength = TokenInspection.MaxLength;

    /// <summary><c>inspect &lt;token&gt;|- [--platform P] [--json]</c>.</summary>
    internal static Command InspectCommand()
    {
        var token = new Argument<string>("token") { Description = "The compact token, or - to read it from standard input (so that it stays out of the process list and the shell's history)." };
        var platform = new Option<string?>("--platform")
        {
            Description = "Explain and read the payload with a platform's schema: " + string.Join(", ", Platforms) + " (guessed from the claims when not given).",
        };
        var json = new Option<bool>("--json") { Description = "Write the result as one JSON object, for programs: header, payload, platform, findings, signature, and the record as the platform's typed record reads it." };
        var command = new Command("inspect", "Explain a token's header and payload with its platform's schema; verify it when a secret is given. " + ExitCodes.Help)
        {
            token, platform, json,
        };
        command.SetAction(result =>
        {
            string given = result.GetValue(token)!;
            if (given == "-")
            {
                if (result.GetValue(Secrets.Stdin))
                {
                    throw new UsageException("Standard input gives the token or the secret, not both: use --secret-file or --secret-env with inspect -.");
                }

                given = ReadBounded(Console.In, MaxInspectedLength);
            }

            return Inspect(Console.Out, Console.Error, given, Secrets.Read(result), TimeProvider.System, result.GetValue(Secrets.AllowShortKey),
                result.GetValue(platform), result.GetValue(json));
        });
        return command;
    }

    /// <summary>Reads up to <paramref name="limit"/> + 1 characters, so that a token too long is known without reading it all.</summary>
    private static string ReadBounded(TextReader reader, int limit)
    {
        var buffer = new char[limit + 1];
        int read = 0;
        while (read < buffer.Length)
        {
            int n = reader.Read(buffer, read, buffer.Length - read);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        return new string(buffer, 0, read);
    }

    /// <summary>
    /// Decodes a token, explains it with a platform's schema (given, or guessed from its claims) and, with a secret,
    /// verifies it. Returns 0 only for a token that verifies (and reads into the platform's record), 1 for one that does
    /// not or was not verified, 2 for input that is not a token or an unknown platform.
    /// </summary>
    public static int Inspect(TextWriter output, TextWriter error, string token, string? secret, TimeProvider clock, bool allowShortKey,
        string? platform = null, bool json = false)
    {
        TokenInspection inspection;
        try
        {
            inspection = TokenInspection.Of(token, secret, clock, allowShortKey, platform);
        }
        catch (InspectionException refused)
        {
            error.WriteLine(refused.Message);
            return ExitCodes.Usage;
        }

        if (json)
        {
            output.WriteLine(inspection.ToJson());
        }
        else
        {
            inspection.WriteText(output);
        }

        return inspection.Verified ? ExitCodes.Ok : ExitCodes.Refused;
    }

    /// <summary>The platform whose schema knows most of the payload's own claims; see <see cref="InspectionPlatform.Guess"/>.</summary>
    internal static (string Platform, string? Because) Guess(string payload) => InspectionPlatform.Guess(payload);

    private static void Describe(TextWriter output, string token, JwtVerifier verifier, string indent)
    {
        string[] parts = token.Split('.');
        output.WriteLine($"{indent}token:   {token}");
        output.WriteLine($"{indent}header:  {Decode(parts[0])}");
        output.WriteLine($"{indent}payload: {Decode(parts[1])}");
        bool accepted = verifier.TryVerify(token.AsSpan(), out DailyToken? read, out JwtError result);
        output.WriteLine($"{indent}verify:  {(accepted ? "accepted" : "rejected: " + result)}");
        if (accepted)
        {
            output.WriteLine($"{indent}read:    room {read!.RoomName}, owner {read.IsOwner ?? false}, user {read.UserName}, expires {read.Expires?.ToString("u", CultureInfo.InvariantCulture)}");
        }

        output.WriteLine();
    }

    private static JwtError Check<T>(JwtVerifier verifier, string token) where T : IJwtPayload<T>
    {
        verifier.TryVerify(token.AsSpan(), out T? _, out JwtError result);
        return result;
    }

    /// <summary>The platforms <c>inspect --platform</c> reads into their typed records, and plain JWT.</summary>
    internal static readonly string[] Platforms = InspectionPlatform.Names;

    /// <summary>The payload as its generated writer writes it; see <see cref="InspectionPlatform.Rewrite"/>.</summary>
    internal static string Rewrite<T>(T payload) where T : IJwtPayload<T> => InspectionPlatform.Rewrite(payload);

    private static string Decode(string segment) => Encoding.UTF8.GetString(Base64Url.DecodeFromChars(segment));

}
