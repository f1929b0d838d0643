using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.IdentityModel.JsonWebTokens;
using TokenSchema.LiveKit;
using Xunit;
using static TokenSchema.Tests.Platforms.PlatformTestSupport;

namespace TokenSchema.Tests.Platforms.LiveKit;

public sealed class LiveKitTokenTests
{
    private const string ApiKey = "APIdemoKey42";
    private const string ApiSecret = "livekit-demo-api-secret-0123456789abcdef";
    private static readonly byte[] Key = KeyOf(ApiSecret);
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    private static LiveKitToken Full => new()
    {
        ApiKey = ApiKey,
        Identity = "alice",
        NotBefore = Now,
        Expires = Now.AddHours(6),
        IssuedAt = Now,
        Name = "Alice",
        Metadata = """{"team":"blue"}""",
        Attributes = new Dictionary<string, string> { ["seat"] = "3", ["lang"] = "en" },
        Kind = LiveKitParticipantKind.Agent,
        KindDetails = JsonDocument.Parse("""["CLOUD_AGENT"]""").RootElement,
        Video = new LiveKitVideoGrant
        {
            Room = "standup",
            RoomJoin = true,
            RoomCreate = false,
            RoomList = true,
            RoomRecord = false,
            RoomAdmin = true,
            IngressAdmin = false,
            CanPublish = true,
            CanSubscribe = true,
            CanPublishData = false,
            CanPublishSources = [LiveKitTrackSource.Camera, LiveKitTrackSource.Microphone, LiveKitTrackSource.ScreenShare, LiveKitTrackSource.ScreenShareAudio],
            CanUpdateOwnMetadata = true,
            CanSubscribeMetrics = false,
            CanManageAgentSession = true,
            Hidden = false,
            Recorder = false,
            Agent = true,
            DestinationRoom = "overflow",
        },
        Sip = new LiveKitSipGrant { Admin = true, Call = false },
        Inference = new LiveKitInferenceGrant { Perform = true },
        Observability = new LiveKitObservabilityGrant { Write = true },
        Agent = new LiveKitAgentGrant { Admin = true, SimulationAdmin = false, DatabaseAdmin = true },
        RoomConfig = JsonDocument.Parse("""{ "name": "standup", "maxParticipants": 20, "egress": { "room": { "fileOutputs": [] } } }""").RootElement,
        RoomPreset = "webinar",
        Sha256 = "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=",
    };

    [Fact]
    public void Every_claim_is_written_in_declaration_order()
    {
        using var signer = new JwtSigner(Key);
        Assert.Equal(
            """{"iss":"APIdemoKey42","sub":"alice","nbf":1800000000,"exp":1800021600,"iat":1800000000,"name":"Alice","metadata":"{\"team\":\"blue\"}","attributes":{"seat":"3","lang":"en"},"kind":"agent","kindDetails":["CLOUD_AGENT"],"video":""" +
            """{"room":"standup","roomJoin":true,"roomCreate":false,"roomList":true,"roomRecord":false,"roomAdmin":true,"ingressAdmin":false,"canPublish":true,"canSubscribe":true,"canPublishData":false,"canPublishSources":["camera","microphone","screen_share","screen_share_audio"],"canUpdateOwnMetadata":true,"canSubscribeMetrics":false,"canManageAgentSession":true,"hidden":false,"recorder":false,"agent":true,"destinationRoom":"overflow"},"sip":""" +
            """{"admin":true,"call":false},"inference":{"perform":true},"observability":{"write":true},"agent":{"admin":true,"simulationAdmin":false,"databaseAdmin":true},"roomConfig":{"name":"standup","maxParticipants":20,"egress":{"room":{"fileOutputs":[]}}},"roomPreset":"webinar","sha256":"47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="}""",
            PayloadJson(signer.Sign(Full)));
    }

