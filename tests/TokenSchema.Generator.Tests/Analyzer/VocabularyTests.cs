using System.Collections.Generic;
using System.Linq;
using TokenSchema.Generator.Vocabularies;
using Xunit;

namespace TokenSchema.Generator.Tests.Analyzer;

/// <summary>The vocabulary tables hold what PLATFORMS.md states about each platform.</summary>
public sealed class VocabularyTests
{
    /// <summary>Daily's abbreviation table, long name → claim, as the self-signing page lists it.</summary>
    public static TheoryData<string, string, string> DailyTable => new()
    {
        { "nbf", "nbf", "NumericDate" }, { "exp", "exp", "NumericDate" },
        { "domain_id", "d", "String" }, { "room_name", "r", "String" },
        { "user_id", "ud", "String" }, { "user_name", "u", "String" },
        { "is_owner", "o", "Boolean" }, { "knocking", "k", "Boolean" },
        { "close_tab_on_exit", "ctoe", "Boolean" }, { "redirect_on_meeting_exit", "rome", "String" },
        { "intercom_join_alert", "ij", "Boolean" }, { "start_cloud_recording", "sr", "Boolean" },
        { "start_cloud_recording_opts", "sro", "Object" }, { "auto_start_transcription", "ast", "Boolean" },
        { "enable_recording", "er", "StringOrArray" }, { "enable_screenshare", "ss", "Boolean" },
        { "start_video_off", "vo", "Boolean" }, { "start_audio_off", "ao", "Boolean" },
        { "meeting_join_hook", "mjh", "String" }, { "eject_at_token_exp", "ejt", "Boolean" },
        { "eject_after_elapsed", "eje", "Integer" }, { "lang", "uil", "String" },
        { "enable_recording_ui", "erui", "Boolean" }, { "permissions", "p", "Object" },
    };

    [Theory]
    [MemberData(nameof(DailyTable))]
    public void Daily_knows_each_abbreviation_with_its_long_name_and_kind(string longName, string claim, string kind)
    {
        ClaimSet daily = ClaimVocabularies.Get(VocabularyId.Daily)!.Root;
        ClaimDefinition definition = Assert.IsType<ClaimDefinition>(daily.FindByName(claim));
        Assert.Equal(longName, definition.LongName);
        Assert.Equal(kind, definition.Kind.ToString());
        if (longName != claim)
        {
            Assert.Same(definition, daily.FindByLongName(longName, out bool isFormer));
            Assert.False(isFormer);
        }
    }

    [Fact]
    public void Daily_has_the_24_abbreviations_iat_and_the_long_form_only_options()
    {
        ClaimSet daily = ClaimVocabularies.Get(VocabularyId.Daily)!.Root;
        var expected = DailyTable.Select(row => (string)row[1])
            .Concat(new[] { "iat", "enable_prejoin_ui", "enable_live_captions_ui", "enable_terse_logging" })
            .Concat(new[] { "iss", "sub", "aud", "jti" });
        Assert.Equal(expected.OrderBy(n => n, System.StringComparer.Ordinal), daily.Claims.Select(c => c.Name).OrderBy(n => n, System.StringComparer.Ordinal));
        Assert.Equal(new[] { "d", "iat", "r" }, daily.Claims.Where(c => c.IsRequired).Select(c => c.Name).OrderBy(n => n, System.StringComparer.Ordinal));
        Assert.Equal(36, daily.FindByName("ud")!.MaxLength);
        Assert.Equal(new[] { "cloud", "cloud-audio-only", "local", "raw-tracks" }, daily.FindByName("er")!.AllowedValues);
        Assert.Equal(18, daily.FindByName("uil")!.AllowedValues.Count);
        Assert.Contains("pt-BR", daily.FindByName("uil")!.AllowedValues);
        Assert.False(daily.IsOpen);
    }

