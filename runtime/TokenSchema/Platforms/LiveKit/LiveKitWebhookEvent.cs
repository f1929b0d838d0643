using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TokenSchema.LiveKit;

/// <summary>
/// A LiveKit webhook, as the server posts it (<c>WebhookEvent</c> of LiveKit's protocol, in its JSON form): what happened
/// (<see cref="Event"/>), to which room, participant, track, egress or ingress. Fields this type does not name are kept in
/// <see cref="AdditionalFields"/>, never an error, so a newer server's event still reads.
/// </summary>
public sealed record LiveKitWebhookEvent
{
    /// <summary>What happened: one of <see cref="LiveKitWebhookEvents"/> (<c>room_started</c>, <c>participant_joined</c>…).</summary>
    public string Event { get; init; } = "";

    /// <summary>The room, for room, participant and track events.</summary>
    public LiveKitRoom? Room { get; init; }

    /// <summary>The participant, for participant and track events.</summary>
    public LiveKitParticipant? Participant { get; init; }

    /// <summary>The track, for <c>track_published</c> and <c>track_unpublished</c>.</summary>
    public LiveKitTrack? Track { get; init; }

    /// <summary>The egress, for egress events, as the server wrote it.</summary>
    public JsonElement? EgressInfo { get; init; }

    /// <summary>The ingress, for ingress events, as the server wrote it.</summary>
    public JsonElement? IngressInfo { get; init; }

    /// <summary>The event's unique id: a retried delivery carries the same id.</summary>
    public string? Id { get; init; }

    /// <summary>When the event was created, in Unix seconds (the JSON form writes it as a string or a number).</summary>
    public long CreatedAt { get; init; }

    /// <summary><see cref="CreatedAt"/> as a time.</summary>
    [JsonIgnore]
    public DateTimeOffset CreatedAtTime => DateTimeOffset.FromUnixTimeSeconds(CreatedAt);

    /// <summary>How many events the server dropped before this one, when it says so.</summary>
    public int NumDropped { get; init; }

    /// <summary>Fields of the event this type does not name, as they were sent.</summary>
    [JsonExtensionData]
    [JsonInclude]
    public Dictionary<string, JsonElement>? AdditionalFields { get; internal set; }

    /// <summary>The event as JSON in LiveKit's form (camelCase names, the fields this type does not name included), for a log or a queue.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, LiveKitWebhookJson.Default.LiveKitWebhookEvent);
}

/// <summary>The room of a webhook (LiveKit's <c>Room</c>).</summary>
public sealed record LiveKitRoom
{
    /// <summary>The room's server id (<c>RM_…</c>).</summary>
    public string? Sid { get; init; }

    /// <summary>The room's name.</summary>
    public string? Name { get; init; }

    /// <summary>Seconds an empty room is kept.</summary>
    public long EmptyTimeout { get; init; }

    /// <summary>Seconds the room is kept after the last participant left.</summary>
    public long DepartureTimeout { get; init; }

    /// <summary>The most participants the room takes; 0 for no limit.</summary>
    public long MaxParticipants { get; init; }

    /// <summary>When the room was created, in Unix seconds.</summary>
    public long CreationTime { get; init; }

    /// <summary>The room's metadata.</summary>
    public string? Metadata { get; init; }

    /// <summary>How many participants are in the room.</summary>
    public long NumParticipants { get; init; }

    /// <summary>How many of them publish.</summary>
    public long NumPublishers { get; init; }

    /// <summary>Whether the room is being recorded.</summary>
    public bool ActiveRecording { get; init; }

    /// <summary>Fields this type does not name, as they were sent.</summary>
    [JsonExtensionData]
    [JsonInclude]
    public Dictionary<string, JsonElement>? AdditionalFields { get; internal set; }
}

/// <summary>The participant of a webhook (LiveKit's <c>ParticipantInfo</c>).</summary>
public sealed record LiveKitParticipant
{
    /// <summary>The participant's server id (<c>PA_…</c>).</summary>
    public string? Sid { get; init; }

    /// <summary>The identity the access token gave (<c>sub</c>).</summary>
    public string? Identity { get; init; }

    /// <summary>The display name (<c>name</c>).</summary>
    public string? Name { get; init; }

    /// <summary><c>JOINING</c>, <c>JOINED</c>, <c>ACTIVE</c> or <c>DISCONNECTED</c>.</summary>
    public string? State { get; init; }

    /// <summary>The participant's metadata.</summary>
    public string? Metadata { get; init; }

