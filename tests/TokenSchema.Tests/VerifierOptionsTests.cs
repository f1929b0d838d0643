using System;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Xunit;

namespace TokenSchema.Tests;

/// <summary>
/// The verifier's safe defaults and options (exp required, maximum lifetime, issuer and audience, NumericDates in
/// milliseconds), the detailed failure that names the claim, and the strict text rule for header and payload.
/// </summary>
public sealed class VerifierOptionsTests
{
    private static readonly byte[] Key = SignerTests.Key;
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
    private static readonly ManualTimeProvider Clock = new(Now);
    private static readonly long NowSeconds = Now.ToUnixTimeSeconds();

    private static JwtVerificationFailure Verify(string payloadJson, JwtVerifierOptions options, string header = """{"alg":"HS256","typ":"JWT"}""")
    {
        using var verifier = new JwtVerifier(Key, options);
        string token = Forge.Token(header, payloadJson, Key);
        verifier.TryVerifyDetailed(token.AsSpan(), out TestPayload? _, out JwtVerificationFailure failure);
        verifier.TryVerify(token.AsSpan(), out TestPayload? _, out JwtError error);
        Assert.Equal(failure.Error, error);
        return failure;
    }

    [Fact]
    public void A_missing_exp_is_refused_by_default_and_names_the_claim()
    {
        JwtVerificationFailure failure = Verify("""{"r":"a"}""", new JwtVerifierOptions { TimeProvider = Clock });

        Assert.Equal((JwtError.MissingExpirationTime, "exp"), (failure.Error, failure.Claim));
    }

    [Theory]
    [InlineData(3600, 3600, JwtError.None)]
    [InlineData(3601, 3600, JwtError.LifetimeTooLong)]
    public void The_lifetime_is_measured_from_nbf_else_iat_else_now(int lifetime, int maximum, JwtError expected)
    {
        var options = new JwtVerifierOptions { TimeProvider = Clock, MaxLifetime = TimeSpan.FromSeconds(maximum), ClockSkew = TimeSpan.Zero };
        long start = NowSeconds - 10;

        Assert.Equal(expected, Verify($$"""{"r":"a","nbf":{{start}},"iat":{{start - 5000}},"exp":{{start + lifetime}}}""", options).Error);
        Assert.Equal(expected, Verify($$"""{"r":"a","iat":{{start}},"exp":{{start + lifetime}}}""", options).Error);
        Assert.Equal(expected, Verify($$"""{"r":"a","exp":{{NowSeconds + lifetime}}}""", options).Error);
    }

    [Fact]
    public void The_lifetime_check_does_not_overflow_at_the_numeric_date_extremes()
    {
        var options = new JwtVerifierOptions { TimeProvider = Clock, MaxLifetime = TimeSpan.FromHours(1) };

        Assert.Equal(JwtError.LifetimeTooLong, Verify($$"""{"r":"a","nbf":-9223372036854775808,"exp":{{NowSeconds + 60}}}""", options).Error);
    }

    [Theory]
    [InlineData("""{"r":"a","exp":EXP,"iss":"acme"}""", JwtError.None)]
    [InlineData("""{"r":"a","exp":EXP,"iss":"\u0061cme"}""", JwtError.None)]
    [InlineData("""{"r":"a","exp":EXP,"iss":"other"}""", JwtError.InvalidIssuer)]
    [InlineData("""{"r":"a","exp":EXP,"iss":["acme"]}""", JwtError.InvalidIssuer)]
    [InlineData("""{"r":"a","exp":EXP}""", JwtError.InvalidIssuer)]
    public void An_issuer_is_one_of_the_configured_ones_when_they_are_configured(string payload, JwtError expected)
    {
        var options = new JwtVerifierOptions { TimeProvider = Clock, ValidIssuers = new[] { "acme", "beta" } };

        JwtVerificationFailure failure = Verify(payload.Replace("EXP", (NowSeconds + 60).ToString(), StringComparison.Ordinal), options);

        Assert.Equal(expected, failure.Error);
        Assert.Equal(expected == JwtError.None ? null : "iss", failure.Claim);
    }

