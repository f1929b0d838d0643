using System;
using System.Collections.Generic;
using System.Text.Json;

namespace TokenSchema.LiveKit;

/// <summary>
/// A LiveKit access token: signed with an API secret (HS256), naming the API key in <c>iss</c>, the participant's
/// identity in <c>sub</c>, and what the participant may do in the <c>video</c>, <c>sip</c>, <c>inference</c>,
/// <c>observability</c> and <c>agent</c> grants.
/// </summary>
/// <remarks>
/// <para>
/// <c>iss</c> and <c>exp</c> are required (the LiveKit server refuses a token without <c>exp</c>); they are optional in C#
/// so that <see cref="LiveKitTokenIssuer"/> can fill them, and <see cref="IJwtPayload{TSelf}.Validate"/> reports either
/// when missing. It also applies the rule that <c>sub</c> is required when <c>video.roomJoin</c> is true, so
/// <see cref="JwtSigner"/> and <see cref="JwtVerifier"/> enforce it; <see cref="ValidateForLiveKit"/> returns the same result.
/// </para>
/// <para>
/// <c>kind</c> is read in any letter case, because LiveKit's Node SDK writes the protocol name it is given (for example
/// <c>"AGENT"</c>) and the server lower-cases it; it is always written in lower case, as LiveKit documents it.
/// </para>
/// <para>
/// Equality compares <see cref="Attributes"/>, <see cref="KindDetails"/> and <see cref="RoomConfig"/> by content, so a
/// token read back from its JSON equals the one written.
/// </para>
/// </remarks>
[TokenPayload(ClaimVocabulary.LiveKit)]
public sealed partial record LiveKitToken
{
    /// <summary>The API key whose secret signs the token (<c>iss</c>).</summary>
    [Claim("iss")]
    public string? ApiKey { get; init; }

    /// <summary>The participant's identity (<c>sub</c>); required when <see cref="LiveKitVideoGrant.RoomJoin"/> is true.</summary>
    [Claim("sub")]
    public string? Identity { get; init; }

    /// <summary>LiveKit refuses the token before this time (<c>nbf</c>, unix seconds).</summary>
    [Claim("nbf")]
    public DateTimeOffset? NotBefore { get; init; }

    /// <summary>LiveKit refuses the token from this time on (<c>exp</c>, unix seconds). Required: the server refuses a token without it.</summary>
    [Claim("exp")]
    public DateTimeOffset? Expires { get; init; }

    /// <summary>When the token was issued (<c>iat</c>, unix seconds); optional.</summary>
    [Claim("iat")]
    public DateTimeOffset? IssuedAt { get; init; }

    /// <summary>The participant's display name (<c>name</c>).</summary>
    [Claim("name")]
    public string? Name { get; init; }

    /// <summary>Application data attached to the participant (<c>metadata</c>), often JSON text.</summary>
    [Claim("metadata")]
    public string? Metadata { get; init; }

    /// <summary>Key-value attributes attached to the participant (<c>attributes</c>).</summary>
    [Claim("attributes")]
    public IReadOnlyDictionary<string, string>? Attributes { get; init; }

    /// <summary>What kind of participant this is (<c>kind</c>): read in any letter case, written in lower case.</summary>
    [Claim("kind")]
    [ClaimConverter(typeof(LiveKitParticipantKindConverter))]
    public LiveKitParticipantKind? Kind { get; init; }

    /// <summary>
    /// Details of the participant's kind (<c>kindDetails</c>), an array LiveKit's Go SDK writes; kept as the JSON array
    /// given, because LiveKit documents neither the form of its items nor their values.
    /// </summary>
    [Claim("kindDetails")]
    public JsonElement? KindDetails { get; init; }

    /// <summary>The video grant (<c>video</c>): rooms and what the participant may do in them.</summary>
    [Claim("video")]
    public LiveKitVideoGrant? Video { get; init; }

