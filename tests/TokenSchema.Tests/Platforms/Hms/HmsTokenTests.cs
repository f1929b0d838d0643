using System;
using System.Linq;
using TokenSchema.Hms;
using Xunit;
using static TokenSchema.Tests.Platforms.PlatformTestSupport;

namespace TokenSchema.Tests.Platforms.Hms;

public sealed class HmsTokenTests
{
    private const string AccessKey = "6523b7c1f2a0c4e5d1a2b3c4";
    private const string Secret = "hms-demo-app-secret-0123456789abcdef";
    private static readonly byte[] Key = KeyOf(Secret);
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    private static HmsToken App => new()
    {
        AccessKey = AccessKey,
        Type = HmsTokenType.App,
        IssuedAt = Now,
        NotBefore = Now,
        Expires = Now.AddHours(24),
        RoomId = "65f0a1b2c3d4e5f6a7b8c9d0",
        Role = "host",
        UserId = "alice",
        TokenId = "0b5c1f7e-2d4a-4e8b-9c3f-6a1d2e3f4a5b",
    };

    [Fact]
    public void Claims_are_written_in_the_order_the_100ms_SDK_writes_them()
    {
        using var signer = new JwtSigner(Key);
        Assert.Equal(
            """{"access_key":"6523b7c1f2a0c4e5d1a2b3c4","type":"app","version":2,"iat":1800000000,"nbf":1800000000,"exp":1800086400,"room_id":"65f0a1b2c3d4e5f6a7b8c9d0","role":"host","user_id":"alice","jti":"0b5c1f7e-2d4a-4e8b-9c3f-6a1d2e3f4a5b"}""",
            PayloadJson(signer.Sign(App)));
        Assert.Equal("""{"alg":"HS256","typ":"JWT"}""", HeaderJson(signer.Sign(App)));
    }

    [Fact]
    public void Issuer_backdates_iat_and_nbf_by_10_seconds_gives_24_hours_and_a_UUID_v4_jti()
    {
        using var issuer = new HmsTokenIssuer(new HmsCredentials(AccessKey, Secret), new HmsTokenIssuerOptions { TimeProvider = new ManualTimeProvider(Now.AddMilliseconds(700)) });
        HmsToken token = Verify<HmsToken>(issuer.IssueAppToken("room-1", "guest"), Key, Now);
        Assert.Equal(Now.AddSeconds(-10), token.IssuedAt);
        Assert.Equal(Now.AddSeconds(-10), token.NotBefore);
        Assert.Equal(Now.AddSeconds(-10).AddHours(24), token.Expires);
        Assert.Equal(AccessKey, token.AccessKey);
        Assert.Equal(2, token.Version);
        Assert.Null(token.UserId);
        Assert.Equal(4, Guid.Parse(token.TokenId!).Version);
        Assert.NotEqual(token.TokenId, Verify<HmsToken>(issuer.IssueAppToken("room-1", "guest"), Key, Now).TokenId);

        using var custom = new HmsTokenIssuer(new HmsCredentials(AccessKey, Secret), new HmsTokenIssuerOptions { TimeProvider = new ManualTimeProvider(Now), Lifetime = TimeSpan.FromMinutes(5), Backdating = TimeSpan.Zero });
        HmsToken management = Verify<HmsToken>(custom.IssueManagementToken(), Key, Now);
        Assert.Equal((Now, Now, Now.AddMinutes(5)), (management.IssuedAt!.Value, management.NotBefore!.Value, management.Expires!.Value));
        string json = PayloadJson(custom.IssueManagementToken());
        string jti = Read<HmsToken>(json).TokenId!;
        Assert.Equal("""{"access_key":"6523b7c1f2a0c4e5d1a2b3c4","type":"management","version":2,"iat":1800000000,"nbf":1800000000,"exp":1800000300,"jti":""" + "\"" + jti + "\"}", json);
    }

    [Fact]
    public void An_app_token_needs_a_room_and_a_role_and_a_management_token_has_neither()
    {
        Assert.True(App.Validate().IsValid);
        Assert.Equal(["room_id", "role"], (App with { RoomId = null, Role = " " }).Validate().Problems.Select(p => p.Claim));
        HmsToken management = App with { Type = HmsTokenType.Management };
        Assert.Equal(["room_id", "role", "user_id"], management.Validate().Problems.Select(p => p.Claim));
        Assert.True((management with { RoomId = null, Role = null, UserId = null }).Validate().IsValid);
        AssertSignRefuses(App with { Role = null }, Key, "role");
        AssertVerifyRefusesClaims<HmsToken>(SignWithoutValidating(App with { Role = null }, Key), Key, Now);
    }

    [Fact]
    public void Access_key_exp_and_version_2_are_required()
    {
        var bare = new HmsToken { Type = HmsTokenType.Management, Version = 1 };
        Assert.Equal(["access_key", "version", "exp"], bare.Validate().Problems.Select(p => p.Claim));
    }

    [Theory]
    [InlineData("""{"type":"client","version":2}""", ClaimReadErrorKind.InvalidValue, "type")]
    [InlineData("""{"version":2}""", ClaimReadErrorKind.MissingClaim, "type")]
    [InlineData("""{"type":"app","version":"2"}""", ClaimReadErrorKind.WrongType, "version")]
    [InlineData("""{"type":"app","room_id":5}""", ClaimReadErrorKind.WrongType, "room_id")]
    public void Reading_refuses_wrong_types_and_values_naming_the_claim(string json, ClaimReadErrorKind kind, string claim) =>
        AssertReadError<HmsToken>(json, kind, claim);

    [Fact]
    public void Issuer_refuses_another_access_key_and_bad_settings()
    {
        using var issuer = new HmsTokenIssuer(new HmsCredentials(AccessKey, Secret), new HmsTokenIssuerOptions { TimeProvider = new ManualTimeProvider(Now) });
        Assert.Contains("'access_key'", Assert.Throws<ArgumentException>(() => issuer.Issue(App with { AccessKey = "other" })).Message);
        Assert.Equal("role", Assert.Single(Assert.Throws<JwtPayloadValidationException>(() => issuer.IssueAppToken("r", "")).Problems).Claim);
        Assert.Throws<ArgumentOutOfRangeException>(() => new HmsTokenIssuer(new HmsCredentials(AccessKey, Secret), new HmsTokenIssuerOptions { Backdating = TimeSpan.FromSeconds(-1) }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new HmsTokenIssuer(new HmsCredentials(AccessKey, Secret), new HmsTokenIssuerOptions { Lifetime = TimeSpan.Zero }));
        Assert.Throws<ArgumentException>(() => new HmsTokenIssuer(new HmsCredentials(" ", Secret)));
    }
}
