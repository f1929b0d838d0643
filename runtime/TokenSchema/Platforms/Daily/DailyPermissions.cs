using System;
using System.Collections.Generic;
using System.Text.Json;

namespace TokenSchema.Daily;

/// <summary>
/// The <c>p</c> (permissions) claim of a Daily token: what the participant may do in the call, in Daily's compact form
/// <c>{"hp":…,"cs":…,"cr":…,"ca":…}</c>. Every member is optional; an absent one keeps the room's default.
/// </summary>
/// <example>
/// <code>
/// Permissions = new DailyPermissions
/// {
///     CanSend = DailyCanSend.Of(DailyMedia.Video | DailyMedia.Audio),   // "cs":"v,a"
///     CanAdmin = DailyCanAdmin.None,                                     // "ca":false
/// }
/// </code>
/// </example>
[TokenPayload(ClaimVocabulary.Daily)]
public sealed partial record DailyPermissions
{
    /// <summary>Whether the participant is visible to others in the participant list (<c>hp</c>, hasPresence).</summary>
    [Claim("hp")]
    public bool? HasPresence { get; init; }

    /// <summary>The media the participant may send (<c>cs</c>, canSend): <c>true</c>, <c>false</c> or <c>"v,a,sv,sa"</c>.</summary>
    [Claim("cs")]
    [ClaimConverter(typeof(DailyCanSendConverter))]
    public DailyCanSend? CanSend { get; init; }

    /// <summary>The media the participant may receive, by default and per user or participant (<c>cr</c>, canReceive).</summary>
    [Claim("cr")]
    public DailyCanReceive? CanReceive { get; init; }

    /// <summary>The admin rights the participant holds (<c>ca</c>, canAdmin): <c>true</c>, <c>false</c> or <c>"p,s,t"</c>.</summary>
    [Claim("ca")]
    [ClaimConverter(typeof(DailyCanAdminConverter))]
    public DailyCanAdmin? CanAdmin { get; init; }
}

/// <summary>
/// The <c>cr</c> (canReceive) permission: a base setting and settings by user id and by participant id, each a
/// <see cref="DailyReceiveSetting"/> (a boolean or a <see cref="DailyReceiveMedia"/> object). <c>"*"</c> as a key means everyone.
/// </summary>
[TokenPayload(ClaimVocabulary.Daily)]
public sealed partial record DailyCanReceive
{
    /// <summary>What the participant receives from everyone not listed below (<c>b</c>, base).</summary>
    [Claim("b")]
    [ClaimConverter(typeof(DailyReceiveSettingConverter))]
    public DailyReceiveSetting? Base { get; init; }

    /// <summary>What the participant receives from the participants with a given user id (<c>u</c>, byUserId).</summary>
    [Claim("u")]
    [ClaimConverter(typeof(DailyReceiveSettingMapConverter))]
    public IReadOnlyDictionary<string, DailyReceiveSetting>? ByUserId { get; init; }

    /// <summary>What the participant receives from the participants with a given participant id (<c>p</c>, byParticipantId).</summary>
    [Claim("p")]
    [ClaimConverter(typeof(DailyReceiveSettingMapConverter))]
    public IReadOnlyDictionary<string, DailyReceiveSetting>? ByParticipantId { get; init; }
}

/// <summary>
/// The object form of a receive setting: which tracks the participant receives. Absent members keep Daily's default;
/// <see cref="CustomVideo"/> and <see cref="CustomAudio"/> map custom track names (or <c>"*"</c>) to a boolean.
/// </summary>
[TokenPayload(ClaimVocabulary.Daily)]
public sealed partial record DailyReceiveMedia
{
    /// <summary>Camera video (<c>v</c>).</summary>
    [Claim("v")]
    public bool? Video { get; init; }

    /// <summary>Microphone audio (<c>a</c>).</summary>
    [Claim("a")]
    public bool? Audio { get; init; }

    /// <summary>Screen-share video (<c>sv</c>).</summary>
    [Claim("sv")]
    public bool? ScreenVideo { get; init; }

    /// <summary>Screen-share audio (<c>sa</c>).</summary>
    [Claim("sa")]
    public bool? ScreenAudio { get; init; }

    /// <summary>Custom video tracks by name, or <c>"*"</c> for all (<c>cv</c>).</summary>
    [Claim("cv")]
    public IReadOnlyDictionary<string, bool>? CustomVideo { get; init; }

    /// <summary>Custom audio tracks by name, or <c>"*"</c> for all (<c>ca</c>).</summary>
    [Claim("ca")]
    public IReadOnlyDictionary<string, bool>? CustomAudio { get; init; }
}

/// <summary>
/// One receive setting of <see cref="DailyCanReceive"/>: <see cref="All"/> (<c>true</c>), <see cref="None"/> (<c>false</c>)
/// or per-track <see cref="DailyReceiveMedia"/> (an object). Converts implicitly from <see cref="bool"/> and from
/// <see cref="DailyReceiveMedia"/>.
/// </summary>
public sealed record DailyReceiveSetting
{
    private DailyReceiveSetting(bool? allowed, DailyReceiveMedia? media)
    {
        Allowed = allowed;
        Media = media;
    }

    /// <summary>Receive everything, written <c>true</c>.</summary>
    public static DailyReceiveSetting All { get; } = new(true, null);