    /// <summary>The SIP grant (<c>sip</c>).</summary>
    [Claim("sip")]
    public LiveKitSipGrant? Sip { get; init; }

    /// <summary>The inference grant (<c>inference</c>), for example <c>{"perform":true}</c>.</summary>
    [Claim("inference")]
    public LiveKitInferenceGrant? Inference { get; init; }

    /// <summary>The observability grant (<c>observability</c>), for example <c>{"write":true}</c>.</summary>
    [Claim("observability")]
    public LiveKitObservabilityGrant? Observability { get; init; }

    /// <summary>The agent grant (<c>agent</c>, distinct from <see cref="LiveKitVideoGrant.Agent"/>), written by LiveKit's Go SDK.</summary>
    [Claim("agent")]
    public LiveKitAgentGrant? Agent { get; init; }

    /// <summary>
    /// The configuration of a room the token creates (<c>roomConfig</c>): the protobuf JSON (camelCase) of LiveKit's
    /// <c>RoomConfiguration</c>, with <c>name</c>, <c>emptyTimeout</c>, <c>departureTimeout</c>, <c>maxParticipants</c>,
    /// <c>metadata</c>, <c>egress</c>, <c>minPlayoutDelay</c>, <c>maxPlayoutDelay</c>, <c>syncStreams</c> and
    /// <c>agents</c> (<c>[{"agentName":…,"metadata":…}]</c>). It is kept and written as the JSON object given, so fields
    /// LiveKit adds later survive a round trip. LiveKit's SDK refuses an <c>egress</c> that carries storage credentials:
    /// put credentials in the egress request made with the server API instead.
    /// </summary>
    [Claim("roomConfig")]
    public JsonElement? RoomConfig { get; init; }

    /// <summary>The name of a room preset to create the room with (<c>roomPreset</c>).</summary>
    [Claim("roomPreset")]
    public string? RoomPreset { get; init; }

    /// <summary>The SHA-256 of a webhook body the token authenticates (<c>sha256</c>), base64.</summary>
    [Claim("sha256")]
    public string? Sha256 { get; init; }

    /// <summary>
    /// Runs <see cref="IJwtPayload{TSelf}.Validate"/>, which includes LiveKit's rules across claims: <c>sub</c> is required
    /// when <c>video.roomJoin</c> is true, and <c>video.canPublishSources</c> holds only defined sources.
    /// </summary>
    /// <returns>Every problem found, by claim name; valid when there is none.</returns>
    public ClaimValidationResult ValidateForLiveKit() => Validate();

    /// <summary>LiveKit's rules across claims, run by the generated <see cref="IJwtPayload{TSelf}.Validate"/> after the per-claim checks.</summary>
    private void ValidateClaims(ref ClaimProblemCollector problems)
    {
        if (Video is { RoomJoin: true } && string.IsNullOrWhiteSpace(Identity))
        {
            problems.Add("sub", "is required when 'video.roomJoin' is true");
        }

        if (Kind is { } kind && !LiveKitParticipantKindConverter.IsDefined(kind))
        {
            problems.Add("kind", "is not a LiveKit participant kind");
        }
    }

    /// <summary>Compares every claim, <see cref="Attributes"/> and <see cref="RoomConfig"/> by content.</summary>
    /// <param name="other">The token to compare with.</param>
    /// <returns><see langword="true"/> when both tokens carry the same claims.</returns>
    public bool Equals(LiveKitToken? other) =>
        other is not null &&
        ApiKey == other.ApiKey && Identity == other.Identity && NotBefore == other.NotBefore && Expires == other.Expires &&
        IssuedAt == other.IssuedAt && Name == other.Name && Metadata == other.Metadata &&
        ContentEquality.MapEquals(Attributes, other.Attributes) && Kind == other.Kind &&
        ContentEquality.JsonEquals(KindDetails, other.KindDetails) && Equals(Video, other.Video) &&
        Equals(Sip, other.Sip) && Equals(Inference, other.Inference) && Equals(Observability, other.Observability) &&
        Equals(Agent, other.Agent) && ContentEquality.JsonEquals(RoomConfig, other.RoomConfig) &&
        RoomPreset == other.RoomPreset && Sha256 == other.Sha256;

