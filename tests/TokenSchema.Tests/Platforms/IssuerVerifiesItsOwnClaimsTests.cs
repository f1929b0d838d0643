using System;
using TokenSchema.Daily;
using TokenSchema.DigitalSamba;
using TokenSchema.Hms;
using TokenSchema.Jitsi;
using TokenSchema.LiveKit;
using TokenSchema.Twilio;
using TokenSchema.Zoom;
using Xunit;

namespace TokenSchema.Tests.Platforms;

/// <summary>
/// An issuer's <c>TryVerify</c> refuses what its <c>Complete</c> refuses to sign: a token naming another domain, access
/// key, app, team or account, signed with the same secret. And it refuses an <c>iat</c> in the future, from which
/// Twilio's and Zoom's lifetime rules are measured.
/// </summary>
public sealed class IssuerVerifiesItsOwnClaimsTests
{
    private const string Secret = "platform-issuer-secret-of-at-least-32-bytes";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
    private static ManualTimeProvider Clock => new(Now);

    private static void AssertRefusedNaming<T>(PlatformTokenIssuer<T> issuer, PlatformTokenIssuer<T> sameSecretOtherId, T token, string claim, JwtError expected = JwtError.InvalidClaims)
        where T : IJwtPayload<T>
    {
        using (issuer)
        using (sameSecretOtherId)
        {
            Assert.True(issuer.TryVerifyDetailed(issuer.Issue(token), out T? _, out JwtVerificationFailure failure), failure.ToString());
            string foreign = sameSecretOtherId.Issue(token);
            Assert.False(issuer.TryVerifyDetailed(foreign, out T? payload, out failure));
            Assert.Null(payload);
            Assert.Equal(expected, failure.Error);
            Assert.Equal(claim, failure.Claim ?? Assert.Single(failure.Problems).Claim);

            // The same check as Complete's: the payload read back from the foreign token cannot be signed either.
            Assert.True(sameSecretOtherId.TryVerify(foreign, out T? read, out _));
            Assert.Throws<ArgumentException>(() => issuer.Complete(read));
        }
    }

    [Fact]
    public void Daily_refuses_another_domain() => AssertRefusedNaming(
        new DailyTokenIssuer(new DailyCredentials(Secret, Guid.Parse("25df5057-ef0d-4d97-bde6-0cf287276cbb")), new DailyTokenIssuerOptions { TimeProvider = Clock }),
        new DailyTokenIssuer(new DailyCredentials(Secret, Guid.Parse("7c1e5057-ef0d-4d97-bde6-0cf287276cbb")), new DailyTokenIssuerOptions { TimeProvider = Clock }),
        new DailyToken { RoomName = "standup" }, "d");

    [Fact]
    public void Hms_refuses_another_access_key() => AssertRefusedNaming(
        new HmsTokenIssuer(new HmsCredentials("access", Secret), new HmsTokenIssuerOptions { TimeProvider = Clock }),
        new HmsTokenIssuer(new HmsCredentials("other-access", Secret), new HmsTokenIssuerOptions { TimeProvider = Clock }),
        new HmsToken { Type = HmsTokenType.App, RoomId = "r", Role = "host", TokenId = "0b5c1f7e-2d4a-4e8b-9c3f-6a1d2e3f4a5b" }, "access_key");

    [Fact]
    public void Zoom_refuses_another_app_key() => AssertRefusedNaming(
        new ZoomVideoSdkTokenIssuer(new ZoomVideoSdkCredentials("sdk-key", Secret), new ZoomVideoSdkTokenIssuerOptions { TimeProvider = Clock }),
        new ZoomVideoSdkTokenIssuer(new ZoomVideoSdkCredentials("other-sdk-key", Secret), new ZoomVideoSdkTokenIssuerOptions { TimeProvider = Clock }),
        new ZoomVideoSdkToken { SessionName = "standup", RoleType = ZoomRoleType.Host }, "app_key");

    [Fact]
    public void Digital_Samba_refuses_another_team() => AssertRefusedNaming(
        new DigitalSambaTokenIssuer(new DigitalSambaCredentials("6f1c7c2e-0000-4000-8000-000000000001", Secret), new DigitalSambaTokenIssuerOptions { TimeProvider = Clock }),
        new DigitalSambaTokenIssuer(new DigitalSambaCredentials("6f1c7c2e-0000-4000-8000-000000000002", Secret), new DigitalSambaTokenIssuerOptions { TimeProvider = Clock }),
        new DigitalSambaToken { RoomId = "weekly-standup", UserName = "Ada" }, "td");

