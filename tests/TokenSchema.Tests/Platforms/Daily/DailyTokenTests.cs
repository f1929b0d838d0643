using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using TokenSchema.Daily;
using Xunit;

namespace TokenSchema.Tests.Platforms.Daily;

/// <summary>The built-in Daily schema: wire forms, reading, validation, signing.</summary>
public sealed class DailyTokenTests
{
    internal const string ExampleDomain = "25df5057-ef0d-4d97-bde6-0cf287276cbb";

    internal const string ExampleSegments =
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJyIjoicm9vbS0wMjUzIiwiZCI6IjI1ZGY1MDU3LWVmMGQtNGQ5Ny1iZGU2LTBjZjI4NzI3NmNiYiIsImlhdCI6MTU0ODcyMjIwN30";

    internal static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    internal static string Json(DailyToken token)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            token.WritePayload(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    internal static bool TryRead(string json, out DailyToken? token, out ClaimReadError error)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        return DailyToken.TryReadPayload(ref reader, out token, out error);
    }

    private static string PermissionsJson(DailyPermissions permissions) => Json(new DailyToken { Permissions = permissions });

    [Fact]
    public void Room_domain_and_issue_time_reproduce_Daily_example_token()
    {
        using var signer = new JwtSigner(SignerTests.Key);
        string token = signer.Sign(new DailyToken { RoomName = "room-0253", DomainId = Guid.Parse(ExampleDomain), IssuedAt = DateTimeOffset.FromUnixTimeSeconds(1548722207) });
        Assert.Equal(ExampleSegments, token[..token.LastIndexOf('.')]);
    }

    [Fact]
    public void Permissions_are_written_in_the_compact_form()
    {
        Assert.Equal("""{"p":{"cs":"v,a"}}""", PermissionsJson(new DailyPermissions { CanSend = DailyCanSend.Of(DailyMedia.Video | DailyMedia.Audio) }));
        Assert.Equal("""{"p":{"cs":"v,a,sv,sa"}}""", PermissionsJson(new DailyPermissions { CanSend = DailyCanSend.Of(DailyMedia.All) }));
        Assert.Equal("""{"p":{"cs":"sa"}}""", PermissionsJson(new DailyPermissions { CanSend = DailyCanSend.Of(DailyMedia.ScreenAudio) }));
        Assert.Equal("""{"p":{"cs":true}}""", PermissionsJson(new DailyPermissions { CanSend = DailyCanSend.All }));
        Assert.Equal("""{"p":{"cs":false}}""", PermissionsJson(new DailyPermissions { CanSend = DailyCanSend.None }));
        Assert.Equal("""{"p":{"ca":"p,s,t"}}""", PermissionsJson(new DailyPermissions { CanAdmin = DailyCanAdmin.Of(DailyAdminRights.All) }));
        Assert.Equal("""{"p":{"ca":"p,t"}}""", PermissionsJson(new DailyPermissions { CanAdmin = DailyCanAdmin.Of(DailyAdminRights.Participants | DailyAdminRights.Transcription) }));
        Assert.Equal("""{"p":{"ca":true}}""", PermissionsJson(new DailyPermissions { CanAdmin = true }));
        Assert.Equal("""{"p":{"hp":false,"ca":false}}""", PermissionsJson(new DailyPermissions { HasPresence = false, CanAdmin = false }));
    }

    [Fact]
    public void Can_receive_is_written_with_base_object_and_maps()
    {
        var permissions = new DailyPermissions
        {
            CanReceive = new DailyCanReceive
            {
                Base = new DailyReceiveMedia { Video = false, Audio = true, CustomVideo = new Dictionary<string, bool> { ["*"] = false } },
                ByUserId = new Dictionary<string, DailyReceiveSetting> { ["host"] = true, ["bot"] = new DailyReceiveMedia { ScreenVideo = true, ScreenAudio = false } },
                ByParticipantId = new Dictionary<string, DailyReceiveSetting> { ["*"] = DailyReceiveSetting.None },
            },
        };
        Assert.Equal(
            """{"p":{"cr":{"b":{"v":false,"a":true,"cv":{"*":false}},"u":{"host":true,"bot":{"sv":true,"sa":false}},"p":{"*":false}}}}""",
            PermissionsJson(permissions));
        Assert.Equal("""{"p":{"cr":{"b":true}}}""", PermissionsJson(new DailyPermissions { CanReceive = new DailyCanReceive { Base = true } }));
    }