    /// <summary>A hash of the claims consistent with <see cref="Equals(LiveKitToken)"/>.</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode() => HashCode.Combine(ApiKey, Identity, Expires, Name, Attributes?.Count, Kind, Video, Sip);
}

/// <summary>The <c>video</c> grant of a LiveKit token. An absent (<see langword="null"/>) flag is left out of the token, not written as false.</summary>
/// <remarks>Equality compares <see cref="CanPublishSources"/> by content.</remarks>
[TokenPayload(ClaimVocabulary.LiveKit)]
public sealed partial record LiveKitVideoGrant
{
    /// <summary>The room the grant applies to (<c>room</c>).</summary>
    [Claim("room")]
    public string? Room { get; init; }

    /// <summary>May join the room (<c>roomJoin</c>); then the token needs an identity (<c>sub</c>).</summary>
    [Claim("roomJoin")]
    public bool? RoomJoin { get; init; }

    /// <summary>May create and delete rooms (<c>roomCreate</c>).</summary>
    [Claim("roomCreate")]
    public bool? RoomCreate { get; init; }

    /// <summary>May list rooms (<c>roomList</c>).</summary>
    [Claim("roomList")]
    public bool? RoomList { get; init; }

    /// <summary>May record rooms (<c>roomRecord</c>).</summary>
    [Claim("roomRecord")]
    public bool? RoomRecord { get; init; }

    /// <summary>May administer the room: move, mute and remove participants (<c>roomAdmin</c>).</summary>
    [Claim("roomAdmin")]
    public bool? RoomAdmin { get; init; }

    /// <summary>May manage ingresses (<c>ingressAdmin</c>).</summary>
    [Claim("ingressAdmin")]
    public bool? IngressAdmin { get; init; }

    /// <summary>May publish tracks (<c>canPublish</c>); LiveKit treats an absent value as true.</summary>
    [Claim("canPublish")]
    public bool? CanPublish { get; init; }

    /// <summary>May subscribe to tracks (<c>canSubscribe</c>); LiveKit treats an absent value as true.</summary>
    [Claim("canSubscribe")]
    public bool? CanSubscribe { get; init; }

    /// <summary>May publish data messages (<c>canPublishData</c>); LiveKit treats an absent value as <see cref="CanPublish"/>.</summary>
    [Claim("canPublishData")]
    public bool? CanPublishData { get; init; }

    /// <summary>The only track sources the participant may publish (<c>canPublishSources</c>); any source when absent.</summary>
    [Claim("canPublishSources")]
    public IReadOnlyList<LiveKitTrackSource>? CanPublishSources { get; init; }

    /// <summary>May update its own name, metadata and attributes (<c>canUpdateOwnMetadata</c>).</summary>
    [Claim("canUpdateOwnMetadata")]
    public bool? CanUpdateOwnMetadata { get; init; }

    /// <summary>May subscribe to other participants' metrics (<c>canSubscribeMetrics</c>).</summary>
    [Claim("canSubscribeMetrics")]
    public bool? CanSubscribeMetrics { get; init; }

    /// <summary>May manage agent sessions (<c>canManageAgentSession</c>).</summary>
    [Claim("canManageAgentSession")]
    public bool? CanManageAgentSession { get; init; }

    /// <summary>Is hidden from the other participants (<c>hidden</c>).</summary>
    [Claim("hidden")]
    public bool? Hidden { get; init; }

    /// <summary>Is a recorder (<c>recorder</c>).</summary>
    [Claim("recorder")]
    public bool? Recorder { get; init; }

