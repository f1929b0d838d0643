using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using TokenSchema.Cli;
using Xunit;

namespace TokenSchema.Tests;

public sealed class CliTests
{
    private static readonly ManualTimeProvider Clock = new(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));

    [Fact]
    public void Demo_signs_tokens_that_verify_and_shows_rejections()
    {
        var output = new StringWriter();
        Assert.Equal(0, TokenCommands.Demo(output, Clock));
        string text = output.ToString();
        Assert.Contains("DEMO KEY", text);
        Assert.Contains(TokenCommands.DemoKey, text);
        Assert.Equal(3, Regex.Matches(text, "verify:  accepted").Count);
        Assert.Matches(@"6\. 100,000 participant tokens for room ""all-hands"" in one call \(IssueAll, \d+ cores\): [\d,]+ ms, [\d,]+ tokens/s", text);
        Assert.Contains("refused: The DailyToken payload is not valid (1 problem): 'ud' is longer than 36 characters.", text);
        Assert.Contains("rejected: BadSignature", text);
        Assert.Contains("rejected: UnsupportedAlgorithm", text);
        Assert.Contains("\"iat\":1800000000,\"exp\":1800003600", text);

        // Every token the demo prints verifies with the demo key, independently of the demo's own check.
        using var verifier = JwtVerifier.FromSecret(TokenCommands.DemoKey, new JwtVerifierOptions { TimeProvider = Clock });
        foreach (Match token in Regex.Matches(text, @"token:\s+(\S+)"))
        {
            Assert.True(verifier.TryVerify(token.Groups[1].Value.AsSpan(), out TestPayload? payload, out JwtError error), error.ToString());
            Assert.Contains(payload.Room, new[] { "standup", "all-hands" });
        }
    }

    [Fact]
    public void Sign_then_inspect_with_the_secret_verifies()
    {
        const string secret = "a-secret-of-at-least-thirty-two-bytes!";
        var output = new StringWriter();
        var error = new StringWriter();
        Assert.Equal(0, TokenCommands.Sign(output, error, """{"r":"room","exp":1800000100}""", secret, "k1", allowShortKey: false));
        string token = output.ToString().Trim();
        Assert.Equal(string.Empty, error.ToString());

        var inspected = new StringWriter();
        Assert.Equal(0, TokenCommands.Inspect(inspected, error, token, secret, Clock, allowShortKey: false));
        string text = inspected.ToString();
        Assert.Contains("\"kid\": \"k1\"", text);
        Assert.Contains("\"r\": \"room\"", text);
        Assert.Contains("platform: daily (guessed from the claims r; --platform chooses)", text);
        Assert.Contains("exp (expiration time): 1800000100  (2027-01-15T08:01:40Z, expires in 1 min)", text);
        Assert.Contains("token accepted", text);

        var wrongKey = new StringWriter();
        Assert.Equal(1, TokenCommands.Inspect(wrongKey, error, token, secret + "x", Clock, allowShortKey: false));
        Assert.Contains("token rejected: BadSignature", wrongKey.ToString());
    }

    [Fact]
    public void Inspect_without_a_secret_says_the_signature_is_not_verified_and_exits_1()
    {
        var output = new StringWriter();
        string token = Forge.Token("""{"r":"a"}""", SignerTests.Key);
        Assert.Equal(1, TokenCommands.Inspect(output, new StringWriter(), token, null, Clock, allowShortKey: false));
        Assert.Contains("NOT VERIFIED", output.ToString());
    }

    [Fact]
    public void Inspect_guesses_the_platform_from_its_own_claims_and_says_so()
    {
        Assert.Equal(("daily", "r, ctoe"), TokenCommands.Guess("""{"r":"a","ctoe":true,"exp":1}"""));
        Assert.Equal(("livekit", "video"), TokenCommands.Guess("""{"iss":"k","sub":"ada","video":{"roomJoin":true}}"""));
        Assert.Equal(("jwt", null), TokenCommands.Guess("""{"iss":"k","sub":"ada","exp":1}"""));
        Assert.Equal(("jwt", null), TokenCommands.Guess("not json"));
    }

    [Fact]
    public void Inspect_writes_one_json_object_for_programs()
    {
        const string secret = "a json inspect secret of thirty-two bytes";
        string token = Forge.Token("""{"r":"room","ctoe":true,"zz":1,"exp":1800000100}""", System.Text.Encoding.UTF8.GetBytes(secret));
        var output = new StringWriter();

        Assert.Equal(0, TokenCommands.Inspect(output, new StringWriter(), token, secret, Clock, allowShortKey: false, json: true));

        using var document = System.Text.Json.JsonDocument.Parse(output.ToString());
        System.Text.Json.JsonElement root = document.RootElement;
        Assert.Equal(("daily", true, "verified"), (root.GetProperty("platform").GetString(), root.GetProperty("platformGuessed").GetBoolean(), root.GetProperty("signature").GetString()));
        Assert.Equal(1, root.GetProperty("payload").GetProperty("zz").GetInt32());
        Assert.Contains(root.GetProperty("findings").EnumerateArray(), f => f.GetString()!.StartsWith("'zz' is not a claim of the schema", StringComparison.Ordinal));
    }

    [Fact]
    public void Sign_reports_a_missing_secret_bad_JSON_and_a_short_key()
    {
        var error = new StringWriter();
        Assert.Equal(2, TokenCommands.Sign(new StringWriter(), error, "{}", null, null, false));
        Assert.Contains("TOKENSCHEMA_SECRET", error.ToString());

        error = new StringWriter();
        Assert.Equal(2, TokenCommands.Sign(new StringWriter(), error, "{\"r\":", "a-secret-of-at-least-thirty-two-bytes!", null, false));
        Assert.Contains("--claims-json is not valid JSON", error.ToString());

        error = new StringWriter();
        Assert.Equal(2, TokenCommands.Sign(new StringWriter(), error, "{}", "short", null, false));
        Assert.Contains("RFC 7518", error.ToString());
    }

    [Fact]
    public void Inspect_reports_a_token_that_is_not_three_segments()
    {
        var error = new StringWriter();
        Assert.Equal(2, TokenCommands.Inspect(new StringWriter(), error, "abc.def", null, Clock, false));
        Assert.Contains("found 2", error.ToString());
    }
}

