using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.IdentityModel.JsonWebTokens;
using TokenSchema.Twilio;
using Xunit;
using static TokenSchema.Tests.Platforms.PlatformTestSupport;

namespace TokenSchema.Tests.Platforms.Twilio;

public sealed class TwilioVideoTokenTests
{
    private const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    private const string ApiKeySid = "SKfedcba9876543210fedcba9876543210";
    private const string Secret = "twilio-demo-api-key-secret-0123456789";
    private static readonly byte[] Key = KeyOf(Secret);
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    private static TwilioVideoToken Full => new()
    {
        TokenId = ApiKeySid + "-1800000000",
        ApiKeySid = ApiKeySid,
        AccountSid = AccountSid,
        IssuedAt = Now,
        Expires = Now.AddHours(1),
        NotBefore = Now.AddSeconds(-10),
        Grants = new TwilioGrants { Identity = "alice", Video = new TwilioVideoGrant { Room = "DailyStandup" } },
    };

    [Fact]
    public void Every_claim_is_written_in_declaration_order_and_an_empty_video_grant_is_still_written()
    {
        using var signer = new JwtSigner(Key);
        Assert.Equal(
            """{"jti":"SKfedcba9876543210fedcba9876543210-1800000000","iss":"SKfedcba9876543210fedcba9876543210","sub":"AC0123456789abcdef0123456789abcdef","iat":1800000000,"exp":1800003600,"nbf":1799999990,"grants":{"identity":"alice","video":{"room":"DailyStandup"}}}""",
            PayloadJson(signer.Sign(Full)));
        Assert.Equal(
            """{"jti":"SKfedcba9876543210fedcba9876543210-1800000000","iss":"SKfedcba9876543210fedcba9876543210","sub":"AC0123456789abcdef0123456789abcdef","iat":1800000000,"exp":1800003600,"grants":{"identity":"alice","video":{}}}""",
            PayloadJson(signer.Sign(Full with { NotBefore = null, Grants = new TwilioGrants { Identity = "alice", Video = new TwilioVideoGrant() } })));
    }

    [Fact]
    public void Issuer_header_is_alg_typ_then_cty()
    {
        // The order Twilio's Node.js and .NET libraries write.
        using var issuer = new TwilioVideoTokenIssuer(new TwilioCredentials(AccountSid, ApiKeySid, Secret), new TwilioVideoTokenIssuerOptions { TimeProvider = new ManualTimeProvider(Now) });
        string token = issuer.Issue("alice", "DailyStandup");
        Assert.Equal("""{"alg":"HS256","typ":"JWT","cty":"twilio-fpa;v=1"}""", HeaderJson(token));
        Assert.Equal("""{"alg":"HS256","typ":"JWT","cty":"twilio-fpa;v=1"}""", Encoding.UTF8.GetString(issuer.HeaderJson.Span));
        Assert.Equal(Forge.Base64Url("""{"alg":"HS256","typ":"JWT","cty":"twilio-fpa;v=1"}"""), token.Split('.')[0]);
    }

    [Fact]
    public void Round_trip_with_every_claim_set_returns_an_equal_token()
    {
        using var issuer = new TwilioVideoTokenIssuer(new TwilioCredentials(AccountSid, ApiKeySid, Secret), new TwilioVideoTokenIssuerOptions { TimeProvider = new ManualTimeProvider(Now) });
        string token = issuer.Issue(Full);
        Assert.Equal(Full, Verify<TwilioVideoToken>(token, Key, Now));
    }