    /// <summary>Is an agent (<c>agent</c>).</summary>
    [Claim("agent")]
    public bool? Agent { get; init; }

    /// <summary>The room participants may be forwarded to (<c>destinationRoom</c>).</summary>
    [Claim("destinationRoom")]
    public string? DestinationRoom { get; init; }

    /// <summary>Compares every member, <see cref="CanPublishSources"/> by content.</summary>
    /// <param name="other">The grant to compare with.</param>
    /// <returns><see langword="true"/> when both grants are the same.</returns>
    public bool Equals(LiveKitVideoGrant? other) =>
        other is not null &&
        Room == other.Room && RoomJoin == other.RoomJoin && RoomCreate == other.RoomCreate && RoomList == other.RoomList &&
        RoomRecord == other.RoomRecord && RoomAdmin == other.RoomAdmin && IngressAdmin == other.IngressAdmin &&
        CanPublish == other.CanPublish && CanSubscribe == other.CanSubscribe && CanPublishData == other.CanPublishData &&
        ContentEquality.ListEquals(CanPublishSources, other.CanPublishSources) &&
        CanUpdateOwnMetadata == other.CanUpdateOwnMetadata && CanSubscribeMetrics == other.CanSubscribeMetrics &&
        CanManageAgentSession == other.CanManageAgentSession && Hidden == other.Hidden && Recorder == other.Recorder &&
        Agent == other.Agent && DestinationRoom == other.DestinationRoom;

    /// <summary>A hash of the grant consistent with <see cref="Equals(LiveKitVideoGrant)"/>.</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode() => HashCode.Combine(Room, RoomJoin, RoomAdmin, CanPublish, CanSubscribe, CanPublishSources?.Count, DestinationRoom);
}

/// <summary>The <c>sip</c> grant of a LiveKit token.</summary>
[TokenPayload(ClaimVocabulary.LiveKit)]
public sealed partial record LiveKitSipGrant
{
    /// <summary>May manage SIP trunks and dispatch rules (<c>admin</c>).</summary>
    [Claim("admin")]
    public bool? Admin { get; init; }

    /// <summary>May make outbound SIP calls (<c>call</c>).</summary>
    [Claim("call")]
    public bool? Call { get; init; }
}

/// <summary>The <c>inference</c> grant of a LiveKit token.</summary>
[TokenPayload(ClaimVocabulary.LiveKit)]
public sealed partial record LiveKitInferenceGrant
{
    /// <summary>May run inference through LiveKit (<c>perform</c>).</summary>
    [Claim("perform")]
    public bool? Perform { get; init; }
}

/// <summary>The <c>observability</c> grant of a LiveKit token.</summary>
[TokenPayload(ClaimVocabulary.LiveKit)]
public sealed partial record LiveKitObservabilityGrant
{
    /// <summary>May publish observability data (<c>write</c>).</summary>
    [Claim("write")]
    public bool? Write { get; init; }
}

/// <summary>The top-level <c>agent</c> grant of a LiveKit token.</summary>
[TokenPayload(ClaimVocabulary.LiveKit)]
public sealed partial record LiveKitAgentGrant
{
    /// <summary>May administer agents (<c>admin</c>).</summary>
    [Claim("admin")]
    public bool? Admin { get; init; }

    /// <summary>May administer agent simulations (<c>simulationAdmin</c>).</summary>
    [Claim("simulationAdmin")]
    public bool? SimulationAdmin { get; init; }

    /// <summary>May administer agent databases (<c>databaseAdmin</c>).</summary>
    [Claim("databaseAdmin")]
    public bool? DatabaseAdmin { get; init; }
}

/// <summary>The kind of a LiveKit participant (<c>kind</c>).</summary>
public enum LiveKitParticipantKind
{
    /// <summary>A regular participant (<c>standard</c>).</summary>
    [ClaimValue("standard")] Standard,

    /// <summary>An ingress (<c>ingress</c>).</summary>
    [ClaimValue("ingress")] Ingress,