    [Fact]
    public void Daily_permissions_nest_can_receive_and_receive_settings()
    {
        ClaimSet permissions = ClaimVocabularies.Get(VocabularyId.Daily)!.Root.FindByName("p")!.Members!;
        Assert.Equal(new[] { "hp", "cs", "cr", "ca" }, permissions.Claims.Select(c => c.Name));
        Assert.Equal(new[] { "hasPresence", "canSend", "canReceive", "canAdmin" }, permissions.Claims.Select(c => c.LongName));
        Assert.Equal(new[] { "v", "a", "sv", "sa" }, permissions.FindByName("cs")!.AllowedValues);
        Assert.Equal(new[] { "p", "s", "t" }, permissions.FindByName("ca")!.AllowedValues);
        Assert.Equal("screenVideo", permissions.FindByName("cs")!.FindValueLongName("sv"));
        Assert.Equal("transcription", permissions.FindByName("ca")!.FindValueLongName("t"));
        Assert.Null(permissions.FindByName("ca")!.FindValueLongName("x"));
        ClaimSet canReceive = permissions.FindByName("cr")!.Members!;
        Assert.Equal(new[] { "b", "u", "p" }, canReceive.Claims.Select(c => c.Name));
        Assert.Equal(ClaimJsonKind.BooleanOrObject, canReceive.FindByName("b")!.Kind);
        Assert.Equal(new[] { "v", "a", "sv", "sa", "cv", "ca" }, canReceive.FindByName("b")!.Members!.Claims.Select(c => c.Name));
        Assert.Equal(new[] { "video", "audio", "screenVideo", "screenAudio", "customVideo", "customAudio" },
            canReceive.FindByName("b")!.Members!.Claims.Select(c => c.LongName));
        Assert.Equal(new[] { "base", "byUserId", "byParticipantId" }, canReceive.Claims.Select(c => c.LongName));
        Assert.Same(canReceive.FindByName("b")!.Members, canReceive.FindByName("u")!.Members);
    }

    [Fact]
    public void Digital_samba_knows_its_claims()
    {
        ClaimSet samba = ClaimVocabularies.Get(VocabularyId.DigitalSamba)!.Root;
        foreach (string name in new[] { "td", "rd", "ud", "u", "initials", "role", "breakoutId", "avatar", "iat", "nbf", "exp" })
        {
            Assert.NotNull(samba.FindByName(name));
        }

        Assert.All(new[] { "td", "rd", "ud", "u", "initials", "role", "breakoutId", "avatar" },
            name => Assert.Equal(ClaimJsonKind.String, samba.FindByName(name)!.Kind));
    }

    [Fact]
    public void LiveKit_knows_top_level_claims_and_grants()
    {
        ClaimSet liveKit = ClaimVocabularies.Get(VocabularyId.LiveKit)!.Root;
        foreach (string name in new[] { "iss", "sub", "nbf", "exp", "iat", "name", "metadata", "attributes", "kind", "video", "sip", "roomConfig", "roomPreset", "sha256" })
        {
            Assert.NotNull(liveKit.FindByName(name));
        }

        Assert.Equal(new[] { "standard", "ingress", "egress", "sip", "agent", "connector", "bridge" }, liveKit.FindByName("kind")!.AllowedValues);
        ClaimSet video = liveKit.FindByName("video")!.Members!;
        foreach (string flag in new[] { "roomCreate", "roomList", "roomRecord", "roomAdmin", "roomJoin", "ingressAdmin", "hidden", "recorder", "agent",
            "canUpdateOwnMetadata", "canSubscribeMetrics", "canManageAgentSession", "canPublish", "canSubscribe", "canPublishData" })
        {
            Assert.Equal(ClaimJsonKind.Boolean, video.FindByName(flag)!.Kind);
        }

        Assert.Equal(ClaimJsonKind.String, video.FindByName("room")!.Kind);
        Assert.Equal(ClaimJsonKind.String, video.FindByName("destinationRoom")!.Kind);
        Assert.Equal(new[] { "camera", "microphone", "screen_share", "screen_share_audio" }, video.FindByName("canPublishSources")!.AllowedValues);
        Assert.Equal(new[] { "admin", "call" }, liveKit.FindByName("sip")!.Members!.Claims.Select(c => c.Name));
    }