    [Theory]
    [InlineData("""{"jti":1}""", ClaimReadErrorKind.WrongType, "jti")]
    [InlineData("""{"iss":"SK","sub":false}""", ClaimReadErrorKind.WrongType, "sub")]
    [InlineData("""{"iat":"now"}""", ClaimReadErrorKind.WrongType, "iat")]
    [InlineData("""{"grants":"alice"}""", ClaimReadErrorKind.WrongType, "grants")]
    [InlineData("""{"grants":{"identity":7,"video":{}}}""", ClaimReadErrorKind.WrongType, "grants.identity")]
    [InlineData("""{"grants":{"identity":"alice","video":{"room":["a"]}}}""", ClaimReadErrorKind.WrongType, "grants.video.room")]
    [InlineData("""{"grants":{"identity":"alice","video":true}}""", ClaimReadErrorKind.WrongType, "grants.video")]
    [InlineData("""{"jti":"x"}""", ClaimReadErrorKind.MissingClaim, "grants")]
    [InlineData("""{"grants":{"identity":"alice"}}""", ClaimReadErrorKind.MissingClaim, "grants.video")]
    [InlineData("""{"grants":{"video":{}}}""", ClaimReadErrorKind.MissingClaim, "grants.identity")]
    public void Reading_refuses_wrong_types_and_missing_grants_naming_the_claim(string json, ClaimReadErrorKind kind, string claim) =>
        AssertReadError<TwilioVideoToken>(json, kind, claim);

    [Fact]
    public void Validation_lists_every_missing_claim_by_name()
    {
        var bare = new TwilioVideoToken { Grants = new TwilioGrants { Identity = " ", Video = new TwilioVideoGrant() } };
        Assert.Equal(["jti", "iss", "sub", "exp", "grants.identity"], bare.Validate().Problems.Select(p => p.Claim));
        Assert.True(Full.Validate().IsValid);
        Assert.True(Full.ValidateForTwilio().IsValid);
    }

    [Fact]
    public void ValidateForTwilio_refuses_a_lifetime_over_a_day()
    {
        Assert.True((Full with { Expires = Now.AddSeconds(86_400) }).ValidateForTwilio().IsValid);
        ClaimValidationResult tooLong = (Full with { Expires = Now.AddSeconds(86_401) }).ValidateForTwilio();
        Assert.Equal("'exp' is more than 86400 seconds after 'iat'", Assert.Single(tooLong.Problems).ToString());
        Assert.False((Full with { Expires = Now.AddSeconds(86_401) }).Validate().IsValid);
        ClaimValidationResult both = (Full with { TokenId = null, Expires = Now.AddDays(2) }).ValidateForTwilio();
        Assert.Equal(["jti", "exp"], both.Problems.Select(p => p.Claim));
    }

    [Fact]
    public void Issuer_fills_jti_iss_sub_iat_and_a_one_hour_exp_from_its_clock()
    {
        var clock = new ManualTimeProvider(Now.AddMilliseconds(250));
        using var issuer = new TwilioVideoTokenIssuer(new TwilioCredentials(AccountSid, ApiKeySid, Secret), new TwilioVideoTokenIssuerOptions { TimeProvider = clock });
        string token = issuer.Issue("alice");
        Assert.Equal(
            """{"jti":"SKfedcba9876543210fedcba9876543210-1800000000","iss":"SKfedcba9876543210fedcba9876543210","sub":"AC0123456789abcdef0123456789abcdef","iat":1800000000,"exp":1800003600,"grants":{"identity":"alice","video":{}}}""",
            PayloadJson(token));

        clock.Now = Now.AddSeconds(42);
        TwilioVideoToken completed = issuer.Complete(new TwilioVideoToken { Grants = Full.Grants, Expires = Now.AddMinutes(30) });
        Assert.Equal(ApiKeySid + "-1800000042", completed.TokenId);
        Assert.Equal(Now.AddSeconds(42), completed.IssuedAt);
        Assert.Equal(Now.AddMinutes(30), completed.Expires);
        Assert.Equal(Now.AddSeconds(42 + 600), new TwilioVideoTokenIssuer(new TwilioCredentials(AccountSid, ApiKeySid, Secret), new TwilioVideoTokenIssuerOptions { TimeProvider = clock, Lifetime = TimeSpan.FromMinutes(10) }).Complete(completed with { Expires = null }).Expires);
    }