public sealed class CliPlatformTests
{
    private static readonly ManualTimeProvider Clock = new(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));

    [Fact]
    public void Inspect_reads_a_verified_token_into_the_platform_record()
    {
        const string secret = "a-secret-of-at-least-thirty-two-bytes!";
        string token = Forge.Token("""{"r":"room-0253","d":"25df5057-ef0d-4d97-bde6-0cf287276cbb","iat":1800000000,"exp":1800003600,"ctoe":true}""", System.Text.Encoding.UTF8.GetBytes(secret));
        var output = new StringWriter();
        Assert.Equal(0, TokenCommands.Inspect(output, new StringWriter(), token, secret, Clock, allowShortKey: false, platform: "Daily"));
        string text = output.ToString();
        Assert.Contains("read as daily: {\"r\":\"room-0253\"", text);
        Assert.Contains("\"ctoe\":true", text);
    }

    [Fact]
    public void Inspect_as_a_platform_rejects_claims_of_the_wrong_type()
    {
        const string secret = "a-secret-of-at-least-thirty-two-bytes!";
        string token = Forge.Token("""{"r":"room","d":"25df5057-ef0d-4d97-bde6-0cf287276cbb","iat":1800000000,"exp":1800003600,"ctoe":"yes"}""", System.Text.Encoding.UTF8.GetBytes(secret));
        var output = new StringWriter();
        Assert.Equal(1, TokenCommands.Inspect(output, new StringWriter(), token, secret, Clock, allowShortKey: false, platform: "daily"));
        Assert.Contains("token rejected: InvalidClaims", output.ToString());
        Assert.Equal(0, TokenCommands.Inspect(new StringWriter(), new StringWriter(), token, secret, Clock, allowShortKey: false, platform: "jwt"));
    }

    [Fact]
    public void Inspect_refuses_an_unknown_platform()
    {
        var error = new StringWriter();
        Assert.Equal(2, TokenCommands.Inspect(new StringWriter(), error, Forge.Token("{}", SignerTests.Key), null, Clock, false, "whereby"));
        Assert.Contains("Unknown platform 'whereby'", error.ToString());
    }

    [Theory]
    [InlineData("livekit", """{"sub":"alice","video":{"roomJoin":true,"room":"r"}}""", new[] { "--api-key", "APIkey" }, "\"iss\":\"APIkey\"")]
    [InlineData("twilio", """{"grants":{"identity":"alice","video":{}}}""", new[] { "--api-key-sid", "SKfedcba9876543210fedcba9876543210", "--account-sid", "AC0123456789abcdef0123456789abcdef" }, "\"sub\":\"AC0123456789abcdef0123456789abcdef\"")]
    [InlineData("hms", """{"type":"management"}""", new[] { "--access-key", "access" }, "\"access_key\":\"access\"")]
    [InlineData("stream", """{"user_id":"alice"}""", new string[0], "\"user_id\":\"alice\"")]
    [InlineData("jitsi", """{"room":"standup"}""", new[] { "--app-id", "app", "--audience", "jitsi" }, "\"aud\":\"jitsi\",\"iss\":\"app\"")]
    public void Sign_reads_the_claims_into_the_platform_record_and_issues_them_with_its_issuer(string platform, string claims, string[] options, string expected)
    {
        (int exit, string token, string error) = CliPlatformSignTests.Sign(platform, claims, options.Chunk(2).Select(o => (o[0], new[] { o[1] })).ToArray());
        Assert.True(exit == 0, error);
        Assert.Contains(expected, Forge.DecodeSegment(token.Split('.')[1]));
        Assert.Equal("", error);
    }

    [Theory]
    [InlineData("livekit", "{}", "'iss' is required to issue the token: give --api-key.")]
    [InlineData("stream", """{"user_id":1}""", "'user_id'")]
    [InlineData("stream", """{"user_id":" "}""", "'user_id'")]
    [InlineData("stream", "{", "--claims-json is not valid JSON")]
    [InlineData("stream", """{"user_id":"a","user_id":"b"}""", "'user_id' is given twice in --claims-json")]
    public void Sign_refuses_missing_credentials_and_bad_claims(string platform, string claims, string message)
    {
        (int exit, string output, string error) = CliPlatformSignTests.Sign(platform, claims);
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Contains(message, error);
    }

    [Fact]
    public void Inspect_json_gives_the_typed_record_as_its_writer_writes_it_and_names_the_claim_it_refuses()
    {
        const string secret = "cli-read-secret-of-at-least-32-bytes!";
        using var signer = JwtSigner.FromSecret(secret);
        string token = signer.Sign(new TokenSchema.StreamVideo.StreamVideoToken { UserId = "alice", CallCids = ["default:standup"], Expires = Clock.GetUtcNow().AddHours(1) });
        var output = new StringWriter();
        Assert.Equal(0, TokenCommands.Inspect(output, new StringWriter(), token, secret, Clock, false, "stream", json: true));
        using (var document = System.Text.Json.JsonDocument.Parse(output.ToString()))
        {
            Assert.Equal("""{"user_id":"alice","call_cids":["default:standup"],"exp":1800003600}""", document.RootElement.GetProperty("record").GetRawText().Replace("\n", "").Replace(" ", ""));
            Assert.Equal("verified", document.RootElement.GetProperty("signature").GetString());
        }

        output = new StringWriter();
        Assert.Equal(1, TokenCommands.Inspect(output, new StringWriter(), token, secret, Clock, false, "hms", json: true));
        using (var document = System.Text.Json.JsonDocument.Parse(output.ToString()))
        {
            Assert.StartsWith("rejected: InvalidClaims", document.RootElement.GetProperty("signature").GetString());
            Assert.False(document.RootElement.TryGetProperty("record", out _));
        }
    }
}

