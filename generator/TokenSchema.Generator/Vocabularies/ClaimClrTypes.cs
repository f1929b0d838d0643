using System;
using System.Collections.Generic;

namespace TokenSchema.Generator.Vocabularies;

/// <summary>
/// The families of CLR types a claim member may have. A vocabulary entry lists the families it accepts;
/// the analyzer classifies a member's type into one family and compares.
/// </summary>
[Flags]
internal enum ClaimClrTypes
{
    /// <summary>No CLR type: the type cannot be written as a claim value.</summary>
    None = 0,

    /// <summary><see cref="string"/>.</summary>
    String = 1 << 0,

    /// <summary><see cref="bool"/>.</summary>
    Boolean = 1 << 1,

    /// <summary>An integral type: <c>sbyte</c>, <c>byte</c>, <c>short</c>, <c>ushort</c>, <c>int</c>, <c>uint</c>, <c>long</c>, <c>ulong</c>.</summary>
    Integer = 1 << 2,

    /// <summary>A non-integral number: <c>float</c>, <c>double</c>, <c>decimal</c>.</summary>
    Number = 1 << 3,

    /// <summary><see cref="System.DateTimeOffset"/>, written as NumericDate seconds.</summary>
    DateTimeOffset = 1 << 4,

    /// <summary><see cref="System.TimeSpan"/>, written as whole seconds.</summary>
    TimeSpan = 1 << 5,

    /// <summary><see cref="System.Guid"/>, written as a lower-case UUID string.</summary>
    Guid = 1 << 6,

    /// <summary><see cref="System.Uri"/>, written as a string.</summary>
    Uri = 1 << 7,

    /// <summary>An enum type, written as a string (its <c>[ClaimValue]</c> or member name).</summary>
    Enum = 1 << 8,

    /// <summary>A type marked <c>[TokenPayload]</c>, written as a nested JSON object.</summary>
    Payload = 1 << 9,

    /// <summary>A dictionary keyed by <see cref="string"/> (<c>IReadOnlyDictionary&lt;string, T&gt;</c> and friends).</summary>
    Map = 1 << 10,

    /// <summary>An array or list (<c>T[]</c>, <c>IReadOnlyList&lt;T&gt;</c>, <c>ImmutableArray&lt;T&gt;</c> and friends).</summary>
    Sequence = 1 << 11,

    /// <summary><c>System.Text.Json.JsonElement</c>: any JSON value, written as is.</summary>
    Json = 1 << 12,
}

/// <summary>Default CLR type families per JSON kind and their human-readable descriptions.</summary>
internal static class ClaimClrTypeRules
{
    /// <summary>The CLR type families a claim of <paramref name="kind"/> accepts unless its entry says otherwise.</summary>
    /// <param name="kind">The claim's JSON kind.</param>
    /// <param name="hasAllowedValues">Whether the claim is a string enum, which enum types may represent.</param>
    public static ClaimClrTypes DefaultFor(ClaimJsonKind kind, bool hasAllowedValues)
    {
        ClaimClrTypes enumTypes = hasAllowedValues ? ClaimClrTypes.Enum : ClaimClrTypes.None;
        switch (kind)
        {
            case ClaimJsonKind.String: return ClaimClrTypes.String | enumTypes;
            case ClaimJsonKind.Boolean: return ClaimClrTypes.Boolean;
            case ClaimJsonKind.Integer: return ClaimClrTypes.Integer;
            case ClaimJsonKind.Number: return ClaimClrTypes.Integer | ClaimClrTypes.Number;
            case ClaimJsonKind.NumericDate: return ClaimClrTypes.DateTimeOffset | ClaimClrTypes.Integer;
            case ClaimJsonKind.Object: return ClaimClrTypes.Payload | ClaimClrTypes.Map | ClaimClrTypes.Json;
            case ClaimJsonKind.Map: return ClaimClrTypes.Map | ClaimClrTypes.Json;
            case ClaimJsonKind.Array: return ClaimClrTypes.Sequence | ClaimClrTypes.Json;
            case ClaimJsonKind.StringOrArray: return ClaimClrTypes.String | enumTypes | ClaimClrTypes.Sequence | ClaimClrTypes.Json;
            case ClaimJsonKind.BooleanOrString: return ClaimClrTypes.Boolean | ClaimClrTypes.String | ClaimClrTypes.Json;
            case ClaimJsonKind.BooleanOrObject: return ClaimClrTypes.Boolean | ClaimClrTypes.Payload | ClaimClrTypes.Map | ClaimClrTypes.Json;
            default: return ClaimClrTypes.None;
        }
    }