    [Fact]
    public void Zoom_knows_required_and_optional_claims_with_limits()
    {
        ClaimSet zoom = ClaimVocabularies.Get(VocabularyId.Zoom)!.Root;
        Assert.Equal(new[] { "app_key", "exp", "iat", "role_type", "tpc", "version" },
            zoom.Claims.Where(c => c.IsRequired).Select(c => c.Name).OrderBy(n => n, System.StringComparer.Ordinal));
        Assert.Equal(200, zoom.FindByName("tpc")!.MaxLength);
        Assert.Equal(36, zoom.FindByName("user_key")!.MaxLength);
        Assert.Equal(36, zoom.FindByName("session_key")!.MaxLength);
        Assert.Equal(12, zoom.FindByName("geo_regions")!.AllowedValues.Count);
        foreach (string name in new[] { "cloud_recording_option", "cloud_recording_election", "video_webrtc_mode", "audio_webrtc_mode", "role_type" })
        {
            Assert.Equal((0L, 1L), (zoom.FindByName(name)!.Minimum, zoom.FindByName(name)!.Maximum));
        }

        Assert.NotNull(zoom.FindByName("telemetry_tracking_id"));
        Assert.Same(zoom.FindByName("user_key"), zoom.FindByLongName("user_identity", out bool isFormer));
        Assert.True(isFormer);
    }

    [Fact]
    public void Twilio_grants_hold_identity_and_video_room()
    {
        ClaimSet twilio = ClaimVocabularies.Get(VocabularyId.Twilio)!.Root;
        // iat is optional: Twilio's .NET library writes none.
        Assert.Equal(new[] { "exp", "grants", "iss", "jti", "sub" },
            twilio.Claims.Where(c => c.IsRequired).Select(c => c.Name).OrderBy(n => n, System.StringComparer.Ordinal));
        ClaimSet grants = twilio.FindByName("grants")!.Members!;
        Assert.True(grants.FindByName("identity")!.IsRequired);
        Assert.True(grants.FindByName("video")!.IsRequired);
        Assert.Equal(new[] { "room", "configuration_profile_sid" }, grants.FindByName("video")!.Members!.Claims.Select(c => c.Name));
    }

    [Fact]
    public void LiveKit_knows_every_grant_its_SDKs_write_and_requires_exp()
    {
        ClaimSet livekit = ClaimVocabularies.Get(VocabularyId.LiveKit)!.Root;
        Assert.Equal(new[] { "exp", "iss" },
            livekit.Claims.Where(c => c.IsRequired).Select(c => c.Name).OrderBy(n => n, System.StringComparer.Ordinal));
        Assert.Equal(new[] { "perform" }, livekit.FindByName("inference")!.Members!.Claims.Select(c => c.Name));
        Assert.Equal(new[] { "write" }, livekit.FindByName("observability")!.Members!.Claims.Select(c => c.Name));
        Assert.Equal(new[] { "admin", "simulationAdmin", "databaseAdmin" }, livekit.FindByName("agent")!.Members!.Claims.Select(c => c.Name));
        Assert.Equal(ClaimJsonKind.Array, livekit.FindByName("kindDetails")!.Kind);
        ClaimSet video = livekit.FindByName("video")!.Members!;
        Assert.All(new[] { "canSubscribeMetrics", "canManageAgentSession", "destinationRoom" }, name => Assert.NotNull(video.FindByName(name)));
    }

    [Fact]
    public void Hms_and_Stream_Video_know_their_SDKs_claims()
    {
        ClaimSet hms = ClaimVocabularies.Get(VocabularyId.Hms)!.Root;
        Assert.Equal(new[] { "access_key", "exp", "type", "version" },
            hms.Claims.Where(c => c.IsRequired).Select(c => c.Name).OrderBy(n => n, System.StringComparer.Ordinal));
        Assert.Equal(new[] { "app", "management" }, hms.FindByName("type")!.AllowedValues);
        Assert.Equal((2L, 2L), (hms.FindByName("version")!.Minimum!.Value, hms.FindByName("version")!.Maximum!.Value));
        Assert.All(new[] { "room_id", "role", "user_id" }, name => Assert.Equal(ClaimJsonKind.String, hms.FindByName(name)!.Kind));

        ClaimSet stream = ClaimVocabularies.Get(VocabularyId.StreamVideo)!.Root;
        Assert.Equal(new[] { "user_id" }, stream.Claims.Where(c => c.IsRequired).Select(c => c.Name));
        Assert.Equal(ClaimJsonKind.Array, stream.FindByName("call_cids")!.Kind);
        Assert.Equal(ClaimJsonKind.Integer, stream.FindByName("validity_in_seconds")!.Kind);
        Assert.Equal("role", stream.FindNearest("rloe")!.Name);
    }

