namespace TokenSchema.Generator.Vocabularies;

/// <summary>
/// The values of the runtime's <c>TokenSchema.ClaimJsonType</c>, which <c>[KnownClaim(JsonType = …)]</c> carries into the
/// compilation as an integer. The generator cannot reference the runtime; a test checks that both enums have the same
/// names and values.
/// </summary>
internal enum DeclaredJsonType
{
    /// <summary>Any JSON value: the member's type is not checked.</summary>
    Any = 0,

    /// <summary>A JSON string.</summary>
    String = 1,

    /// <summary>A JSON boolean.</summary>
    Boolean = 2,

    /// <summary>A JSON integer.</summary>
    Integer = 3,

    /// <summary>A JSON number, integral or not.</summary>
    Number = 4,

    /// <summary>An RFC 7519 NumericDate.</summary>
    NumericDate = 5,

    /// <summary>A JSON object.</summary>
    Object = 6,

    /// <summary>A JSON array.</summary>
    Array = 7,

    /// <summary>A JSON string or an array of strings.</summary>
    StringOrArray = 8,
}
