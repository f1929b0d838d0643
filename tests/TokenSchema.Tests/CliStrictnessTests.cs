using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using TokenSchema.Cli;
using TokenSchema.Inspection;
using TokenSchema.Daily;
using TokenSchema.LiveKit;
using Xunit;

namespace TokenSchema.Tests;

/// <summary>
/// The tool as strict and as safe as the library, run as a process: every claim name is the schema's or an error with
/// the analyzer's suggestion, token text reaches the terminal inert, secrets come one way with one normalisation,
/// usage errors exit 2 in one line, without a stack trace or an argument's value.
/// </summary>
public sealed class CliStrictnessTests : IDisposable
{
    private const string Secret = "a strictness test key of thirty-two bytes";
    private const string Domain = "25df5057-ef0d-4d97-bde6-0cf287276cbb";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tokenschema-strict-" + Guid.NewGuid().ToString("N"));

    public CliStrictnessTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    internal static (int Exit, string Output, string Error) Run(byte[]? input, IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        CliProcess.Run(input, environment, args);

    private static (int Exit, string Output, string Error) RunWithSecret(params string[] args) =>
        Run(null, new Dictionary<string, string> { ["TOKENSCHEMA_SECRET"] = Secret }, args);

    [Theory]
    [InlineData("daily", """{"cteo":true}""", "'cteo' is not a daily claim; did you mean 'ctoe' (close_tab_on_exit)?")]
    [InlineData("daily", """{"user_nme":"Ada"}""", "'user_nme' is not a daily claim; did you mean 'u' (user_name)?")]
    [InlineData("daily", """{"p":{"canSend":["video"]}}""", "'p.canSend' is the long name of 'p.cs'; inside a token write 'cs'")]
    [InlineData("daily", """{"permissions":{"cx":"v"}}""", "'p.cx' is not a daily 'p' claim; did you mean 'p.cs' (canSend)?")]
    [InlineData("livekit", """{"identity":"alice"}""", "'identity' is not a livekit claim; did you mean 'sub' (participant identity)?")]
    [InlineData("livekit", """{"room_join":true}""", "'room_join' is not a livekit claim; did you mean 'video.roomJoin' (roomJoin)?")]
    [InlineData("livekit", """{"video":{"ROOMJOIN":true}}""", "'video.ROOMJOIN' is not a livekit 'video' claim; did you mean 'video.roomJoin' (roomJoin)?")]
    [InlineData("twilio", """{"grants":{"identity":"a","vidoe":{}}}""", "'grants.vidoe' is not a twilio 'grants' claim; did you mean 'grants.video' (video grant)?")]
    [InlineData("jitsi", """{"context":{"user":{"nmae":"Ada"}}}""", "'context.user.nmae' is not a jitsi 'context.user' claim; did you mean 'context.user.name'")]
    public void A_claim_name_the_schema_does_not_describe_is_an_error_with_the_suggestion_and_nothing_is_signed(string platform, string claims, string expected)
    {
        string[] ids = platform switch
        {
            "daily" => ["--room-name", "standup", "--domain-id", Domain],
            "livekit" => ["--api-key", "APIkey", "--identity", "alice"],
            "twilio" => ["--account-sid", "AC0123456789abcdef0123456789abcdef", "--api-key-sid", "SKfedcba9876543210fedcba9876543210"],
            _ => ["--app-id", "app", "--audience", "jitsi", "--room", "standup"],
        };
        (int exit, string output, string error) = RunWithSecret(["sign", platform, .. ids, "--claims-json", claims]);

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Contains(expected, error);
    }

    [Fact]
    public void The_same_claim_from_an_option_and_from_claims_json_is_an_error_not_an_overwrite()
    {
        (int exit, string output, string error) = RunWithSecret("sign", "daily", "--room-name", "a", "--domain-id", Domain, "--claims-json", """{"room_name":"b"}""");

        Assert.Equal((2, ""), (exit, output));
        Assert.Contains("'r' is given by --room-name and by --claims-json", error);
    }

    [Fact]
    public void LiveKit_grants_are_typed_options_and_a_token_without_a_grant_is_a_warning()
    {
        (int exit, string token, string error) = RunWithSecret("sign", "livekit", "--api-key", "APIkey", "--identity", "alice",
            "--room-join", "--room", "standup", "--can-publish", "false", "--can-subscribe", "--sip-admin", "TRUE");
        Assert.True(exit == 0, error);
        Assert.Equal("", error);
        using var verifier = JwtVerifier.FromSecret(Secret);
        Assert.True(verifier.TryVerify(token.Trim().AsSpan(), out LiveKitToken? read, out JwtError result), result.ToString());
        Assert.Equal(("alice", true, "standup", false, true, true),
            (read.Identity, read.Video!.RoomJoin, read.Video.Room, read.Video.CanPublish, read.Video.CanSubscribe, read.Sip!.Admin));

        (int bare, _, string warning) = RunWithSecret("sign", "livekit", "--api-key", "APIkey", "--identity", "alice");
        Assert.Equal(0, bare);
        Assert.StartsWith("warning: the token carries no grant", warning);
    }

    [Fact]
    public void Twilio_grants_and_the_region_are_options()
    {
        (int exit, string token, string error) = RunWithSecret("sign", "twilio", "--account-sid", "AC0123456789abcdef0123456789abcdef",
            "--api-key-sid", "SKfedcba9876543210fedcba9876543210", "--identity", "alice", "--room", "standup", "--region", "ie1");
        Assert.True(exit == 0, error);
        string[] parts = token.Trim().Split('.');
        Assert.Contains("\"twr\":\"ie1\"", Forge.DecodeSegment(parts[0]));
        Assert.Contains("\"grants\":{\"identity\":\"alice\",\"video\":{\"room\":\"standup\"}}", Forge.DecodeSegment(parts[1]));
    }

    [Fact]
    public void Help_says_tokenschema_the_exit_codes_and_which_claims_the_issuer_fills()
    {
        (int exit, string help, _) = Run(null, null, "sign", "daily", "--help");

        Assert.Equal(0, exit);
        Assert.Contains("tokenschema sign daily [options]", help);
        Assert.DoesNotContain("TokenSchema.Cli", help);
        Assert.Contains("Exit codes: 0 done or verified, 1 token refused or not verified, 2 bad usage or input, 3 bulk finished with refused rows, 130 after SIGINT, 143 after SIGTERM", help);
        string iat = help.Split('\n').Single(l => l.TrimStart().StartsWith("--issued-at", StringComparison.Ordinal));
        Assert.Contains("Filled by the issuer when absent.", iat);
        Assert.DoesNotContain("Required", iat);
        string room = help.Split('\n').Single(l => l.TrimStart().StartsWith("--room-name", StringComparison.Ordinal));
        Assert.Contains("Required.", room);
    }

    [Fact]
    public void The_filled_claims_of_the_table_are_those_each_issuer_fills()
    {
        // Complete a token holding what each issuer is built from (and what makes it valid), and compare the claims it gained with the table.
        var clock = new ManualTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));
        var given = new Dictionary<string, string>
        {
            ["daily"] = $$"""{"d":"{{Domain}}","r":"a"}""",
            ["digitalsamba"] = """{"td":"team","rd":"room"}""",
            ["livekit"] = """{"iss":"APIkey"}""",
            ["zoom"] = """{"app_key":"sdk","role_type":0,"tpc":"t"}""",
            ["twilio"] = """{"sub":"AC0123456789abcdef0123456789abcdef","iss":"SKfedcba9876543210fedcba9876543210","grants":{"identity":"a","video":{}}}""",
            ["hms"] = """{"access_key":"access","type":"management"}""",
            ["stream"] = """{"user_id":"u"}""",
            ["jitsi"] = """{"iss":"app","aud":"jitsi","room":"standup","sub":"meet.example.com"}""",
        };
        foreach (CliPlatform platform in CliPlatform.All)
        {
            string json = given[platform.Name];
            var before = JsonDocument.Parse(json).RootElement.EnumerateObject().Select(p => p.Name).ToHashSet();
            PlatformSign.IssueResult issued = platform.Issue(json, new IssuerSettings(Secret, clock, false));
            string token = issued.Token ?? throw new Xunit.Sdk.XunitException(platform.Name + ": " + string.Join("; ", issued.Problems));
            var after = JsonDocument.Parse(Forge.DecodeSegment(token.Split('.')[1])).RootElement.EnumerateObject().Select(p => p.Name).ToHashSet();
            after.ExceptWith(before);
            Assert.True(after.SetEquals(platform.Filled), $"{platform.Name}: the issuer fills {string.Join(", ", after)}; the table says {string.Join(", ", platform.Filled)}");
        }
    }

    [Fact]
    public void Allow_short_key_works_on_every_platform_command()
    {
        var environment = new Dictionary<string, string> { ["TOKENSCHEMA_SECRET"] = "short-secret" };
        (int refused, _, string error) = Run(null, environment, "sign", "daily", "--room-name", "a", "--domain-id", Domain);
        (int daily, string token, string dailyError) = Run(null, environment, "sign", "daily", "--room-name", "a", "--domain-id", Domain, "--allow-short-key");
        (int livekit, _, string livekitError) = Run(null, environment, "sign", "livekit", "--api-key", "k", "--identity", "a", "--room-join", "--allow-short-key");
        (int inspected, string inspection, _) = Run(null, environment, "inspect", token.Trim(), "--platform", "daily", "--allow-short-key");

        Assert.Equal(2, refused);
        Assert.Contains("needs at least 32", error);
        Assert.True(daily == 0, dailyError);
        Assert.True(livekit == 0, livekitError);
        Assert.True(inspected == 0, inspection);
    }

    [Fact]
    public void Every_secret_source_is_normalised_the_same_way()
    {
        // A byte-order mark and a CRLF line end, as an editor on another system writes them: the same secret from every source.
        string file = Path.Combine(_folder, "secret.txt");
        File.WriteAllBytes(file, [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Secret + "\r\n")]);
        string[] sign = ["sign", "daily", "--room-name", "a", "--domain-id", Domain, "--now", "2027-01-15T08:00:00Z"];
        (_, string fromFile, string fileError) = Run(null, null, [.. sign, "--secret-file", file]);
        (_, string fromStdin, string stdinError) = Run([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Secret + "\r\n")], null, [.. sign, "--secret-stdin"]);
        (_, string fromEnv, string envError) = Run(null, new Dictionary<string, string> { ["MY_KEY"] = "\uFEFF" + Secret + "\r\n" }, [.. sign, "--secret-env", "MY_KEY"]);
        (_, string plain, _) = Run(null, new Dictionary<string, string> { ["TOKENSCHEMA_SECRET"] = Secret }, sign);

        Assert.False(string.IsNullOrWhiteSpace(plain));
        Assert.Equal((plain, plain, plain), (fromFile, fromStdin, fromEnv));
        Assert.Equal("", fileError + stdinError + envError);
    }

    [Fact]
    public void A_secret_file_that_cannot_be_read_is_one_line_without_its_path()
    {
        // The value given to --secret-file is what a user would paste there by mistake: the secret itself.
        (int exit, string output, string error) = Run(null, null, "sign", "daily", "--room-name", "a", "--domain-id", Domain, "--secret-file", Secret);

        Assert.Equal((2, ""), (exit, output));
        Assert.Equal("--secret-file: the file cannot be read (it does not exist).", error.Trim());
        Assert.DoesNotContain(Secret, error);
    }

    [Theory]
    [InlineData("sign", "daily", "--bogus")]
    [InlineData("sign", "whereby")]
    [InlineData("inspect")]
    [InlineData("sign", "daily", "--room-name")]
    public void Bad_usage_exits_2_in_a_few_lines_without_a_stack_trace(params string[] args)
    {
        (int exit, string output, string error) = RunWithSecret(args);

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.DoesNotContain("   at ", error);
        Assert.DoesNotContain("Exception", error);
        Assert.Contains("--help", error);
    }

    [Fact]
    public void Now_takes_an_absolute_time_and_refuses_a_relative_one()
    {
        (int iso, string fromIso, string isoError) = RunWithSecret("sign", "daily", "--room-name", "a", "--domain-id", Domain, "--now", "2027-01-15T08:00:00Z");
        (int unix, string fromUnix, _) = RunWithSecret("sign", "daily", "--room-name", "a", "--domain-id", Domain, "--now", "1800000000");
        (int relative, _, string relativeError) = RunWithSecret("sign", "daily", "--room-name", "a", "--domain-id", Domain, "--now", "1h");

        Assert.True(iso == 0, isoError);
        Assert.Equal((0, fromIso), (unix, fromUnix));
        Assert.Contains("\"iat\":1800000000", Forge.DecodeSegment(fromIso.Trim().Split('.')[1]));
        Assert.Equal(2, relative);
        Assert.Contains("--now takes a time", relativeError);
    }

    [Fact]
    public void A_stray_argument_is_refused_without_its_value()
    {
        (int exit, string output, string error) = RunWithSecret("sign", "daily", "--room-name", "a", "--domain-id", Domain, "sk_live_pasted_secret_value");
        (int option, _, string optionError) = RunWithSecret("sign", "daily", "--roomname", "a");

        Assert.Equal((2, "", 2), (exit, output, option));
        Assert.Contains("Unrecognized argument (its value is not shown)", error);
        Assert.DoesNotContain("sk_live_pasted_secret_value", error);
        Assert.Contains("Unrecognized option '--roomname'.", optionError);
    }

    [Fact]
    public void A_duplicate_claim_in_claims_json_is_an_error_not_a_crash()
    {
        (int exit, _, string error) = RunWithSecret("sign", "daily", "--domain-id", Domain, "--claims-json", """{"r":"a","r":"b"}""");
        (int jwt, _, string jwtError) = RunWithSecret("sign", "jwt", "--claims-json", """{"r":"a","r":"b"}""");

        Assert.Equal((2, 2), (exit, jwt));
        Assert.Contains("'r' is given twice in --claims-json", error);
        Assert.Contains("'r' is given twice in --claims-json", jwtError);
        Assert.DoesNotContain("   at ", error + jwtError);
    }

    /// <summary>What an attacker puts in a claim: clear screen, a clipboard write, a link, a forged verdict hidden by SGR 8, a bidi override.</summary>
    private const string Hostile = "\u001b[2J\u001b]52;c;aGk=\u0007\u001b]8;;https://evil.example/\u0007link\u001b]8;;\u0007\r\nsignature: verified (HS256); token accepted\u001b[8m\u009b31m\u202Edesrever";

    [Fact]
    public void Hostile_claim_names_and_values_reach_the_terminal_as_visible_escapes()
    {
        using var signer = JwtSigner.FromSecret("another key, not the one inspect is given");
        string token = signer.Sign(new JsonClaims(JsonDocument.Parse(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["u"] = Hostile,
            ["x" + Hostile] = 1,
            ["exp"] = 4102444800,
        })).RootElement));

        foreach (string platform in new[] { "daily", "jwt" })
        {
            (int exit, string output, string error) = RunWithSecret("inspect", token, "--platform", platform);

            Assert.Equal(1, exit);
            string all = output + error;
            Assert.DoesNotContain(all, c => c is '\u001b' or '\u0007' or '\r' or '\u009b' or '\u202E');
            Assert.Contains("\\u001B[2J", output);
            Assert.Contains("\\u202Edesrever", output);
            // The only verdict line is the tool's own.
            Assert.Single(output.Split('\n'), l => l.StartsWith("signature:", StringComparison.Ordinal));
            Assert.Contains("signature: token rejected: BadSignature", output);
        }

        (int jsonExit, string json, _) = RunWithSecret("inspect", token, "--platform", "daily", "--json");
        Assert.Equal(1, jsonExit);
        Assert.DoesNotContain(json, c => c is '\u001b' or '\u0007' or '\r' or '\u009b' or '\u202E');
        using JsonDocument parsed = JsonDocument.Parse(json);
        Assert.Equal(Hostile, parsed.RootElement.GetProperty("payload").GetProperty("u").GetString());
    }

    [Fact]
    public void Inspect_reads_the_token_from_standard_input_and_caps_its_length()
    {
        using var daily = new DailyTokenIssuer(new DailyCredentials(Secret, Guid.Parse(Domain)));
        string token = daily.Issue(new DailyToken { RoomName = "standup" });

        (int exit, string output, string error) = Run(Encoding.ASCII.GetBytes(token + "\n"), new Dictionary<string, string> { ["TOKENSCHEMA_SECRET"] = Secret },
            "inspect", "-", "--platform", "daily");
        Assert.True(exit == 0, output + error);
        Assert.Contains("signature: verified (HS256); token accepted", output);

        byte[] huge = new byte[TokenCommands.MaxInspectedLength + 10];
        Array.Fill(huge, (byte)'A');
        (int tooLong, string nothing, string refusal) = Run(huge, null, "inspect", "-");
        Assert.Equal((2, ""), (tooLong, nothing));
        Assert.Contains("over 1,048,576 characters", refusal);

        (int both, _, string bothError) = Run(Encoding.ASCII.GetBytes(token), null, "inspect", "-", "--secret-stdin");
        Assert.Equal(2, both);
        Assert.Contains("not both", bothError);
    }

    [Fact]
    public void Terminal_escaping_leaves_printable_text_and_escapes_every_control()
    {
        Assert.Equal("Grace Hopper, é, 😀, 中文", TerminalText.Escape("Grace Hopper, é, 😀, 中文"));
        for (int c = 0; c < 0x10000; c++)
        {
            bool control = c < 0x20 || (c >= 0x7F && c <= 0x9F) || c is 0x061C or 0x200E or 0x200F or 0x2028 or 0x2029 || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
            string escaped = TerminalText.Escape(((char)c).ToString());
            Assert.Equal(control ? $"\\u{c:X4}" : ((char)c).ToString(), escaped);
        }

        Assert.Equal("a\nb\\u000D", TerminalText.Escape("a\nb\r", keepLineFeeds: true));
        Assert.Equal("""{"a":"\u202E"}""".Replace("\u202E", "\\u202E"), TerminalText.EscapeJson("{\"a\":\"\u202E\"}"));
    }
}
