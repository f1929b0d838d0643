using System;
using System.Buffers;
using System.Buffers.Text;
using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace TokenSchema;

/// <summary>
/// The value checks that generated <see cref="IJwtPayload{TSelf}.Validate"/> and <c>TryReadPayload</c> implementations
/// call: the rules the JSON writer and reader enforce (valid UTF-16 text, absolute URIs) and the DataAnnotations and
/// vocabulary rules the generator turns into code. None of them allocates.
/// </summary>
/// <remarks>Public so that generated code in other assemblies can call it; not meant to be called by hand.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ClaimValueChecks
{
    private static readonly SearchValues<char> Surrogates =
        SearchValues.Create(string.Create(0xE000 - 0xD800, 0, static (chars, _) =>
        {
            for (int i = 0; i < chars.Length; i++)
            {
                chars[i] = (char)(0xD800 + i);
            }
        }));

    /// <summary>
    /// Whether the property name the reader is on equals one of <paramref name="names"/> in another case, as Go's
    /// <c>encoding/json</c> matches names (LiveKit's server): ASCII letters in any case, and U+017F (ſ) and U+212A (the
    /// Kelvin sign), which fold to <c>s</c> and <c>k</c>. The name itself, exactly, is not a variant.
    /// </summary>
    /// <param name="reader">The reader, on a <see cref="JsonTokenType.PropertyName"/>.</param>
    /// <param name="names">The object's ASCII claim names, separated by a zero byte.</param>
    /// <returns><see langword="true"/> when the platform would read the name as one of <paramref name="names"/> but it is not exactly one.</returns>
    public static bool IsCaseVariantName(ref Utf8JsonReader reader, ReadOnlySpan<byte> names)
    {
        // Each folded byte comes from at most three UTF-8 bytes, each written as a six-byte escape at most.
        const int Longest = 64;
        if (reader.HasValueSequence || reader.ValueSpan.Length > Longest * 18)
        {
            return false;
        }

        Span<byte> unescaped = stackalloc byte[Longest * 18];
        ReadOnlySpan<byte> name = reader.ValueIsEscaped ? unescaped[..reader.CopyString(unescaped)] : reader.ValueSpan;
        Span<byte> folded = stackalloc byte[Longest];
        int length = 0;
        for (int i = 0; i < name.Length; i++)
        {
            if (length == Longest)
            {
                return false;
            }

            byte b = name[i];
            if (b < 0x80)
            {
                folded[length++] = (byte)(b is >= (byte)'a' and <= (byte)'z' ? b - 0x20 : b);
            }
            else if (b == 0xC5 && i + 1 < name.Length && name[i + 1] == 0xBF)
            {
                folded[length++] = (byte)'S'; // U+017F LATIN SMALL LETTER LONG S
                i++;
            }
            else if (b == 0xE2 && i + 2 < name.Length && name[i + 1] == 0x84 && name[i + 2] == 0xAA)
            {
                folded[length++] = (byte)'K'; // U+212A KELVIN SIGN
                i += 2;
            }
            else
            {
                return false; // No other character folds to ASCII, and the names are ASCII.
            }
        }

        ReadOnlySpan<byte> key = folded[..length];
        while (!names.IsEmpty)
        {
            int end = names.IndexOf((byte)0);
            ReadOnlySpan<byte> candidate = end < 0 ? names : names[..end];
            names = end < 0 ? default : names[(end + 1)..];
            if (candidate.Length == key.Length && System.Text.Ascii.EqualsIgnoreCase(candidate, key))
            {
                return !name.SequenceEqual(candidate);
            }
        }

        return false;
    }

    /// <summary>The property name the reader is on, unescaped: for naming a claim in a read error.</summary>
    /// <param name="reader">The reader, on a <see cref="JsonTokenType.PropertyName"/>.</param>
    public static string NameOf(ref Utf8JsonReader reader) => reader.GetString() ?? string.Empty;

    /// <summary>
    /// Whether <paramref name="value"/> is well-formed UTF-16: every surrogate is half of a pair. JSON text is UTF-8, so
    /// the writer refuses a lone surrogate.
    /// </summary>
    /// <param name="value">The text.</param>
    public static bool IsValidText(string value)
    {
        ArgumentNullException.ThrowIfNull(value);

        // Almost all text has no surrogate at all: one vectorized search answers, the pairs are checked only after it.
        // (SearchValues rather than IndexOfAnyInRange<char>, whose unoptimized code boxes its bounds on every call.)
        int first = value.AsSpan().IndexOfAny(Surrogates);
        if (first < 0)
        {
            return true;
        }

        for (int i = first; i < value.Length; i++)
        {
            char c = value[i];
            if (char.IsSurrogate(c))
            {
                if (!char.IsHighSurrogate(c) || i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]))
                {
                    return false;
                }

                i++;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether <paramref name="uri"/> is absolute and written with its scheme (<c>https://…</c>, <c>file:///…</c>), so that
    /// its text reads back as the same URI on every operating system. A path such as <c>/tmp/x</c> that one operating
    /// system takes for an absolute file URI and another refuses is not.
    /// </summary>
    /// <param name="uri">The URI.</param>
    public static bool IsAbsoluteUri(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return uri.IsAbsoluteUri && HasScheme(uri.OriginalString) && IsValidText(uri.OriginalString);
    }

    /// <summary>Reads an absolute URI written with its scheme, as <see cref="IsAbsoluteUri"/> describes.</summary>
    /// <param name="text">The claim's text.</param>
    /// <param name="uri">The URI, when the method returns <see langword="true"/>.</param>
    /// <returns><see langword="false"/> for a relative URI, a bare path, or text that is not a URI.</returns>
    public static bool TryReadAbsoluteUri(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Uri? uri)
    {
        uri = null;
        return text is not null && HasScheme(text) && Uri.TryCreate(text, UriKind.Absolute, out uri);
    }

    // RFC 3986 §3.1: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ), then ":".
    private static bool HasScheme(string text)
    {
        int colon = text.IndexOf(':');
        if (colon < 1 || !char.IsAsciiLetter(text[0]))
        {
            return false;
        }

        for (int i = 1; i < colon; i++)
        {
            char c = text[i];
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
            {
                return false;
            }
        }

        // A one-letter scheme is a drive letter ("C:\\x", "C:/x"): a Windows path.
        return colon > 1;
    }

    /// <summary>The rule of <c>[Url]</c>: the text starts with <c>http://</c>, <c>https://</c> or <c>ftp://</c> (any case).</summary>
    /// <param name="value">The text.</param>
    public static bool IsHttpOrFtpUrl(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ||
            value.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ||
            value.StartsWith("ftp://", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The rule of <c>[EmailAddress]</c>: exactly one <c>@</c>, neither first nor last, and no carriage return or line feed.
    /// </summary>
    /// <param name="value">The text.</param>
    public static bool IsEmailAddress(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            return false;
        }

        int at = value.IndexOf('@');
        return at > 0 && at != value.Length - 1 && at == value.LastIndexOf('@');
    }

    /// <summary>The rule of <c>[Base64String]</c>: the text is valid base64 (white space allowed, padding required).</summary>
    /// <param name="value">The text.</param>
    public static bool IsBase64(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Base64.IsValid(value.AsSpan());
    }

    /// <summary>
    /// The rule of <c>[RegularExpression]</c>: the first match of <paramref name="pattern"/> spans the whole text. A match
    /// that times out counts as no match.
    /// </summary>
    /// <param name="pattern">The compiled pattern.</param>
    /// <param name="value">The text.</param>
    public static bool IsFullMatch(Regex pattern, string value)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(value);
        try
        {
            foreach (ValueMatch match in pattern.EnumerateMatches(value))
            {
                return match.Index == 0 && match.Length == value.Length;
            }

            return false;
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    /// <summary>Whether <paramref name="value"/> is one of <paramref name="allowed"/> (ordinal).</summary>
    /// <param name="value">The text.</param>
    /// <param name="allowed">The allowed values.</param>
    public static bool IsOneOf(string value, string[] allowed)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(allowed);
        return IsOneOf(value.AsSpan(), allowed);
    }

    /// <summary>
    /// Whether every item of the <paramref name="separator"/>-separated list <paramref name="value"/> is one of
    /// <paramref name="allowed"/> (ordinal; empty items are not allowed).
    /// </summary>
    /// <param name="value">The list, for example <c>v,a</c>.</param>
    /// <param name="separator">The separator, for example <c>,</c>.</param>
    /// <param name="allowed">The allowed items.</param>
    public static bool IsListOf(string value, char separator, string[] allowed)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(allowed);
        ReadOnlySpan<char> rest = value;
        while (true)
        {
            int end = rest.IndexOf(separator);
            if (!IsOneOf(end < 0 ? rest : rest.Slice(0, end), allowed))
            {
                return false;
            }

            if (end < 0)
            {
                return true;
            }

            rest = rest.Slice(end + 1);
        }
    }

    private static bool IsOneOf(ReadOnlySpan<char> value, string[] allowed)
    {
        foreach (string candidate in allowed)
        {
            if (value.SequenceEqual(candidate))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Reads the string at the reader's token (a value or a property name); <see langword="false"/> instead of an
    /// exception when its text is not valid UTF-8 or escapes an unpaired surrogate, which no string can hold.
    /// </summary>
    /// <param name="reader">The reader, on a string or a property name.</param>
    /// <param name="value">The text, when the method returns <see langword="true"/>.</param>
    public static bool TryGetText(ref Utf8JsonReader reader, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
    {
        try
        {
            value = reader.GetString();
            return value is not null;
        }
        catch (InvalidOperationException)
        {
            value = null;
            return false;
        }
    }

    /// <summary>
    /// Whether a <see cref="JsonElement"/> can be written with the same meaning: its JSON text is valid UTF-8 and
    /// escapes no unpaired surrogate, in any string or property name inside it.
    /// </summary>
    /// <param name="element">A defined element.</param>
    public static bool IsWritable(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Undefined)
        {
            return false;
        }

#if NET9_0_OR_GREATER
        return Verification.StrictJsonText.IsValid(System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(element));
#else
        // Without JsonMarshal the raw text is only reachable as a string, which invalid UTF-8 has already lost.
        return IsWritableSlow(element);
#endif
    }

#if !NET9_0_OR_GREATER
    private static bool IsWritableSlow(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return TryGetText(element, out _);
            case JsonValueKind.Array:
                foreach (JsonElement item in element.EnumerateArray())
                {
                    if (!IsWritableSlow(item))
                    {
                        return false;
                    }
                }

                return true;
            case JsonValueKind.Object:
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    if (!IsValidText(property.Name) || !IsWritableSlow(property.Value))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return true;
        }
    }

    private static bool TryGetText(JsonElement element, out string? text)
    {
        try
        {
            text = element.GetString();
            return text is not null && IsValidText(text);
        }
        catch (InvalidOperationException)
        {
            text = null;
            return false;
        }
    }
#endif

    /// <summary>The path of an item in an array claim: <c>claim[index]</c>. Called only when a problem is reported.</summary>
    /// <param name="path">The claim's path.</param>
    /// <param name="index">The item's index.</param>
    public static string ItemPath(string path, int index) =>
        path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    /// <summary>The path of a value in an object claim: <c>claim["key"]</c>. Called only when a problem is reported.</summary>
    /// <param name="path">The claim's path.</param>
    /// <param name="key">The value's key.</param>
    public static string KeyPath(string path, string key) =>
        path + "[\"" + key.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"]";

    /// <summary>The path of a claim inside a nested object claim: <c>claim.inner</c>. Called only when a problem is reported.</summary>
    /// <param name="path">The object claim's path.</param>
    /// <param name="inner">The nested claim's path.</param>
    public static string MemberPath(string path, string inner) => path + "." + inner;
}
