using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TokenSchema.Generator.Helpers;
using TokenSchema.Generator.Model;
using TokenSchema.Generator.Vocabularies;

namespace TokenSchema.Generator;

/// <summary>What the analyzer says about a validation attribute or a vocabulary limit.</summary>
internal enum RuleNoticeKind
{
    /// <summary>TKS0024: a validation attribute the generated code does not enforce.</summary>
    NotEnforced,

    /// <summary>TKS0025: an attribute that allows more than the claim's vocabulary; the vocabulary's limit is enforced.</summary>
    LooserThanVocabulary,
}

/// <summary>A note for the analyzer about one attribute of a claim member.</summary>
/// <param name="Kind">What is wrong.</param>
/// <param name="Attribute">The attribute concerned.</param>
/// <param name="Reason">Why, phrased to follow "is not enforced: " or "allows more than the vocabulary: ".</param>
internal sealed record RuleNotice(RuleNoticeKind Kind, AttributeData Attribute, string Reason)
{
    /// <summary>The attribute's name as written in C#, without the <c>Attribute</c> suffix.</summary>
    public string AttributeName => ValidationRules.ShortName(Attribute.AttributeClass);
}

/// <summary>
/// Turns a claim's DataAnnotations attributes and its vocabulary entry into <see cref="ValidationRuleSpec"/>s. The one
/// place that decides which checks run: the generator emits the rules, the analyzer reports the notices (TKS0024,
/// TKS0025) of the very same decisions.
/// </summary>
internal static class ValidationRules
{
    private const string DataAnnotations = "System.ComponentModel.DataAnnotations";

    /// <summary>The rules of a claim's DataAnnotations attributes; what cannot be enforced goes to <paramref name="notices"/>.</summary>
    /// <param name="attributes">The member's attributes (a positional parameter's and its property's).</param>
    /// <param name="value">How the value is written.</param>
    /// <param name="notices">Receives an entry per attribute that is not enforced, or <see langword="null"/>.</param>
    internal static ImmutableEquatableArray<ValidationRuleSpec> RulesOf(IEnumerable<AttributeData> attributes, ValueSpec value, List<RuleNotice>? notices = null)
    {
        var rules = new List<ValidationRuleSpec>();
        foreach (AttributeData attribute in attributes)
        {
            if (attribute.AttributeClass is not { } attributeClass || !IsValidationAttribute(attributeClass))
            {
                continue;
            }

            string? reason = AddRule(rules, attribute, attributeClass, value);
            if (reason is not null)
            {
                notices?.Add(new RuleNotice(RuleNoticeKind.NotEnforced, attribute, reason));
            }
        }

        return rules.ToImmutableEquatableArray();
    }

    /// <summary>The attribute's class name without <c>Attribute</c>.</summary>
    internal static string ShortName(INamedTypeSymbol? attributeClass)
    {
        string name = attributeClass?.Name ?? "?";
        return name.EndsWith("Attribute", StringComparison.Ordinal) ? name.Substring(0, name.Length - 9) : name;
    }