    [Fact]
    public void Twilio_refuses_another_account() => AssertRefusedNaming(
        new TwilioVideoTokenIssuer(new TwilioCredentials("AC0123456789abcdef0123456789abcdef", "SKfedcba9876543210fedcba9876543210", Secret), new TwilioVideoTokenIssuerOptions { TimeProvider = Clock }),
        new TwilioVideoTokenIssuer(new TwilioCredentials("AC1123456789abcdef0123456789abcdef", "SKfedcba9876543210fedcba9876543210", Secret), new TwilioVideoTokenIssuerOptions { TimeProvider = Clock }),
        new TwilioVideoToken { Grants = new TwilioGrants { Identity = "alice", Video = new TwilioVideoGrant() } }, "sub");

    [Fact]
    public void Twilio_refuses_another_api_key() => AssertRefusedNaming(
        new TwilioVideoTokenIssuer(new TwilioCredentials("AC0123456789abcdef0123456789abcdef", "SKfedcba9876543210fedcba9876543210", Secret), new TwilioVideoTokenIssuerOptions { TimeProvider = Clock }),
        new TwilioVideoTokenIssuer(new TwilioCredentials("AC0123456789abcdef0123456789abcdef", "SK1edcba9876543210fedcba9876543210", Secret), new TwilioVideoTokenIssuerOptions { TimeProvider = Clock }),
        new TwilioVideoToken { Grants = new TwilioGrants { Identity = "alice", Video = new TwilioVideoGrant() } }, "iss", JwtError.InvalidIssuer);

    [Fact]
    public void LiveKit_refuses_another_api_key() => AssertRefusedNaming(
        new LiveKitTokenIssuer(new LiveKitCredentials("APIkey", Secret), new LiveKitTokenIssuerOptions { TimeProvider = Clock }),
        new LiveKitTokenIssuer(new LiveKitCredentials("APIother", Secret), new LiveKitTokenIssuerOptions { TimeProvider = Clock }),
        new LiveKitToken { Identity = "alice", Video = new LiveKitVideoGrant { Room = "r", RoomJoin = true } }, "iss", JwtError.InvalidIssuer);

    [Fact]
    public void Jitsi_refuses_another_app() => AssertRefusedNaming(
        new JitsiTokenIssuer(new JitsiCredentials("app", Secret), new JitsiTokenIssuerOptions { TimeProvider = Clock }),
        new JitsiTokenIssuer(new JitsiCredentials("other-app", Secret), new JitsiTokenIssuerOptions { TimeProvider = Clock }),
        new JitsiToken { Room = "standup" }, "iss", JwtError.InvalidIssuer);

    [Fact]
    public void Twilio_refuses_an_iat_in_the_future_with_or_without_nbf()
    {
        using var issuer = new TwilioVideoTokenIssuer(new TwilioCredentials("AC0123456789abcdef0123456789abcdef", "SKfedcba9876543210fedcba9876543210", Secret), new TwilioVideoTokenIssuerOptions { TimeProvider = Clock });
        var grants = new TwilioGrants { Identity = "alice", Video = new TwilioVideoGrant() };
        DateTimeOffset later = Now.AddYears(10);
        foreach (DateTimeOffset? notBefore in new DateTimeOffset?[] { null, Now.AddSeconds(-10) })
        {
            string token = issuer.Issue(new TwilioVideoToken { Grants = grants, IssuedAt = later, NotBefore = notBefore, Expires = later.AddHours(23) });
            Assert.False(issuer.TryVerifyDetailed(token, out TwilioVideoToken? _, out JwtVerificationFailure failure));
            Assert.Equal((JwtError.IssuedInTheFuture, "iat"), (failure.Error, failure.Claim));
        }

        Assert.True(issuer.TryVerifyDetailed(issuer.Issue(new TwilioVideoToken { Grants = grants, IssuedAt = Now.AddSeconds(30) }), out TwilioVideoToken? _, out JwtVerificationFailure ok), ok.ToString());
    }

    [Fact]
    public void Zoom_refuses_an_iat_in_the_future()
    {
        using var issuer = new ZoomVideoSdkTokenIssuer(new ZoomVideoSdkCredentials("sdk-key", Secret), new ZoomVideoSdkTokenIssuerOptions { TimeProvider = Clock });
        DateTimeOffset later = Now.AddYears(10);
        string token = issuer.Issue(new ZoomVideoSdkToken { SessionName = "standup", RoleType = ZoomRoleType.Host, IssuedAt = later, Expires = later.AddHours(47) });
        Assert.False(issuer.TryVerifyDetailed(token, out ZoomVideoSdkToken? _, out JwtVerificationFailure failure));
        Assert.Equal((JwtError.IssuedInTheFuture, "iat"), (failure.Error, failure.Claim));
    }
}