    [Fact]
    public void Languages_and_recording_modes_use_Daily_wire_values()
    {
        Assert.Equal("""{"uil":"pt-BR"}""", Json(new DailyToken { Language = DailyLanguage.BrazilianPortuguese }));
        Assert.Equal("""{"uil":"jp"}""", Json(new DailyToken { Language = DailyLanguage.Japanese }));
        Assert.Equal("""{"uil":"user"}""", Json(new DailyToken { Language = DailyLanguage.User }));
        Assert.Equal("""{"er":"cloud-audio-only"}""", Json(new DailyToken { EnableRecording = DailyRecordingMode.CloudAudioOnly }));
        Assert.Equal("""{"er":["cloud","raw-tracks"]}""", Json(new DailyToken { EnableRecording = DailyRecording.Of(DailyRecordingMode.RawTracks, DailyRecordingMode.Cloud) }));
        Assert.Equal("""{"er":"local"}""", Json(new DailyToken { EnableRecording = DailyRecording.Of(DailyRecordingMode.Local) }));
    }

    [Fact]
    public void Enums_cover_exactly_the_documented_values()
    {
        string[] languages = Enum.GetValues<DailyLanguage>().Select(l => Json(new DailyToken { Language = l })[8..^2]).ToArray();
        Assert.Equal("da de en es fi fr it jp ka nl no pt pt-BR pl ru sv tr user".Split(' '), languages);
        string[] modes = Enum.GetValues<DailyRecordingMode>().Select(m => Json(new DailyToken { EnableRecording = m })[7..^2]).ToArray();
        Assert.Equal(new[] { "cloud", "cloud-audio-only", "local", "raw-tracks" }, modes);
    }

    [Fact]
    public void Every_language_and_recording_mode_reads_back()
    {
        foreach (DailyLanguage language in Enum.GetValues<DailyLanguage>())
        {
            Assert.True(TryRead(Json(new DailyToken { Language = language }), out DailyToken? read, out ClaimReadError error), error.ToString());
            Assert.Equal(language, read!.Language);
        }

        foreach (DailyRecordingMode mode in Enum.GetValues<DailyRecordingMode>())
        {
            Assert.True(TryRead(Json(new DailyToken { EnableRecording = mode }), out DailyToken? read, out ClaimReadError error), error.ToString());
            Assert.Equal(new[] { mode }, read!.EnableRecording!.Value.Modes);
        }

        Assert.True(TryRead("""{"er":["raw-tracks","local","cloud"]}""", out DailyToken? several, out _));
        Assert.Equal(new[] { DailyRecordingMode.Cloud, DailyRecordingMode.Local, DailyRecordingMode.RawTracks }, several!.EnableRecording!.Value.Modes);
        Assert.Equal(DailyRecording.Of(DailyRecordingMode.Local, DailyRecordingMode.Cloud, DailyRecordingMode.RawTracks), several.EnableRecording);
    }

    [Fact]
    public void Permission_forms_read_back_as_written()
    {
        string json = """{"p":{"hp":true,"cs":"a,v","cr":{"b":{"v":true,"ca":{"mic2":false}},"u":{"u1":false,"*":{"a":true}},"p":{"p1":true}},"ca":"s"}}""";
        Assert.True(TryRead(json, out DailyToken? token, out ClaimReadError error), error.ToString());
        DailyPermissions p = token!.Permissions!;
        Assert.True(p.HasPresence);
        Assert.Equal(DailyCanSend.Of(DailyMedia.Audio | DailyMedia.Video), p.CanSend);
        Assert.Equal(DailyCanAdmin.Of(DailyAdminRights.Streaming), p.CanAdmin);
        Assert.True(p.CanReceive!.Base!.Media!.Video);
        Assert.False(p.CanReceive.Base.Media.CustomAudio!["mic2"]);
        Assert.Same(DailyReceiveSetting.None, p.CanReceive.ByUserId!["u1"]);
        Assert.True(p.CanReceive.ByUserId["*"].Media!.Audio);
        Assert.Same(DailyReceiveSetting.All, p.CanReceive.ByParticipantId!["p1"]);

        Assert.True(TryRead("""{"p":{"cs":true,"ca":false}}""", out DailyToken? booleans, out _));
        Assert.Equal(DailyCanSend.All, booleans!.Permissions!.CanSend);
        Assert.Equal(DailyCanAdmin.None, booleans.Permissions.CanAdmin);
        Assert.Equal("v,a", DailyCanSend.Of(DailyMedia.Video | DailyMedia.Audio).ToString());
        Assert.Equal("true", DailyCanSend.All.ToString());
    }