    [Theory]
    [InlineData("""{"r":"a","exp":EXP,"aud":"app"}""", JwtError.None)]
    [InlineData("""{"r":"a","exp":EXP,"aud":["x","app"]}""", JwtError.None)]
    [InlineData("""{"r":"a","exp":EXP,"aud":["x",1,{"y":2},"app"]}""", JwtError.InvalidClaims)]
    [InlineData("""{"r":"a","exp":EXP,"aud":["x","y"]}""", JwtError.InvalidAudience)]
    [InlineData("""{"r":"a","exp":EXP,"aud":{"app":true}}""", JwtError.InvalidClaims)]
    [InlineData("""{"r":"a","exp":EXP}""", JwtError.InvalidAudience)]
    public void An_audience_string_or_any_array_item_matches_and_anything_else_is_refused(string payload, JwtError expected)
    {
        var options = new JwtVerifierOptions { TimeProvider = Clock, ValidAudiences = new[] { "app" } };

        Assert.Equal(expected, Verify(payload.Replace("EXP", (NowSeconds + 60).ToString(), StringComparison.Ordinal), options).Error);
    }

    [Fact]
    public void Claims_after_iss_and_aud_objects_are_still_scanned()
    {
        var options = new JwtVerifierOptions { TimeProvider = Clock, ValidIssuers = new[] { "acme" }, ValidAudiences = new[] { "app" } };

        // A duplicate after an object-valued iss or an aud array is still found: the scan skipped the whole value.
        Assert.Equal(JwtError.DuplicateClaim, Verify($$"""{"r":"a","iss":{"r":1},"aud":["x","app"],"exp":{{NowSeconds + 60}},"r":"b"}""", options).Error);
    }

    [Theory]
    [InlineData("exp", 32503680001)]
    [InlineData("nbf", 1800000000000)]
    [InlineData("iat", 1800000000000)]
    public void A_numeric_date_after_the_year_3000_is_refused_as_milliseconds(string claim, long value)
    {
        string payload = claim == "exp" ? $$"""{"r":"a","exp":{{value}}}""" : $$"""{"r":"a","{{claim}}":{{value}},"exp":{{NowSeconds + 60}}}""";

        JwtVerificationFailure failure = Verify(payload, new JwtVerifierOptions { TimeProvider = Clock });

        Assert.Equal((JwtError.NumericDateInMilliseconds, claim), (failure.Error, failure.Claim));
    }

