namespace TokenSchema.Generator.Vocabularies;

/// <summary>
/// Twilio Video access tokens: <c>grants</c> holds the identity and the video grant. <c>iat</c> is optional: Twilio's .NET
/// library and its documented example token write none.
/// </summary>
internal static class TwilioVocabulary
{
    /// <summary>The <c>grants.video</c> object.</summary>
    public static readonly ClaimSet VideoGrant = new ClaimSet("Twilio video grant", isOpen: false, new[]
    {
        new ClaimDefinition("room", ClaimJsonKind.String, "room name or SID", aliases: new[] { "RoomName", "RoomSid" }),
        new ClaimDefinition("configuration_profile_sid", ClaimJsonKind.String, "configuration profile SID", aliases: new[] { "ConfigurationProfileSid" }),
    });

    /// <summary>The <c>grants</c> object.</summary>
    public static readonly ClaimSet Grants = new ClaimSet("Twilio grants", isOpen: false, new[]
    {
        new ClaimDefinition("identity", ClaimJsonKind.String, "identity", isRequired: true),
        new ClaimDefinition("video", ClaimJsonKind.Object, "video grant", isRequired: true, members: VideoGrant,
            aliases: new[] { "VideoGrant" }),
    });

    /// <summary>The Twilio Video vocabulary.</summary>
    public static readonly ClaimVocabularyDefinition Vocabulary = new ClaimVocabularyDefinition(VocabularyId.Twilio,
        new ClaimSet("Twilio", isOpen: false, RegisteredClaims.AppendTo(
            RegisteredClaims.JwtId.WithPlatformMeaning("<ApiKeySid>-<unix time>", isRequired: true),
            RegisteredClaims.Issuer.WithPlatformMeaning("API key SID", isRequired: true, aliases: new[] { "ApiKeySid", "ApiKey" }),
            RegisteredClaims.Subject.WithPlatformMeaning("account SID", isRequired: true, aliases: new[] { "AccountSid" }),
            RegisteredClaims.IssuedAt,
            RegisteredClaims.ExpirationTime.WithPlatformMeaning(isRequired: true),
            RegisteredClaims.NotBefore,
            new ClaimDefinition("grants", ClaimJsonKind.Object, "grants", isRequired: true, members: Grants))));
}
