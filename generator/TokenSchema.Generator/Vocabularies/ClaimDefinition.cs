using System;
using System.Collections.Generic;

namespace TokenSchema.Generator.Vocabularies;

/// <summary>
/// One claim a vocabulary knows: its name in the token, its long (REST) name, its JSON kind, the CLR types that may
/// hold it, its limits and, for objects, the claims nested inside it. Instances are immutable and hold no Roslyn types.
/// </summary>
internal sealed class ClaimDefinition
{
    private static readonly string[] NoStrings = new string[0];

    /// <summary>Creates a claim entry.</summary>
    /// <param name="name">The claim name as written in the token, e.g. <c>ctoe</c>.</param>
    /// <param name="kind">The JSON kind of the value.</param>
    /// <param name="description">A few words naming the claim's meaning, shown in diagnostics when there is no long name.</param>
    /// <param name="longName">The platform's long (REST) name, e.g. <c>close_tab_on_exit</c>; <see langword="null"/> when it has none.</param>
    /// <param name="isRequired">Whether a valid token must carry the claim.</param>
    /// <param name="clrTypes">The CLR type families accepted; the default follows from <paramref name="kind"/>.</param>
    /// <param name="elementClrTypes">The CLR type families accepted for array items or map values; the default follows from <paramref name="kind"/>.</param>
    /// <param name="maxLength">The longest string the platform accepts.</param>
    /// <param name="allowedValues">The string values the platform accepts (for strings, comma lists and arrays).</param>
    /// <param name="minimum">The smallest integer the platform accepts.</param>
    /// <param name="maximum">The largest integer the platform accepts.</param>
    /// <param name="members">The claims nested in an object value (or in each value of a map).</param>
    /// <param name="aliases">Member names (and former claim names) that mean this claim, used to spot a mapping that contradicts a member's name.</param>
    /// <param name="formerNames">Claim names the platform used to accept for this claim.</param>
    /// <param name="isRegistered">Whether this is an RFC 7519 registered claim.</param>
    /// <param name="isUncertain">Whether the platform's documentation leaves the claim or its limits uncertain (be lenient).</param>
    /// <param name="allowedValueLongNames">The long (REST) form of each of <paramref name="allowedValues"/>, in the same order.</param>
    /// <param name="valueSeparator">For a string that lists several of <paramref name="allowedValues"/> (Zoom's <c>geo_regions</c>, Daily's <c>cs</c>): the separator.</param>
    public ClaimDefinition(
        string name,
        ClaimJsonKind kind,
        string description,
        string? longName = null,
        bool isRequired = false,
        ClaimClrTypes? clrTypes = null,
        ClaimClrTypes? elementClrTypes = null,
        int? maxLength = null,
        string[]? allowedValues = null,
        long? minimum = null,
        long? maximum = null,
        ClaimSet? members = null,
        string[]? aliases = null,
        string[]? formerNames = null,
        bool isRegistered = false,
        bool isUncertain = false,
        string[]? allowedValueLongNames = null,
        char? valueSeparator = null)
    {
        ValueSeparator = valueSeparator;
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Kind = kind;
        Description = description ?? throw new ArgumentNullException(nameof(description));
        LongName = longName;
        IsRequired = isRequired;
        AllowedValues = allowedValues ?? NoStrings;
        ClrTypes = clrTypes ?? ClaimClrTypeRules.DefaultFor(kind, AllowedValues.Count != 0);
        ElementClrTypes = elementClrTypes ?? ClaimClrTypeRules.DefaultElementsFor(kind, AllowedValues.Count != 0);
        MaxLength = maxLength;
        Minimum = minimum;
        Maximum = maximum;
        Members = members;
        Aliases = aliases ?? NoStrings;
        FormerNames = formerNames ?? NoStrings;
        IsRegistered = isRegistered;
        IsUncertain = isUncertain;
        AllowedValueLongNames = allowedValueLongNames ?? NoStrings;
        if (AllowedValueLongNames.Count != 0 && AllowedValueLongNames.Count != AllowedValues.Count)
        {
            throw new ArgumentException("Give one long name per allowed value.", nameof(allowedValueLongNames));
        }
    }

    /// <summary>The claim name as written in the token, e.g. <c>ctoe</c>.</summary>
    public string Name { get; }

    /// <summary>The platform's long (REST) name, e.g. <c>close_tab_on_exit</c>; <see langword="null"/> when it has none.</summary>
    public string? LongName { get; }

    /// <summary>A few words naming the claim's meaning.</summary>
    public string Description { get; }