/// <summary>The schema-aware inspect: long names, times, the schema's problems and what the platform would ignore.</summary>
public sealed class CliInspectSchemaTests
{
    private static readonly ManualTimeProvider Clock = new(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));

    [Fact]
    public void A_daily_token_is_explained_claim_by_claim_with_findings()
    {
        const string secret = "an inspect test secret, thirty-two bytes";
        string token = Forge.Token(
            """{"r":"room","d":"25df5057-ef0d-4d97-bde6-0cf287276cbb","iat":1799740800,"ctoe":true,"close_tab_on_exit":true,"zz":1,"ud":"0123456789012345678901234567890123456789","p":{"cs":"v,a"}}""",
            System.Text.Encoding.UTF8.GetBytes(secret));
        var output = new StringWriter();

        TokenCommands.Inspect(output, new StringWriter(), token, null, Clock, allowShortKey: false, platform: "daily");

        string text = output.ToString();
        Assert.Contains("  ctoe → close_tab_on_exit: true", text);
        Assert.Contains("  r → room_name: room", text);
        Assert.Contains("  iat (issued at): 1799740800  (2027-01-12T08:00:00Z, 3 days ago)", text);
        Assert.Contains("  p → permissions:\n    p.cs → canSend: v,a (video, audio)", text);
        Assert.Contains("- 'close_tab_on_exit' is the long name of 'ctoe'; self-signed tokens carry 'ctoe', and the platform ignores 'close_tab_on_exit'", text);
        Assert.Contains("- 'zz' is not a claim of the schema; the platform ignores it", text);
        Assert.Contains("- 'ud' is longer than 36 characters (the daily schema's validation)", text);
        Assert.Contains("- no 'exp': the token never expires", text);
    }

    [Fact]
    public void A_numeric_date_in_milliseconds_is_a_finding()
    {
        string token = Forge.Token("""{"r":"room","exp":1800003600000}""", new byte[32]);
        var output = new StringWriter();

        TokenCommands.Inspect(output, new StringWriter(), token, null, Clock, allowShortKey: false, platform: "daily");

        Assert.Contains("- 'exp' is after the year 3000: a NumericDate in milliseconds instead of seconds", output.ToString());
    }

    [Fact]
    public void An_expired_token_says_how_long_ago()
    {
        string token = Forge.Token("""{"r":"room","exp":1799996400}""", new byte[32]);
        var output = new StringWriter();

        TokenCommands.Inspect(output, new StringWriter(), token, null, Clock, allowShortKey: false, platform: "jwt");

        Assert.Contains("  exp: 1799996400  (2027-01-15T07:00:00Z, expired 60 min ago)", output.ToString());
        Assert.DoesNotContain("findings:", output.ToString());
    }
}

