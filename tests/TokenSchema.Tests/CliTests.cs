using System;
using System.IO;
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
        Assert.Equal(2, Regex.Matches(text, "verify:  accepted").Count);
        Assert.Contains("refused: The DailyToken payload is not valid (1 problem): 'ud' is longer than 36 characters.", text);
        Assert.Contains("rejected: BadSignature", text);
        Assert.Contains("rejected: UnsupportedAlgorithm", text);
        Assert.Contains("\"iat\":1800000000,\"exp\":1800003600", text);

        // Every token the demo prints verifies with the demo key, independently of the demo's own check.
        using var verifier = JwtVerifier.FromSecret(TokenCommands.DemoKey, new JwtVerifierOptions { TimeProvider = Clock });
        foreach (Match token in Regex.Matches(text, @"token:\s+(\S+)"))
        {
            Assert.True(verifier.TryVerify(token.Groups[1].Value.AsSpan(), out TestPayload? payload, out JwtError error), error.ToString());
            Assert.Equal("standup", payload.Room);
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
        Assert.Contains("exp = 2027-01-15 08:01:40Z", text);
        Assert.Contains("token accepted", text);

        var wrongKey = new StringWriter();
        Assert.Equal(1, TokenCommands.Inspect(wrongKey, error, token, secret + "x", Clock, allowShortKey: false));
        Assert.Contains("token rejected: BadSignature", wrongKey.ToString());
    }

    [Fact]
    public void Inspect_without_a_secret_says_the_signature_is_not_verified()
    {
        var output = new StringWriter();
        string token = Forge.Token("""{"r":"a"}""", SignerTests.Key);
        Assert.Equal(0, TokenCommands.Inspect(output, new StringWriter(), token, null, Clock, allowShortKey: false));
        Assert.Contains("NOT VERIFIED", output.ToString());
    }

    [Fact]
    public void Sign_reports_a_missing_secret_bad_JSON_and_a_short_key()
    {
        var error = new StringWriter();
        Assert.Equal(2, TokenCommands.Sign(new StringWriter(), error, "{}", null, null, false));
        Assert.Contains("TOKENSCHEMA_SECRET", error.ToString());

        error = new StringWriter();
        Assert.Equal(2, TokenCommands.Sign(new StringWriter(), error, "{\"r\":", "a-secret-of-at-least-thirty-two-bytes!", null, false));
        Assert.Contains("--claims is not valid JSON", error.ToString());

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
        Assert.Contains("read as daily: DailyToken {", text);
        Assert.Contains("RoomName = room-0253", text);
        Assert.Contains("CloseTabOnExit = True", text);
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
    [InlineData("livekit", """{"sub":"alice"}""", new[] { "--key", "APIkey" }, "\"iss\":\"APIkey\"")]
    [InlineData("twilio", """{"grants":{"identity":"alice","video":{}}}""", new[] { "--key", "SKfedcba9876543210fedcba9876543210", "--account", "AC0123456789abcdef0123456789abcdef" }, "\"sub\":\"AC0123456789abcdef0123456789abcdef\"")]
    [InlineData("hms", """{"type":"management"}""", new[] { "--key", "access" }, "\"access_key\":\"access\"")]
    [InlineData("stream", """{"user_id":"alice"}""", new string[0], "\"user_id\":\"alice\"")]
    [InlineData("jitsi", """{"room":"standup"}""", new[] { "--key", "app", "--audience", "jitsi" }, "\"aud\":\"jitsi\",\"iss\":\"app\"")]
    public void Issue_reads_the_claims_into_the_platform_record_and_issues_them_with_its_issuer(string platform, string claims, string[] options, string expected)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        string? Option(string name) => Array.IndexOf(options, name) is var i and >= 0 ? options[i + 1] : null;
        Assert.Equal(0, PlatformCommands.Issue(output, error, platform, claims, "cli-issue-secret-of-at-least-32-bytes!", Option("--key"), Option("--account"), null, Clock, Option("--audience")));
        string token = output.ToString().Trim();
        Assert.Contains(expected, Forge.DecodeSegment(token.Split('.')[1]));
        Assert.Equal("", error.ToString());
    }

    [Theory]
    [InlineData("whereby", "{}", "Unknown platform 'whereby'")]
    [InlineData("livekit", "{}", "needs --key")]
    [InlineData("stream", """{"user_id":1}""", "does not read as StreamVideoToken")]
    [InlineData("stream", """{"user_id":" "}""", "'user_id'")]
    [InlineData("stream", "{", "")]
    public void Issue_refuses_unknown_platforms_missing_credentials_and_bad_claims(string platform, string claims, string message)
    {
        var error = new StringWriter();
        Assert.Equal(2, PlatformCommands.Issue(new StringWriter(), error, platform, claims, "cli-issue-secret-of-at-least-32-bytes!", null, null, null, Clock));
        Assert.Contains(message, error.ToString());
        Assert.NotEqual("", error.ToString());
    }

    [Fact]
    public void Read_prints_the_typed_record_as_its_writer_writes_it_and_names_the_claim_it_refuses()
    {
        const string secret = "cli-read-secret-of-at-least-32-bytes!";
        using var signer = JwtSigner.FromSecret(secret);
        string token = signer.Sign(new TokenSchema.StreamVideo.StreamVideoToken { UserId = "alice", CallCids = ["default:standup"], Expires = Clock.GetUtcNow().AddHours(1) });
        var output = new StringWriter();
        Assert.Equal(0, PlatformCommands.Read(output, new StringWriter(), "stream", token, secret, Clock));
        Assert.Equal("""read: {"user_id":"alice","call_cids":["default:standup"],"exp":1800003600}""", output.ToString().Trim());

        output = new StringWriter();
        Assert.Equal(1, PlatformCommands.Read(output, new StringWriter(), "hms", token, secret, Clock));
        Assert.StartsWith("rejected: InvalidClaims", output.ToString());

        var error = new StringWriter();
        Assert.Equal(2, PlatformCommands.Read(new StringWriter(), error, "whereby", token, secret, Clock));
        Assert.Contains("Unknown platform 'whereby'", error.ToString());
        Assert.Equal(2, PlatformCommands.Read(new StringWriter(), new StringWriter(), "stream", token, null, Clock));
    }
}
