namespace TokenSchema.Generator.Model;

/// <summary>A check turned from a DataAnnotations attribute, a vocabulary entry or a registered-claim rule into generated code.</summary>
internal enum ValidationRuleKind
{
    /// <summary>Present: not null (and, for strings, not blank unless empty strings are allowed).</summary>
    Required,

    /// <summary>At most <c>Maximum</c> characters or items.</summary>
    MaxLength,

    /// <summary>At least <c>Minimum</c> characters or items.</summary>
    MinLength,

    /// <summary>Between <c>Minimum</c> and <c>Maximum</c> (either may be absent; each inclusive unless marked exclusive).</summary>
    Range,

    /// <summary><c>[Url]</c>: starts with <c>http://</c>, <c>https://</c> or <c>ftp://</c>.</summary>
    Url,

    /// <summary><c>[EmailAddress]</c>.</summary>
    EmailAddress,

    /// <summary><c>[Base64String]</c>.</summary>
    Base64String,

    /// <summary><c>[RegularExpression]</c>: the first match of <c>Pattern</c> spans the whole text.</summary>
    RegularExpression,

    /// <summary>One of <c>Values</c> (<c>[AllowedValues]</c>, or a vocabulary's allowed values; a list when <c>Separator</c> is set).</summary>
    AllowedValues,

    /// <summary>None of <c>Values</c> (<c>[DeniedValues]</c>).</summary>
    DeniedValues,

    /// <summary>The claim (<c>exp</c>) must be after the claim named by <c>OtherClaim</c>.</summary>
    After,
}

/// <summary>Where a rule comes from, named in messages that need it.</summary>
internal enum RuleSource
{
    /// <summary>A DataAnnotations attribute on the member.</summary>
    Attribute,

    /// <summary>The claim's entry in the payload's vocabulary.</summary>
    Vocabulary,

    /// <summary>A rule of the registered claims (<c>exp</c> after <c>nbf</c> and <c>iat</c>).</summary>
    Registered,
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
    bool OtherIsDateTimeOffset)
{
    /// <summary>For <see cref="ValidationRuleKind.Range"/>: the lower bound is excluded.</summary>
    public bool MinimumIsExclusive { get; init; }

    /// <summary>For <see cref="ValidationRuleKind.Range"/>: the upper bound is excluded.</summary>
    public bool MaximumIsExclusive { get; init; }

    /// <summary>The bounds as the user wrote them, for messages (<c>1</c>, <c>0.5</c>, <c>00:30:00</c>).</summary>
    public string? MinimumText { get; init; }

    /// <summary>The upper bound as the user wrote it, for messages.</summary>
    public string? MaximumText { get; init; }

    /// <summary>For <see cref="ValidationRuleKind.Range"/> on a <c>TimeSpan</c>: the bounds are ticks.</summary>
    public bool BoundsAreTicks { get; init; }

    /// <summary>The values of <see cref="ValidationRuleKind.AllowedValues"/> and <see cref="ValidationRuleKind.DeniedValues"/> as C# literals.</summary>
    public ImmutableEquatableArray<string> Values { get; init; } = ImmutableEquatableArray<string>.Empty;

    /// <summary>The values as written in messages.</summary>
    public string? ValuesText { get; init; }

    /// <summary>For allowed values of a list claim (Zoom <c>geo_regions</c>): the list separator.</summary>
    public char? Separator { get; init; }

    /// <summary>The rule checks each item of an array or list claim instead of the claim itself.</summary>
    public bool AppliesToItems { get; init; }

    /// <summary>For <see cref="ValidationRuleKind.RegularExpression"/>: the pattern.</summary>
    public string? Pattern { get; init; }

    /// <summary>For <see cref="ValidationRuleKind.RegularExpression"/>: the match timeout in milliseconds, -1 for none.</summary>
    public int TimeoutMilliseconds { get; init; } = 2000;

    /// <summary>Where the rule comes from.</summary>
    public RuleSource Source { get; init; }
}