    /// <summary>When the participant joined, in Unix seconds.</summary>
    public long JoinedAt { get; init; }

    /// <summary>The participant's version, raised on every change.</summary>
    public long Version { get; init; }

    /// <summary>The region the participant is connected to.</summary>
    public string? Region { get; init; }

    /// <summary>Whether the participant publishes.</summary>
    public bool IsPublisher { get; init; }

    /// <summary><c>STANDARD</c>, <c>INGRESS</c>, <c>EGRESS</c>, <c>SIP</c>, <c>AGENT</c>…</summary>
    public string? Kind { get; init; }

    /// <summary>Why the participant left, for <c>participant_left</c>.</summary>
    public string? DisconnectReason { get; init; }

    /// <summary>The participant's attributes.</summary>
    public Dictionary<string, string>? Attributes { get; init; }

    /// <summary>The participant's tracks.</summary>
    public IReadOnlyList<LiveKitTrack>? Tracks { get; init; }

    /// <summary>What the participant may do, as the server wrote it.</summary>
    public JsonElement? Permission { get; init; }

    /// <summary>Fields this type does not name, as they were sent.</summary>
    [JsonExtensionData]
    [JsonInclude]
    public Dictionary<string, JsonElement>? AdditionalFields { get; internal set; }
}

/// <summary>The track of a webhook (LiveKit's <c>TrackInfo</c>).</summary>
public sealed record LiveKitTrack
{
    /// <summary>The track's server id (<c>TR_…</c>).</summary>
    public string? Sid { get; init; }

    /// <summary><c>AUDIO</c>, <c>VIDEO</c> or <c>DATA</c>.</summary>
    public string? Type { get; init; }

    /// <summary>The track's name.</summary>
    public string? Name { get; init; }

    /// <summary><c>CAMERA</c>, <c>MICROPHONE</c>, <c>SCREEN_SHARE</c>, <c>SCREEN_SHARE_AUDIO</c>…</summary>
    public string? Source { get; init; }

    /// <summary>The codec's MIME type (<c>video/VP8</c>).</summary>
    public string? MimeType { get; init; }

    /// <summary>Whether the track is muted.</summary>
    public bool Muted { get; init; }

    /// <summary>A video track's width.</summary>
    public long Width { get; init; }

    /// <summary>A video track's height.</summary>
    public long Height { get; init; }

    /// <summary>Whether the video is simulcast.</summary>
    public bool Simulcast { get; init; }

    /// <summary>Fields this type does not name, as they were sent.</summary>
    [JsonExtensionData]
    [JsonInclude]
    public Dictionary<string, JsonElement>? AdditionalFields { get; internal set; }
}

/// <summary>The values of <see cref="LiveKitWebhookEvent.Event"/>.</summary>
public static class LiveKitWebhookEvents
{
    /// <summary>A room started.</summary>
    public const string RoomStarted = "room_started";

    /// <summary>A room finished.</summary>
    public const string RoomFinished = "room_finished";

    /// <summary>A participant joined.</summary>
    public const string ParticipantJoined = "participant_joined";

    /// <summary>A participant left.</summary>
    public const string ParticipantLeft = "participant_left";

    /// <summary>A participant's connection failed while joining.</summary>
    public const string ParticipantConnectionAborted = "participant_connection_aborted";

    /// <summary>A track was published.</summary>
    public const string TrackPublished = "track_published";

    /// <summary>A track was unpublished.</summary>
    public const string TrackUnpublished = "track_unpublished";

    /// <summary>An egress started.</summary>
    public const string EgressStarted = "egress_started";

    /// <summary>An egress changed.</summary>
    public const string EgressUpdated = "egress_updated";

    /// <summary>An egress ended.</summary>
    public const string EgressEnded = "egress_ended";

    /// <summary>An ingress started.</summary>
    public const string IngressStarted = "ingress_started";

    /// <summary>An ingress ended.</summary>
    public const string IngressEnded = "ingress_ended";
}

/// <summary>The webhook's JSON, read with source generation (no reflection; trimming and AOT safe): LiveKit's camelCase names, 64-bit numbers as strings or numbers.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, NumberHandling = JsonNumberHandling.AllowReadingFromString,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = false, ReadCommentHandling = JsonCommentHandling.Disallow)]
[JsonSerializable(typeof(LiveKitWebhookEvent))]
internal sealed partial class LiveKitWebhookJson : JsonSerializerContext;