    [Fact]
    public void The_detailed_failure_names_the_claim_the_payload_type_refuses()
    {
        var options = new JwtVerifierOptions { TimeProvider = Clock };

        JwtVerificationFailure wrongType = Verify($$"""{"r":7,"exp":{{NowSeconds + 60}}}""", options);
        JwtVerificationFailure invalid = Verify($$"""{"r":"{{new string('r', 129)}}","exp":{{NowSeconds + 5}},"nbf":{{NowSeconds + 10}}}""", options);

        Assert.Equal((JwtError.InvalidClaims, "r", ClaimReadErrorKind.WrongType), (wrongType.Error, wrongType.Claim, wrongType.ReadError));
        Assert.Equal("InvalidClaims: claim 'r' has the wrong JSON type", wrongType.ToString());
        Assert.Equal(JwtError.InvalidClaims, invalid.Error);
        Assert.Equal(new[] { "'r' is longer than 128 characters", "'exp' is not after 'nbf'" }, invalid.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void The_detailed_overload_allocates_nothing_more_on_success()
    {
        using var verifier = new JwtVerifier(Key, new JwtVerifierOptions { TimeProvider = Clock });
        string token = Forge.Token($$"""{"exp":{{NowSeconds + 60}}}""", Key);
        for (int i = 0; i < 50; i++)
        {
            Assert.True(verifier.TryVerifyDetailed(token.AsSpan(), out EmptyPayload? _, out JwtVerificationFailure failure), failure.ToString());
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            verifier.TryVerifyDetailed(token.AsSpan(), out EmptyPayload? _, out _);
        }

        long detailed = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            verifier.TryVerify(token.AsSpan(), out EmptyPayload? _, out JwtError _);
        }

        Assert.Equal(GC.GetAllocatedBytesForCurrentThread() - before, detailed);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF })]
    [InlineData(new byte[] { 0xC0, 0xAF })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    [InlineData(new byte[] { 0xF4, 0x90, 0x80, 0x80 })]
    public void Invalid_utf8_anywhere_in_the_payload_or_header_is_malformed(byte[] invalid)
    {
        using var verifier = new JwtVerifier(Key, new JwtVerifierOptions { TimeProvider = Clock });
        byte[] inUnknownClaim = Json("{\"r\":\"a\",\"exp\":" + (NowSeconds + 60) + ",\"note\":\"", invalid, "\"}");
        byte[] inKid = Json("{\"alg\":\"HS256\",\"kid\":\"", invalid, "\"}");

        Assert.Equal(JwtError.Malformed, VerifyRaw(verifier, Json("""{"alg":"HS256"}"""), inUnknownClaim));
        Assert.Equal(JwtError.Malformed, VerifyRaw(verifier, inKid, Json($$"""{"r":"a","exp":{{NowSeconds + 60}}}""")));
    }

    [Theory]
    [InlineData("\\ud800")]
    [InlineData("\\uDC00")]
    [InlineData("a\\ud83dz")]
    [InlineData("\\ud83d\\u0041")]
    [InlineData("\\ud83d")]
    public void An_unpaired_surrogate_escape_is_refused_in_names_and_values_known_or_unknown(string escape)
    {
        var options = new JwtVerifierOptions { TimeProvider = Clock };
        string exp = "\"exp\":" + (NowSeconds + 60);

        Assert.Equal(JwtError.Malformed, Verify("{\"r\":\"" + escape + "\"," + exp + "}", options).Error);
        Assert.Equal(JwtError.Malformed, Verify("{\"r\":\"a\"," + exp + ",\"x" + escape + "\":1}", options).Error);
        Assert.Equal(JwtError.Malformed, Verify("{\"r\":\"a\"," + exp + ",\"u\":[{\"v\":\"" + escape + "\"}]}", options).Error);
        Assert.Equal(JwtError.Malformed, Verify("{\"r\":\"a\"," + exp + "}", options, "{\"alg\":\"HS256\",\"x" + escape + "\":1}").Error);
        Assert.Equal(JwtError.Malformed, Verify("{\"r\":\"a\"," + exp + "}", options, "{\"alg\":\"HS256\",\"cty\":\"" + escape + "\"}").Error);
    }

    [Fact]
    public void Paired_surrogates_and_escaped_backslashes_are_accepted()
    {
        var options = new JwtVerifierOptions { TimeProvider = Clock };

        JwtVerificationFailure failure = Verify("{\"r\":\"\\ud83d\\ude00 \\\\ud800\"," + "\"exp\":" + (NowSeconds + 60) + "}", options);

        Assert.True(failure.IsNone, failure.ToString());
    }

    [Fact]
    public void Options_refuse_empty_issuer_and_audience_lists_and_a_non_positive_lifetime()
    {
        Assert.Throws<ArgumentException>(() => new JwtVerifier(Key, new JwtVerifierOptions { ValidIssuers = Array.Empty<string>() }));
        Assert.Throws<ArgumentException>(() => new JwtVerifier(Key, new JwtVerifierOptions { ValidAudiences = new[] { "" } }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new JwtVerifier(Key, new JwtVerifierOptions { MaxLifetime = TimeSpan.Zero }));
    }

    private static byte[] Json(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Json(string before, byte[] middle, string after) => Json(before).Concat(middle).Concat(Json(after)).ToArray();

    private static JwtError VerifyRaw(JwtVerifier verifier, byte[] header, byte[] payload)
    {
        string input = Forge.Base64Url(header) + "." + Forge.Base64Url(payload);
        string token = input + "." + Forge.Base64Url(HMACSHA256.HashData(Key, Encoding.ASCII.GetBytes(input)));
        verifier.TryVerify(token.AsSpan(), out TestPayload? _, out JwtError error);
        return error;
    }
}

/// <summary>A payload with no claim, for allocation tests of the verifier itself.</summary>
[TokenPayload]
public sealed partial record EmptyPayload;

/// <summary>The repeated-claim scan over very many claims: every repetition found, whatever its position or spelling.</summary>
public sealed class DuplicateScanTests
{
    private static readonly JwtVerifierOptions Options = new() { TimeProvider = new ManualTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000)), MaxTokenLength = 4_000_000 };

    [Theory]
    [InlineData(100_000, -1)]
    [InlineData(100_000, 0)]
    [InlineData(100_000, 50_000)]
    [InlineData(100_000, 99_999)]
    [InlineData(300, 200)]
    public void Many_distinct_claims_are_accepted_and_one_repeated_anywhere_is_refused(int claims, int repeated)
    {
        var json = new StringBuilder("{\"exp\":1800000600");
        for (int i = 0; i < claims; i++)
        {
            json.Append(",\"c").Append(i).Append("\":").Append(i);
        }

        if (repeated >= 0)
        {
            // The repetition is spelled with an escape, so only the unescaped names can tell.
            json.Append(",\"\\u0063").Append(repeated).Append("\":0");
        }

        using var verifier = new JwtVerifier(SignerTests.Key, Options);
        string token = Forge.Token(json.Append('}').ToString(), SignerTests.Key);

        verifier.TryVerify(token.AsSpan(), out EmptyPayload? _, out JwtError error);

        Assert.Equal(repeated < 0 ? JwtError.None : JwtError.DuplicateClaim, error);
    }
}

