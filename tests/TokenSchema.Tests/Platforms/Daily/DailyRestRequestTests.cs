using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using TokenSchema.Daily;
using Xunit;

namespace TokenSchema.Tests.Platforms.Daily;

/// <summary>The body of Daily's REST create-meeting-token call, written from the same <see cref="DailyToken"/> as a self-signed token.</summary>
public sealed class DailyRestRequestTests
{
    private const string ApiKey = "test-api-key-test-api-key-test-api-key-0123";

    private static readonly DateTimeOffset Now = DailyTokenTests.Now;

    /// <summary>JSON text written with single quotes, so that long expectations need no escaping.</summary>
    private static string J(string singleQuoted) => singleQuoted.Replace('\'', '"');

    private static string Body(DailyPermissions permissions) =>
        new DailyToken { RoomName = "r", Permissions = permissions }.ToRestRequestBody();

    private static string Write(DailyToken token, DailyRestOptions? options, JsonWriterOptions writerOptions)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, writerOptions))
        {
            token.WriteRestRequestBody(writer, options);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>A token with every claim the REST call accepts, permissions in their list and object forms.</summary>
    private static DailyToken Full() => new()
    {
        RoomName = "standup",
        DomainId = Guid.Parse(DailyTokenTests.ExampleDomain),
        IssuedAt = Now,
        NotBefore = Now.AddMinutes(-1),
        Expires = Now.AddHours(1),
        UserId = "user-42",
        UserName = "Ada",
        IsOwner = false,
        Knocking = true,
        CloseTabOnExit = true,
        RedirectOnMeetingExit = new Uri("https://example.com/bye"),
        StartCloudRecording = true,
        AutoStartTranscription = false,
        EnableRecording = DailyRecording.Of(DailyRecordingMode.Cloud, DailyRecordingMode.RawTracks),
        EnableScreenshare = false,
        StartVideoOff = true,
        StartAudioOff = false,
        EjectAtTokenExp = true,
        EjectAfterElapsed = 1800,
        Language = DailyLanguage.BrazilianPortuguese,
        EnableRecordingUi = true,
        Permissions = new DailyPermissions
        {
            HasPresence = true,
            CanSend = DailyCanSend.Of(DailyMedia.Video | DailyMedia.ScreenAudio),
            CanReceive = new DailyCanReceive
            {
                Base = new DailyReceiveMedia { Video = true, Audio = false, ScreenVideo = true, ScreenAudio = false, CustomVideo = new Dictionary<string, bool> { ["*"] = true }, CustomAudio = new Dictionary<string, bool> { ["music"] = false } },
                ByUserId = new Dictionary<string, DailyReceiveSetting> { ["host"] = true, ["*"] = new DailyReceiveMedia { Audio = true } },
                ByParticipantId = new Dictionary<string, DailyReceiveSetting> { ["p-1"] = false },
            },
            CanAdmin = DailyCanAdmin.Of(DailyAdminRights.Participants | DailyAdminRights.Transcription),
        },
    };

    [Fact]
    public void Full_token_is_written_as_the_properties_of_the_REST_body_with_long_names_and_REST_values()
    {
        Assert.Equal(
            J("{'properties':{'room_name':'standup','nbf':1799999940,'exp':1800003600,'user_id':'user-42','user_name':'Ada'," +
              "'is_owner':false,'knocking':true,'close_tab_on_exit':true,'redirect_on_meeting_exit':'https://example.com/bye'," +
              "'start_cloud_recording':true,'auto_start_transcription':false,'enable_recording':['cloud','raw-tracks']," +
              "'enable_screenshare':false,'start_video_off':true,'start_audio_off':false,'eject_at_token_exp':true," +
              "'eject_after_elapsed':1800,'lang':'pt-BR','enable_recording_ui':true,'permissions':{'hasPresence':true," +
              "'canSend':['video','screenAudio'],'canReceive':{'base':{'video':true,'audio':false,'screenVideo':true," +
              "'screenAudio':false,'customVideo':{'*':true},'customAudio':{'music':false}},'byUserId':{'host':true,'*':{'audio':true}}," +
              "'byParticipantId':{'p-1':false}},'canAdmin':['participants','transcription']}}}"),
            Full().ToRestRequestBody());
    }

    [Fact]
    public void Self_signed_payload_of_the_same_token_keeps_the_compact_form()
    {
        Assert.Equal(
            J("{'r':'standup','d':'25df5057-ef0d-4d97-bde6-0cf287276cbb','iat':1800000000,'nbf':1799999940,'exp':1800003600," +
              "'ud':'user-42','u':'Ada','o':false,'k':true,'ctoe':true,'rome':'https://example.com/bye','sr':true,'ast':false," +
              "'er':['cloud','raw-tracks'],'ss':false,'vo':true,'ao':false,'ejt':true,'eje':1800,'uil':'pt-BR','erui':true," +
              "'p':{'hp':true,'cs':'v,sa','cr':{'b':{'v':true,'a':false,'sv':true,'sa':false,'cv':{'*':true},'ca':{'music':false}}," +
              "'u':{'host':true,'*':{'a':true}},'p':{'p-1':false}},'ca':'p,t'}}"),
            DailyTokenTests.Json(Full()));
    }

    [Fact]
    public void CanSend_is_true_false_or_an_array_of_media_names()
    {
        Assert.Equal("""{"properties":{"room_name":"r","permissions":{"canSend":true}}}""", Body(new DailyPermissions { CanSend = DailyCanSend.All }));
        Assert.Equal("""{"properties":{"room_name":"r","permissions":{"canSend":false}}}""", Body(new DailyPermissions { CanSend = DailyCanSend.None }));
        Assert.Equal(
            """{"properties":{"room_name":"r","permissions":{"canSend":["video","audio","screenVideo","screenAudio"]}}}""",
            Body(new DailyPermissions { CanSend = DailyCanSend.Of(DailyMedia.All) }));
        Assert.Equal("""{"properties":{"room_name":"r","permissions":{"canSend":["audio"]}}}""", Body(new DailyPermissions { CanSend = DailyCanSend.Of(DailyMedia.Audio) }));
        Assert.Equal("""{"properties":{"room_name":"r","permissions":{"canSend":["screenVideo"]}}}""", Body(new DailyPermissions { CanSend = DailyCanSend.Of(DailyMedia.ScreenVideo) }));
    }

    [Fact]
    public void CanAdmin_is_true_false_or_an_array_of_right_names()
    {
        Assert.Equal("""{"properties":{"room_name":"r","permissions":{"canAdmin":true}}}""", Body(new DailyPermissions { CanAdmin = true }));
        Assert.Equal("""{"properties":{"room_name":"r","permissions":{"canAdmin":false}}}""", Body(new DailyPermissions { CanAdmin = false }));
        Assert.Equal(
            """{"properties":{"room_name":"r","permissions":{"canAdmin":["participants","streaming","transcription"]}}}""",
            Body(new DailyPermissions { CanAdmin = DailyCanAdmin.Of(DailyAdminRights.All) }));
        Assert.Equal("""{"properties":{"room_name":"r","permissions":{"canAdmin":["streaming"]}}}""", Body(new DailyPermissions { CanAdmin = DailyCanAdmin.Of(DailyAdminRights.Streaming) }));
    }

    [Fact]
    public void CanReceive_settings_are_booleans_or_objects_with_long_track_names()
    {
        Assert.Equal(
            """{"properties":{"room_name":"r","permissions":{"canReceive":{"base":true}}}}""",
            Body(new DailyPermissions { CanReceive = new DailyCanReceive { Base = true } }));
        Assert.Equal(
            """{"properties":{"room_name":"r","permissions":{"canReceive":{"base":false,"byParticipantId":{"*":{"screenVideo":true,"screenAudio":true,"customAudio":{"*":true}}}}}}}""",
            Body(new DailyPermissions
            {
                CanReceive = new DailyCanReceive
                {
                    Base = false,
                    ByParticipantId = new Dictionary<string, DailyReceiveSetting>
                    {
                        ["*"] = new DailyReceiveMedia { ScreenVideo = true, ScreenAudio = true, CustomAudio = new Dictionary<string, bool> { ["*"] = true } },
                    },
                },
            }));
    }

    [Fact]
    public void Recording_is_one_string_or_an_array_and_language_keeps_Daily_codes()
    {
        Assert.Equal(
            """{"properties":{"room_name":"r","enable_recording":"cloud-audio-only","lang":"jp"}}""",
            new DailyToken { RoomName = "r", EnableRecording = DailyRecordingMode.CloudAudioOnly, Language = DailyLanguage.Japanese }.ToRestRequestBody());
        Assert.Equal(
            """{"properties":{"room_name":"r","enable_recording":["cloud","cloud-audio-only","local","raw-tracks"],"lang":"user"}}""",
            new DailyToken
            {
                RoomName = "r",
                EnableRecording = DailyRecording.Of(DailyRecordingMode.RawTracks, DailyRecordingMode.Local, DailyRecordingMode.CloudAudioOnly, DailyRecordingMode.Cloud),
                Language = DailyLanguage.User,
            }.ToRestRequestBody());
    }

    [Fact]
    public void Domain_and_issue_time_are_left_to_Daily()
    {
        var token = new DailyToken { RoomName = "room-0253", DomainId = Guid.Parse(DailyTokenTests.ExampleDomain), IssuedAt = DateTimeOffset.FromUnixTimeSeconds(1548722207) };

        Assert.Equal("""{"properties":{"room_name":"room-0253"}}""", token.ToRestRequestBody());
        Assert.Equal("""{"properties":{}}""", new DailyToken().ToRestRequestBody());
    }

    [Fact]
    public void REST_only_options_are_written_at_the_end_of_the_properties_and_never_in_a_token()
    {
        var token = new DailyToken { RoomName = "standup", IsOwner = true };
        var options = new DailyRestOptions { EnablePrejoinUi = true, EnableLiveCaptionsUi = false, EnableTerseLogging = true };

        Assert.Equal(
            """{"properties":{"room_name":"standup","is_owner":true,"enable_prejoin_ui":true,"enable_live_captions_ui":false,"enable_terse_logging":true}}""",
            token.ToRestRequestBody(options));
        Assert.Equal("""{"properties":{"room_name":"standup","is_owner":true,"enable_live_captions_ui":true}}""", token.ToRestRequestBody(new DailyRestOptions { EnableLiveCaptionsUi = true }));
        Assert.Equal("""{"properties":{"room_name":"standup","is_owner":true}}""", token.ToRestRequestBody(new DailyRestOptions()));

        using var daily = new DailyTokenIssuer(new DailyCredentials(ApiKey, Guid.Parse(DailyTokenTests.ExampleDomain)), new DailyTokenIssuerOptions { TimeProvider = new ManualTimeProvider(Now) });
        string signed = daily.Issue(token);
        Assert.Equal("""{"r":"standup","d":"25df5057-ef0d-4d97-bde6-0cf287276cbb","iat":1800000000,"exp":1800003600,"o":true}""", Forge.DecodeSegment(signed.Split('.')[1]));
        Assert.DoesNotContain(typeof(DailyToken).GetProperties(), p => p.Name.Contains("Prejoin", StringComparison.Ordinal) || p.Name.Contains("Terse", StringComparison.Ordinal) || p.Name.Contains("Captions", StringComparison.Ordinal));
    }

    [Fact]
    public void Body_follows_the_writers_indentation_and_escaping()
    {
        var token = new DailyToken
        {
            RoomName = "r",
            UserName = "Zoë \"Z\" <b>",
            StartCloudRecordingOptions = JsonDocument.Parse("""{"layout":{"preset":"custom","ratio":1.5,"sizes":[1.25,2,-3e2]},"name":"\u00e9t\u00e9\n"}""").RootElement,
            Permissions = new DailyPermissions { CanSend = DailyCanSend.Of(DailyMedia.Audio), CanReceive = new DailyCanReceive { ByUserId = new Dictionary<string, DailyReceiveSetting> { ["Zoë\t"] = true } } },
        };

        string compact = token.ToRestRequestBody(new DailyRestOptions { EnableTerseLogging = true });
        Assert.Equal(
            J("{'properties':{'room_name':'r','user_name':'Zoë \\'Z\\' <b>','start_cloud_recording_opts':{'layout':{'preset':'custom'," +
              "'ratio':1.5,'sizes':[1.25,2,-3e2]},'name':'été\\n'},'permissions':{'canSend':['audio']," +
              "'canReceive':{'byUserId':{'Zoë\\t':true}}},'enable_terse_logging':true}}"),
            compact);

        string escaped = Write(token, new DailyRestOptions { EnableTerseLogging = true }, default);
        Assert.Contains("\\u0022Z\\u0022 \\u003Cb\\u003E", escaped, StringComparison.Ordinal);
        string indented = Write(token, new DailyRestOptions { EnableTerseLogging = true }, new JsonWriterOptions { Indented = true });
        Assert.Contains("\n  \"properties\": {\n    \"room_name\": \"r\",", indented, StringComparison.Ordinal);
        foreach (string text in new[] { escaped, indented })
        {
            using JsonDocument written = JsonDocument.Parse(text);
            using JsonDocument expected = JsonDocument.Parse(compact);
            Assert.True(JsonElement.DeepEquals(expected.RootElement, written.RootElement), text);
        }
    }

    [Fact]
    public void Writing_the_body_into_a_reused_writer_allocates_nothing_after_warm_up()
    {
        DailyToken token = Full();
        var options = new DailyRestOptions { EnablePrejoinUi = true, EnableTerseLogging = false };
        var buffer = new ArrayBufferWriter<byte>(4096);
        using var writer = new Utf8JsonWriter(buffer);
        for (int i = 0; i < 100; i++)
        {
            buffer.ResetWrittenCount();
            writer.Reset(buffer);
            token.WriteRestRequestBody(writer, options);
            writer.Flush();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            buffer.ResetWrittenCount();
            writer.Reset(buffer);
            token.WriteRestRequestBody(writer, options);
            writer.Flush();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(Full().ToRestRequestBody(options), Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Fact]
    public void Claims_only_a_self_signed_token_carries_are_refused()
    {
        var hook = new DailyToken { RoomName = "r", MeetingJoinHook = new Uri("https://example.com/join") };
        var intercom = new DailyToken { RoomName = "r", IntercomJoinAlert = true };

        Assert.Contains("'mjh' (meeting_join_hook)", Assert.Throws<InvalidOperationException>(() => hook.ToRestRequestBody()).Message, StringComparison.Ordinal);
        Assert.Contains("'ij' (intercom_join_alert)", Assert.Throws<InvalidOperationException>(() => intercom.ToRestRequestBody()).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => hook.WriteRestRequestBody(null!));
        Assert.Equal(["mjh is not accepted by Daily's REST create-meeting-token call"], hook.ValidateForRestRequest().Problems.Select(p => $"{p.Claim} {p.Message}"));
        Assert.Equal(["ij is not accepted by Daily's REST create-meeting-token call"], intercom.ValidateForRestRequest().Problems.Select(p => $"{p.Claim} {p.Message}"));
    }

    [Fact]
    public void REST_validation_skips_what_Daily_fills_and_checks_what_the_call_refuses()
    {
        Assert.True(new DailyToken().ValidateForRestRequest().IsValid);
        Assert.True(Full().ValidateForRestRequest().IsValid);
        Assert.True((Full() with { IssuedAt = Now.AddDays(1) }).ValidateForRestRequest().IsValid);

        ClaimValidationResult result = new DailyToken
        {
            RoomName = " ",
            UserId = new string('u', 37),
            Expires = DateTimeOffset.FromUnixTimeSeconds((long)int.MaxValue + 1),
            NotBefore = DateTimeOffset.FromUnixTimeSeconds(1),
            EjectAfterElapsed = -1,
            EnableRecording = default(DailyRecording),
        }.ValidateForRestRequest();

        string[] problems = result.Problems.Select(p => $"{p.Claim} {p.Message}").ToArray();
        Assert.Contains("r is required", problems);
        Assert.Contains("ud is longer than 36 characters", problems);
        Assert.Contains("eje is not at least 0", problems);
        Assert.Contains("er names no recording mode", problems);
        Assert.Contains("exp does not fit the 32-bit seconds of Daily's REST call", problems);
        Assert.DoesNotContain(problems, p => p.StartsWith("nbf", StringComparison.Ordinal) || p.StartsWith("d ", StringComparison.Ordinal) || p.StartsWith("iat", StringComparison.Ordinal));
    }

    [Fact]
    public void Issuer_completes_validates_and_writes_the_body_without_domain_or_issue_time()
    {
        using var daily = new DailyTokenIssuer(new DailyCredentials(ApiKey, Guid.Parse(DailyTokenTests.ExampleDomain)), new DailyTokenIssuerOptions { TimeProvider = new ManualTimeProvider(Now.AddMilliseconds(900)) });

        Assert.Equal(
            """{"properties":{"room_name":"standup","exp":1800003600,"is_owner":true,"enable_prejoin_ui":true}}""",
            daily.CreateRestRequestBody(new DailyToken { RoomName = "standup", IsOwner = true }, new DailyRestOptions { EnablePrejoinUi = true }));

        Assert.Equal("""{"properties":{"room_name":"standup","exp":1800000060}}""", daily.CreateRestRequestBody(new DailyToken { RoomName = "standup", Expires = Now.AddMinutes(1) }));

        var invalid = Assert.Throws<JwtPayloadValidationException>(() => daily.CreateRestRequestBody(new DailyToken { RoomName = "r", MeetingJoinHook = new Uri("https://example.com/join"), EjectAfterElapsed = -1 }));
        Assert.Contains("'mjh' is not accepted", invalid.Message, StringComparison.Ordinal);
        Assert.Contains("'eje' is not at least 0", invalid.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => daily.CreateRestRequestBody(new DailyToken { RoomName = "r", DomainId = Guid.NewGuid() }));
    }

    [Fact]
    public void Bodies_written_on_many_threads_at_once_stay_whole()
    {
        string expected = Full().ToRestRequestBody();
        string[] written = new string[64];
        System.Threading.Tasks.Parallel.For(0, written.Length, i =>
        {
            DailyToken token = i % 2 == 0 ? Full() : Full() with { UserName = "user-" + i };
            written[i] = token.ToRestRequestBody();
        });

        for (int i = 0; i < written.Length; i++)
        {
            Assert.Equal(i % 2 == 0 ? expected : expected.Replace("\"user_name\":\"Ada\"", "\"user_name\":\"user-" + i + "\"", StringComparison.Ordinal), written[i]);
        }
    }

    [Fact]
    public void Receive_maps_of_any_dictionary_type_are_written_in_both_forms()
    {
        var permissions = new DailyPermissions
        {
            CanReceive = new DailyCanReceive
            {
                ByUserId = new SortedDictionary<string, DailyReceiveSetting>(StringComparer.Ordinal) { ["b"] = new DailyReceiveMedia { Video = false }, ["a"] = true },
            },
        };

        Assert.Equal(J("{'properties':{'room_name':'r','permissions':{'canReceive':{'byUserId':{'a':true,'b':{'video':false}}}}}}"), Body(permissions));
        Assert.Equal(J("{'p':{'cr':{'u':{'a':true,'b':{'v':false}}}}}"), DailyTokenTests.Json(new DailyToken { Permissions = permissions }));
    }
}