    private static bool IsValidationAttribute(INamedTypeSymbol attributeClass)
    {
        for (INamedTypeSymbol? type = attributeClass; type is not null; type = type.BaseType)
        {
            if (type.Name == "ValidationAttribute" && type.ContainingNamespace?.ToDisplayString() == DataAnnotations)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsDataAnnotations(INamedTypeSymbol attributeClass) =>
        attributeClass.ContainingNamespace?.ToDisplayString() == DataAnnotations;

    /// <summary>Adds the rule of one validation attribute; returns why it is not enforced, or <see langword="null"/>.</summary>
    private static string? AddRule(List<ValidationRuleSpec> rules, AttributeData attribute, INamedTypeSymbol attributeClass, ValueSpec value)
    {
        if (!IsDataAnnotations(attributeClass))
        {
            return "generated code runs the DataAnnotations attributes it knows, not custom ones; check the claim in ValidateClaims(ref ClaimProblemCollector)";
        }

        ValueKind kind = value.Kind;
        bool isText = kind == ValueKind.String;
        bool isCollection = kind is ValueKind.Array or ValueKind.List or ValueKind.Dictionary;
        string typeName = TypeName(value);
        switch (attributeClass.Name)
        {
            case "RequiredAttribute":
                if (value.IsNullable || !value.IsValueType)
                {
                    rules.Add(Rule(ValidationRuleKind.Required) with { AllowEmptyStrings = SymbolHelpers.NamedArgument(attribute, "AllowEmptyStrings") is true });
                }

                return null;

            case "DataTypeAttribute":
                // [DataType] describes the value for UIs; DataAnnotations validates nothing with it.
                return null;

            case "MaxLengthAttribute":
            case "MinLengthAttribute":
                if (!isText && !isCollection)
                {
                    return "it applies to strings and collections, not to " + typeName;
                }

                bool isMax = attributeClass.Name == "MaxLengthAttribute";
                int? length = attribute.ConstructorArguments.Length == 0 ? -1 : attribute.ConstructorArguments[0].Value as int?;
                if (isMax && length == -1)
                {
                    return null; // [MaxLength] without a length allows any length.
                }

                if (length is not { } limit || limit < 0)
                {
                    return "its length is not a non-negative number";
                }

                rules.Add(isMax ? MaxLength(limit) : MinLength(limit));
                return null;

            case "LengthAttribute":
                if (!isText && !isCollection)
                {
                    return "it applies to strings and collections, not to " + typeName;
                }

                if (attribute.ConstructorArguments.Length != 2 || attribute.ConstructorArguments[0].Value is not int low ||
                    attribute.ConstructorArguments[1].Value is not int high || low < 0 || high < low)
                {
                    return "its lengths are not 0 <= minimum <= maximum";
                }

                rules.Add(MinLength(low));
                rules.Add(MaxLength(high));
                return null;

            case "StringLengthAttribute":
                if (!isText)
                {
                    return "it applies to strings, not to " + typeName;
                }

                if (attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Value is not int maximum || maximum < 0)
                {
                    return "its maximum length is not a non-negative number";
                }

                int minimum = SymbolHelpers.NamedArgument(attribute, "MinimumLength") as int? ?? 0;
                if (minimum > maximum)
                {
                    return "its minimum length is greater than its maximum";
                }

                if (minimum > 0)
                {
                    rules.Add(MinLength(minimum));
                }

                rules.Add(MaxLength(maximum));
                return null;

            case "RangeAttribute":
                return AddRange(rules, attribute, value, typeName);

            case "UrlAttribute":
                if (!isText && kind != ValueKind.Uri)
                {
                    return "it applies to strings and URIs, not to " + typeName;
                }

                rules.Add(Rule(ValidationRuleKind.Url));
                return null;

            case "EmailAddressAttribute":
            case "Base64StringAttribute":
                if (!isText)
                {
                    return "it applies to strings, not to " + typeName;
                }

                rules.Add(Rule(attributeClass.Name == "EmailAddressAttribute" ? ValidationRuleKind.EmailAddress : ValidationRuleKind.Base64String));
                return null;

            case "RegularExpressionAttribute":
                if (!isText)
                {
                    return "it applies to strings, not to " + typeName;
                }

                if (attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Value is not string { Length: > 0 } pattern)
                {
                    return "its pattern is empty";
                }

                int timeout = SymbolHelpers.NamedArgument(attribute, "MatchTimeoutInMilliseconds") as int? ?? 2000;
                if (timeout == 0 || timeout < -1)
                {
                    return "its match timeout is not positive (or -1 for none)";
                }

                try
                {
                    _ = new Regex(pattern);
                }
                catch (ArgumentException exception)
                {
                    return "its pattern is not a valid regular expression (" + exception.Message + ")";
                }

                rules.Add(Rule(ValidationRuleKind.RegularExpression) with { Pattern = pattern, TimeoutMilliseconds = timeout });
                return null;

            case "AllowedValuesAttribute":
            case "DeniedValuesAttribute":
                return AddValues(rules, attribute, attributeClass.Name == "AllowedValuesAttribute", value, typeName);

            default:
                return "generated code does not implement [" + ShortName(attributeClass) + "]; check the claim in ValidateClaims(ref ClaimProblemCollector)";
        }
    }

    private static string? AddRange(List<ValidationRuleSpec> rules, AttributeData attribute, ValueSpec value, string typeName)
    {
        bool isNumber = value.Kind is ValueKind.Int32 or ValueKind.Int64 or ValueKind.Double;
        if (!isNumber && value.Kind != ValueKind.TimeSpan)
        {
            return "it applies to numbers and time spans, not to " + typeName;
        }

        ConstantArguments arguments = new(attribute);
        double low, high;
        string lowText, highText;
        bool ticks = false;
        if (arguments.Count == 2 && arguments[0] is int a && arguments[1] is int b)
        {
            (low, high, lowText, highText) = (a, b, Invariant(a), Invariant(b));
        }
        else if (arguments.Count == 2 && arguments[0] is double c && arguments[1] is double d)
        {
            (low, high, lowText, highText) = (c, d, Invariant(c), Invariant(d));
        }
        else if (arguments.Count == 3 && arguments[0] is ITypeSymbol operand && arguments[1] is string first && arguments[2] is string second)
        {
            if (operand.ToDisplayString() == "System.TimeSpan")
            {
                if (value.Kind != ValueKind.TimeSpan)
                {
                    return "its bounds are time spans but the claim is " + typeName;
                }

                if (!TimeSpan.TryParse(first, CultureInfo.InvariantCulture, out TimeSpan from) ||
                    !TimeSpan.TryParse(second, CultureInfo.InvariantCulture, out TimeSpan to))
                {
                    return "its bounds are not time spans in the invariant culture";
                }

                (low, high, lowText, highText, ticks) = (from.Ticks, to.Ticks, first, second, true);
            }
            else if (IsNumericType(operand))
            {
                if (!isNumber)
                {
                    return "its bounds are numbers but the claim is " + typeName;
                }

                if (!double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out low) ||
                    !double.TryParse(second, NumberStyles.Float, CultureInfo.InvariantCulture, out high))
                {
                    return "its bounds are not numbers in the invariant culture";
                }

                (lowText, highText) = (first, second);
            }
            else
            {
                return "its bounds are of type " + operand.ToDisplayString() + ", which generated code does not compare";
            }
        }
        else
        {
            return "its bounds are not constants";
        }

        if (value.Kind == ValueKind.TimeSpan && !ticks)
        {
            // Numeric bounds on a time span: the claim's value in seconds, as written.
            (low, high) = (low * TimeSpan.TicksPerSecond, high * TimeSpan.TicksPerSecond);
            ticks = true;
        }

        if (double.IsNaN(low) || double.IsNaN(high) || low > high)
        {
            return "its minimum is not at most its maximum";
        }

        rules.Add(Rule(ValidationRuleKind.Range) with
        {
            Minimum = double.IsNegativeInfinity(low) ? null : Literal(low),
            Maximum = double.IsPositiveInfinity(high) ? null : Literal(high),
            MinimumText = lowText,
            MaximumText = highText,
            MinimumIsExclusive = SymbolHelpers.NamedArgument(attribute, "MinimumIsExclusive") is true,
            MaximumIsExclusive = SymbolHelpers.NamedArgument(attribute, "MaximumIsExclusive") is true,
            BoundsAreTicks = ticks,
        });
        return null;
    }

    private static string? AddValues(List<ValidationRuleSpec> rules, AttributeData attribute, bool allowed, ValueSpec value, string typeName)
    {
        if (value.Kind is not (ValueKind.String or ValueKind.Int32 or ValueKind.Int64 or ValueKind.Double or ValueKind.Boolean or ValueKind.Enum))
        {
            return "it applies to strings, numbers, booleans and enums, not to " + typeName;
        }

        if (attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Kind != TypedConstantKind.Array)
        {
            return "its values are not constants";
        }

        var literals = new List<string>();
        var texts = new List<string>();
        foreach (TypedConstant item in attribute.ConstructorArguments[0].Values)
        {
            if (item.IsNull)
            {
                continue; // An absent claim is never checked, as with every rule but [Required].
            }

            string? literal = ValueLiteral(item, value);
            if (literal is null)
            {
                return "the value " + item.ToCSharpString() + " is not a " + typeName;
            }

            literals.Add(literal);
            texts.Add(item.Kind == TypedConstantKind.Enum ? EnumMemberName(item) : item.Value is string s ? s : item.ToCSharpString());
        }

        if (literals.Count == 0)
        {
            return allowed ? "it allows no value but null, which only an absent claim has" : null;
        }

        rules.Add(Rule(allowed ? ValidationRuleKind.AllowedValues : ValidationRuleKind.DeniedValues) with
        {
            Values = literals.ToImmutableEquatableArray(),
            ValuesText = string.Join(", ", texts),
        });
        return null;
    }

    private static string? ValueLiteral(TypedConstant item, ValueSpec value)
    {
        object? raw = item.Value;
        switch (value.Kind)
        {
            case ValueKind.String:
                return raw is string text ? SymbolDisplay.FormatLiteral(text, quote: true) : null;
            case ValueKind.Boolean:
                return raw is bool flag ? (flag ? "true" : "false") : null;
            case ValueKind.Int32:
                return raw is int or short or sbyte or byte or ushort ? Convert.ToInt64(raw, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture) : null;
            case ValueKind.Int64:
                return raw is int or long or short or sbyte or byte or ushort or uint
                    ? Convert.ToInt64(raw, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture) + "L"
                    : null;
            case ValueKind.Double:
                return raw is double or float or int or long ? Literal(Convert.ToDouble(raw, CultureInfo.InvariantCulture)) : null;
            case ValueKind.Enum:
                if (item.Kind != TypedConstantKind.Enum || item.Type?.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) != value.Type)
                {
                    return null;
                }

                return "(" + value.Type + ")(" + EnumConstant(raw) + ")";
            default:
                return null;
        }
    }

