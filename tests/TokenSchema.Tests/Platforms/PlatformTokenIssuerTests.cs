using System;
using System.Buffers;
using System.Text;
using TokenSchema.Hms;
using TokenSchema.Jitsi;
using TokenSchema.LiveKit;
using TokenSchema.StreamVideo;
using TokenSchema.Daily;
using TokenSchema.DigitalSamba;
using TokenSchema.Twilio;
using TokenSchema.Zoom;
using Xunit;
using static TokenSchema.Tests.Platforms.PlatformTestSupport;

namespace TokenSchema.Tests.Platforms;

/// <summary>The shape the platform issuers share: Issue, TryIssue into a span, Issue into a buffer writer, IssueAll.</summary>
public sealed class PlatformTokenIssuerTests
{
    private const string Secret = "platform-issuer-secret-of-at-least-32-bytes";
    private static readonly byte[] Key = KeyOf(Secret);
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
    private static ManualTimeProvider Clock => new(Now);

    private static void AssertEveryPathSignsTheSameToken<T>(PlatformTokenIssuer<T> issuer, T token, T invalid) where T : IJwtPayload<T>
    {
        using (issuer)
        {
            string expected = issuer.Issue(token);
            Span<byte> buffer = stackalloc byte[2048];
            Assert.True(issuer.TryIssue(token, buffer, out int written));
            Assert.Equal(expected, Encoding.ASCII.GetString(buffer[..written]));
            Assert.False(issuer.TryIssue(token, buffer[..10], out int none));
            Assert.Equal(0, none);

            var output = new ArrayBufferWriter<byte>();
            Assert.Equal(expected.Length, issuer.Issue(token, output));
            Assert.Equal(expected, Encoding.ASCII.GetString(output.WrittenSpan));

            string[] all = issuer.IssueAll([token, token, token]);
            Assert.Equal([expected, expected, expected], all);
            Assert.Equal(expected.Split('.')[0], Forge.Base64Url(Encoding.UTF8.GetString(issuer.HeaderJson.Span)));
            Verify<T>(expected, Key, Now);
            Assert.True(issuer.TryVerifyDetailed(expected, out T? read, out JwtVerificationFailure failure), failure.ToString());
            Assert.Equal(expected, issuer.Issue(read));
            using (var other = JwtSigner.FromSecret(Secret + "!"))
            {
                Assert.False(issuer.TryVerifyDetailed(other.Sign(read), out T? _, out failure));
                Assert.Equal(JwtError.BadSignature, failure.Error);
            }

            Assert.Throws<JwtPayloadValidationException>(() => issuer.Issue(invalid));
            Assert.Throws<JwtPayloadValidationException>(() => issuer.TryIssue(invalid, new byte[2048], out _));
            var error = Assert.Throws<JwtPayloadValidationException>(() => issuer.IssueAll([token, invalid]));
            Assert.Equal(1, error.Index);
        }

        Assert.Throws<ObjectDisposedException>(() => issuer.Issue(token));
    }

    [Fact]
    public void LiveKit() => AssertEveryPathSignsTheSameToken(new LiveKitTokenIssuer(new LiveKitCredentials("APIkey", Secret), new LiveKitTokenIssuerOptions { TimeProvider = Clock }),
        new LiveKitToken { Identity = "alice", Video = new LiveKitVideoGrant { Room = "r", RoomJoin = true } },
        new LiveKitToken { Video = new LiveKitVideoGrant { Room = "r", RoomJoin = true } });

    [Fact]
    public void Twilio() => AssertEveryPathSignsTheSameToken(
        new TwilioVideoTokenIssuer(new TwilioCredentials("AC0123456789abcdef0123456789abcdef", "SKfedcba9876543210fedcba9876543210", Secret), new TwilioVideoTokenIssuerOptions { TimeProvider = Clock, Region = "us1" }),
        new TwilioVideoToken { Grants = new TwilioGrants { Identity = "alice", Video = new TwilioVideoGrant() } },
        new TwilioVideoToken { Grants = new TwilioGrants { Identity = "", Video = new TwilioVideoGrant() } });

    [Fact]
    public void Hms() => AssertEveryPathSignsTheSameToken(new HmsTokenIssuer(new HmsCredentials("access", Secret), new HmsTokenIssuerOptions { TimeProvider = Clock }),
        new HmsToken { Type = HmsTokenType.App, RoomId = "r", Role = "host", TokenId = "0b5c1f7e-2d4a-4e8b-9c3f-6a1d2e3f4a5b" },
        new HmsToken { Type = HmsTokenType.App, RoomId = "r" });

    [Fact]
    public void StreamVideo() => AssertEveryPathSignsTheSameToken(new StreamVideoTokenIssuer(new StreamVideoCredentials(Secret), new StreamVideoTokenIssuerOptions { TimeProvider = Clock }),
        new StreamVideoToken { UserId = "alice", CallCids = ["default:standup"] },
        new StreamVideoToken { UserId = "alice", CallCids = ["standup"] });

