using System;
using System.Linq;
using TokenSchema.StreamVideo;
using Xunit;
using static TokenSchema.Tests.Platforms.PlatformTestSupport;

namespace TokenSchema.Tests.Platforms.StreamVideo;

public sealed class StreamVideoTokenTests
{
    private const string Secret = "stream-demo-api-secret-0123456789abcdef";
    private static readonly byte[] Key = KeyOf(Secret);
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    [Fact]
    public void A_call_token_is_written_in_the_order_the_Stream_SDK_writes_it()
    {
        using var signer = new JwtSigner(Key);
        var token = new StreamVideoToken { UserId = "alice", CallCids = ["default:standup"], Role = "admin", IssuedAt = Now, Expires = Now.AddHours(1) };
        Assert.Equal("""{"user_id":"alice","call_cids":["default:standup"],"role":"admin","iat":1800000000,"exp":1800003600}""", PayloadJson(signer.Sign(token)));
        Assert.Equal("""{"alg":"HS256","typ":"JWT"}""", HeaderJson(signer.Sign(token)));
    }

    [Fact]
    public void The_issuer_backdates_iat_by_one_second_gives_an_hour_and_does_not_write_validity_in_seconds()
    {
        using var issuer = new StreamVideoTokenIssuer(new StreamVideoCredentials(Secret), new StreamVideoTokenIssuerOptions { TimeProvider = new ManualTimeProvider(Now.AddMilliseconds(300)) });
        Assert.Equal("""{"user_id":"alice","iat":1799999999,"exp":1800003599}""", PayloadJson(issuer.IssueUserToken("alice")));
        string call = issuer.Issue(new StreamVideoToken { UserId = "bob", CallCids = ["livestream:town-hall"], ValidityInSeconds = 600 });
        Assert.Equal("""{"user_id":"bob","call_cids":["livestream:town-hall"],"iat":1799999999,"exp":1800000599}""", PayloadJson(call));
        Assert.Equal(Now.AddSeconds(1), issuer.Complete(new StreamVideoToken { UserId = "c", Expires = Now.AddSeconds(1), ValidityInSeconds = 600 }).Expires);
        Assert.Throws<ArgumentOutOfRangeException>(() => issuer.Complete(new StreamVideoToken { UserId = "c", ValidityInSeconds = 0 }));
    }

    [Fact]
    public void Validity_in_seconds_is_read_from_SDK_tokens()
    {
        StreamVideoToken read = Read<StreamVideoToken>("""{"user_id":"alice","validity_in_seconds":600,"iat":1800000000,"exp":1800000600}""");
        Assert.Equal(600, read.ValidityInSeconds);
        Assert.Equal(new StreamVideoToken { UserId = "alice", ValidityInSeconds = 600, IssuedAt = Now, Expires = Now.AddSeconds(600) }, read);
    }

    [Theory]
    [InlineData("default:standup", true)]
    [InlineData("livestream:town-hall_2", true)]
    [InlineData("standup", false)]
    [InlineData(":standup", false)]
    [InlineData("default:", false)]
    [InlineData("a:b:c", false)]
    [InlineData("default:stand up", false)]
    public void Call_cids_are_type_colon_id(string cid, bool valid)
    {
        Assert.Equal(valid, StreamVideoToken.IsCallCid(cid));
        var token = new StreamVideoToken { UserId = "alice", CallCids = ["default:ok", cid], Expires = Now };
        Assert.Equal(valid ? [] : ["call_cids"], token.Validate().Problems.Select(p => p.Claim));
    }

    [Fact]
    public void User_id_is_required_and_equality_compares_call_cids_by_content()
    {
        Assert.Equal("user_id", Assert.Single(new StreamVideoToken { UserId = "" }.Validate().Problems).Claim);
        AssertReadError<StreamVideoToken>("""{"iat":1}""", ClaimReadErrorKind.MissingClaim, "user_id");
        AssertReadError<StreamVideoToken>("""{"user_id":"a","call_cids":"default:x"}""", ClaimReadErrorKind.WrongType, "call_cids");
        var a = new StreamVideoToken { UserId = "a", CallCids = ["default:x"] };
        Assert.Equal(a, a with { CallCids = ["default:x"] });
        Assert.Equal(a.GetHashCode(), (a with { CallCids = ["default:x"] }).GetHashCode());
        Assert.NotEqual(a, a with { CallCids = ["default:y"] });
        Assert.NotEqual(a, a with { CallCids = null });
        Assert.NotEqual(a, a with { Role = "admin" });
    }
}
