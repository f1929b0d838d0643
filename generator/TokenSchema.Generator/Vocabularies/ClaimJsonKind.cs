namespace TokenSchema.Generator.Vocabularies;

/// <summary>The JSON shape a platform expects for a claim's value.</summary>
internal enum ClaimJsonKind
{
    /// <summary>A JSON string.</summary>
    String,

    /// <summary>A JSON boolean.</summary>
    Boolean,

    /// <summary>A JSON integer.</summary>
    Integer,

    /// <summary>A JSON number, integral or not.</summary>
    Number,

    /// <summary>An RFC 7519 NumericDate: integer seconds since the Unix epoch.</summary>
    NumericDate,

    /// <summary>A JSON object with known member names (see <see cref="ClaimDefinition.Members"/>) or an undocumented shape.</summary>
    Object,

    /// <summary>A JSON object whose member names are data (user ids, attribute names) and whose values share one shape.</summary>
    Map,

    /// <summary>A JSON array.</summary>
    Array,

    /// <summary>A JSON string or an array of strings.</summary>
    StringOrArray,

    /// <summary>A JSON boolean or a string (Daily's <c>"v,a"</c> permission lists).</summary>
    BooleanOrString,

    /// <summary>A JSON boolean or an object (Daily's <c>canReceive</c> base).</summary>
    BooleanOrObject,
}