    [Fact]
    public void Jitsi_knows_the_prosody_claims_and_the_user_strings()
    {
        ClaimSet jitsi = ClaimVocabularies.Get(VocabularyId.Jitsi)!.Root;
        Assert.Equal(new[] { "aud", "exp", "iss", "room" },
            jitsi.Claims.Where(c => c.IsRequired).Select(c => c.Name).OrderBy(n => n, System.StringComparer.Ordinal));
        ClaimSet context = jitsi.FindByName("context")!.Members!;
        Assert.Equal(new[] { "user", "group", "callee", "features" }, context.Claims.Select(c => c.Name));
        Assert.All(context.FindByName("user")!.Members!.Claims, c => Assert.Equal(ClaimJsonKind.String, c.Kind));
    }

    [Fact]
    public void Every_vocabulary_knows_the_registered_claims_with_their_types()
    {
        var kinds = new Dictionary<string, ClaimJsonKind>
        {
            ["iss"] = ClaimJsonKind.String, ["sub"] = ClaimJsonKind.String, ["aud"] = ClaimJsonKind.StringOrArray,
            ["exp"] = ClaimJsonKind.NumericDate, ["nbf"] = ClaimJsonKind.NumericDate, ["iat"] = ClaimJsonKind.NumericDate,
            ["jti"] = ClaimJsonKind.String,
        };
        Assert.Equal(9, ClaimVocabularies.All.Count);
        foreach (ClaimVocabularyDefinition vocabulary in ClaimVocabularies.All)
        {
            foreach (KeyValuePair<string, ClaimJsonKind> registered in kinds)
            {
                ClaimDefinition claim = Assert.IsType<ClaimDefinition>(vocabulary.Root.FindByName(registered.Key));
                Assert.Equal(registered.Value, claim.Kind);
                Assert.True(claim.IsRegistered);
            }

            Assert.Equal(vocabulary.Id == VocabularyId.Jwt, vocabulary.IsOpen);
            Assert.Equal(vocabulary.Id, ClaimVocabularies.Get(vocabulary.Id)!.Id);
        }

        Assert.Null(ClaimVocabularies.Get((VocabularyId)99));
    }

    [Fact]
    public void Vocabulary_ids_match_the_runtime_enum()
    {
        foreach (TokenSchema.ClaimVocabulary value in System.Enum.GetValues<TokenSchema.ClaimVocabulary>())
        {
            Assert.Equal(value.ToString(), ((VocabularyId)(int)value).ToString());
        }

        Assert.Equal(System.Enum.GetValues<TokenSchema.ClaimVocabulary>().Length, System.Enum.GetValues<VocabularyId>().Length);
    }

    [Theory]
    [InlineData("cteo", "ctoe")]
    [InlineData("ctoee", "ctoe")]
    [InlineData("close_tab_on_exitt", "ctoe")]
    [InlineData("CTOE", "ctoe")]
    [InlineData("uid", "ud")]
    [InlineData("favourite_colour", null)]
    [InlineData("xyz", null)]
    public void Nearest_claim_uses_a_length_relative_threshold(string name, string? expected)
    {
        ClaimSet daily = ClaimVocabularies.Get(VocabularyId.Daily)!.Root;
        Assert.Equal(expected, daily.FindNearest(name)?.Name);
    }

    [Theory]
    [InlineData("exp", "exp", 0)]
    [InlineData("cteo", "ctoe", 1)]
    [InlineData("EXP", "exp", 1)]
    [InlineData("exq", "exp", 1)]
    [InlineData("ex", "exp", 1)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("ca", "abc", 3)]
    public void Distance_is_restricted_damerau_levenshtein(string a, string b, int distance)
    {
        Assert.Equal(distance, ClaimNames.Distance(a, b));
        Assert.Equal(distance, ClaimNames.Distance(b, a));
    }

    [Fact]
    public void Best_fit_recognises_nested_objects()
    {
        ClaimVocabularyDefinition daily = ClaimVocabularies.Get(VocabularyId.Daily)!;
        Assert.Equal("Daily", daily.BestFit(new[] { "r", "d", "iat" }).DisplayName);
        Assert.Equal("Daily permissions", daily.BestFit(new[] { "hp", "cs" }).DisplayName);
        Assert.Equal("Daily canReceive", daily.BestFit(new[] { "b", "u", "p" }).DisplayName);
        Assert.Equal("Daily", daily.BestFit(new[] { "u", "p" }).DisplayName);
    }
}