    [Fact]
    public void Issuer_writes_the_join_token_LiveKit_documents_with_absent_flags_left_out()
    {
        var clock = new ManualTimeProvider(Now.AddMilliseconds(500));
        using var issuer = new LiveKitTokenIssuer(new LiveKitCredentials(ApiKey, ApiSecret), new LiveKitTokenIssuerOptions { TimeProvider = clock });
        string expected = """{"iss":"APIdemoKey42","sub":"alice","nbf":1800000000,"exp":1800021600,"name":"Alice","video":{"room":"standup","roomJoin":true}}""";
        string token = issuer.IssueJoin("alice", "standup", "Alice");
        Assert.Equal(Forge.Base64Url(expected), token.Split('.')[1]);
        Assert.Equal("""{"alg":"HS256","typ":"JWT"}""", HeaderJson(token));
        Assert.Equal(TimeSpan.FromHours(6), issuer.Lifetime);
    }

    [Fact]
    public void Round_trip_with_every_claim_set_returns_an_equal_token()
    {
        using var issuer = new LiveKitTokenIssuer(new LiveKitCredentials(ApiKey, ApiSecret), new LiveKitTokenIssuerOptions { TimeProvider = new ManualTimeProvider(Now) });
        LiveKitToken received = Verify<LiveKitToken>(issuer.Issue(Full), Key, Now);
        Assert.Equal(Full, received);
        Assert.Equal(Full.GetHashCode(), received.GetHashCode());
        Assert.NotEqual(Full, received with { Attributes = new Dictionary<string, string> { ["seat"] = "4", ["lang"] = "en" } });
        Assert.NotEqual(Full, received with { Video = received.Video! with { CanPublishSources = [LiveKitTrackSource.Camera] } });
        Assert.NotEqual(Full, received with { Video = received.Video! with { Hidden = null } });
        Assert.NotEqual(Full, received with { RoomConfig = JsonDocument.Parse("""{"name":"other"}""").RootElement });
        Assert.NotEqual(Full, received with { RoomConfig = null });
        Assert.NotEqual(Full, received with { Inference = new LiveKitInferenceGrant { Perform = false } });
        Assert.NotEqual(Full, received with { Observability = null });
        Assert.NotEqual(Full, received with { Agent = received.Agent! with { DatabaseAdmin = null } });
        Assert.NotEqual(Full, received with { KindDetails = JsonDocument.Parse("""["FORWARDED"]""").RootElement });
    }

    [Theory]
    [InlineData("""{"iss":1}""", ClaimReadErrorKind.WrongType, "iss")]
    [InlineData("""{"sub":["a"]}""", ClaimReadErrorKind.WrongType, "sub")]
    [InlineData("""{"attributes":{"seat":3}}""", ClaimReadErrorKind.WrongType, "attributes")]
    [InlineData("""{"attributes":["seat"]}""", ClaimReadErrorKind.WrongType, "attributes")]
    [InlineData("""{"kind":1}""", ClaimReadErrorKind.WrongType, "kind")]
    [InlineData("""{"kind":"agents"}""", ClaimReadErrorKind.WrongType, "kind")]
    [InlineData("""{"inference":{"perform":"yes"}}""", ClaimReadErrorKind.WrongType, "inference.perform")]
    [InlineData("""{"observability":true}""", ClaimReadErrorKind.WrongType, "observability")]
    [InlineData("""{"agent":{"admin":1}}""", ClaimReadErrorKind.WrongType, "agent.admin")]
    [InlineData("""{"kind":"robot"}""", ClaimReadErrorKind.WrongType, "kind")]
    [InlineData("""{"video":{"roomJoin":"true"}}""", ClaimReadErrorKind.WrongType, "video.roomJoin")]
    [InlineData("""{"video":{"canPublishSources":"camera"}}""", ClaimReadErrorKind.WrongType, "video.canPublishSources")]
    [InlineData("""{"video":{"canPublishSources":["camera","radio"]}}""", ClaimReadErrorKind.InvalidValue, "video.canPublishSources")]
    [InlineData("""{"sip":{"call":1}}""", ClaimReadErrorKind.WrongType, "sip.call")]
    [InlineData("""{"video":{"room":"a","room":"b"}}""", ClaimReadErrorKind.DuplicateClaim, "video.room")]
    [InlineData("""{"roomConfig":{},"roomConfig":{}}""", ClaimReadErrorKind.DuplicateClaim, "roomConfig")]
    public void Reading_refuses_wrong_types_and_values_naming_the_claim(string json, ClaimReadErrorKind kind, string claim) =>
        AssertReadError<LiveKitToken>(json, kind, claim);

