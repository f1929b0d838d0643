using System;
using System.Linq;
using System.Text.Json;
using TokenSchema.Jitsi;
using Xunit;
using static TokenSchema.Tests.Platforms.PlatformTestSupport;

namespace TokenSchema.Tests.Platforms.Jitsi;

public sealed class JitsiTokenTests
{
    private const string AppId = "my_client";
    private const string Secret = "jitsi-demo-app-secret-0123456789abcdef";
    private static readonly byte[] Key = KeyOf(Secret);
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    // Jitsi Meet's documented example payload, as its documentation prints it (without the whitespace).
    private const string DocumentedPayload =
        """{"context":{"user":{"avatar":"https:/gravatar.com/avatar/abc123","name":"John Doe","email":"jdoe@example.com","id":"abcd:a1b2c3-d4e5f6-0abc1-23de-abcdef01fedcba"},"group":"a123-123-456-789"},"aud":"jitsi","iss":"my_client","sub":"meet.jit.si","room":"*","exp":1500006923}""";

    private static JitsiToken Documented => new()
    {
        Context = new JitsiContext
        {
            User = new JitsiUser
            {
                Avatar = "https:/gravatar.com/avatar/abc123",
                Name = "John Doe",
                Email = "jdoe@example.com",
                Id = "abcd:a1b2c3-d4e5f6-0abc1-23de-abcdef01fedcba",
            },
            Group = "a123-123-456-789",
        },
        Audience = "jitsi",
        AppId = AppId,
        Subject = "meet.jit.si",
        Room = JitsiToken.Any,
        Expires = DateTimeOffset.FromUnixTimeSeconds(1500006923),
    };

    [Fact]
    public void The_documented_example_payload_is_reproduced_byte_for_byte_and_reads_back_equal()
    {
        using var signer = new JwtSigner(Key);
        string token = signer.Sign(Documented);
        Assert.Equal(DocumentedPayload, PayloadJson(token));
        Assert.Equal("""{"alg":"HS256","typ":"JWT"}""", HeaderJson(token));
        Assert.Equal(Documented, Read<JitsiToken>(DocumentedPayload));
    }

    [Fact]
    public void The_issuer_fills_iss_aud_nbf_backdated_by_10_seconds_and_a_one_hour_exp()
    {
        using var issuer = new JitsiTokenIssuer(new JitsiCredentials(AppId, Secret), new JitsiTokenIssuerOptions { TimeProvider = new ManualTimeProvider(Now.AddMilliseconds(400)) });
        string token = issuer.Issue(new JitsiToken { Subject = "meet.example.com", Room = "standup", Context = new JitsiContext { User = new JitsiUser { Id = "alice" } } });
        Assert.Equal("""{"context":{"user":{"id":"alice"}},"aud":"jitsi","iss":"my_client","sub":"meet.example.com","room":"standup","exp":1800003600,"nbf":1799999990}""", PayloadJson(token));
        Assert.Contains("'iss'", Assert.Throws<ArgumentException>(() => issuer.Issue(Documented with { AppId = "other" })).Message);
        Assert.Throws<ArgumentException>(() => new JitsiTokenIssuer(new JitsiCredentials(AppId, Secret), new JitsiTokenIssuerOptions { Audience = " " }));
    }

    [Fact]
    public void Aud_iss_room_and_exp_are_required_and_sub_must_be_lower_case()
    {
        Assert.True(Documented.Validate().IsValid);
        Assert.Equal(["aud", "iss", "room", "exp"], new JitsiToken().Validate().Problems.Select(p => p.Claim));
        ClaimProblem upper = Assert.Single((Documented with { Subject = "Meet.Example.com" }).Validate().Problems);
        Assert.Equal("sub", upper.Claim);
        AssertSignRefuses(Documented with { Subject = "Tenant" }, Key, "sub");
        AssertVerifyRefusesClaims<JitsiToken>(SignWithoutValidating(Documented with { Subject = "Tenant", Expires = Now.AddHours(1) }, Key), Key, Now);
    }

    [Theory]
    [InlineData("""{"context":{"user":{"id":42}}}""", "context.user.id")]
    [InlineData("""{"context":{"user":{"name":true}}}""", "context.user.name")]
    [InlineData("""{"context":{"user":{"avatar":{}}}}""", "context.user.avatar")]
    [InlineData("""{"context":{"group":1}}""", "context.group")]
    public void User_fields_that_are_not_strings_are_refused_naming_the_claim(string json, string claim) =>
        AssertReadError<JitsiToken>(json, ClaimReadErrorKind.WrongType, claim);

    [Fact]
    public void Blank_user_fields_are_refused_and_features_and_callee_are_kept_as_given()
    {
        ClaimProblem blank = Assert.Single((Documented with { Context = new JitsiContext { User = new JitsiUser { Name = " " } } }).Validate().Problems);
        Assert.Equal("context.user.name", blank.Claim);
        JitsiToken withFeatures = Read<JitsiToken>("""{"context":{"features":{"recording":"true","livestreaming":"false"},"callee":{"id":"b"}},"aud":"jitsi","iss":"a","room":"r","exp":1}""");
        Assert.Equal("true", withFeatures.Context!.Features!.Value.GetProperty("recording").GetString());
        Assert.Equal(withFeatures, withFeatures with { Context = withFeatures.Context with { Features = JsonDocument.Parse("""{"recording":"true","livestreaming":"false"}""").RootElement } });
        Assert.NotEqual(withFeatures, withFeatures with { Context = withFeatures.Context with { Features = JsonDocument.Parse("""{"recording":"false"}""").RootElement } });
    }
}