    [Fact]
    public void Jitsi() => AssertEveryPathSignsTheSameToken(new JitsiTokenIssuer(new JitsiCredentials("app", Secret), new JitsiTokenIssuerOptions { TimeProvider = Clock }),
        new JitsiToken { Room = "standup", Subject = "meet.example.com" },
        new JitsiToken { Room = "standup", Subject = "Meet.Example.com" });

    [Fact]
    public void Zoom() => AssertEveryPathSignsTheSameToken(new ZoomVideoSdkTokenIssuer(new ZoomVideoSdkCredentials("sdk-key", Secret), new ZoomVideoSdkTokenIssuerOptions { TimeProvider = Clock }),
        new ZoomVideoSdkToken { SessionName = "standup", RoleType = ZoomRoleType.Host },
        new ZoomVideoSdkToken { SessionName = new string('s', 201), RoleType = ZoomRoleType.Host });

    [Fact]
    public void DigitalSamba() => AssertEveryPathSignsTheSameToken(new DigitalSambaTokenIssuer(new DigitalSambaCredentials("6f1c7c2e-0000-4000-8000-000000000001", Secret), new DigitalSambaTokenIssuerOptions { TimeProvider = Clock }),
        new DigitalSambaToken { RoomId = "weekly-standup", UserName = "Ada" },
        new DigitalSambaToken { RoomId = " " });

    [Fact]
    public void The_matching_verifier_refuses_a_token_naming_another_key_or_audience()
    {
        using var issuer = new LiveKitTokenIssuer(new LiveKitCredentials("APIkey", Secret), new LiveKitTokenIssuerOptions { TimeProvider = Clock });
        using var sameSecretOtherKey = new LiveKitTokenIssuer(new LiveKitCredentials("APIother", Secret), new LiveKitTokenIssuerOptions { TimeProvider = Clock });
        Assert.False(issuer.TryVerifyDetailed(sameSecretOtherKey.IssueJoin("alice", "r"), out LiveKitToken? _, out JwtVerificationFailure failure));
        Assert.Equal(JwtError.InvalidIssuer, failure.Error);

        using var jitsi = new JitsiTokenIssuer(new JitsiCredentials("app", Secret), new JitsiTokenIssuerOptions { TimeProvider = Clock });
        using var otherAudience = new JitsiTokenIssuer(new JitsiCredentials("app", Secret), new JitsiTokenIssuerOptions { TimeProvider = Clock, Audience = "meet" });
        Assert.False(jitsi.TryVerifyDetailed(otherAudience.Issue(new JitsiToken { Room = "r" }), out JitsiToken? _, out failure));
        Assert.Equal(JwtError.InvalidAudience, failure.Error);
        Assert.True(jitsi.TryVerify(jitsi.Issue(new JitsiToken { Room = "r" }), out JitsiToken? _, out _));

        using var later = new StreamVideoTokenIssuer(new StreamVideoCredentials(Secret), new StreamVideoTokenIssuerOptions { TimeProvider = new ManualTimeProvider(Now.AddHours(2)) });
        using var stream = new StreamVideoTokenIssuer(new StreamVideoCredentials(Secret), new StreamVideoTokenIssuerOptions { TimeProvider = Clock });
        Assert.False(later.TryVerifyDetailed(stream.IssueUserToken("alice"), out StreamVideoToken? _, out failure));
        Assert.Equal(JwtError.Expired, failure.Error);
    }

    [Fact]
    public void Daily() => AssertEveryPathSignsTheSameToken(new DailyTokenIssuer(new DailyCredentials(Secret, Guid.Parse("25df5057-ef0d-4d97-bde6-0cf287276cbb")), new DailyTokenIssuerOptions { TimeProvider = Clock }),
        new DailyToken { RoomName = "standup", IsOwner = true },
        new DailyToken { RoomName = "standup", UserId = new string('u', 37) });

    [Fact]
    public void Dailys_length_limit_applies_on_every_path()
    {
        using var issuer = new DailyTokenIssuer(new DailyCredentials(Secret, Guid.Parse("25df5057-ef0d-4d97-bde6-0cf287276cbb")), new DailyTokenIssuerOptions { TimeProvider = Clock });
        var overlong = new DailyToken { RoomName = "standup", UserName = new string('n', 2100) };
        Assert.Throws<InvalidOperationException>(() => issuer.Issue(overlong));
        Assert.Throws<InvalidOperationException>(() => issuer.TryIssue(overlong, new byte[8192], out _));
        Assert.Throws<InvalidOperationException>(() => issuer.Issue(overlong, new ArrayBufferWriter<byte>()));
        Assert.Throws<InvalidOperationException>(() => issuer.IssueAll([overlong]));
        using var permissive = new DailyTokenIssuer(new DailyCredentials(Secret, Guid.Parse("25df5057-ef0d-4d97-bde6-0cf287276cbb")), new DailyTokenIssuerOptions { TimeProvider = Clock, RejectOverlongTokens = false });
        Assert.True(DailyTokenIssuer.ExceedsRecommendedLength(permissive.Issue(overlong)));
    }
}
