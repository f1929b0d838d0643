namespace TokenSchema.Generator.Vocabularies;

/// <summary>Zoom Video SDK session tokens.</summary>
internal static class ZoomVocabulary
{
    /// <summary>The values of the comma list <c>geo_regions</c>.</summary>
    public static readonly string[] GeoRegions = { "AU", "BR", "CA", "CN", "DE", "HK", "IN", "JP", "MX", "NL", "SG", "US" };

    /// <summary>The Zoom Video SDK vocabulary.</summary>
    public static readonly ClaimVocabularyDefinition Vocabulary = new ClaimVocabularyDefinition(VocabularyId.Zoom,
        new ClaimSet("Zoom Video SDK", isOpen: false, RegisteredClaims.AppendTo(
            new ClaimDefinition("app_key", ClaimJsonKind.String, "SDK key", isRequired: true, aliases: new[] { "SdkKey", "AppKey" }),
            new ClaimDefinition("role_type", ClaimJsonKind.Integer, "role (1 host, 0 participant)", isRequired: true,
                minimum: 0, maximum: 1, aliases: new[] { "Role", "RoleType" }),
            new ClaimDefinition("tpc", ClaimJsonKind.String, "session name", isRequired: true, maxLength: 200,
                aliases: new[] { "Topic", "SessionName" }),
            new ClaimDefinition("version", ClaimJsonKind.Integer, "token version (1)", isRequired: true, minimum: 1, maximum: 1),
            RegisteredClaims.IssuedAt.WithPlatformMeaning(isRequired: true),
            RegisteredClaims.ExpirationTime.WithPlatformMeaning(isRequired: true),
            new ClaimDefinition("user_key", ClaimJsonKind.String, "user key", maxLength: 36, formerNames: new[] { "user_identity" },
                aliases: new[] { "UserKey", "UserIdentity", "UserId" }),
            new ClaimDefinition("session_key", ClaimJsonKind.String, "session key", maxLength: 36),
            new ClaimDefinition("geo_regions", ClaimJsonKind.String, "comma list of geo regions", allowedValues: GeoRegions, valueSeparator: ','),
            new ClaimDefinition("cloud_recording_option", ClaimJsonKind.Integer, "cloud recording option (0/1)", minimum: 0, maximum: 1),
            new ClaimDefinition("cloud_recording_election", ClaimJsonKind.Integer, "cloud recording election (0/1)", minimum: 0, maximum: 1),
            new ClaimDefinition("telemetry_tracking_id", ClaimJsonKind.String, "telemetry tracking id"),
            new ClaimDefinition("video_webrtc_mode", ClaimJsonKind.Integer, "video WebRTC mode (0/1)", minimum: 0, maximum: 1),
            new ClaimDefinition("audio_webrtc_mode", ClaimJsonKind.Integer, "audio WebRTC mode (0/1)", minimum: 0, maximum: 1))));
}
