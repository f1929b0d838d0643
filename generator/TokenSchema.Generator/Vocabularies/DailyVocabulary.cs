namespace TokenSchema.Generator.Vocabularies;

/// <summary>Daily self-signed meeting tokens: abbreviated claims, with Daily's REST names as long names.</summary>
internal static class DailyVocabulary
{
    /// <summary>The values of <c>er</c> (enable_recording).</summary>
    public static readonly string[] RecordingModes = { "cloud", "cloud-audio-only", "local", "raw-tracks" };

    /// <summary>The values of <c>uil</c> (lang).</summary>
    public static readonly string[] Languages =
    {
        "da", "de", "en", "es", "fi", "fr", "it", "jp", "ka", "nl", "no", "pt", "pt-BR", "pl", "ru", "sv", "tr", "user",
    };

    /// <summary>The media a receive setting covers: <c>{v, a, sv, sa, cv, ca}</c>, used by <c>cr.b</c> and each value of <c>cr.u</c> / <c>cr.p</c>.</summary>
    public static readonly ClaimSet ReceiveSettings = new ClaimSet("Daily receive settings", isOpen: false, new[]
    {
        new ClaimDefinition("v", ClaimJsonKind.Boolean, "video", longName: "video", aliases: new[] { "Video" }),
        new ClaimDefinition("a", ClaimJsonKind.Boolean, "audio", longName: "audio", aliases: new[] { "Audio" }),
        new ClaimDefinition("sv", ClaimJsonKind.Boolean, "screenVideo", longName: "screenVideo", aliases: new[] { "ScreenVideo" }),
        new ClaimDefinition("sa", ClaimJsonKind.Boolean, "screenAudio", longName: "screenAudio", aliases: new[] { "ScreenAudio" }),
        new ClaimDefinition("cv", ClaimJsonKind.Map, "customVideo", longName: "customVideo", elementClrTypes: ClaimClrTypes.Boolean, aliases: new[] { "CustomVideo" }),
        new ClaimDefinition("ca", ClaimJsonKind.Map, "customAudio", longName: "customAudio", elementClrTypes: ClaimClrTypes.Boolean, aliases: new[] { "CustomAudio" }),
    });

    /// <summary>The <c>cr</c> (canReceive) object: <c>{b, u, p}</c>.</summary>
    public static readonly ClaimSet CanReceive = new ClaimSet("Daily canReceive", isOpen: false, new[]
    {
        new ClaimDefinition("b", ClaimJsonKind.BooleanOrObject, "base", longName: "base", members: ReceiveSettings),
        new ClaimDefinition("u", ClaimJsonKind.Map, "byUserId", longName: "byUserId", members: ReceiveSettings,
            elementClrTypes: ClaimClrTypes.Boolean | ClaimClrTypes.Payload | ClaimClrTypes.Map | ClaimClrTypes.Json),
        new ClaimDefinition("p", ClaimJsonKind.Map, "byParticipantId", longName: "byParticipantId", members: ReceiveSettings,
            elementClrTypes: ClaimClrTypes.Boolean | ClaimClrTypes.Payload | ClaimClrTypes.Map | ClaimClrTypes.Json),
    });

    /// <summary>The <c>p</c> (permissions) object: <c>{hp, cs, cr, ca}</c>.</summary>
    public static readonly ClaimSet Permissions = new ClaimSet("Daily permissions", isOpen: false, new[]
    {
        new ClaimDefinition("hp", ClaimJsonKind.Boolean, "hasPresence", longName: "hasPresence"),
        new ClaimDefinition("cs", ClaimJsonKind.BooleanOrString, "canSend", longName: "canSend",
            allowedValues: new[] { "v", "a", "sv", "sa" },
            allowedValueLongNames: new[] { "video", "audio", "screenVideo", "screenAudio" }, valueSeparator: ','),
        new ClaimDefinition("cr", ClaimJsonKind.Object, "canReceive", longName: "canReceive", members: CanReceive),
        new ClaimDefinition("ca", ClaimJsonKind.BooleanOrString, "canAdmin", longName: "canAdmin",
            allowedValues: new[] { "p", "s", "t" },
            allowedValueLongNames: new[] { "participants", "streaming", "transcription" }, valueSeparator: ','),
    });