    [Theory]
    [InlineData("""{"p":{"cs":"x"}}""", "p.cs")]
    [InlineData("""{"p":{"cs":5}}""", "p.cs")]
    [InlineData("""{"p":{"cs":""}}""", "p.cs")]
    [InlineData("""{"p":{"cs":"v,v"}}""", "p.cs")]
    [InlineData("""{"p":{"cs":"v, a"}}""", "p.cs")]
    [InlineData("""{"p":{"cs":["v"]}}""", "p.cs")]
    [InlineData("""{"p":{"ca":"p,x"}}""", "p.ca")]
    [InlineData("""{"p":{"ca":1}}""", "p.ca")]
    [InlineData("""{"p":{"cr":{"b":"all"}}}""", "p.cr.b")]
    [InlineData("""{"p":{"cr":{"b":{"v":"yes"}}}}""", "p.cr.b")]
    [InlineData("""{"p":{"cr":{"u":{"a":true,"a":false}}}}""", "p.cr.u")]
    [InlineData("""{"p":{"cr":{"p":{"a":null}}}}""", "p.cr.p")]
    [InlineData("""{"p":{"cr":{"p":[]}}}""", "p.cr.p")]
    [InlineData("""{"er":"cloud-only"}""", "er")]
    [InlineData("""{"er":["cloud","cloud"]}""", "er")]
    [InlineData("""{"er":[]}""", "er")]
    [InlineData("""{"er":true}""", "er")]
    [InlineData("""{"uil":5}""", "uil")]
    [InlineData("""{"o":"true"}""", "o")]
    [InlineData("""{"d":"room"}""", "d")]
    public void Reading_rejects_bad_forms_naming_the_claim(string json, string claim)
    {
        Assert.False(TryRead(json, out _, out ClaimReadError error));
        Assert.Equal(claim, error.Claim);
        Assert.True(error.Kind is ClaimReadErrorKind.WrongType or ClaimReadErrorKind.InvalidValue or ClaimReadErrorKind.DuplicateClaim, error.Kind.ToString());
    }

    [Fact]
    public void Reading_an_unknown_language_is_an_invalid_value_of_uil()
    {
        Assert.False(TryRead("""{"uil":"pt-br"}""", out _, out ClaimReadError error));
        Assert.Equal(new ClaimReadError(ClaimReadErrorKind.InvalidValue, "uil"), error);
        Assert.False(TryRead("""{"p":{"cs":"x"}}""", out _, out ClaimReadError send));
        Assert.Equal(ClaimReadErrorKind.WrongType, send.Kind);
    }

    [Fact]
    public void Validation_lists_every_problem_by_claim_name()
    {
        var token = new DailyToken
        {
            UserId = new string('u', 37),
            NotBefore = Now,
            Expires = Now.AddSeconds(-1),
            RedirectOnMeetingExit = new Uri("ftp://example.com/bye"),
            MeetingJoinHook = new Uri("https://example.com/" + new string('h', 240)),
            EjectAfterElapsed = -1,
            EnableRecording = default(DailyRecording),
            StartCloudRecordingOptions = JsonDocument.Parse("[1]").RootElement,
            Language = (DailyLanguage)99,
        };
        ClaimValidationResult result = token.ValidateForSelfSigning();
        Assert.False(result.IsValid);
        string[] claims = result.Problems.Select(p => p.Claim).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(new[] { "d", "eje", "er", "exp", "iat", "mjh", "r", "rome", "sro", "ud", "uil" }, claims);

        var signing = Assert.Throws<JwtPayloadValidationException>(() => token.ValidateForSelfSigning().ThrowIfInvalid(typeof(DailyToken)));
        Assert.Contains("'ud' is longer than 36 characters", signing.Message);
        Assert.Contains("'rome' is not an absolute http or https URL", signing.Message);
        Assert.Contains("'mjh' is longer than 255 characters", signing.Message);
    }