    /// <summary>Receive nothing, written <c>false</c>.</summary>
    public static DailyReceiveSetting None { get; } = new(false, null);

    /// <summary>The boolean form's value, or <see langword="null"/> for the object form.</summary>
    public bool? Allowed { get; }

    /// <summary>The object form's tracks, or <see langword="null"/> for the boolean form.</summary>
    public DailyReceiveMedia? Media { get; }

    /// <summary>The object form: receive the tracks <paramref name="media"/> lists.</summary>
    /// <param name="media">Which tracks to receive.</param>
    /// <returns>The setting.</returns>
    public static DailyReceiveSetting Of(DailyReceiveMedia media)
    {
        ArgumentNullException.ThrowIfNull(media);
        return new DailyReceiveSetting(null, media);
    }

    /// <summary><see cref="All"/> for <see langword="true"/>, <see cref="None"/> for <see langword="false"/>.</summary>
    /// <param name="allowed">Whether to receive everything.</param>
    public static implicit operator DailyReceiveSetting(bool allowed) => allowed ? All : None;

    /// <summary>The object form over <paramref name="media"/>.</summary>
    /// <param name="media">Which tracks to receive.</param>
    public static implicit operator DailyReceiveSetting(DailyReceiveMedia media) => Of(media);
}

/// <summary>
/// Writes and reads a <see cref="DailyReceiveSetting"/>: a boolean, or an object of <see cref="DailyReceiveMedia"/>'s claims.
/// The long (REST) form writes the object with long names: <c>{"video":true,"customVideo":{"*":true}}</c>.
/// </summary>
public sealed class DailyReceiveSettingConverter : ILongFormClaimConverter<DailyReceiveSetting>
{
    /// <inheritdoc/>
    public static void Write(Utf8JsonWriter writer, DailyReceiveSetting value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        if (value.Media is { } media)
        {
            media.WritePayload(writer);
        }
        else
        {
            writer.WriteBooleanValue(value.Allowed == true);
        }
    }

    /// <inheritdoc/>
    public static void WriteLongForm(Utf8JsonWriter writer, DailyReceiveSetting value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        if (value.Media is { } media)
        {
            media.WriteLongForm(writer);
        }
        else
        {
            writer.WriteBooleanValue(value.Allowed == true);
        }
    }

    /// <inheritdoc/>
    public static bool TryRead(ref Utf8JsonReader reader, out DailyReceiveSetting value)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                value = DailyReceiveSetting.All;
                return true;
            case JsonTokenType.False:
                value = DailyReceiveSetting.None;
                return true;
            case JsonTokenType.StartObject when DailyReceiveMedia.TryReadPayload(ref reader, out DailyReceiveMedia? media, out _):
                value = DailyReceiveSetting.Of(media);
                return true;
            default:
                value = null!;
                return false;
        }
    }
}

/// <summary>
/// Writes and reads the <c>u</c> and <c>p</c> maps of <see cref="DailyCanReceive"/>: an object from a user or participant
/// id (or <c>"*"</c>) to a <see cref="DailyReceiveSetting"/>. Reading refuses a repeated key and a <c>null</c> or ill-formed setting.
/// The long (REST) form keeps the keys and writes each setting in its long form.
/// </summary>
public sealed class DailyReceiveSettingMapConverter : ILongFormClaimConverter<IReadOnlyDictionary<string, DailyReceiveSetting>>
{
    /// <inheritdoc/>
    public static void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, DailyReceiveSetting> value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        WriteMap(writer, value, longForm: false);
    }

    /// <inheritdoc/>
    public static void WriteLongForm(Utf8JsonWriter writer, IReadOnlyDictionary<string, DailyReceiveSetting> value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        WriteMap(writer, value, longForm: true);
    }

    /// <summary>Writes the map; a <see cref="Dictionary{TKey, TValue}"/> is enumerated without allocating.</summary>
    private static void WriteMap(Utf8JsonWriter writer, IReadOnlyDictionary<string, DailyReceiveSetting> value, bool longForm)
    {
        writer.WriteStartObject();
        if (value is Dictionary<string, DailyReceiveSetting> dictionary)
        {
            foreach (KeyValuePair<string, DailyReceiveSetting> entry in dictionary)
            {
                WriteEntry(writer, entry, longForm);
            }
        }
        else
        {
            foreach (KeyValuePair<string, DailyReceiveSetting> entry in value)
            {
                WriteEntry(writer, entry, longForm);
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteEntry(Utf8JsonWriter writer, KeyValuePair<string, DailyReceiveSetting> entry, bool longForm)
    {
        writer.WritePropertyName(entry.Key);
        if (longForm)
        {
            DailyReceiveSettingConverter.WriteLongForm(writer, entry.Value);
        }
        else
        {
            DailyReceiveSettingConverter.Write(writer, entry.Value);
        }
    }

    /// <inheritdoc/>
    public static bool TryRead(ref Utf8JsonReader reader, out IReadOnlyDictionary<string, DailyReceiveSetting> value)
    {
        value = null!;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        var map = new Dictionary<string, DailyReceiveSetting>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            string key = reader.GetString()!;
            reader.Read();
            if (!DailyReceiveSettingConverter.TryRead(ref reader, out DailyReceiveSetting setting) || !map.TryAdd(key, setting))
            {
                return false;
            }
        }

        value = map;
        return true;
    }
}
