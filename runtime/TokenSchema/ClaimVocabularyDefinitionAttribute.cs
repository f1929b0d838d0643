using System;

namespace TokenSchema;

/// <summary>
/// Declares a team's own claim vocabulary in code: a <see langword="static"/> class whose <see langword="const"/>
/// <see cref="string"/> fields, each marked <see cref="KnownClaimAttribute"/>, are the claims it knows. Payloads name it
/// with <c>[TokenPayload(typeof(MyClaims))]</c>, and the analyzer checks them against it as against a built-in
/// vocabulary: unknown claims (with a suggestion), value types and long names.
/// </summary>
/// <example>
/// <code>
/// [ClaimVocabularyDefinition("Acme", Closed = true)]
/// public static class AcmeClaims
/// {
///     [KnownClaim(LongName = "display_name", JsonType = ClaimJsonType.String, MaxLength = 64)]
///     public const string Name = "n";
/// }
///
/// [TokenPayload(typeof(AcmeClaims))]
/// public partial record AcmeToken { [Claim(AcmeClaims.Name)] public string? Name { get; init; } }
/// </code>
/// </example>
/// <remarks>The RFC 7519 registered claims (<c>iss sub aud exp nbf iat jti</c>) belong to every vocabulary.</remarks>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class ClaimVocabularyDefinitionAttribute : Attribute
{
    /// <summary>Declares a vocabulary that diagnostics name after the class.</summary>
    public ClaimVocabularyDefinitionAttribute()
    {
    }

    /// <summary>Declares a vocabulary that diagnostics name <paramref name="displayName"/>.</summary>
    /// <param name="displayName">The vocabulary's name in diagnostics, e.g. <c>Acme</c>.</param>
    public ClaimVocabularyDefinitionAttribute(string displayName)
    {
        DisplayName = displayName;
    }

    /// <summary>The vocabulary's name in diagnostics; the class name when <see langword="null"/>.</summary>
    public string? DisplayName { get; }

    /// <summary>
    /// Whether claim names outside the vocabulary are errors (as in every built-in platform vocabulary). When
    /// <see langword="false"/>, unknown names are allowed and only the known claims are checked.
    /// </summary>
    public bool Closed { get; init; }
}

/// <summary>
/// One claim of a <see cref="ClaimVocabularyDefinitionAttribute"/> vocabulary, on a <see langword="const"/>
/// <see cref="string"/> field whose value is the claim name (unless a name is given here).
/// </summary>
[AttributeUsage(AttributeTargets.Field, Inherited = false, AllowMultiple = false)]
public sealed class KnownClaimAttribute : Attribute
{
    /// <summary>Declares the claim named by the field's constant value.</summary>
    public KnownClaimAttribute()
    {
    }

    /// <summary>Declares the claim <paramref name="name"/>.</summary>
    /// <param name="name">The claim name as written in the token.</param>
    public KnownClaimAttribute(string name)
    {
        Name = name;
    }

    /// <summary>The claim name; the field's constant value when <see langword="null"/>.</summary>
    public string? Name { get; }

    /// <summary>
    /// The claim's long (REST) name, e.g. <c>display_name</c> for <c>n</c>. Payloads of a vocabulary with long names
    /// implement <see cref="ILongFormPayload"/>, and a long name used in <c>[Claim]</c> is reported.
    /// </summary>
    public string? LongName { get; init; }

    /// <summary>The JSON type of the claim's value; <see cref="ClaimJsonType.Any"/> (the default) is not checked.</summary>
    public ClaimJsonType JsonType { get; init; }

    /// <summary>The longest string value accepted; 0 (the default) for no limit. Generated <c>Validate()</c> checks it.</summary>
    public int MaxLength { get; init; }

    /// <summary>A few words naming the claim's meaning, shown in diagnostics when there is no long name.</summary>
    public string? Description { get; init; }
}

/// <summary>The JSON type of a claim declared with <see cref="KnownClaimAttribute"/>.</summary>
public enum ClaimJsonType
{
    /// <summary>Any JSON value: the member's type is not checked.</summary>
    Any = 0,

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

    /// <summary>A JSON object.</summary>
    Object,

    /// <summary>A JSON array.</summary>
    Array,

    /// <summary>A JSON string or an array of strings.</summary>
    StringOrArray,
}
