using System;
using System.Text.Json;

namespace TokenSchema.Daily;

/// <summary>The kinds of media a Daily participant may send, for <see cref="DailyCanSend"/>.</summary>
[Flags]
public enum DailyMedia
{
    /// <summary>No media.</summary>
    None = 0,

    /// <summary>Camera video, <c>v</c>.</summary>
    Video = 1,

    /// <summary>Microphone audio, <c>a</c>.</summary>
    Audio = 2,

    /// <summary>Screen-share video, <c>sv</c>.</summary>
    ScreenVideo = 4,

    /// <summary>Screen-share audio, <c>sa</c>.</summary>
    ScreenAudio = 8,

    /// <summary>Every kind of media.</summary>
    All = Video | Audio | ScreenVideo | ScreenAudio,
}

/// <summary>The admin rights a Daily participant may hold, for <see cref="DailyCanAdmin"/>.</summary>
[Flags]
public enum DailyAdminRights
{
    /// <summary>No admin right.</summary>
    None = 0,

    /// <summary>Managing participants, <c>p</c>.</summary>
    Participants = 1,

    /// <summary>Managing live streaming, <c>s</c>.</summary>
    Streaming = 2,

    /// <summary>Managing transcription, <c>t</c>.</summary>
    Transcription = 4,

    /// <summary>Every admin right.</summary>
    All = Participants | Streaming | Transcription,
}

/// <summary>
/// The <c>cs</c> (canSend) permission: <see cref="All"/> (<c>true</c>), <see cref="None"/> (<c>false</c>, also the default
/// value) or a list of media written as a comma string (<c>"v,a"</c>) by <see cref="Of"/>.
/// </summary>
/// <example><c>CanSend = DailyCanSend.Of(DailyMedia.Video | DailyMedia.Audio)</c> is written <c>"cs":"v,a"</c>.</example>
public readonly record struct DailyCanSend
{
    private DailyCanSend(DailyMedia media, bool isList)
    {
        Media = media;
        IsList = isList;
    }

    /// <summary>Every kind of media, written <c>true</c>.</summary>
    public static DailyCanSend All => new(DailyMedia.All, false);

    /// <summary>No media, written <c>false</c>.</summary>
    public static DailyCanSend None => default;

    /// <summary>The media the participant may send.</summary>
    public DailyMedia Media { get; }

    /// <summary><see langword="true"/> when written as a comma string, <see langword="false"/> when written as a boolean.</summary>
    public bool IsList { get; }

    /// <summary>The given media, written as a comma string in the order <c>v,a,sv,sa</c>; no media is <see cref="None"/>.</summary>
    /// <param name="media">The media the participant may send.</param>
    /// <returns>The permission.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="media"/> has a bit that is not a <see cref="DailyMedia"/>.</exception>
    public static DailyCanSend Of(DailyMedia media)
    {
        if ((media & ~DailyMedia.All) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(media), media, "Not a combination of Daily media (permission 'p.cs').");
        }

        return media == DailyMedia.None ? None : new DailyCanSend(media, true);
    }

    /// <summary>Whether the participant may send every kind of media in <paramref name="media"/>.</summary>
    /// <param name="media">The media asked about.</param>
    /// <returns><see langword="true"/> when all of them are allowed.</returns>
    public bool Allows(DailyMedia media) => (Media & media) == media;

    /// <summary><see cref="All"/> for <see langword="true"/>, <see cref="None"/> for <see langword="false"/>.</summary>
    /// <param name="allowed">Whether the participant may send everything.</param>
    public static implicit operator DailyCanSend(bool allowed) => allowed ? All : None;

    /// <summary>The wire form: <c>true</c>, <c>false</c> or the comma string.</summary>
    /// <returns>The JSON value's text, without quotes.</returns>
    public override string ToString() => IsList ? DailyCommaList.Media[(int)Media] : Media == DailyMedia.All ? "true" : "false";
}

