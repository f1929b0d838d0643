using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.IdentityModel.JsonWebTokens;
using TokenSchema.Zoom;
using Xunit;
using static TokenSchema.Tests.Platforms.PlatformTestSupport;

namespace TokenSchema.Tests.Platforms.Zoom;

public sealed class ZoomVideoSdkTokenTests
{
    private const string SdkKey = "zoomDemoSdkKey123";
    private const string SdkSecret = "zoom-demo-video-sdk-secret-0123456789";
    private static readonly byte[] Key = KeyOf(SdkSecret);
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    private static ZoomVideoSdkToken Full => new()
    {
        AppKey = SdkKey,
        RoleType = ZoomRoleType.Host,
        SessionName = "Cool Cars",
        Version = 1,
        IssuedAt = Now,
        Expires = Now.AddHours(2),
        UserKey = "user123",
        SessionKey = "session123",
        GeoRegions = ZoomGeoRegions.UnitedStates | ZoomGeoRegions.Australia | ZoomGeoRegions.Germany,
        CloudRecordingOption = 1,
        CloudRecordingElection = 0,
        TelemetryTrackingId = "tracking-42",
        VideoWebRtcMode = 1,
        AudioWebRtcMode = 0,
    };

    [Fact]
    public void Every_claim_is_written_in_declaration_order_with_the_role_as_a_number_and_regions_as_a_comma_list()
    {
        using var signer = new JwtSigner(Key);
        string token = signer.Sign(Full);
        Assert.Equal(
            """{"app_key":"zoomDemoSdkKey123","role_type":1,"tpc":"Cool Cars","version":1,"iat":1800000000,"exp":1800007200,"user_key":"user123","session_key":"session123","geo_regions":"AU,DE,US","cloud_recording_option":1,"cloud_recording_election":0,"telemetry_tracking_id":"tracking-42","video_webrtc_mode":1,"audio_webrtc_mode":0}""",
            PayloadJson(token));
        Assert.Equal("""{"alg":"HS256","typ":"JWT"}""", HeaderJson(token));
    }

    [Fact]
    public void Issuer_output_is_the_documented_required_payload_byte_for_byte()
    {
        using var issuer = new ZoomVideoSdkTokenIssuer(new ZoomVideoSdkCredentials(SdkKey, SdkSecret), new ZoomVideoSdkTokenIssuerOptions { TimeProvider = new ManualTimeProvider(Now.AddMilliseconds(999)) });
        string expected = """{"app_key":"zoomDemoSdkKey123","role_type":0,"tpc":"weekly-standup","version":1,"iat":1800000000,"exp":1800007200}""";
        string token = issuer.Issue("weekly-standup", ZoomRoleType.Participant);
        Assert.Equal(Forge.Base64Url(expected), token.Split('.')[1]);
        Assert.Equal(TimeSpan.FromHours(2), issuer.Lifetime);
    }

    [Fact]
    public void Round_trip_with_every_claim_set_returns_an_equal_token()
    {
        using var issuer = new ZoomVideoSdkTokenIssuer(new ZoomVideoSdkCredentials(SdkKey, SdkSecret), new ZoomVideoSdkTokenIssuerOptions { TimeProvider = new ManualTimeProvider(Now) });
        Assert.Equal(Full, Verify<ZoomVideoSdkToken>(issuer.Issue(Full), Key, Now));
    }

    [Theory]
    [InlineData("AU,BR,CA,CN,DE,HK,IN,JP,MX,NL,SG,US", (ZoomGeoRegions)0xFFF)]
    [InlineData("US,AU,CA,IN,CN,BR,MX,HK,SG,JP,DE,NL", (ZoomGeoRegions)0xFFF)]
    [InlineData("us, nl", ZoomGeoRegions.UnitedStates | ZoomGeoRegions.Netherlands)]
    [InlineData("SG", ZoomGeoRegions.Singapore)]
    public void Geo_regions_read_in_any_order_and_case(string list, ZoomGeoRegions expected)
    {
        var token = Read<ZoomVideoSdkToken>($$"""{"role_type":0,"tpc":"t","geo_regions":"{{list}}"}""");
        Assert.Equal(expected, token.GeoRegions);
        Assert.Equal(ZoomRoleType.Participant, token.RoleType);
        Assert.Null(token.Version);
    }