    [Theory]
    [InlineData("AGENT", LiveKitParticipantKind.Agent)]
    [InlineData("Sip", LiveKitParticipantKind.Sip)]
    [InlineData("standard", LiveKitParticipantKind.Standard)]
    [InlineData("\u0045GRESS", LiveKitParticipantKind.Egress)]
    [InlineData("CONNECTOR", LiveKitParticipantKind.Connector)]
    public void Kind_is_read_in_any_letter_case_and_written_in_lower_case(string written, LiveKitParticipantKind kind)
    {
        LiveKitToken token = Read<LiveKitToken>($$"""{"iss":"k","exp":1800000000,"kind":"{{written}}"}""");
        Assert.Equal(kind, token.Kind);
        using var signer = new JwtSigner(Key);
        Assert.Contains($"\"kind\":\"{kind.ToString().ToLowerInvariant()}\"", PayloadJson(signer.Sign(token)));
    }

    [Fact]
    public void Exp_is_required_when_signing_and_verifying()
    {
        LiveKitToken noExp = Full with { Expires = null };
        Assert.Equal("exp", Assert.Single(noExp.Validate().Problems).Claim);
        AssertSignRefuses(noExp, Key, "exp");
        // Even a verifier told not to require exp refuses it, because the LiveKit schema requires it.
        using var verifier = new JwtVerifier(Key, new JwtVerifierOptions { TimeProvider = new ManualTimeProvider(Now.AddSeconds(1)), RequireExpirationTime = false });
        Assert.False(verifier.TryVerify(SignWithoutValidating(noExp, Key).AsSpan(), out LiveKitToken? _, out JwtError error));
        Assert.Equal(JwtError.InvalidClaims, error);
        Assert.True(verifier.TryVerify(SignWithoutValidating(Full, Key).AsSpan(), out LiveKitToken? _, out _));
    }

    [Fact]
    public void Reading_keeps_absent_flags_absent()
    {
        LiveKitToken token = Read<LiveKitToken>("""{"iss":"k","video":{"room":"r","canPublish":false}}""");
        Assert.Null(token.Video!.CanSubscribe);
        Assert.Null(token.Video.CanPublishData);
        Assert.False(token.Video.CanPublish);
        Assert.Null(token.Sip);
    }

    [Fact]
    public void Validation_lists_every_problem_by_claim_name()
    {
        var bad = new LiveKitToken { Kind = (LiveKitParticipantKind)42, Expires = Now, NotBefore = Now.AddSeconds(1) };
        Assert.Equal(["iss", "exp", "kind"], bad.Validate().Problems.Select(p => p.Claim));
        Assert.True(Full.Validate().IsValid);
        Assert.True(Full.ValidateForLiveKit().IsValid);
    }

    [Fact]
    public void ValidateForLiveKit_requires_an_identity_to_join_and_defined_sources()
    {
        var joinWithoutIdentity = new LiveKitToken { ApiKey = ApiKey, Expires = Now, Video = new LiveKitVideoGrant { Room = "r", RoomJoin = true } };
        Assert.Equal("'sub' is required when 'video.roomJoin' is true", Assert.Single(joinWithoutIdentity.Validate().Problems).ToString());
        Assert.Equal("'sub' is required when 'video.roomJoin' is true", Assert.Single(joinWithoutIdentity.ValidateForLiveKit().Problems).ToString());
        Assert.True((joinWithoutIdentity with { Video = new LiveKitVideoGrant { RoomList = true } }).ValidateForLiveKit().IsValid);
        Assert.True((joinWithoutIdentity with { Video = new LiveKitVideoGrant { Room = "r", RoomJoin = false } }).ValidateForLiveKit().IsValid);

        var badSource = Full with { Video = Full.Video! with { CanPublishSources = [LiveKitTrackSource.Camera, (LiveKitTrackSource)9] } };
        ClaimProblem problem = Assert.Single(badSource.ValidateForLiveKit().Problems);
        Assert.Equal(("video.canPublishSources[1]", "is not a defined value"), (problem.Claim, problem.Message));
    }