/// <summary>
/// The <c>ca</c> (canAdmin) permission: <see cref="All"/> (<c>true</c>), <see cref="None"/> (<c>false</c>, also the default
/// value) or a list of rights written as a comma string (<c>"p,s,t"</c>) by <see cref="Of"/>.
/// </summary>
/// <example><c>CanAdmin = DailyCanAdmin.Of(DailyAdminRights.Participants)</c> is written <c>"ca":"p"</c>.</example>
public readonly record struct DailyCanAdmin
{
    private DailyCanAdmin(DailyAdminRights rights, bool isList)
    {
        Rights = rights;
        IsList = isList;
    }

    /// <summary>Every admin right, written <c>true</c>.</summary>
    public static DailyCanAdmin All => new(DailyAdminRights.All, false);

    /// <summary>No admin right, written <c>false</c>.</summary>
    public static DailyCanAdmin None => default;

    /// <summary>The admin rights the participant holds.</summary>
    public DailyAdminRights Rights { get; }

    /// <summary><see langword="true"/> when written as a comma string, <see langword="false"/> when written as a boolean.</summary>
    public bool IsList { get; }

    /// <summary>The given rights, written as a comma string in the order <c>p,s,t</c>; no right is <see cref="None"/>.</summary>
    /// <param name="rights">The admin rights the participant holds.</param>
    /// <returns>The permission.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rights"/> has a bit that is not a <see cref="DailyAdminRights"/>.</exception>
    public static DailyCanAdmin Of(DailyAdminRights rights)
    {
        if ((rights & ~DailyAdminRights.All) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(rights), rights, "Not a combination of Daily admin rights (permission 'p.ca').");
        }

        return rights == DailyAdminRights.None ? None : new DailyCanAdmin(rights, true);
    }

    /// <summary>Whether the participant holds every admin right in <paramref name="rights"/>.</summary>
    /// <param name="rights">The rights asked about.</param>
    /// <returns><see langword="true"/> when all of them are held.</returns>
    public bool Allows(DailyAdminRights rights) => (Rights & rights) == rights;

    /// <summary><see cref="All"/> for <see langword="true"/>, <see cref="None"/> for <see langword="false"/>.</summary>
    /// <param name="allowed">Whether the participant holds every admin right.</param>
    public static implicit operator DailyCanAdmin(bool allowed) => allowed ? All : None;

    /// <summary>The wire form: <c>true</c>, <c>false</c> or the comma string.</summary>
    /// <returns>The JSON value's text, without quotes.</returns>
    public override string ToString() => IsList ? DailyCommaList.Admin[(int)Rights] : Rights == DailyAdminRights.All ? "true" : "false";
}

/// <summary>
/// Writes and reads <see cref="DailyCanSend"/> as <c>true</c>, <c>false</c> or a comma string of <c>v</c>, <c>a</c>, <c>sv</c>, <c>sa</c>;
/// reading refuses any other value. The long (REST) form writes the list as an array of names in the same order:
/// <c>["video","audio","screenVideo","screenAudio"]</c>.
/// </summary>
public sealed class DailyCanSendConverter : ILongFormClaimConverter<DailyCanSend>
{
    /// <inheritdoc/>
    public static void Write(Utf8JsonWriter writer, DailyCanSend value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value.IsList)
        {
            writer.WriteStringValue(DailyCommaList.Media[(int)value.Media]);
        }
        else
        {
            writer.WriteBooleanValue(value.Media == DailyMedia.All);
        }
    }

    /// <inheritdoc/>
    public static void WriteLongForm(Utf8JsonWriter writer, DailyCanSend value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value.IsList)
        {
            DailyCommaList.WriteLongNames(writer, DailyCommaList.MediaLongNames, (int)value.Media);
        }
        else
        {
            writer.WriteBooleanValue(value.Media == DailyMedia.All);
        }
    }

    /// <inheritdoc/>
    public static bool TryRead(ref Utf8JsonReader reader, out DailyCanSend value)
    {
        value = default;
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                value = DailyCanSend.All;
                return true;
            case JsonTokenType.False:
                return true;
            case JsonTokenType.String when DailyCommaList.TryParse(reader.GetString()!, DailyCommaList.MediaNames, out int mask):
                value = DailyCanSend.Of((DailyMedia)mask);
                return true;
            default:
                return false;
        }
    }
}

