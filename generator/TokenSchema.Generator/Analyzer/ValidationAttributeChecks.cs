using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using TokenSchema.Generator.Diagnostics;
using TokenSchema.Generator.Model;
using TokenSchema.Generator.Vocabularies;

namespace TokenSchema.Generator.Analyzer;

/// <summary>
/// Reports the validation attributes of a claim that the generated <c>Validate()</c> does not run (TKS0024) and those
/// that allow more than the claim's vocabulary (TKS0025), from the very decisions the generator makes
/// (<see cref="ValidationRules"/>).
/// </summary>
internal static class ValidationAttributeChecks
{
    /// <summary>Checks the validation attributes of <paramref name="member"/>.</summary>
    /// <param name="context">The analysis context.</param>
    /// <param name="member">The claim member.</param>
    /// <param name="definition">The claim's vocabulary entry, or <see langword="null"/>.</param>
    public static void Check(SymbolAnalysisContext context, ClaimMember member, ClaimDefinition? definition)
    {
        List<AttributeData> attributes = Parser.ClaimAttributesOf(member.Symbol);
        ValueSpec? value = Parser.DescribeValue(member.Type, attributes);
        if (value is null)
        {
            return; // TKS0008, TKS0020 or TKS0021 says why the member cannot be generated.
        }

        var notices = new List<RuleNotice>();
        ImmutableEquatableArray<ValidationRuleSpec> rules = ValidationRules.RulesOf(attributes, value, notices);
        if (definition is not null)
        {
            ValidationRules.WithVocabulary(rules, definition, value, attributes, notices);
        }

        foreach (RuleNotice notice in notices)
        {
            Location location = notice.Attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation() ?? member.AttributeLocation;
            DiagnosticDescriptor descriptor = notice.Kind == RuleNoticeKind.NotEnforced
                ? DiagnosticDescriptors.ValidationAttributeNotEnforced
                : DiagnosticDescriptors.AttributeLooserThanVocabulary;
            context.ReportDiagnostic(Diagnostic.Create(descriptor, location, notice.AttributeName, member.MemberName, notice.Reason));
        }
    }
}