    /// <summary>An egress (<c>egress</c>).</summary>
    [ClaimValue("egress")] Egress,

    /// <summary>A SIP participant (<c>sip</c>).</summary>
    [ClaimValue("sip")] Sip,

    /// <summary>An agent (<c>agent</c>).</summary>
    [ClaimValue("agent")] Agent,

    /// <summary>A connector (<c>connector</c>).</summary>
    [ClaimValue("connector")] Connector,

    /// <summary>A bridge (<c>bridge</c>).</summary>
    [ClaimValue("bridge")] Bridge,
}

/// <summary>
/// Reads <see cref="LiveKitParticipantKind"/> from <c>kind</c> in any letter case (LiveKit's Node SDK may write
/// <c>"AGENT"</c>; the server lower-cases it) and writes it in lower case.
/// </summary>
public sealed class LiveKitParticipantKindConverter : IClaimConverter<LiveKitParticipantKind>
{
    private static readonly string[] Names = ["standard", "ingress", "egress", "sip", "agent", "connector", "bridge"];

    /// <summary>The lower-case name LiveKit documents for <paramref name="kind"/>.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The name, for example <c>agent</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a defined kind.</exception>
    public static string NameOf(LiveKitParticipantKind kind) =>
        IsDefined(kind)
            ? Names[(int)kind]
            : throw new ArgumentOutOfRangeException(nameof(kind), kind, "Claim 'kind' must be one of: " + string.Join(", ", Names) + ".");

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is not a defined kind.</exception>
    public static void Write(Utf8JsonWriter writer, LiveKitParticipantKind value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(NameOf(value));
    }

    /// <summary>Whether <paramref name="kind"/> is a defined kind.</summary>
    /// <param name="kind">The kind to check.</param>
    /// <returns><see langword="true"/> when the kind can be written.</returns>
    public static bool IsDefined(LiveKitParticipantKind kind) => (uint)kind < (uint)Names.Length;

    /// <inheritdoc />
    public static bool TryRead(ref Utf8JsonReader reader, out LiveKitParticipantKind value)
    {
        value = default;
        if (reader.TokenType != JsonTokenType.String)
        {
            return false;
        }

        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            ReadOnlySpan<byte> utf8 = reader.ValueSpan;
            if (utf8.Length > 16)
            {
                return false;
            }

            Span<char> name = stackalloc char[16];
            for (int i = 0; i < utf8.Length; i++)
            {
                if (utf8[i] > 0x7F)
                {
                    return false;
                }

                name[i] = (char)utf8[i];
            }

            return TryParse(name[..utf8.Length], out value);
        }

        if ((reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length) > 128)
        {
            return false;
        }

        string? text;
        try
        {
            text = reader.GetString();
        }
        catch (InvalidOperationException)
        {
            return false;
        }

        return text is not null && TryParse(text, out value);
    }

    private static bool TryParse(ReadOnlySpan<char> name, out LiveKitParticipantKind value)
    {
        for (int i = 0; i < Names.Length; i++)
        {
            if (name.Equals(Names[i], StringComparison.OrdinalIgnoreCase))
            {
                value = (LiveKitParticipantKind)i;
                return true;
            }
        }

        value = default;
        return false;
    }
}

/// <summary>A track source of <c>video.canPublishSources</c>.</summary>
public enum LiveKitTrackSource
{
    /// <summary>The camera (<c>camera</c>).</summary>
    [ClaimValue("camera")] Camera,

    /// <summary>The microphone (<c>microphone</c>).</summary>
    [ClaimValue("microphone")] Microphone,

    /// <summary>The screen share's video (<c>screen_share</c>).</summary>
    [ClaimValue("screen_share")] ScreenShare,

    /// <summary>The screen share's audio (<c>screen_share_audio</c>).</summary>
    [ClaimValue("screen_share_audio")] ScreenShareAudio,
}