/// <summary>
/// Writes and reads <see cref="DailyCanAdmin"/> as <c>true</c>, <c>false</c> or a comma string of <c>p</c>, <c>s</c>, <c>t</c>;
/// reading refuses any other value. The long (REST) form writes the list as an array of names in the same order:
/// <c>["participants","streaming","transcription"]</c>.
/// </summary>
public sealed class DailyCanAdminConverter : ILongFormClaimConverter<DailyCanAdmin>
{
    /// <inheritdoc/>
    public static void Write(Utf8JsonWriter writer, DailyCanAdmin value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value.IsList)
        {
            writer.WriteStringValue(DailyCommaList.Admin[(int)value.Rights]);
        }
        else
        {
            writer.WriteBooleanValue(value.Rights == DailyAdminRights.All);
        }
    }

    /// <inheritdoc/>
    public static void WriteLongForm(Utf8JsonWriter writer, DailyCanAdmin value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value.IsList)
        {
            DailyCommaList.WriteLongNames(writer, DailyCommaList.AdminLongNames, (int)value.Rights);
        }
        else
        {
            writer.WriteBooleanValue(value.Rights == DailyAdminRights.All);
        }
    }

    /// <inheritdoc/>
    public static bool TryRead(ref Utf8JsonReader reader, out DailyCanAdmin value)
    {
        value = default;
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                value = DailyCanAdmin.All;
                return true;
            case JsonTokenType.False:
                return true;
            case JsonTokenType.String when DailyCommaList.TryParse(reader.GetString()!, DailyCommaList.AdminNames, out int mask):
                value = DailyCanAdmin.Of((DailyAdminRights)mask);
                return true;
            default:
                return false;
        }
    }
}

/// <summary>
/// Daily's compact comma strings of flags (<c>"v,a,sv"</c>, <c>"p,t"</c>), built once for every combination, and their
/// long (REST) form, an array of names (<c>["video","audio","screenVideo"]</c>).
/// </summary>
internal static class DailyCommaList
{
    internal static readonly string[] MediaNames = { "v", "a", "sv", "sa" };

    internal static readonly string[] AdminNames = { "p", "s", "t" };

    /// <summary>The long names of <see cref="MediaNames"/>, in the same order.</summary>
    internal static readonly string[] MediaLongNames = { "video", "audio", "screenVideo", "screenAudio" };

    /// <summary>The long names of <see cref="AdminNames"/>, in the same order.</summary>
    internal static readonly string[] AdminLongNames = { "participants", "streaming", "transcription" };

    /// <summary>Writes the long names of the bits of <paramref name="mask"/> as a JSON array, in bit order.</summary>
    internal static void WriteLongNames(Utf8JsonWriter writer, string[] longNames, int mask)
    {
        writer.WriteStartArray();
        for (int i = 0; i < longNames.Length; i++)
        {
            if ((mask & (1 << i)) != 0)
            {
                writer.WriteStringValue(longNames[i]);
            }
        }

        writer.WriteEndArray();
    }

    /// <summary>The comma string of every <see cref="DailyMedia"/> combination, indexed by its value.</summary>
    internal static readonly string[] Media = BuildAll(MediaNames);

    /// <summary>The comma string of every <see cref="DailyAdminRights"/> combination, indexed by its value.</summary>
    internal static readonly string[] Admin = BuildAll(AdminNames);

    /// <summary>Parses a non-empty comma string of distinct names (no spaces) into a bit mask.</summary>
    internal static bool TryParse(string text, string[] names, out int mask)
    {
        mask = 0;
        foreach (string part in text.Split(','))
        {
            int index = Array.IndexOf(names, part);
            if (index < 0 || (mask & (1 << index)) != 0)
            {
                mask = 0;
                return false;
            }

            mask |= 1 << index;
        }

        return true;
    }

    private static string[] BuildAll(string[] names)
    {
        var all = new string[1 << names.Length];
        for (int mask = 0; mask < all.Length; mask++)
        {
            var parts = new System.Collections.Generic.List<string>();
            for (int i = 0; i < names.Length; i++)
            {
                if ((mask & (1 << i)) != 0)
                {
                    parts.Add(names[i]);
                }
            }

            all[mask] = string.Join(",", parts);
        }

        return all;
    }
}