    [Fact]
    public void Issuer_refuses_too_long_tokens_blank_identities_and_other_accounts()
    {
        using var issuer = new TwilioVideoTokenIssuer(new TwilioCredentials(AccountSid, ApiKeySid, Secret), new TwilioVideoTokenIssuerOptions { TimeProvider = new ManualTimeProvider(Now) });
        var tooLong = Assert.Throws<JwtPayloadValidationException>(() => issuer.Issue(new TwilioVideoToken { Grants = Full.Grants, Expires = Now.AddDays(1).AddSeconds(1) }));
        Assert.Equal("exp", Assert.Single(tooLong.Problems).Claim);
        var blank = Assert.Throws<JwtPayloadValidationException>(() => issuer.Issue(""));
        Assert.Equal("grants.identity", Assert.Single(blank.Problems).Claim);
        Assert.Contains("'sub'", Assert.Throws<ArgumentException>(() => issuer.Issue(Full with { AccountSid = "AC" + new string('1', 32) })).Message);
        Assert.Contains("'iss'", Assert.Throws<ArgumentException>(() => issuer.Issue(Full with { ApiKeySid = "SK" + new string('1', 32) })).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new TwilioVideoTokenIssuer(new TwilioCredentials(AccountSid, ApiKeySid, Secret), new TwilioVideoTokenIssuerOptions { Lifetime = TimeSpan.FromSeconds(86_401) }));
    }

    [Fact]
    public async Task IdentityModel_validates_an_issued_token_with_the_same_claims()
    {
        DateTimeOffset now = WholeSecondsNow();
        using var issuer = new TwilioVideoTokenIssuer(new TwilioCredentials(AccountSid, ApiKeySid, Secret), new TwilioVideoTokenIssuerOptions { TimeProvider = new ManualTimeProvider(now) });
        string token = issuer.Issue("alice", "DailyStandup");

        JsonWebToken jwt = await ValidateWithIdentityModel(token, Key);
        Assert.Equal("twilio-fpa;v=1", jwt.Cty);
        Assert.Equal(ApiKeySid + "-" + now.ToUnixTimeSeconds(), jwt.Id);
        Assert.Equal(ApiKeySid, jwt.Issuer);
        Assert.Equal(AccountSid, jwt.Subject);
        Assert.Equal(now.AddHours(1).ToUnixTimeSeconds(), jwt.GetPayloadValue<long>("exp"));
        JsonElement grants = jwt.GetPayloadValue<JsonElement>("grants");
        Assert.Equal("alice", grants.GetProperty("identity").GetString());
        Assert.Equal("DailyStandup", grants.GetProperty("video").GetProperty("room").GetString());
    }

    [Fact]
    public void Verifier_refuses_a_signed_token_with_a_two_day_lifetime()
    {
        TwilioVideoToken twoDays = Full with { Expires = Now.AddDays(2) };
        AssertVerifyRefusesClaims<TwilioVideoToken>(SignWithoutValidating(twoDays, Key), Key, Now.AddSeconds(1));
        AssertSignRefuses(twoDays, Key, "exp");
        Assert.Equal(Full, Verify<TwilioVideoToken>(SignWithoutValidating(Full, Key), Key, Now.AddSeconds(1)));
    }

    [Fact]
    public void Iat_is_optional_when_reading_and_the_day_limit_then_counts_from_nbf()
    {
        TwilioVideoToken noIat = Full with { IssuedAt = null };
        Assert.True(noIat.Validate().IsValid);
        Assert.Equal(noIat, Verify<TwilioVideoToken>(SignWithoutValidating(noIat, Key), Key, Now.AddSeconds(1)));
        ClaimProblem tooLong = Assert.Single((noIat with { Expires = Now.AddDays(1) }).Validate().Problems);
        Assert.Equal("'exp' is more than 86400 seconds after 'nbf'", tooLong.ToString());
        Assert.True((noIat with { Expires = Now.AddSeconds(86_390) }).Validate().IsValid);
    }

