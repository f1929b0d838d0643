using System;
using System.Collections.Generic;
using System.Text.Json;

namespace TokenSchema.Daily;

/// <summary>A recording mode Daily can enable for a participant, a value of the <c>er</c> (enable_recording) claim.</summary>
public enum DailyRecordingMode
{
    /// <summary>Cloud recording of video and audio, <c>cloud</c>.</summary>
    [ClaimValue("cloud")] Cloud,

    /// <summary>Cloud recording of audio only, <c>cloud-audio-only</c>.</summary>
    [ClaimValue("cloud-audio-only")] CloudAudioOnly,

    /// <summary>Recording in the participant's browser, <c>local</c>.</summary>
    [ClaimValue("local")] Local,

    /// <summary>Cloud recording of every track to its own file, <c>raw-tracks</c>.</summary>
    [ClaimValue("raw-tracks")] RawTracks,
}

/// <summary>
/// The value of the <c>er</c> (enable_recording) claim: a set of unique <see cref="DailyRecordingMode"/>s, written as a
/// string when it holds one mode (<c>"cloud"</c>) and as an array, in <see cref="DailyRecordingMode"/> order, when it
/// holds several (<c>["cloud","raw-tracks"]</c>).
/// </summary>
/// <example><c>EnableRecording = DailyRecordingMode.Cloud</c> or <c>EnableRecording = DailyRecording.Of(DailyRecordingMode.Cloud, DailyRecordingMode.RawTracks)</c>.</example>
public readonly record struct DailyRecording
{
    private const int AllModes = 0b1111;

    private readonly int _modes;

    private DailyRecording(int modes)
    {
        _modes = modes;
    }

    /// <summary>A set of the given modes.</summary>
    /// <param name="modes">One or more distinct modes.</param>
    /// <returns>The set.</returns>
    /// <exception cref="ArgumentException">No mode, or a mode given twice.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A mode that is not a defined <see cref="DailyRecordingMode"/>.</exception>
    public static DailyRecording Of(params DailyRecordingMode[] modes)
    {
        ArgumentNullException.ThrowIfNull(modes);
        if (modes.Length == 0)
        {
            throw new ArgumentException("Claim 'er' (enable_recording) needs at least one recording mode.", nameof(modes));
        }

        int set = 0;
        foreach (DailyRecordingMode mode in modes)
        {
            int bit = BitOf(mode);
            if ((set & bit) != 0)
            {
                throw new ArgumentException($"Claim 'er' (enable_recording) lists the recording mode {mode} twice; its modes must be unique.", nameof(modes));
            }

            set |= bit;
        }

        return new DailyRecording(set);
    }

    /// <summary>A set of the one mode <paramref name="mode"/>, written as a string.</summary>
    /// <param name="mode">The mode.</param>
    public static implicit operator DailyRecording(DailyRecordingMode mode) => new(BitOf(mode));

    /// <summary>The number of modes in the set.</summary>
    public int Count => System.Numerics.BitOperations.PopCount((uint)_modes);

    /// <summary><see langword="true"/> for the empty set (the default value), which <see cref="DailyToken.ValidateForSelfSigning"/> rejects.</summary>
    public bool IsEmpty => _modes == 0;

    /// <summary>The modes, in <see cref="DailyRecordingMode"/> order.</summary>
    public IReadOnlyList<DailyRecordingMode> Modes
    {
        get
        {
            var modes = new List<DailyRecordingMode>(Count);
            for (int i = 0; i < WireValues.Length; i++)
            {
                if ((_modes & (1 << i)) != 0)
                {
                    modes.Add((DailyRecordingMode)i);
                }
            }

            return modes;
        }
    }

    /// <summary>Whether the set holds <paramref name="mode"/>.</summary>
    /// <param name="mode">The mode.</param>
    /// <returns><see langword="true"/> when the set holds it.</returns>
    public bool Contains(DailyRecordingMode mode) => (uint)mode < (uint)WireValues.Length && (_modes & (1 << (int)mode)) != 0;

    /// <summary>The wire form: <c>cloud</c> or <c>[cloud,raw-tracks]</c>.</summary>
    /// <returns>The modes' wire values.</returns>
    public override string ToString()
    {
        var names = new List<string>();
        foreach (DailyRecordingMode mode in Modes)
        {
            names.Add(WireValues[(int)mode]);
        }

        return names.Count == 1 ? names[0] : "[" + string.Join(",", names) + "]";
    }

    /// <summary>The wire values, indexed by <see cref="DailyRecordingMode"/>.</summary>
    internal static readonly string[] WireValues = { "cloud", "cloud-audio-only", "local", "raw-tracks" };

    internal int Bits => _modes;

    internal static DailyRecording FromBits(int bits) => new(bits & AllModes);

    private static int BitOf(DailyRecordingMode mode)
    {
        if ((uint)mode >= (uint)WireValues.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "Not a Daily recording mode (claim 'er').");
        }

        return 1 << (int)mode;
    }
}

/// <summary>
/// Writes and reads <see cref="DailyRecording"/> as the <c>er</c> claim: a mode string for one mode, an array of unique
/// mode strings for several. Reading refuses any other value, an unknown mode, a repeated mode and an empty array.
/// The long (REST) form, <c>enable_recording</c>, takes the same values.
/// </summary>
public sealed class DailyRecordingConverter : ILongFormClaimConverter<DailyRecording>
{
    /// <inheritdoc/>
    public static void Write(Utf8JsonWriter writer, DailyRecording value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value.Count == 1)
        {
            writer.WriteStringValue(DailyRecording.WireValues[System.Numerics.BitOperations.TrailingZeroCount(value.Bits)]);
            return;
        }

        writer.WriteStartArray();
        for (int i = 0; i < DailyRecording.WireValues.Length; i++)
        {
            if ((value.Bits & (1 << i)) != 0)
            {
                writer.WriteStringValue(DailyRecording.WireValues[i]);
            }
        }

        writer.WriteEndArray();
    }

    /// <inheritdoc/>
    public static void WriteLongForm(Utf8JsonWriter writer, DailyRecording value) => Write(writer, value);

    /// <inheritdoc/>
    public static bool TryRead(ref Utf8JsonReader reader, out DailyRecording value)
    {
        value = default;
        if (reader.TokenType == JsonTokenType.String)
        {
            if (!TryReadMode(ref reader, out int bit))
            {
                return false;
            }

            value = DailyRecording.FromBits(bit);
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        int set = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String || !TryReadMode(ref reader, out int bit) || (set & bit) != 0)
            {
                return false;
            }

            set |= bit;
        }

        if (set == 0)
        {
            return false;
        }

        value = DailyRecording.FromBits(set);
        return true;
    }

    private static bool TryReadMode(ref Utf8JsonReader reader, out int bit)
    {
        for (int i = 0; i < DailyRecording.WireValues.Length; i++)
        {
            if (reader.ValueTextEquals(DailyRecording.WireValues[i]))
            {
                bit = 1 << i;
                return true;
            }
        }

        bit = 0;
        return false;
    }
}
