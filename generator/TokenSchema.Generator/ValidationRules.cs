using System.Collections.Generic;
using System.Globalization;
using Microsoft.CodeAnalysis;
using TokenSchema.Generator.Helpers;
using TokenSchema.Generator.Model;
using TokenSchema.Generator.Vocabularies;

namespace TokenSchema.Generator;

/// <summary>Turns a claim's DataAnnotations attributes, its vocabulary entry and the registered-claim rules into <see cref="ValidationRuleSpec"/>s.</summary>
internal static class ValidationRules
{
    private const string DataAnnotations = "System.ComponentModel.DataAnnotations.";

    /// <summary>
    /// Adds the <c>MaxLength</c> a team's declared vocabulary gives a string claim to its validation rules, unless the
    /// member declares its own length limit.
    /// </summary>
    internal static void AddDeclaredLimits(List<ClaimSpec> claims, ClaimVocabularyDefinition vocabulary)
    {
        for (int i = 0; i < claims.Count; i++)
        {
            ClaimSpec claim = claims[i];
            if (claim.Value.Kind != ValueKind.String || vocabulary.Root.FindByName(claim.Name)?.MaxLength is not { } maxLength)
            {
                continue;
            }

            bool hasOwnLimit = false;
            foreach (ValidationRuleSpec rule in claim.Rules)
            {
                hasOwnLimit |= rule.Kind == ValidationRuleKind.MaxLength;
            }

            if (!hasOwnLimit)
            {
                var rules = new List<ValidationRuleSpec>(claim.Rules)
                {
                    new(ValidationRuleKind.MaxLength, null, Literal(maxLength), false, null, null, false),
                };
                claims[i] = claim with { Rules = rules.ToImmutableEquatableArray() };
            }
        }
    }

    internal static ImmutableEquatableArray<ValidationRuleSpec> RulesOf(IEnumerable<AttributeData> attributes, ValueSpec value)
    {
        var rules = new List<ValidationRuleSpec>();
        bool hasLength = value.Kind is ValueKind.String or ValueKind.Array or ValueKind.List or ValueKind.Dictionary;
        foreach (AttributeData attribute in attributes)
        {
            if (attribute.AttributeClass is not { } attributeClass ||
                attributeClass.ContainingNamespace.ToDisplayString() + "." != DataAnnotations)
            {
                continue;
            }

            switch (attributeClass.Name)
            {
                case "RequiredAttribute" when value.IsNullable || !value.IsValueType:
                    bool allowEmpty = SymbolHelpers.NamedArgument(attribute, "AllowEmptyStrings") is true;
                    rules.Add(new ValidationRuleSpec(ValidationRuleKind.Required, null, null, allowEmpty, null, null, false));
                    break;
                case "MaxLengthAttribute" when hasLength && SingleInt(attribute) is { } max:
                    rules.Add(new ValidationRuleSpec(ValidationRuleKind.MaxLength, null, Literal(max), false, null, null, false));
                    break;
                case "MinLengthAttribute" when hasLength && SingleInt(attribute) is { } min:
                    rules.Add(new ValidationRuleSpec(ValidationRuleKind.MinLength, Literal(min), null, false, null, null, false));
                    break;
                case "StringLengthAttribute" when value.Kind == ValueKind.String && SingleInt(attribute) is { } max:
                    if (SymbolHelpers.NamedArgument(attribute, "MinimumLength") is int { } minimum && minimum > 0)
                    {
                        rules.Add(new ValidationRuleSpec(ValidationRuleKind.MinLength, Literal(minimum), null, false, null, null, false));
                    }

                    rules.Add(new ValidationRuleSpec(ValidationRuleKind.MaxLength, null, Literal(max), false, null, null, false));
                    break;
                case "RangeAttribute" when value.Kind is ValueKind.Int32 or ValueKind.Int64 or ValueKind.Double:
                    if (RangeBounds(attribute) is var (low, high))
                    {
                        rules.Add(new ValidationRuleSpec(ValidationRuleKind.Range, low, high, false, null, null, false));
                    }

                    break;
                case "UrlAttribute" when value.Kind is ValueKind.String or ValueKind.Uri:
                    rules.Add(new ValidationRuleSpec(ValidationRuleKind.Url, null, null, false, null, null, false));
                    break;
            }
        }

        // Values the writer cannot write are reported by Validate, so signing fails with the claim's name.
        if (value.Kind == ValueKind.Enum)
        {
            rules.Add(new ValidationRuleSpec(ValidationRuleKind.DefinedEnum, null, null, false, null, null, false));
        }
        else if (value.Kind == ValueKind.Double)
        {
            rules.Add(new ValidationRuleSpec(ValidationRuleKind.Finite, null, null, false, null, null, false));
        }

        return rules.ToImmutableEquatableArray();
    }

    private static int? SingleInt(AttributeData attribute) =>
        attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is int value && value >= 0 ? value : null;

    private static string Literal(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static (string Low, string High)? RangeBounds(AttributeData attribute)
    {
        if (attribute.ConstructorArguments.Length != 2)
        {
            return null;
        }

        object? low = attribute.ConstructorArguments[0].Value;
        object? high = attribute.ConstructorArguments[1].Value;
        return (low, high) switch
        {
            (int a, int b) => (Literal(a), Literal(b)),
            (double a, double b) when !double.IsNaN(a) && !double.IsNaN(b) && !double.IsInfinity(a) && !double.IsInfinity(b) =>
                (a.ToString("R", CultureInfo.InvariantCulture), b.ToString("R", CultureInfo.InvariantCulture)),
            _ => null,
        };
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
                    ValidationRuleKind.After, null, null, false, other, otherClaim.MemberName, otherClaim.Value.Kind == ValueKind.DateTimeOffset));
            }
        }

        claims[expIndex] = claims[expIndex] with { Rules = rules.ToImmutableEquatableArray() };
    }

    private static bool IsNumericDate(ValueSpec value) => value.Kind is ValueKind.DateTimeOffset or ValueKind.Int64;
}