    [Theory]
    [InlineData("SK0123456789abcdef0123456789abcdef", "AC0123456789abcdef0123456789abcdef", null, null)]
    [InlineData("SK0123456789ABCDEF0123456789ABCDEF", "AC0123456789abcdef0123456789abcdef", null, null)]
    [InlineData("AC0123456789abcdef0123456789abcdef", "SK0123456789abcdef0123456789abcdef", "iss", "sub")]
    [InlineData("SK0123456789abcdef0123456789abcde", "AC0123456789abcdef0123456789abcdef0", "iss", "sub")]
    [InlineData("sk0123456789abcdef0123456789abcdef", "ACxyz3456789abcdef0123456789abcdef", "iss", "sub")]
    public void The_SIDs_are_checked_by_prefix_and_length_naming_the_claim(string iss, string sub, string? issProblem, string? subProblem)
    {
        string?[] expected = new[] { issProblem, subProblem }.Where(c => c is not null).ToArray();
        TwilioVideoToken token = Full with { ApiKeySid = iss, AccountSid = sub };
        Assert.Equal(expected, token.Validate().Problems.Select(p => p.Claim));
        if (expected.Length != 0)
        {
            AssertSignRefuses(token, Key, expected[0]!);
        }
    }

    [Fact]
    public void Swapped_SIDs_are_named_as_swapped_when_signing_and_when_creating_an_issuer()
    {
        ClaimValidationResult swapped = (Full with { ApiKeySid = AccountSid, AccountSid = ApiKeySid }).Validate();
        Assert.All(swapped.Problems, p => Assert.Contains("20103", p.Message));
        var error = Assert.Throws<ArgumentException>(() => new TwilioVideoTokenIssuer(new TwilioCredentials(ApiKeySid, AccountSid, Secret)));
        Assert.Equal("AccountSid", error.ParamName);
        Assert.Contains("'sub'", error.Message);
        Assert.Contains("API key SID", error.Message);
        error = Assert.Throws<ArgumentException>(() => new TwilioVideoTokenIssuer(new TwilioCredentials(AccountSid, AccountSid, Secret)));
        Assert.Equal("ApiKeySid", error.ParamName);
        Assert.Contains("'iss'", error.Message);
        Assert.Throws<ArgumentException>(() => new TwilioVideoTokenIssuer(new TwilioCredentials(AccountSid, "SK123", Secret)));
    }

    [Fact]
    public void The_region_is_written_to_the_twr_header_last()
    {
        using var issuer = new TwilioVideoTokenIssuer(new TwilioCredentials(AccountSid, ApiKeySid, Secret), new TwilioVideoTokenIssuerOptions { TimeProvider = new ManualTimeProvider(Now), Region = "ie1" });
        Assert.Equal("ie1", issuer.Region);
        Assert.Equal("""{"alg":"HS256","typ":"JWT","cty":"twilio-fpa;v=1","twr":"ie1"}""", HeaderJson(issuer.Issue("alice")));
        Assert.Equal(Full, Verify<TwilioVideoToken>(issuer.Issue(Full), Key, Now));
        Assert.Throws<ArgumentException>(() => new TwilioVideoTokenIssuer(new TwilioCredentials(AccountSid, ApiKeySid, Secret), new TwilioVideoTokenIssuerOptions { Region = "US1" }));
        Assert.Throws<ArgumentException>(() => new TwilioVideoTokenIssuer(new TwilioCredentials(AccountSid, ApiKeySid, Secret), new TwilioVideoTokenIssuerOptions { Region = "" }));
        Assert.Throws<ArgumentException>(() => new TwilioVideoTokenIssuer(new TwilioCredentials(AccountSid, ApiKeySid, Secret), new TwilioVideoTokenIssuerOptions { Region = "us1\"x" }));
        var unknown = Assert.Throws<ArgumentException>(() => new TwilioVideoTokenIssuer(new TwilioCredentials(AccountSid, ApiKeySid, Secret), new TwilioVideoTokenIssuerOptions { Region = "eu9" }));
        Assert.Equal("Region", unknown.ParamName);
        Assert.Contains("us1", unknown.Message, StringComparison.Ordinal);
    }
}
