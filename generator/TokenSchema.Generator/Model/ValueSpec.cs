namespace TokenSchema.Generator.Model;

/// <summary>The JSON shape of a claim value.</summary>
internal enum ValueKind
{
    /// <summary>A JSON string.</summary>
    String,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>A JSON integer that fits <see cref="int"/>.</summary>
    Int32,

    /// <summary>A JSON integer that fits <see cref="long"/>.</summary>
    Int64,

    /// <summary>A JSON number.</summary>
    Double,

    /// <summary>A UUID string in the "D" format.</summary>
    Guid,

    /// <summary>An absolute URI string.</summary>
    Uri,

    /// <summary>A NumericDate: integer seconds since the Unix epoch.</summary>
    DateTimeOffset,

    /// <summary>Whole seconds as a JSON integer.</summary>
    TimeSpan,

    /// <summary>An enum written as the member's wire string.</summary>
    Enum,

    /// <summary>A JSON array read into a <c>T[]</c>.</summary>
    Array,

    /// <summary>A JSON array read into an <c>IReadOnlyList&lt;T&gt;</c>.</summary>
    List,

    /// <summary>A JSON object read into an <c>IReadOnlyDictionary&lt;string, T&gt;</c>.</summary>
    Dictionary,

    /// <summary>A nested <c>IJwtPayload&lt;T&gt;</c> object.</summary>
    Payload,

    /// <summary>Any JSON value kept as a <c>System.Text.Json.JsonElement</c>.</summary>
    JsonElement,

    /// <summary>A value written and read by a user-supplied <c>IClaimConverter&lt;T&gt;</c>.</summary>
    Converter,
}

/// <summary>How one value (a claim's, or an element's inside a collection) is written and read.</summary>
/// <param name="Kind">The JSON shape.</param>
/// <param name="Type">The value's type without nullability, fully qualified.</param>
/// <param name="IsNullable"><see langword="true"/> for <c>Nullable&lt;T&gt;</c> and annotated reference types.</param>
/// <param name="IsValueType"><see langword="true"/> when <paramref name="Type"/> is a value type.</param>
/// <param name="Element">The element (collections) or value (dictionaries) description.</param>
/// <param name="EnumMembers">The enum members with their wire strings (enums only).</param>
/// <param name="ConverterType">The converter type, fully qualified (converters only).</param>
/// <param name="WritesLongForm">
/// For converters, <see langword="true"/> when the converter implements <c>ILongFormClaimConverter&lt;T&gt;</c>; for nested
/// payloads, when the nested type implements <c>ILongFormPayload</c>. The long-form writer then calls <c>WriteLongForm</c>.
/// </param>
internal sealed record ValueSpec(
    ValueKind Kind,
    string Type,
    bool IsNullable,
    bool IsValueType,
    ValueSpec? Element,
    ImmutableEquatableArray<EnumMemberSpec> EnumMembers,
    string? ConverterType,
    bool WritesLongForm = false,
    bool HasDescriptors = false);

/// <summary>One enum member and the JSON string it is written as.</summary>
/// <param name="Name">The member's name.</param>
/// <param name="WireValue">The <c>[ClaimValue]</c> string, else the member's name.</param>
/// <param name="IsWritten"><see langword="false"/> for a member whose value an earlier member already has.</param>
internal sealed record EnumMemberSpec(string Name, string WireValue, bool IsWritten);
