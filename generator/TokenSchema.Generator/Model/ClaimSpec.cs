namespace TokenSchema.Generator.Model;

/// <summary>How the reader fills a member when its claim is absent from the JSON.</summary>
internal enum MissingClaimBehavior
{
    /// <summary>The claim is required: reading fails with <c>MissingClaim</c>.</summary>
    Fail,

    /// <summary>The member is nullable: it gets <see langword="null"/>.</summary>
    Null,

    /// <summary>The member keeps its declared default (property initializer or parameter default).</summary>
    KeepDefault,
}

/// <summary>One claim: a property or positional record parameter marked <c>[Claim]</c>.</summary>
/// <param name="Name">The claim name in the JSON.</param>
/// <param name="MemberName">The property's name.</param>
/// <param name="MemberType">The member's type, fully qualified, with its nullable annotation.</param>
/// <param name="Value">How the value is written and read.</param>
/// <param name="WhenMissing">How the reader fills the member when the claim is absent.</param>
/// <param name="ParameterIndex">The position in the primary constructor, or -1 for a property set by initializer.</param>
/// <param name="DefaultValueLiteral">The C# literal of a positional parameter's default value, if any.</param>
/// <param name="HasSetter"><see langword="true"/> when the property has a <c>set</c> (not <c>init</c>) accessor.</param>
/// <param name="Rules">The validation rules, in attribute order.</param>
/// <param name="LongName">The name in the long (REST) form: the vocabulary's long name, else <paramref name="Name"/>.</param>
/// <param name="Description">The vocabulary's description of the claim, if it lists the claim.</param>
/// <param name="ValueSeparator">For a list of allowed values in one string (<c>v,a</c>), the separator.</param>
/// <param name="VocabularyValues">The vocabulary's allowed values, whatever the member's type.</param>
/// <param name="VocabularyValueLongNames">The long (REST) form of each of <paramref name="VocabularyValues"/>, or empty.</param>
/// <param name="NullReadsBackAsDefault">
/// The member can be <see langword="null"/> and declares a default that is not: a <see langword="null"/> value is left
/// out of the token and reads back as that default.
/// </param>
internal sealed record ClaimSpec(
    string Name,
    string MemberName,
    string MemberType,
    ValueSpec Value,
    MissingClaimBehavior WhenMissing,
    int ParameterIndex,
    string? DefaultValueLiteral,
    bool HasSetter,
    ImmutableEquatableArray<ValidationRuleSpec> Rules,
    string LongName,
    string? Description = null,
    char? ValueSeparator = null,
    ImmutableEquatableArray<string>? VocabularyValues = null,
    ImmutableEquatableArray<string>? VocabularyValueLongNames = null,
    bool NullReadsBackAsDefault = false);
