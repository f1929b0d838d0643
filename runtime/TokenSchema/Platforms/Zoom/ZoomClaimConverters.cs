using System;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace TokenSchema.Zoom;

/// <summary>Writes <see cref="ZoomRoleType"/> as the JSON number Zoom expects in <c>role_type</c> (0 or 1) and reads it back.</summary>
public sealed class ZoomRoleTypeConverter : IClaimConverter<ZoomRoleType>
{
    /// <summary>Whether <paramref name="role"/> is <see cref="ZoomRoleType.Participant"/> or <see cref="ZoomRoleType.Host"/>.</summary>
    /// <param name="role">The role to check.</param>
    /// <returns><see langword="true"/> for a role Zoom knows.</returns>
    public static bool IsDefined(ZoomRoleType role) => role is ZoomRoleType.Participant or ZoomRoleType.Host;

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is neither participant nor host.</exception>
    public static void Write(Utf8JsonWriter writer, ZoomRoleType value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (!IsDefined(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Claim 'role_type' must be 0 (participant) or 1 (host).");
        }

        writer.WriteNumberValue((int)value);
    }

    /// <inheritdoc />
    public static bool TryRead(ref Utf8JsonReader reader, [MaybeNullWhen(false)] out ZoomRoleType value)
    {
        value = default;
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out int number) || !IsDefined((ZoomRoleType)number))
        {
            return false;
        }

        value = (ZoomRoleType)number;
        return true;
    }
}

/// <summary>
/// Writes <see cref="ZoomGeoRegions"/> as the comma list Zoom expects in <c>geo_regions</c> (for example <c>"AU,US"</c>,
/// always in the order AU BR CA CN DE HK IN JP MX NL SG US) and reads such a list back in any order. Writing allocates nothing.
/// </summary>
public sealed class ZoomGeoRegionsConverter : IClaimConverter<ZoomGeoRegions>
{
    private const int MaxInputBytes = 256;

    private static readonly string[] Codes = ["AU", "BR", "CA", "CN", "DE", "HK", "IN", "JP", "MX", "NL", "SG", "US"];

    private const ZoomGeoRegions All = (ZoomGeoRegions)((1 << 12) - 1);

    /// <summary>Whether <paramref name="regions"/> names at least one region and only regions Zoom knows.</summary>
    /// <param name="regions">The regions to check.</param>
    /// <returns><see langword="true"/> when the value can be written.</returns>
    public static bool IsValid(ZoomGeoRegions regions) => regions != ZoomGeoRegions.None && (regions & ~All) == 0;

    /// <summary>The two-letter code Zoom uses for one region, for example <c>US</c> for <see cref="ZoomGeoRegions.UnitedStates"/>.</summary>
    /// <param name="region">A single region.</param>
    /// <returns>The code.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="region"/> is not exactly one known region.</exception>
    public static string CodeOf(ZoomGeoRegions region)
    {
        int bits = (int)region;
        if (!IsValid(region) || (bits & (bits - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(region), region, "Give exactly one region.");
        }

        return Codes[System.Numerics.BitOperations.TrailingZeroCount(bits)];
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> names no region or an unknown one.</exception>
    public static void Write(Utf8JsonWriter writer, ZoomGeoRegions value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (!IsValid(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Claim 'geo_regions' must name at least one known region.");
        }

        Span<char> text = stackalloc char[Codes.Length * 3];
        int length = 0;
        for (int i = 0; i < Codes.Length; i++)
        {
            if (((int)value & (1 << i)) == 0)
            {
                continue;
            }

            if (length > 0)
            {
                text[length++] = ',';
            }

            text[length++] = Codes[i][0];
            text[length++] = Codes[i][1];
        }

        writer.WriteStringValue(text[..length]);
    }

    /// <inheritdoc />
    /// <remarks>Codes are matched without regard to case, with white space around them ignored; an empty item or an unknown code fails.</remarks>
    public static bool TryRead(ref Utf8JsonReader reader, [MaybeNullWhen(false)] out ZoomGeoRegions value)
    {
        value = ZoomGeoRegions.None;
        if (reader.TokenType != JsonTokenType.String)
        {
            return false;
        }

        long byteLength = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (byteLength > MaxInputBytes)
        {
            return false;
        }

        Span<char> buffer = stackalloc char[MaxInputBytes];
        ReadOnlySpan<char> text = buffer[..reader.CopyString(buffer)];
        ZoomGeoRegions regions = ZoomGeoRegions.None;
        while (true)
        {
            int comma = text.IndexOf(',');
            ReadOnlySpan<char> item = (comma < 0 ? text : text[..comma]).Trim();
            int index = IndexOf(item);
            if (index < 0)
            {
                return false;
            }

            regions |= (ZoomGeoRegions)(1 << index);
            if (comma < 0)
            {
                break;
            }

            text = text[(comma + 1)..];
        }

        value = regions;
        return true;
    }

    private static int IndexOf(ReadOnlySpan<char> code)
    {
        for (int i = 0; i < Codes.Length; i++)
        {
            if (code.Equals(Codes[i], StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}