    [Fact]
    public void Issuer_fills_iss_nbf_and_exp_and_refuses_a_join_without_identity()
    {
        var clock = new ManualTimeProvider(Now);
        using var issuer = new LiveKitTokenIssuer(new LiveKitCredentials(ApiKey, ApiSecret), new LiveKitTokenIssuerOptions { TimeProvider = clock, Lifetime = TimeSpan.FromMinutes(15) });
        LiveKitToken completed = issuer.Complete(new LiveKitToken { Identity = "bob" });
        Assert.Equal(ApiKey, completed.ApiKey);
        Assert.Equal(Now, completed.NotBefore);
        Assert.Equal(Now.AddMinutes(15), completed.Expires);
        Assert.Null(completed.IssuedAt);
        Assert.Equal(Now.AddDays(1), issuer.Complete(new LiveKitToken { Expires = Now.AddDays(1) }).Expires);

        var error = Assert.Throws<JwtPayloadValidationException>(() => issuer.IssueJoin(" ", "standup"));
        Assert.Equal("sub", Assert.Single(error.Problems).Claim);
        Assert.Contains("'iss'", Assert.Throws<ArgumentException>(() => issuer.Issue(Full with { ApiKey = "other" })).Message);
    }

    [Fact]
    public async Task IdentityModel_validates_an_issued_token_with_the_same_claims()
    {
        DateTimeOffset now = WholeSecondsNow();
        using var issuer = new LiveKitTokenIssuer(new LiveKitCredentials(ApiKey, ApiSecret), new LiveKitTokenIssuerOptions { TimeProvider = new ManualTimeProvider(now) });
        string token = issuer.Issue(Full with { NotBefore = null, Expires = null, IssuedAt = null });

        JsonWebToken jwt = await ValidateWithIdentityModel(token, Key);
        Assert.Equal(ApiKey, jwt.Issuer);
        Assert.Equal("alice", jwt.Subject);
        Assert.Equal(now.ToUnixTimeSeconds(), jwt.GetPayloadValue<long>("nbf"));
        Assert.Equal(now.AddHours(6).ToUnixTimeSeconds(), jwt.GetPayloadValue<long>("exp"));
        Assert.Equal("agent", jwt.GetPayloadValue<string>("kind"));
        JsonElement video = jwt.GetPayloadValue<JsonElement>("video");
        Assert.Equal("standup", video.GetProperty("room").GetString());
        Assert.True(video.GetProperty("roomJoin").GetBoolean());
        Assert.Equal(["camera", "microphone", "screen_share", "screen_share_audio"], video.GetProperty("canPublishSources").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("3", jwt.GetPayloadValue<JsonElement>("attributes").GetProperty("seat").GetString());
        Assert.True(jwt.GetPayloadValue<JsonElement>("sip").GetProperty("admin").GetBoolean());
        Assert.Equal(20, jwt.GetPayloadValue<JsonElement>("roomConfig").GetProperty("maxParticipants").GetInt32());
    }

    [Fact]
    public void Verifier_refuses_a_signed_join_token_without_an_identity()
    {
        LiveKitToken noIdentity = Full with { Identity = null };
        AssertVerifyRefusesClaims<LiveKitToken>(SignWithoutValidating(noIdentity, Key), Key, Now.AddSeconds(1));
        AssertSignRefuses(noIdentity, Key, "sub");
        Assert.Equal(Full, Verify<LiveKitToken>(SignWithoutValidating(Full, Key), Key, Now.AddSeconds(1)));
    }
}