    /// <summary>The Daily vocabulary.</summary>
    public static readonly ClaimVocabularyDefinition Vocabulary = new ClaimVocabularyDefinition(VocabularyId.Daily,
        new ClaimSet("Daily", isOpen: false, RegisteredClaims.AppendTo(
            RegisteredClaims.NotBefore.WithPlatformMeaning(longName: "nbf"),
            RegisteredClaims.ExpirationTime.WithPlatformMeaning(longName: "exp"),
            new ClaimDefinition("d", ClaimJsonKind.String, "domain id", longName: "domain_id", isRequired: true,
                clrTypes: ClaimClrTypes.String | ClaimClrTypes.Guid, aliases: new[] { "Domain", "DomainId" }),
            new ClaimDefinition("r", ClaimJsonKind.String, "room name", longName: "room_name", isRequired: true,
                aliases: new[] { "Room", "RoomName" }),
            new ClaimDefinition("ud", ClaimJsonKind.String, "user id", longName: "user_id", maxLength: 36,
                clrTypes: ClaimClrTypes.String | ClaimClrTypes.Guid, aliases: new[] { "UserId" }),
            new ClaimDefinition("u", ClaimJsonKind.String, "user name", longName: "user_name",
                aliases: new[] { "UserName", "DisplayName" }),
            new ClaimDefinition("o", ClaimJsonKind.Boolean, "is owner", longName: "is_owner", aliases: new[] { "IsOwner", "Owner" }),
            new ClaimDefinition("k", ClaimJsonKind.Boolean, "knocking", longName: "knocking"),
            new ClaimDefinition("ctoe", ClaimJsonKind.Boolean, "close tab on exit", longName: "close_tab_on_exit"),
            new ClaimDefinition("rome", ClaimJsonKind.String, "redirect on meeting exit", longName: "redirect_on_meeting_exit",
                clrTypes: ClaimClrTypes.String | ClaimClrTypes.Uri),
            new ClaimDefinition("ij", ClaimJsonKind.Boolean, "intercom join alert", longName: "intercom_join_alert", isUncertain: true),
            new ClaimDefinition("sr", ClaimJsonKind.Boolean, "start cloud recording", longName: "start_cloud_recording"),
            new ClaimDefinition("sro", ClaimJsonKind.Object, "start cloud recording options", longName: "start_cloud_recording_opts"),
            new ClaimDefinition("ast", ClaimJsonKind.Boolean, "auto start transcription", longName: "auto_start_transcription"),
            new ClaimDefinition("er", ClaimJsonKind.StringOrArray, "enable recording", longName: "enable_recording",
                allowedValues: RecordingModes),
            new ClaimDefinition("ss", ClaimJsonKind.Boolean, "enable screenshare", longName: "enable_screenshare"),
            new ClaimDefinition("vo", ClaimJsonKind.Boolean, "start video off", longName: "start_video_off"),
            new ClaimDefinition("ao", ClaimJsonKind.Boolean, "start audio off", longName: "start_audio_off"),
            new ClaimDefinition("mjh", ClaimJsonKind.String, "meeting join hook", longName: "meeting_join_hook",
                clrTypes: ClaimClrTypes.String | ClaimClrTypes.Uri, maxLength: 255, isUncertain: true),
            new ClaimDefinition("ejt", ClaimJsonKind.Boolean, "eject at token exp", longName: "eject_at_token_exp"),
            new ClaimDefinition("eje", ClaimJsonKind.Integer, "eject after elapsed (seconds)", longName: "eject_after_elapsed",
                clrTypes: ClaimClrTypes.Integer | ClaimClrTypes.TimeSpan, minimum: 0),
            new ClaimDefinition("uil", ClaimJsonKind.String, "language", longName: "lang", allowedValues: Languages,
                aliases: new[] { "Language", "UiLanguage" }),
            new ClaimDefinition("erui", ClaimJsonKind.Boolean, "enable recording ui", longName: "enable_recording_ui"),
            new ClaimDefinition("p", ClaimJsonKind.Object, "permissions", longName: "permissions", members: Permissions),
            RegisteredClaims.IssuedAt.WithPlatformMeaning(isRequired: true),
            // Documented only for the REST create-meeting-token body, with no abbreviation: accepted, but uncertain.
            new ClaimDefinition("enable_prejoin_ui", ClaimJsonKind.Boolean, "enable prejoin ui", longName: "enable_prejoin_ui", isUncertain: true),
            new ClaimDefinition("enable_live_captions_ui", ClaimJsonKind.Boolean, "enable live captions ui", longName: "enable_live_captions_ui", isUncertain: true),
            new ClaimDefinition("enable_terse_logging", ClaimJsonKind.Boolean, "enable terse logging", longName: "enable_terse_logging", isUncertain: true))));
}