    [Theory]
    [InlineData("""{"role_type":"1","tpc":"t"}""", ClaimReadErrorKind.WrongType, "role_type")]
    [InlineData("""{"role_type":2,"tpc":"t"}""", ClaimReadErrorKind.WrongType, "role_type")]
    [InlineData("""{"role_type":1,"tpc":7}""", ClaimReadErrorKind.WrongType, "tpc")]
    [InlineData("""{"role_type":1,"tpc":"t","version":"1"}""", ClaimReadErrorKind.WrongType, "version")]
    [InlineData("""{"role_type":1,"tpc":"t","app_key":1}""", ClaimReadErrorKind.WrongType, "app_key")]
    [InlineData("""{"role_type":1,"tpc":"t","geo_regions":"US,XX"}""", ClaimReadErrorKind.WrongType, "geo_regions")]
    [InlineData("""{"role_type":1,"tpc":"t","geo_regions":"US,"}""", ClaimReadErrorKind.WrongType, "geo_regions")]
    [InlineData("""{"role_type":1,"tpc":"t","geo_regions":["US"]}""", ClaimReadErrorKind.WrongType, "geo_regions")]
    [InlineData("""{"role_type":1,"tpc":"t","cloud_recording_option":true}""", ClaimReadErrorKind.WrongType, "cloud_recording_option")]
    [InlineData("""{"role_type":1,"tpc":"t","exp":"2h"}""", ClaimReadErrorKind.WrongType, "exp")]
    [InlineData("""{"tpc":"t"}""", ClaimReadErrorKind.MissingClaim, "role_type")]
    [InlineData("""{"role_type":1}""", ClaimReadErrorKind.MissingClaim, "tpc")]
    public void Reading_refuses_wrong_types_and_missing_claims_naming_the_claim(string json, ClaimReadErrorKind kind, string claim) =>
        AssertReadError<ZoomVideoSdkToken>(json, kind, claim);

    [Fact]
    public void Validation_lists_every_problem_by_claim_name()
    {
        var bad = new ZoomVideoSdkToken
        {
            RoleType = ZoomRoleType.Host,
            SessionName = new string('s', 201),
            Version = 2,
            UserKey = new string('u', 37),
            SessionKey = new string('k', 37),
            CloudRecordingOption = 2,
            CloudRecordingElection = -1,
            VideoWebRtcMode = 3,
            AudioWebRtcMode = 9,
        };
        Assert.Equal(
            ["app_key", "tpc", "version", "iat", "exp", "user_key", "session_key", "cloud_recording_option", "cloud_recording_election", "video_webrtc_mode", "audio_webrtc_mode"],
            bad.Validate().Problems.Select(p => p.Claim));
        Assert.True(Full.ValidateForZoom().IsValid);
    }

    [Fact]
    public void ValidateForZoom_checks_the_lifetime_window_the_role_and_the_regions()
    {
        Assert.True((Full with { Expires = Now.AddSeconds(1800) }).ValidateForZoom().IsValid);
        Assert.True((Full with { Expires = Now.AddHours(48) }).ValidateForZoom().IsValid);
        Assert.Equal("'exp' is less than 1800 seconds after 'iat'", Assert.Single((Full with { Expires = Now.AddSeconds(1799) }).ValidateForZoom().Problems).ToString());
        Assert.Equal("'exp' is more than 48 hours (172800 seconds) after 'iat'", Assert.Single((Full with { Expires = Now.AddHours(48).AddSeconds(1) }).ValidateForZoom().Problems).ToString());
        Assert.False((Full with { Expires = Now.AddSeconds(1799) }).Validate().IsValid);

        ClaimValidationResult result = (Full with { RoleType = (ZoomRoleType)2, GeoRegions = ZoomGeoRegions.None, SessionName = "" }).ValidateForZoom();
        Assert.Equal(["tpc", "role_type", "geo_regions"], result.Problems.Select(p => p.Claim));
        Assert.Equal("'geo_regions' names no region", result.Problems[2].ToString());
        Assert.Equal("'geo_regions' names an unknown region", Assert.Single((Full with { GeoRegions = (ZoomGeoRegions)(1 << 12) }).ValidateForZoom().Problems).ToString());
    }