    private static string EnumConstant(object? raw) => raw switch
    {
        ulong big => big.ToString(CultureInfo.InvariantCulture) + "UL",
        uint number => number.ToString(CultureInfo.InvariantCulture) + "U",
        long number => number.ToString(CultureInfo.InvariantCulture) + "L",
        IConvertible number => Convert.ToInt64(number, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
        _ => "0",
    };

    private static string EnumMemberName(TypedConstant item)
    {
        if (item.Type is INamedTypeSymbol enumType)
        {
            foreach (ISymbol member in enumType.GetMembers())
            {
                if (member is IFieldSymbol { HasConstantValue: true } field && Equals(field.ConstantValue, item.Value))
                {
                    return field.Name;
                }
            }
        }

        return item.ToCSharpString();
    }

    private static bool IsNumericType(ITypeSymbol type) => type.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64 or
        SpecialType.System_Double or SpecialType.System_Single or SpecialType.System_Decimal or SpecialType.System_Int16 or
        SpecialType.System_Byte or SpecialType.System_SByte or SpecialType.System_UInt16 or SpecialType.System_UInt32;

    /// <summary>
    /// Adds the limits of each claim's vocabulary entry (required, longest string, integer range, allowed values) to its
    /// rules. The vocabulary's limit is always enforced; an attribute that asks for less is reported by the analyzer.
    /// </summary>
    /// <param name="claims">The payload's claims, rewritten in place.</param>
    /// <param name="vocabulary">The payload's vocabulary, or <see langword="null"/>.</param>
    /// <param name="extensionNames">The claims marked <c>IsExtension</c>, which do not choose the object the type describes.</param>
    internal static void AddVocabularyRules(List<ClaimSpec> claims, ClaimVocabularyDefinition? vocabulary, HashSet<string> extensionNames)
    {
        if (vocabulary is null)
        {
            return;
        }

        ClaimSet scope = vocabulary.BestFit(DescribingNames(claims, extensionNames));
        for (int i = 0; i < claims.Count; i++)
        {
            if (scope.FindByName(claims[i].Name) is { } definition)
            {
                claims[i] = claims[i] with
                {
                    Rules = WithVocabulary(claims[i].Rules, definition, claims[i].Value, null, null),
                    Description = definition.Description,
                    ValueSeparator = definition.ValueSeparator,
                    VocabularyValues = definition.AllowedValues.ToImmutableEquatableArray(),
                    VocabularyValueLongNames = definition.AllowedValueLongNames.ToImmutableEquatableArray(),
                };
            }
        }
    }

    /// <summary>The claim names that decide which object of the vocabulary a type describes.</summary>
    internal static List<string> DescribingNames(List<ClaimSpec> claims, HashSet<string> extensionNames)
    {
        var names = new List<string>(claims.Count);
        foreach (ClaimSpec claim in claims)
        {
            if (!extensionNames.Contains(claim.Name))
            {
                names.Add(claim.Name);
            }
        }

        return names;
    }

    /// <summary>
    /// <paramref name="own"/> with the limits of <paramref name="definition"/> added; with <paramref name="notices"/>, reports
    /// each attribute of <paramref name="attributes"/> that allows more than the vocabulary.
    /// </summary>
    internal static ImmutableEquatableArray<ValidationRuleSpec> WithVocabulary(ImmutableEquatableArray<ValidationRuleSpec> own, ClaimDefinition definition,
        ValueSpec value, IEnumerable<AttributeData>? attributes, List<RuleNotice>? notices)
    {
        var rules = new List<ValidationRuleSpec>(own);
        bool canBeAbsent = value.IsNullable || !value.IsValueType;
        if (definition.IsRequired && canBeAbsent && !rules.Exists(r => r.Kind == ValidationRuleKind.Required))
        {
            rules.Add(Rule(ValidationRuleKind.Required, RuleSource.Vocabulary));
        }

        if (definition.MaxLength is { } maxLength && value.Kind is ValueKind.String or ValueKind.Uri)
        {
            int? strictest = null;
            foreach (ValidationRuleSpec rule in own)
            {
                if (rule.Kind == ValidationRuleKind.MaxLength && int.TryParse(rule.Maximum, NumberStyles.Integer, CultureInfo.InvariantCulture, out int limit))
                {
                    strictest = strictest is { } s ? Math.Min(s, limit) : limit;
                }
            }

            if (strictest is null || strictest > maxLength)
            {
                rules.Add(MaxLength(maxLength) with { Source = RuleSource.Vocabulary });
                if (strictest is not null)
                {
                    Notice(notices, attributes, "MaxLength", "StringLength", "Length",
                        "'" + definition.Name + "' is at most " + Invariant(maxLength) + " characters in the vocabulary, which is what is enforced");
                }
            }
        }

        if ((definition.Minimum is not null || definition.Maximum is not null) &&
            value.Kind is ValueKind.Int32 or ValueKind.Int64 or ValueKind.Double or ValueKind.TimeSpan)
        {
            double low = definition.Minimum ?? double.NegativeInfinity, high = definition.Maximum ?? double.PositiveInfinity;
            bool covered = false;
            foreach (ValidationRuleSpec rule in own)
            {
                if (rule.Kind == ValidationRuleKind.Range)
                {
                    double factor = value.Kind == ValueKind.TimeSpan ? TimeSpan.TicksPerSecond : 1;
                    double ownLow = rule.Minimum is null ? double.NegativeInfinity : double.Parse(rule.Minimum.TrimEnd('d'), CultureInfo.InvariantCulture) / factor;
                    double ownHigh = rule.Maximum is null ? double.PositiveInfinity : double.Parse(rule.Maximum.TrimEnd('d'), CultureInfo.InvariantCulture) / factor;
                    covered |= ownLow >= low && ownHigh <= high;
                }
            }

            if (!covered)
            {
                bool ticks = value.Kind == ValueKind.TimeSpan;
                double factor = ticks ? TimeSpan.TicksPerSecond : 1;
                rules.Add(Rule(ValidationRuleKind.Range, RuleSource.Vocabulary) with
                {
                    Minimum = definition.Minimum is { } min ? Literal(min * factor) : null,
                    Maximum = definition.Maximum is { } max ? Literal(max * factor) : null,
                    MinimumText = definition.Minimum?.ToString(CultureInfo.InvariantCulture),
                    MaximumText = definition.Maximum?.ToString(CultureInfo.InvariantCulture),
                    BoundsAreTicks = ticks,
                });
                if (HasRule(own, ValidationRuleKind.Range))
                {
                    Notice(notices, attributes, "Range", null, null,
                        "'" + definition.Name + "' is " + RangeText(definition) + " in the vocabulary, which is what is enforced");
                }
            }
        }

        if (definition.AllowedValues.Count > 0 && value.Kind != ValueKind.Converter)
        {
            bool onItems = value.Kind is ValueKind.Array or ValueKind.List && value.Element is { Kind: ValueKind.String };
            if (value.Kind == ValueKind.String || onItems)
            {
                var literals = new List<string>();
                foreach (string allowed in definition.AllowedValues)
                {
                    literals.Add(SymbolDisplay.FormatLiteral(allowed, quote: true));
                }

                rules.Add(Rule(ValidationRuleKind.AllowedValues, RuleSource.Vocabulary) with
                {
                    Values = literals.ToImmutableEquatableArray(),
                    ValuesText = string.Join(", ", definition.AllowedValues),
                    Separator = onItems ? null : definition.ValueSeparator,
                    AppliesToItems = onItems,
                });
            }
        }

        return rules.ToImmutableEquatableArray();
    }

    private static string RangeText(ClaimDefinition definition) =>
        definition.Minimum is { } min && definition.Maximum is { } max ? "between " + Invariant(min) + " and " + Invariant(max)
        : definition.Minimum is { } low ? "at least " + Invariant(low)
        : "at most " + Invariant(definition.Maximum ?? 0);

    private static bool HasRule(IEnumerable<ValidationRuleSpec> rules, ValidationRuleKind kind)
    {
        foreach (ValidationRuleSpec rule in rules)
        {
            if (rule.Kind == kind && rule.Source == RuleSource.Attribute)
            {
                return true;
            }
        }

        return false;
    }

    private static void Notice(List<RuleNotice>? notices, IEnumerable<AttributeData>? attributes, string name, string? other, string? third, string reason)
    {
        if (notices is null || attributes is null)
        {
            return;
        }

        foreach (AttributeData attribute in attributes)
        {
            string shortName = ShortName(attribute.AttributeClass);
            if (attribute.AttributeClass is { } attributeClass && IsDataAnnotations(attributeClass) &&
                (shortName == name || shortName == other || shortName == third))
            {
                notices.Add(new RuleNotice(RuleNoticeKind.LooserThanVocabulary, attribute, reason));
            }
        }
    }

    /// <summary>Adds "exp is after nbf / iat" to the <c>exp</c> claim when those NumericDate claims exist.</summary>
    internal static void AddTimeOrderRules(List<ClaimSpec> claims)
    {
        int expIndex = claims.FindIndex(c => c.Name == "exp" && IsNumericDate(c.Value));
        if (expIndex < 0)
        {
            return;
        }

        var rules = new List<ValidationRuleSpec>(claims[expIndex].Rules);
        foreach (string other in new[] { "nbf", "iat" })
        {
            ClaimSpec? otherClaim = claims.Find(c => c.Name == other && IsNumericDate(c.Value));
            if (otherClaim is not null)
            {
                rules.Add(new ValidationRuleSpec(
                    ValidationRuleKind.After, null, null, false, other, otherClaim.MemberName, otherClaim.Value.Kind == ValueKind.DateTimeOffset)
                {
                    Source = RuleSource.Registered,
                });
            }
        }

        claims[expIndex] = claims[expIndex] with { Rules = rules.ToImmutableEquatableArray() };
    }

    private static bool IsNumericDate(ValueSpec value) => value.Kind is ValueKind.DateTimeOffset or ValueKind.Int64;

    private static ValidationRuleSpec Rule(ValidationRuleKind kind, RuleSource source = RuleSource.Attribute) =>
        new(kind, null, null, false, null, null, false) { Source = source };

    private static ValidationRuleSpec MaxLength(int maximum) => Rule(ValidationRuleKind.MaxLength) with { Maximum = Invariant(maximum) };

    private static ValidationRuleSpec MinLength(int minimum) => Rule(ValidationRuleKind.MinLength) with { Minimum = Invariant(minimum) };

    private static string TypeName(ValueSpec value) => value.Type.Replace("global::", "");

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Invariant(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Literal(double value) =>
        double.IsPositiveInfinity(value) ? "double.PositiveInfinity"
        : double.IsNegativeInfinity(value) ? "double.NegativeInfinity"
        : value.ToString("R", CultureInfo.InvariantCulture) + "d";

    /// <summary>A range attribute's constructor arguments as plain values.</summary>
    private readonly struct ConstantArguments
    {
        private readonly object?[] _values;

        public ConstantArguments(AttributeData attribute)
        {
            _values = new object?[attribute.ConstructorArguments.Length];
            for (int i = 0; i < _values.Length; i++)
            {
                TypedConstant argument = attribute.ConstructorArguments[i];
                _values[i] = argument.Kind == TypedConstantKind.Array ? null : argument.Value;
            }
        }

        public int Count => _values.Length;

        public object? this[int index] => _values[index];
    }
}