/// <summary><c>sign &lt;platform&gt;</c>: options from the schema's claims, times absolute or relative, every problem listed.</summary>
public sealed class CliPlatformSignTests
{
    private const string Secret = "a daily api key with thirty-two bytes!";
    private static readonly ManualTimeProvider Clock = new(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));

    internal static (int Exit, string Output, string Error) Sign(string platform, params (string Option, string[] Values)[] options) =>
        Sign(platform, null, options);

    internal static (int Exit, string Output, string Error) Sign(string platform, string? claimsJson, params (string Option, string[] Values)[] options)
    {
        CliPlatform target = CliPlatform.All.Single(p => p.Name == platform);
        var all = PlatformSign.OptionsOf(target);
        var given = options.Select(o => (all.Single(c => c.Name == o.Option), o.Values)).ToList();
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = PlatformSign.Run(output, error, target, given, claimsJson, Secret, Clock, allowShortKey: false);
        return (exit, output.ToString().Trim(), error.ToString());
    }

    [Fact]
    public void Every_top_level_claim_of_every_schema_with_a_command_line_value_has_an_option_named_after_its_long_name()
    {
        CliPlatform daily = CliPlatform.All.Single(p => p.Name == "daily");
        var names = daily.Claims.Where(PlatformSign.HasOption).Select(PlatformSign.OptionName).ToList();

        Assert.Contains("--close-tab-on-exit", names);
        Assert.Contains("--user-id", names);
        Assert.Contains("--room-name", names);
        Assert.DoesNotContain("--permissions", names);
        Assert.All(CliPlatform.All, p => Assert.Equal(p.Claims.Count(PlatformSign.HasOption), p.Claims.Where(PlatformSign.HasOption).Select(PlatformSign.OptionName).Distinct().Count()));
    }

    [Fact]
    public void A_daily_token_from_options_verifies_with_the_claims_given()
    {
        (int exit, string token, string error) = Sign("daily",
            ("--room-name", ["demo"]), ("--domain-id", ["25df5057-ef0d-4d97-bde6-0cf287276cbb"]), ("--is-owner", []),
            ("--user-name", ["Ada"]), ("--expires", ["90m"]), ("--close-tab-on-exit", ["false"]), ("--enable-recording", ["[\"cloud\",\"local\"]"]));

        Assert.True(exit == 0, error);
        using var verifier = JwtVerifier.FromSecret(Secret, new JwtVerifierOptions { TimeProvider = Clock });
        Assert.True(verifier.TryVerify(token.AsSpan(), out TokenSchema.Daily.DailyToken? read, out JwtError result), result.ToString());
        Assert.Equal(("demo", true, "Ada", false), (read.RoomName, read.IsOwner, read.UserName, read.CloseTabOnExit));
        Assert.Equal(1_800_005_400, read.Expires!.Value.ToUnixTimeSeconds());
        Assert.Equal(1_800_000_000, read.IssuedAt!.Value.ToUnixTimeSeconds());
    }

    [Fact]
    public void Invalid_claims_exit_with_2_and_every_problem_by_claim_name()
    {
        (int exit, string output, string error) = Sign("daily",
            ("--room-name", ["demo"]), ("--domain-id", ["25df5057-ef0d-4d97-bde6-0cf287276cbb"]),
            ("--user-id", [new string('u', 37)]), ("--lang", ["xx"]), ("--is-owner", ["maybe"]));

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Contains("'uil' is not one of da, de, en", error);
        Assert.Contains("'o' (--is-owner) takes true or false (yes/no, 1/0, any letter case), not 'maybe'", error);
        Assert.Contains("'ud' is longer than 36 characters", error);
        Assert.StartsWith("The daily token is not valid (3 problems):", error);
    }

    [Fact]
    public void A_missing_platform_id_names_the_option()
    {
        (int exit, _, string error) = Sign("daily", ("--room-name", ["demo"]));

        Assert.Equal(2, exit);
        Assert.Contains("'d' is required to issue the token: give --domain-id.", error);
    }

    [Theory]
    [InlineData("1h", 1_800_003_600)]
    [InlineData("-5m", 1_799_999_700)]
    [InlineData("+2d", 1_800_172_800)]
    [InlineData("1800000042", 1_800_000_042)]
    [InlineData("2027-01-15T09:00:00Z", 1_800_003_600)]
    [InlineData("2027-01-15T10:00:00+01:00", 1_800_003_600)]
    public void Times_are_absolute_or_relative_to_now(string text, long expected)
    {
        Assert.True(PlatformSign.TryParseTime(text, Clock.GetUtcNow(), out long seconds));
        Assert.Equal(expected, seconds);
    }

    [Theory]
    [InlineData("close_tab_on_exit", "close-tab-on-exit")]
    [InlineData("CloseTabOnExit", "close-tab-on-exit")]
    [InlineData("canSend", "can-send")]
    [InlineData("IsHTTPOnly", "is-http-only")]
    [InlineData("lang", "lang")]
    public void Option_names_are_kebab_case(string name, string expected) => Assert.Equal(expected, PlatformSign.Kebab(name));
}