    [Fact]
    public void Writing_an_undefined_role_or_no_region_fails_naming_the_claim()
    {
        using var signer = new JwtSigner(Key);
        Assert.Equal("role_type", Assert.Single(Assert.Throws<JwtPayloadValidationException>(() => signer.Sign(Full with { RoleType = (ZoomRoleType)5 })).Problems).Claim);
        Assert.Equal("geo_regions", Assert.Single(Assert.Throws<JwtPayloadValidationException>(() => signer.Sign(Full with { GeoRegions = ZoomGeoRegions.None })).Problems).Claim);
        Assert.Equal("HK", ZoomGeoRegionsConverter.CodeOf(ZoomGeoRegions.HongKong));
        Assert.Throws<ArgumentOutOfRangeException>(() => ZoomGeoRegionsConverter.CodeOf(ZoomGeoRegions.HongKong | ZoomGeoRegions.Japan));
    }

    [Fact]
    public void Issuer_fills_app_key_version_and_times_and_refuses_windows_zoom_would_refuse()
    {
        var clock = new ManualTimeProvider(Now);
        using var issuer = new ZoomVideoSdkTokenIssuer(new ZoomVideoSdkCredentials(SdkKey, SdkSecret), new ZoomVideoSdkTokenIssuerOptions { TimeProvider = clock, Lifetime = TimeSpan.FromHours(24) });
        ZoomVideoSdkToken completed = issuer.Complete(new ZoomVideoSdkToken { SessionName = "s", RoleType = ZoomRoleType.Host });
        Assert.Equal(SdkKey, completed.AppKey);
        Assert.Equal(1, completed.Version);
        Assert.Equal(Now, completed.IssuedAt);
        Assert.Equal(Now.AddHours(24), completed.Expires);

        var tooShort = Assert.Throws<JwtPayloadValidationException>(() => issuer.Issue(new ZoomVideoSdkToken { SessionName = "s", RoleType = ZoomRoleType.Host, Expires = Now.AddMinutes(10) }));
        Assert.Equal("exp", Assert.Single(tooShort.Problems).Claim);
        Assert.Contains("'app_key'", Assert.Throws<ArgumentException>(() => issuer.Issue(Full with { AppKey = "other" })).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ZoomVideoSdkTokenIssuer(new ZoomVideoSdkCredentials(SdkKey, SdkSecret), new ZoomVideoSdkTokenIssuerOptions { Lifetime = TimeSpan.FromMinutes(29) }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ZoomVideoSdkTokenIssuer(new ZoomVideoSdkCredentials(SdkKey, SdkSecret), new ZoomVideoSdkTokenIssuerOptions { Lifetime = TimeSpan.FromHours(49) }));
    }

    [Fact]
    public async Task IdentityModel_validates_an_issued_token_with_the_same_claims()
    {
        DateTimeOffset now = WholeSecondsNow();
        using var issuer = new ZoomVideoSdkTokenIssuer(new ZoomVideoSdkCredentials(SdkKey, SdkSecret), new ZoomVideoSdkTokenIssuerOptions { TimeProvider = new ManualTimeProvider(now) });
        string token = issuer.Issue(new ZoomVideoSdkToken { SessionName = "Cool Cars", RoleType = ZoomRoleType.Host, UserKey = "user123", GeoRegions = ZoomGeoRegions.Japan | ZoomGeoRegions.Singapore });

        JsonWebToken jwt = await ValidateWithIdentityModel(token, Key);
        Assert.Equal(SdkKey, jwt.GetPayloadValue<string>("app_key"));
        Assert.Equal(1, jwt.GetPayloadValue<int>("role_type"));
        Assert.Equal("Cool Cars", jwt.GetPayloadValue<string>("tpc"));
        Assert.Equal(1, jwt.GetPayloadValue<int>("version"));
        Assert.Equal("user123", jwt.GetPayloadValue<string>("user_key"));
        Assert.Equal("JP,SG", jwt.GetPayloadValue<string>("geo_regions"));
        Assert.Equal(now.ToUnixTimeSeconds(), jwt.GetPayloadValue<long>("iat"));
        Assert.Equal(now.AddHours(2).ToUnixTimeSeconds(), jwt.GetPayloadValue<long>("exp"));
    }

    [Fact]
    public void Verifier_refuses_a_signed_token_with_a_lifetime_under_the_minimum()
    {
        ZoomVideoSdkToken shortLived = Full with { Expires = Now.AddSeconds(10) };
        AssertVerifyRefusesClaims<ZoomVideoSdkToken>(SignWithoutValidating(shortLived, Key), Key, Now.AddSeconds(1));
        AssertSignRefuses(shortLived, Key, "exp");
        Assert.Equal(Full, Verify<ZoomVideoSdkToken>(SignWithoutValidating(Full, Key), Key, Now.AddSeconds(1)));
    }
}