    /// <summary>The long name when there is one, otherwise the description: what diagnostics show in parentheses.</summary>
    public string Title => LongName != null && LongName != Name ? LongName : Description;

    /// <summary>The JSON kind of the value.</summary>
    public ClaimJsonKind Kind { get; }

    /// <summary>The CLR type families a member mapped to this claim may have.</summary>
    public ClaimClrTypes ClrTypes { get; }

    /// <summary>The CLR type families an array item or map value may have when the member is a sequence or a map.</summary>
    public ClaimClrTypes ElementClrTypes { get; }

    /// <summary>Whether a valid token must carry the claim.</summary>
    public bool IsRequired { get; }

    /// <summary>The longest string the platform accepts, if it documents one.</summary>
    public int? MaxLength { get; }

    /// <summary>The string values the platform accepts; empty when any value goes.</summary>
    public IReadOnlyList<string> AllowedValues { get; }

    /// <summary>
    /// The long (REST) form of each of <see cref="AllowedValues"/>, in the same order, e.g. <c>video</c> for Daily's
    /// <c>cs</c> value <c>v</c>; empty when the values have no long form.
    /// </summary>
    public IReadOnlyList<string> AllowedValueLongNames { get; }

    /// <summary>For a string listing several allowed values (<c>US,DE</c>), the separator; <see langword="null"/> when the string is one value.</summary>
    public char? ValueSeparator { get; }

    /// <summary>Gets the long (REST) form of an allowed value, e.g. <c>screenVideo</c> for <c>sv</c>.</summary>
    /// <param name="value">One of <see cref="AllowedValues"/>.</param>
    /// <returns>The long form, or <see langword="null"/> when the value is not allowed or has no long form.</returns>
    public string? FindValueLongName(string value)
    {
        for (int i = 0; i < AllowedValueLongNames.Count; i++)
        {
            if (string.Equals(AllowedValues[i], value, StringComparison.Ordinal)) return AllowedValueLongNames[i];
        }

        return null;
    }

    /// <summary>The smallest integer the platform accepts, if it documents one.</summary>
    public long? Minimum { get; }

    /// <summary>The largest integer the platform accepts, if it documents one.</summary>
    public long? Maximum { get; }

    /// <summary>The claims nested in an object value (or in each map value); <see langword="null"/> for scalars and undocumented objects.</summary>
    public ClaimSet? Members { get; }

    /// <summary>Member names that mean this claim besides its name and long name, e.g. <c>Expires</c> for <c>exp</c>.</summary>
    public IReadOnlyList<string> Aliases { get; }

    /// <summary>Claim names the platform used to accept for this claim, e.g. Zoom's <c>user_identity</c> for <c>user_key</c>.</summary>
    public IReadOnlyList<string> FormerNames { get; }

    /// <summary>Whether this is an RFC 7519 registered claim (<c>iss sub aud exp nbf iat jti</c>).</summary>
    public bool IsRegistered { get; }

    /// <summary>Whether the platform's documentation leaves the claim or its limits uncertain.</summary>
    public bool IsUncertain { get; }

    /// <summary>Returns a copy for a platform that gives a registered claim its own meaning or requirement.</summary>
    /// <param name="description">The platform's meaning of the claim, or <see langword="null"/> to keep it.</param>
    /// <param name="isRequired">Whether the platform requires the claim.</param>
    /// <param name="aliases">Extra member names that mean the claim.</param>
    /// <param name="longName">The platform's long (REST) name of the claim, or <see langword="null"/> to keep it.</param>
    public ClaimDefinition WithPlatformMeaning(string? description = null, bool isRequired = false, string[]? aliases = null, string? longName = null)
    {
        var allAliases = new List<string>(Aliases);
        if (aliases != null) allAliases.AddRange(aliases);
        return new ClaimDefinition(Name, Kind, description ?? Description, longName ?? LongName, isRequired, ClrTypes, ElementClrTypes,
            MaxLength, ToArray(AllowedValues), Minimum, Maximum, Members, allAliases.ToArray(), ToArray(FormerNames),
            IsRegistered, IsUncertain, ToArray(AllowedValueLongNames));
    }

    /// <inheritdoc />
    public override string ToString() => LongName == null ? Name : Name + " (" + LongName + ")";

    private static string[] ToArray(IReadOnlyList<string> list)
    {
        var array = new string[list.Count];
        for (int i = 0; i < array.Length; i++) array[i] = list[i];
        return array;
    }
}