/// <summary>Claims the schema does not describe: skipped by default, refused and named on request.</summary>
public sealed class UnknownClaimTests
{
    private static readonly JwtVerifierOptions Options = new() { TimeProvider = new ManualTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000)) };

    [Fact]
    public void An_unknown_top_level_claim_is_refused_and_named_when_asked_and_skipped_otherwise()
    {
        using var verifier = new JwtVerifier(SignerTests.Key, Options);
        using var rejecting = new JwtVerifier(SignerTests.Key, new JwtVerifierOptions { TimeProvider = Options.TimeProvider, UnknownClaims = UnknownClaims.Reject });
        string token = Forge.Token("""{"iss":"key","sub":"ada","exp":1800000600,"video":{"room":"r","roomJoin":true},"futureGrant":{"perform":true}}""", SignerTests.Key);

        Assert.Equal(UnknownClaims.Skip, Options.UnknownClaims);
        Assert.True(verifier.TryVerifyDetailed(token.AsSpan(), out TokenSchema.LiveKit.LiveKitToken? _, out JwtVerificationFailure skipped), skipped.ToString());
        Assert.False(rejecting.TryVerifyDetailed(token.AsSpan(), out TokenSchema.LiveKit.LiveKitToken? _, out JwtVerificationFailure refused));
        Assert.False(rejecting.TryVerifyDetailed(Encoding.ASCII.GetBytes(token), out TokenSchema.LiveKit.LiveKitToken? _, out JwtVerificationFailure refusedBytes));
        Assert.False(rejecting.TryVerify(token.AsSpan(), out TokenSchema.LiveKit.LiveKitToken? _, out JwtError refusedError));
        Assert.False(rejecting.TryVerify(Encoding.ASCII.GetBytes(token), out TokenSchema.LiveKit.LiveKitToken? _, out JwtError refusedBytesError));

        Assert.Equal((JwtError.UnknownClaim, "futureGrant"), (refused.Error, refused.Claim));
        Assert.Equal((JwtError.UnknownClaim, "futureGrant"), (refusedBytes.Error, refusedBytes.Claim));
        Assert.Equal(JwtError.UnknownClaim, refusedError);
        Assert.Equal(JwtError.UnknownClaim, refusedBytesError);
    }

    [Fact]
    public void A_payload_of_known_claims_only_is_accepted_when_unknown_ones_are_refused()
    {
        using var verifier = new JwtVerifier(SignerTests.Key, new JwtVerifierOptions { TimeProvider = Options.TimeProvider, UnknownClaims = UnknownClaims.Reject });
        string token = Forge.Token("""{"r":"a","exp":1800000600,"\u006f":true}""", SignerTests.Key);

        Assert.True(verifier.TryVerifyDetailed(token.AsSpan(), out TestPayload? read, out JwtVerificationFailure failure), failure.ToString());
        Assert.True(read.IsOwner);
    }
}
