namespace TokenSchema.Generator.Vocabularies;

/// <summary>
/// LiveKit access tokens: identity in <c>sub</c>, the API key in <c>iss</c>, <c>exp</c> (the server refuses a token
/// without it), and the <c>video</c>, <c>sip</c>, <c>inference</c>, <c>observability</c> and <c>agent</c> grants.
/// </summary>
internal static class LiveKitVocabulary
{
    /// <summary>The values of <c>kind</c>.</summary>
    public static readonly string[] ParticipantKinds = { "standard", "ingress", "egress", "sip", "agent", "connector", "bridge" };

    /// <summary>The values of <c>video.canPublishSources</c>.</summary>
    public static readonly string[] TrackSources = { "camera", "microphone", "screen_share", "screen_share_audio" };

    /// <summary>The <c>video</c> grant.</summary>
    public static readonly ClaimSet VideoGrant = new ClaimSet("LiveKit video grant", isOpen: false, new[]
    {
        Flag("roomCreate"), Flag("roomList"), Flag("roomRecord"), Flag("roomAdmin"), Flag("roomJoin"), Flag("ingressAdmin"),
        Flag("hidden"), Flag("recorder"), Flag("agent"), Flag("canUpdateOwnMetadata"), Flag("canSubscribeMetrics"),
        Flag("canManageAgentSession"),
        new ClaimDefinition("room", ClaimJsonKind.String, "room name", aliases: new[] { "RoomName" }),
        Flag("canPublish"), Flag("canSubscribe"), Flag("canPublishData"),
        new ClaimDefinition("canPublishSources", ClaimJsonKind.Array, "track sources the participant may publish",
            allowedValues: TrackSources),
        new ClaimDefinition("destinationRoom", ClaimJsonKind.String, "destination room"),
    });

    /// <summary>The <c>sip</c> grant.</summary>
    public static readonly ClaimSet SipGrant = new ClaimSet("LiveKit SIP grant", isOpen: false, new[]
    {
        Flag("admin"), Flag("call"),
    });

    /// <summary>The <c>inference</c> grant.</summary>
    public static readonly ClaimSet InferenceGrant = new ClaimSet("LiveKit inference grant", isOpen: false, new[]
    {
        Flag("perform"),
    });

    /// <summary>The <c>observability</c> grant.</summary>
    public static readonly ClaimSet ObservabilityGrant = new ClaimSet("LiveKit observability grant", isOpen: false, new[]
    {
        Flag("write"),
    });

    /// <summary>The <c>agent</c> grant (top level, not <c>video.agent</c>).</summary>
    public static readonly ClaimSet AgentGrant = new ClaimSet("LiveKit agent grant", isOpen: false, new[]
    {
        Flag("admin"), Flag("simulationAdmin"), Flag("databaseAdmin"),
    });

    /// <summary>The LiveKit vocabulary.</summary>
    public static readonly ClaimVocabularyDefinition Vocabulary = new ClaimVocabularyDefinition(VocabularyId.LiveKit,
        new ClaimSet("LiveKit", isOpen: false, RegisteredClaims.AppendTo(
            RegisteredClaims.Issuer.WithPlatformMeaning("API key", isRequired: true, aliases: new[] { "ApiKey" }),
            RegisteredClaims.Subject.WithPlatformMeaning("participant identity", aliases: new[] { "Identity" }),
            RegisteredClaims.NotBefore,
            RegisteredClaims.ExpirationTime.WithPlatformMeaning(isRequired: true),
            RegisteredClaims.IssuedAt,
            new ClaimDefinition("name", ClaimJsonKind.String, "display name", aliases: new[] { "DisplayName", "ParticipantName" }),
            new ClaimDefinition("metadata", ClaimJsonKind.String, "participant metadata"),
            new ClaimDefinition("attributes", ClaimJsonKind.Map, "participant attributes", elementClrTypes: ClaimClrTypes.String),
            new ClaimDefinition("kind", ClaimJsonKind.String, "participant kind", allowedValues: ParticipantKinds,
                aliases: new[] { "ParticipantKind" }),
            new ClaimDefinition("kindDetails", ClaimJsonKind.Array, "participant kind details", isUncertain: true),
            new ClaimDefinition("video", ClaimJsonKind.Object, "video grant", members: VideoGrant, aliases: new[] { "VideoGrant" }),
            new ClaimDefinition("sip", ClaimJsonKind.Object, "SIP grant", members: SipGrant, aliases: new[] { "SipGrant" }),
            new ClaimDefinition("inference", ClaimJsonKind.Object, "inference grant", members: InferenceGrant,
                aliases: new[] { "InferenceGrant" }),
            new ClaimDefinition("observability", ClaimJsonKind.Object, "observability grant", members: ObservabilityGrant,
                aliases: new[] { "ObservabilityGrant" }),
            new ClaimDefinition("agent", ClaimJsonKind.Object, "agent grant", members: AgentGrant, aliases: new[] { "AgentGrant" }),
            new ClaimDefinition("roomConfig", ClaimJsonKind.Object, "room configuration", aliases: new[] { "RoomConfiguration" }),
            new ClaimDefinition("roomPreset", ClaimJsonKind.String, "room preset"),
            new ClaimDefinition("sha256", ClaimJsonKind.String, "SHA-256 of the body"))),
        matchesNamesIgnoringCase: true); // the server decodes the claims with Go's encoding/json

    private static ClaimDefinition Flag(string name) => new ClaimDefinition(name, ClaimJsonKind.Boolean, name);
}
