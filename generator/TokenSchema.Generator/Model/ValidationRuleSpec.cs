namespace TokenSchema.Generator.Model;

/// <summary>A check turned from a DataAnnotations attribute or a registered-claim rule into generated code.</summary>
internal enum ValidationRuleKind
{
    /// <summary><c>[Required]</c>: not null (and, for strings, not blank unless empty strings are allowed).</summary>
    Required,

    /// <summary><c>[MaxLength]</c> or <c>[StringLength]</c>: at most <c>Maximum</c> characters or items.</summary>
    MaxLength,

    /// <summary><c>[MinLength]</c> or <c>StringLength.MinimumLength</c>: at least <c>Minimum</c> characters or items.</summary>
    MinLength,

    /// <summary><c>[Range]</c>: between <c>Minimum</c> and <c>Maximum</c>, both included.</summary>
    Range,

    /// <summary><c>[Url]</c>: starts with <c>http://</c>, <c>https://</c> or <c>ftp://</c>.</summary>
    Url,

    /// <summary>The claim (<c>exp</c>) must be after the claim named by <c>OtherClaim</c>.</summary>
    After,

    /// <summary>An enum claim must hold a declared member (the writer cannot write any other value).</summary>
    DefinedEnum,

    /// <summary>A <see cref="double"/> claim must be finite (JSON has no NaN or infinity).</summary>
    Finite,
}

/// <summary>One validation rule of a claim.</summary>
/// <param name="Kind">The check.</param>
/// <param name="Minimum">The lower bound as a C# literal (length rules and ranges).</param>
/// <param name="Maximum">The upper bound as a C# literal (length rules and ranges).</param>
/// <param name="AllowEmptyStrings">For <see cref="ValidationRuleKind.Required"/> on strings.</param>
/// <param name="OtherClaim">For <see cref="ValidationRuleKind.After"/>: the other claim's name.</param>
/// <param name="OtherMemberName">For <see cref="ValidationRuleKind.After"/>: the other claim's member.</param>
/// <param name="OtherIsDateTimeOffset">For <see cref="ValidationRuleKind.After"/>: the other member's value kind.</param>
internal sealed record ValidationRuleSpec(
    ValidationRuleKind Kind,
    string? Minimum,
    string? Maximum,
    bool AllowEmptyStrings,
    string? OtherClaim,
    string? OtherMemberName,
    bool OtherIsDateTimeOffset);
