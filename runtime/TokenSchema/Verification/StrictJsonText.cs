using System;
using System.Text.Unicode;

namespace TokenSchema.Verification;

/// <summary>
/// The text rule of a decoded header or payload (RFC 7515 §5.2, RFC 8259 §8.1): valid UTF-8, and no escape of an
/// unpaired surrogate (<c>\uD800</c> alone) anywhere, in names or values, known claims or unknown. Checked once,
/// before any claim is read, so that whatever is accepted can be written again with the same meaning.
/// </summary>
internal static class StrictJsonText
{
    /// <summary>Whether <paramref name="json"/> is valid UTF-8 without an unpaired surrogate escape.</summary>
    /// <param name="json">The decoded JSON text.</param>
    public static bool IsValid(ReadOnlySpan<byte> json)
    {
        if (!Utf8.IsValid(json))
        {
            return false;
        }

        // Outside strings JSON has no backslash, so every one starts an escape; the JSON reader checks the rest.
        int at = json.IndexOf((byte)'\\');
        while (at >= 0)
        {
            if (at + 1 >= json.Length)
            {
                return false;
            }

            int next = at + 2;
            if (json[at + 1] == (byte)'u')
            {
                if (!TryReadUnit(json, at, out int unit))
                {
                    return false;
                }

                next = at + 6;
                if (unit is >= 0xDC00 and <= 0xDFFF)
                {
                    return false; // A low surrogate that no high surrogate opened.
                }

                if (unit is >= 0xD800 and <= 0xDBFF)
                {
                    if (!TryReadUnit(json, next, out int low) || low is < 0xDC00 or > 0xDFFF)
                    {
                        return false;
                    }

                    next += 6;
                }
            }

            int following = json[next..].IndexOf((byte)'\\');
            at = following < 0 ? -1 : next + following;
        }

        return true;
    }

    // Reads "\uXXXX" at json[at..at+6].
    private static bool TryReadUnit(ReadOnlySpan<byte> json, int at, out int unit)
    {
        unit = 0;
        if (at + 6 > json.Length || json[at] != (byte)'\\' || json[at + 1] != (byte)'u')
        {
            return false;
        }

        for (int i = at + 2; i < at + 6; i++)
        {
            int digit = json[i] switch
            {
                >= (byte)'0' and <= (byte)'9' => json[i] - '0',
                >= (byte)'a' and <= (byte)'f' => json[i] - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => json[i] - 'A' + 10,
                _ => -1,
            };
            if (digit < 0)
            {
                return false;
            }

            unit = (unit << 4) | digit;
        }

        return true;
    }
}