    /// <summary>The CLR type families an element (array item or map value) of a claim of <paramref name="kind"/> accepts by default.</summary>
    /// <param name="kind">The claim's JSON kind.</param>
    /// <param name="hasAllowedValues">Whether the elements are a string enum.</param>
    public static ClaimClrTypes DefaultElementsFor(ClaimJsonKind kind, bool hasAllowedValues)
    {
        switch (kind)
        {
            case ClaimJsonKind.StringOrArray:
            case ClaimJsonKind.Array:
                return ClaimClrTypes.String | (hasAllowedValues ? ClaimClrTypes.Enum : ClaimClrTypes.None);
            case ClaimJsonKind.Object:
            case ClaimJsonKind.Map:
            case ClaimJsonKind.BooleanOrObject:
                return ClaimClrTypes.String | ClaimClrTypes.Boolean | ClaimClrTypes.Integer | ClaimClrTypes.Number
                    | ClaimClrTypes.Payload | ClaimClrTypes.Map | ClaimClrTypes.Sequence | ClaimClrTypes.Json;
            default:
                return ClaimClrTypes.None;
        }
    }

    /// <summary>Describes the families in <paramref name="types"/> as C# a user would write, e.g. <c>bool</c> or <c>string or Guid</c>.</summary>
    /// <param name="types">The families to describe.</param>
    public static string Describe(ClaimClrTypes types)
    {
        var parts = new List<string>();
        if ((types & ClaimClrTypes.String) != 0) parts.Add("string");
        if ((types & ClaimClrTypes.Boolean) != 0) parts.Add("bool");
        if ((types & ClaimClrTypes.Integer) != 0) parts.Add("an integer type (int, long, …)");
        if ((types & ClaimClrTypes.Number) != 0) parts.Add("double or decimal");
        if ((types & ClaimClrTypes.DateTimeOffset) != 0) parts.Add("DateTimeOffset");
        if ((types & ClaimClrTypes.TimeSpan) != 0) parts.Add("TimeSpan");
        if ((types & ClaimClrTypes.Guid) != 0) parts.Add("Guid");
        if ((types & ClaimClrTypes.Uri) != 0) parts.Add("Uri");
        if ((types & ClaimClrTypes.Enum) != 0) parts.Add("an enum with [ClaimValue] members");
        if ((types & ClaimClrTypes.Payload) != 0) parts.Add("a [TokenPayload] type");
        if ((types & ClaimClrTypes.Map) != 0) parts.Add("IReadOnlyDictionary<string, T>");
        if ((types & ClaimClrTypes.Sequence) != 0) parts.Add("an array or IReadOnlyList<T>");
        if ((types & ClaimClrTypes.Json) != 0) parts.Add("JsonElement");
        if (parts.Count == 0) return "a [ClaimConverter]";
        if (parts.Count == 1) return parts[0];
        return string.Join(", ", parts.GetRange(0, parts.Count - 1)) + " or " + parts[parts.Count - 1];
    }

    /// <summary>Describes a JSON kind in words, e.g. <c>boolean</c> or <c>NumericDate (integer seconds)</c>.</summary>
    /// <param name="kind">The kind to describe.</param>
    public static string Describe(ClaimJsonKind kind)
    {
        switch (kind)
        {
            case ClaimJsonKind.String: return "string";
            case ClaimJsonKind.Boolean: return "boolean";
            case ClaimJsonKind.Integer: return "integer";
            case ClaimJsonKind.Number: return "number";
            case ClaimJsonKind.NumericDate: return "NumericDate (integer seconds)";
            case ClaimJsonKind.Object: return "object";
            case ClaimJsonKind.Map: return "object map";
            case ClaimJsonKind.Array: return "array";
            case ClaimJsonKind.StringOrArray: return "string or array of strings";
            case ClaimJsonKind.BooleanOrString: return "boolean or string";
            case ClaimJsonKind.BooleanOrObject: return "boolean or object";
            default: return kind.ToString();
        }
    }
}