    [Fact]
    public void A_complete_token_is_valid_and_relative_urls_are_reported_once()
    {
        DailyToken valid = FullToken();
        Assert.True(valid.ValidateForSelfSigning().IsValid, valid.ValidateForSelfSigning().ToString());
        Assert.True(valid.Validate().IsValid);

        ClaimValidationResult relative = (valid with { RedirectOnMeetingExit = new Uri("/bye", UriKind.Relative) }).ValidateForSelfSigning();
        Assert.Equal("rome", Assert.Single(relative.Problems).Claim);
        Assert.True((valid with { MeetingJoinHook = new Uri("https://example.com/" + new string('h', 235)) }).ValidateForSelfSigning().IsValid);
    }

    [Fact]
    public void Signing_refuses_a_token_without_room_domain_or_issue_time()
    {
        using var signer = new JwtSigner(SignerTests.Key);
        var error = Assert.Throws<JwtPayloadValidationException>(() => signer.Sign(new DailyToken { IsOwner = true }));
        Assert.Equal(new[] { "r", "d", "iat" }, error.Problems.Select(p => p.Claim));
        Assert.All(error.Problems, p => Assert.Equal("is required", p.Message));
    }

    [Fact]
    public void Every_claim_round_trips_through_signer_and_verifier()
    {
        DailyToken sent = FullToken();
        using var signer = new JwtSigner(SignerTests.Key);
        using var verifier = new JwtVerifier(SignerTests.Key, new JwtVerifierOptions { TimeProvider = new ManualTimeProvider(Now.AddMinutes(1)) });
        string token = signer.Sign(sent);
        Assert.True(verifier.TryVerify(token.AsSpan(), out DailyToken? received, out JwtError error), error.ToString());

        // The members without value equality (JsonElement, dictionaries) are compared through their JSON.
        Assert.Equal(Json(sent), Json(received!));
        Assert.Equal(token, signer.Sign(received!));
        Assert.Equal(sent with { StartCloudRecordingOptions = null, Permissions = null }, received! with { StartCloudRecordingOptions = null, Permissions = null });
        Assert.Equal(sent.Permissions! with { CanReceive = null }, received!.Permissions! with { CanReceive = null });
        Assert.Equal(sent.Permissions!.CanReceive!.Base!.Media!.CustomVideo, received.Permissions!.CanReceive!.Base!.Media!.CustomVideo);
        Assert.Equal(sent.Permissions.CanReceive.ByUserId!.Keys, received.Permissions.CanReceive.ByUserId!.Keys);
        Assert.Equal(sent.Permissions.CanReceive.ByParticipantId, received.Permissions.CanReceive.ByParticipantId);
        Assert.Equal("""{"layout":{"preset":"single-participant"}}""", received.StartCloudRecordingOptions!.Value.GetRawText());

        // Every claim of the vocabulary is set, in declaration order.
        using JsonDocument payload = JsonDocument.Parse(Forge.DecodeSegment(token.Split('.')[1]));
        Assert.Equal(
            new[] { "r", "d", "iat", "nbf", "exp", "ud", "u", "o", "k", "ctoe", "rome", "ij", "sr", "sro", "ast", "er", "ss", "vo", "ao", "mjh", "ejt", "eje", "uil", "erui", "p" },
            payload.RootElement.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void TrySign_of_a_typical_Daily_token_allocates_nothing_after_warm_up()
    {
        using var signer = new JwtSigner(SignerTests.Key);
        var token = new DailyToken
        {
            RoomName = "standup",
            DomainId = Guid.Parse(ExampleDomain),
            IssuedAt = Now,
            Expires = Now.AddHours(1),
            UserId = "user-42",
            UserName = "Ada Lovelace",
            IsOwner = false,
            EnableScreenshare = true,
        };
        byte[] destination = new byte[1024];
        for (int i = 0; i < 100; i++)
        {
            Assert.True(signer.TrySign(token, destination, out _));
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            signer.TrySign(token, destination, out _);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(signer.TrySign(token, destination, out int written));
        Assert.Equal(
            """{"r":"standup","d":"25df5057-ef0d-4d97-bde6-0cf287276cbb","iat":1800000000,"exp":1800003600,"ud":"user-42","u":"Ada Lovelace","o":false,"ss":true}""",
            Forge.DecodeSegment(Encoding.ASCII.GetString(destination, 0, written).Split('.')[1]));
    }

    [Fact]
    public void Value_types_of_the_permissions_check_their_arguments()
    {
        Assert.Equal(DailyCanSend.None, DailyCanSend.Of(DailyMedia.None));
        Assert.Equal(DailyCanSend.None, default(DailyCanSend));
        Assert.NotEqual(DailyCanSend.All, DailyCanSend.Of(DailyMedia.All));
        Assert.Equal(DailyCanSend.All, (DailyCanSend)true);
        Assert.Equal(DailyCanAdmin.None, DailyCanAdmin.Of(DailyAdminRights.None));
        Assert.True(DailyCanSend.Of(DailyMedia.Video | DailyMedia.Audio).Allows(DailyMedia.Audio));
        Assert.False(DailyCanSend.Of(DailyMedia.Video | DailyMedia.Audio).Allows(DailyMedia.Audio | DailyMedia.ScreenVideo));
        Assert.True(DailyCanSend.All.Allows(DailyMedia.All));
        Assert.False(DailyCanSend.None.Allows(DailyMedia.Video));
        Assert.True(DailyCanAdmin.Of(DailyAdminRights.Streaming).Allows(DailyAdminRights.Streaming));
        Assert.False(DailyCanAdmin.Of(DailyAdminRights.Streaming).Allows(DailyAdminRights.Participants));
        Assert.Throws<ArgumentOutOfRangeException>(() => DailyCanSend.Of((DailyMedia)16));
        Assert.Throws<ArgumentOutOfRangeException>(() => DailyCanAdmin.Of((DailyAdminRights)8));
        Assert.Contains("'er'", Assert.Throws<ArgumentException>(() => DailyRecording.Of(DailyRecordingMode.Cloud, DailyRecordingMode.Cloud)).Message);
        Assert.Throws<ArgumentException>(() => DailyRecording.Of());
        Assert.Throws<ArgumentOutOfRangeException>(() => DailyRecording.Of((DailyRecordingMode)7));
        Assert.Equal("[cloud,raw-tracks]", DailyRecording.Of(DailyRecordingMode.RawTracks, DailyRecordingMode.Cloud).ToString());
        Assert.True(DailyRecording.Of(DailyRecordingMode.Local).Contains(DailyRecordingMode.Local));
        Assert.False(DailyRecording.Of(DailyRecordingMode.Local).Contains(DailyRecordingMode.Cloud));
    }

    internal static DailyToken FullToken() => new()
    {
        RoomName = "all-hands",
        DomainId = Guid.Parse(ExampleDomain),
        IssuedAt = Now,
        NotBefore = Now,
        Expires = Now.AddHours(2),
        UserId = "8a3e1a52-0000-4000-8000-000000000001",
        UserName = "Grace Hopper",
        IsOwner = false,
        Knocking = true,
        CloseTabOnExit = true,
        RedirectOnMeetingExit = new Uri("https://example.com/bye"),
        IntercomJoinAlert = false,
        StartCloudRecording = true,
        StartCloudRecordingOptions = JsonDocument.Parse("""{"layout":{"preset":"single-participant"}}""").RootElement,
        AutoStartTranscription = true,
        EnableRecording = DailyRecording.Of(DailyRecordingMode.Cloud, DailyRecordingMode.RawTracks),
        EnableScreenshare = true,
        StartVideoOff = true,
        StartAudioOff = false,
        MeetingJoinHook = new Uri("https://hooks.example.com/joined?room=all-hands"),
        EjectAtTokenExp = true,
        EjectAfterElapsed = 3600,
        Language = DailyLanguage.BrazilianPortuguese,
        EnableRecordingUi = false,
        Permissions = new DailyPermissions
        {
            HasPresence = true,
            CanSend = DailyCanSend.Of(DailyMedia.Video | DailyMedia.Audio),
            CanAdmin = DailyCanAdmin.Of(DailyAdminRights.Participants | DailyAdminRights.Streaming | DailyAdminRights.Transcription),
            CanReceive = new DailyCanReceive
            {
                Base = new DailyReceiveMedia { Video = true, Audio = true, ScreenVideo = false, ScreenAudio = false, CustomVideo = new Dictionary<string, bool> { ["*"] = true }, CustomAudio = new Dictionary<string, bool> { ["music"] = false } },
                ByUserId = new Dictionary<string, DailyReceiveSetting> { ["host"] = true, ["*"] = new DailyReceiveMedia { Audio = true } },
                ByParticipantId = new Dictionary<string, DailyReceiveSetting> { ["p-1"] = false },
            },
        },
    };
}
