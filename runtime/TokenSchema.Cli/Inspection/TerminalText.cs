using System.Globalization;
using System.Text;

namespace TokenSchema.Inspection;

/// <summary>
/// Text from a token is hostile: before the tool prints it, every character that a terminal or a log reader would act
/// on instead of showing is replaced by a visible escape. That is the C0 controls (ESC starts CSI, OSC 8 links, OSC 52
/// clipboard writes; CR and LF forge lines; TAB), DEL, the C1 controls (U+0080–U+009F, U+009B is a one-byte CSI), the
/// line and paragraph separators and the bidirectional controls (U+202E reverses what follows; U+061C, U+200E, U+200F,
/// U+202A–U+202E, U+2066–U+2069), which are shown as <c>\u202E</c> (CWE-150, CWE-117).
/// </summary>
internal static class TerminalText
{
    /// <summary>Whether <paramref name="c"/> is shown escaped.</summary>
    public static bool IsUnsafe(char c) =>
        c < 0x20 || (c >= 0x7F && c <= 0x9F) || c is '\u061C' or '\u200E' or '\u200F' or '\u2028' or '\u2029'
        || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');

    /// <summary>
    /// <paramref name="text"/> with every unsafe character escaped as <c>\uXXXX</c>; with <paramref name="keepLineFeeds"/>
    /// the tool's own line feeds stay (for text the tool laid out, whose token values were escaped already).
    /// </summary>
    public static string Escape(string? text, bool keepLineFeeds = false)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? "";
        }

        int first = 0;
        while (first < text.Length && (!IsUnsafe(text[first]) || (keepLineFeeds && text[first] == '\n')))
        {
            first++;
        }

        if (first == text.Length)
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 16).Append(text, 0, first);
        for (int i = first; i < text.Length; i++)
        {
            char c = text[i];
            if (IsUnsafe(c) && !(keepLineFeeds && c == '\n'))
            {
                escaped.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                escaped.Append(c);
            }
        }

        return escaped.ToString();
    }

    /// <summary>
    /// JSON text with the characters a JSON encoder leaves as they are but a terminal acts on (the bidirectional
    /// controls, U+2028, U+2029) written as JSON escapes; they can only be inside strings, where <c>\u202E</c> means the same.
    /// </summary>
    public static string EscapeJson(string json)
    {
        var escaped = new StringBuilder(json.Length);
        foreach (char c in json)
        {
            if (c >= 0x7F && IsUnsafe(c))
            {
                escaped.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                escaped.Append(c);
            }
        }

        return escaped.ToString();
    }
}
