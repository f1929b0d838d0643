using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using TokenSchema.Generator.Diagnostics;
using TokenSchema.Generator.Helpers;
using TokenSchema.Generator.Shape;
using TokenSchema.Generator.Vocabularies;

namespace TokenSchema.Generator.Analyzer;

/// <summary>
/// Reports why a <c>[TokenPayload]</c> type cannot be generated (the problems <see cref="PayloadShapeAnalysis"/> finds) and
/// checks it against its claim vocabulary: claim names, member types and nested payload objects, so a token the platform
/// would silently ignore fails the build.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TokenPayloadAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.All);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            // Nothing to check in a compilation that does not reference TokenSchema.
            if (start.Compilation.GetTypeByMetadataName(WellKnownNames.ClaimAttribute) == null) return;
            start.RegisterSymbolAction(AnalyzeType, SymbolKind.NamedType);
        });
    }

    private static void AnalyzeType(SymbolAnalysisContext context)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        CancellationToken cancellationToken = context.CancellationToken;
        AttributeData? payloadAttribute = SymbolHelpers.FindAttribute(type, WellKnownNames.TokenPayloadAttribute);

        CheckVocabularyDefinition(context, type);
        if (payloadAttribute == null)
        {
            CheckContainerPartial(context, type);
            foreach (ClaimMember member in ClaimMember.Collect(type, cancellationToken))
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ClaimOutsidePayload, member.AttributeLocation,
                    member.MemberName, type.Name));
            }

            foreach (ISymbol symbol in type.GetMembers())
            {
                if (symbol is IFieldSymbol field && SymbolHelpers.FindAttribute(field, WellKnownNames.ClaimAttribute) is { } claimOnField)
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ClaimOutsidePayload,
                        PayloadShapeAnalysis.ClaimFieldLocation(claimOnField, field, Location.None, cancellationToken),
                        PayloadShapeAnalysis.ClaimFieldName(field), type.Name));
                }
            }

            return;
        }

        // Every reason the generator refuses the type comes from the one shape analysis the generator runs too.
        PayloadShape shape = PayloadShapeAnalysis.Analyze(type, payloadAttribute, cancellationToken);
        foreach (ShapeProblem problem in shape.Problems)
        {
            // A containing type's missing 'partial' is reported once, from that type.
            if (!problem.OnContainingType) context.ReportDiagnostic(problem.ToDiagnostic());
        }

        if (shape.Problems.Count == 1 && shape.Problems[0].Descriptor == DiagnosticDescriptors.LanguageVersionTooLow) return;

        List<ClaimMember> members = shape.Members;
        ClaimVocabularyDefinition? vocabulary = GetVocabulary(payloadAttribute);
        CheckDeclaredVocabulary(context, payloadAttribute, vocabulary);
        ClaimSet? scope = vocabulary?.BestFit(DeclaredNames(members));
        if (scope != null) RequiredClaimCheck.Check(context, shape, scope);
        foreach (ClaimMember member in members)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string? name = member.ClaimName;
            if (name == null || name.Trim().Length == 0 || member.IsDuplicate) continue;

            ClaimDefinition? claim = scope?.FindByName(name);
            if (claim == null && scope != null && !member.IsExtension)
            {
                CheckUnknownName(context, member, name, scope);
            }

            ValidationAttributeChecks.Check(context, member, claim);
            if (claim == null || scope == null) continue;
            if (member.TypeIsWritten && !member.HasConverter) CheckType(context, member, claim);
            CheckMemberName(context, member, claim, scope);
        }
    }

    private static ClaimVocabularyDefinition? GetVocabulary(AttributeData payloadAttribute)
    {
        if (payloadAttribute.ConstructorArguments.Length == 0) return ClaimVocabularies.Jwt;
        TypedConstant argument = payloadAttribute.ConstructorArguments[0];
        if (argument.Kind == TypedConstantKind.Type)
        {
            return argument.Value is INamedTypeSymbol declaring ? DeclaredVocabulary.Read(declaring) : null;
        }

        if (argument.Kind != TypedConstantKind.Enum || !(argument.Value is int value)) return null;
        return ClaimVocabularies.Get((VocabularyId)value);
    }

    /// <summary>TKS0023: every <c>[KnownClaim]</c> field the declared vocabulary would skip.</summary>
    private static void CheckVocabularyDefinition(SymbolAnalysisContext context, INamedTypeSymbol type)
    {
        bool isDefinition = DeclaredVocabulary.IsDefinition(type);
        var declared = new Dictionary<string, string>(System.StringComparer.Ordinal);
        foreach (ISymbol member in type.GetMembers())
        {
            if (!(member is IFieldSymbol field) || DeclaredVocabulary.FindKnownClaim(field) is not { } known) continue;
            string? name = DeclaredVocabulary.ClaimNameOf(field, known);
            string? reason = !isDefinition ? "'" + type.Name + "' is not marked [ClaimVocabularyDefinition]"
                : !field.IsConst || field.Type.SpecialType != SpecialType.System_String ? "only const string fields declare claims"
                : name == null ? "its claim name is empty"
                : declared.TryGetValue(name, out string? first) ? "claim '" + name + "' is already declared by '" + first + "'"
                : null;
            if (name != null && !declared.ContainsKey(name)) declared.Add(name, field.Name);
            if (reason == null) continue;

            Location location = field.Locations.Length > 0 ? field.Locations[0] : Location.None;
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.KnownClaimIgnored, location, field.Name, reason));
        }
    }

    private static void CheckDeclaredVocabulary(SymbolAnalysisContext context, AttributeData payloadAttribute, ClaimVocabularyDefinition? vocabulary)
    {
        if (vocabulary != null || payloadAttribute.ConstructorArguments.Length != 1) return;
        TypedConstant argument = payloadAttribute.ConstructorArguments[0];
        if (argument.Kind != TypedConstantKind.Type || !(argument.Value is INamedTypeSymbol declaring) || declaring.TypeKind == TypeKind.Error) return;

        Location location = payloadAttribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken) is AttributeSyntax { ArgumentList.Arguments.Count: > 0 } syntax
            ? syntax.ArgumentList.Arguments[0].GetLocation()
            : Location.None;
        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.VocabularyNotDeclared, location,
            declaring.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)));
    }

    private static IEnumerable<string> DeclaredNames(List<ClaimMember> members)
    {
        foreach (ClaimMember member in members)
        {
            if (!member.IsExtension && member.ClaimName != null) yield return member.ClaimName;
        }
    }

    /// <summary>TKS0007 on a type that is not partial but contains a payload, as the nested payload's shape analysis finds it.</summary>
    private static void CheckContainerPartial(SymbolAnalysisContext context, INamedTypeSymbol type)
    {
        INamedTypeSymbol? payload = FindNestedPayload(type);
        if (payload == null) return;
        var problems = new List<ShapeProblem>();
        PayloadShapeAnalysis.AddPartialProblems(problems, type, payload, onContainingType: true, context.CancellationToken);
        foreach (ShapeProblem problem in problems)
        {
            context.ReportDiagnostic(problem.ToDiagnostic());
        }
    }

    private static INamedTypeSymbol? FindNestedPayload(INamedTypeSymbol type)
    {
        foreach (INamedTypeSymbol nested in type.GetTypeMembers())
        {
            if (SymbolHelpers.FindAttribute(nested, WellKnownNames.TokenPayloadAttribute) != null) return nested;
            INamedTypeSymbol? deeper = FindNestedPayload(nested);
            if (deeper != null) return deeper;
        }

        return null;
    }

    private static void CheckUnknownName(SymbolAnalysisContext context, ClaimMember member, string name, ClaimSet scope)
    {
        if (scope.IsOpen)
        {
            ClaimDefinition? registered = ClaimVocabularies.FindRegisteredOneEditAway(name);
            if (registered != null)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.NearRegisteredClaim, member.NameLocation,
                    Replacement(registered.Name), name, registered.Name, registered.Description));
            }

            return;
        }

        ClaimDefinition? longForm = scope.FindByLongName(name, out bool isFormerName);
        if (longForm != null)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.LongNameInsteadOfClaim, member.NameLocation,
                Replacement(longForm.Name), name, scope.DisplayName, longForm.Name, isFormerName ? "former name" : "long name"));
            return;
        }

        ClaimDefinition? nearest = scope.FindNearest(name);
        string hint = nearest != null
            ? "; did you mean '" + nearest.Name + "' (" + nearest.Title + ")?"
            : "; set IsExtension = true if the platform accepts it";
        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnknownClaim, member.NameLocation,
            nearest != null ? Replacement(nearest.Name) : null, name, scope.DisplayName, hint));
    }

    private static ImmutableDictionary<string, string?> Replacement(string claimName) =>
        ImmutableDictionary<string, string?>.Empty.Add(DiagnosticIds.ReplacementProperty, claimName);

    /// <summary>The vocabulary's type checks of a member whose type the generator writes (TKS0004, TKS0005, TKS0012, TKS0013).</summary>
    private static void CheckType(SymbolAnalysisContext context, ClaimMember member, ClaimDefinition claim)
    {
        ClassifiedType classified = ClaimTypeClassifier.Classify(member.Type);
        if (classified.Family == ClaimClrTypes.None) return;

        bool fits = (classified.Family & claim.ClrTypes) != 0;
        string expected = ClaimClrTypeRules.Describe(claim.ClrTypes);
        if (fits && (classified.Family == ClaimClrTypes.Sequence || classified.Family == ClaimClrTypes.Map))
        {
            fits = (classified.ElementFamily & claim.ElementClrTypes) != 0;
            expected = (classified.Family == ClaimClrTypes.Sequence ? "items of type " : "values of type ")
                + ClaimClrTypeRules.Describe(claim.ElementClrTypes);
        }

        if (!fits)
        {
            DiagnosticDescriptor descriptor = claim.IsRegistered ? DiagnosticDescriptors.RegisteredClaimType : DiagnosticDescriptors.IncompatibleClaimType;

            // Where the platform's documentation leaves the claim uncertain, warn rather than fail the build.
            DiagnosticSeverity severity = claim.IsUncertain ? DiagnosticSeverity.Warning : descriptor.DefaultSeverity;
            context.ReportDiagnostic(Diagnostic.Create(descriptor, member.TypeLocation, severity, additionalLocations: null, properties: null,
                claim.Name, claim.Title, ClaimClrTypeRules.Describe(claim.Kind),
                member.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat), expected));
            return;
        }

        CheckNestedPayload(context, member, claim, classified);
        CheckEnumValues(context, member, claim, classified);
    }

    private static void CheckEnumValues(SymbolAnalysisContext context, ClaimMember member, ClaimDefinition claim,
        ClassifiedType classified)
    {
        // Only plain string enums and arrays of them: comma lists (Daily cs/ca, Zoom geo_regions) combine values.
        if (claim.AllowedValues.Count == 0
            || !(claim.Kind == ClaimJsonKind.String || claim.Kind == ClaimJsonKind.StringOrArray || claim.Kind == ClaimJsonKind.Array))
        {
            return;
        }

        ITypeSymbol? enumType = classified.Family == ClaimClrTypes.Enum ? ClaimTypeClassifier.UnwrapNullable(member.Type)
            : classified.ElementFamily == ClaimClrTypes.Enum ? classified.Element
            : null;
        if (enumType == null || enumType.TypeKind != TypeKind.Enum) return;

        foreach (ISymbol enumMember in enumType.GetMembers())
        {
            if (!(enumMember is IFieldSymbol field) || !field.IsConst) continue;
            AttributeData? claimValue = SymbolHelpers.FindAttribute(field, WellKnownNames.ClaimValueAttribute);
            if (claimValue == null || claimValue.ConstructorArguments.Length != 1 || !(claimValue.ConstructorArguments[0].Value is string value))
            {
                continue;
            }

            bool allowed = false;
            foreach (string candidate in claim.AllowedValues)
            {
                if (string.Equals(candidate, value, System.StringComparison.Ordinal)) allowed = true;
            }

            if (!allowed)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.EnumValueNotAllowed, member.TypeLocation,
                    enumType.Name, field.Name, value, claim.Name, claim.Title, string.Join(", ", claim.AllowedValues)));
            }
        }
    }

    private static void CheckNestedPayload(SymbolAnalysisContext context, ClaimMember member, ClaimDefinition claim,
        ClassifiedType classified)
    {
        ClaimSet? expected = claim.Members;
        if (expected == null || expected.IsOpen) return;

        ITypeSymbol? payloadType = null;
        if (classified.Family == ClaimClrTypes.Payload && claim.Kind != ClaimJsonKind.Map)
        {
            payloadType = ClaimTypeClassifier.UnwrapNullable(member.Type);
        }
        else if (classified.Family == ClaimClrTypes.Map && classified.ElementFamily == ClaimClrTypes.Payload && claim.Kind == ClaimJsonKind.Map)
        {
            payloadType = classified.Element;
        }

        if (!(payloadType is INamedTypeSymbol nested)) return;
        AttributeData? nestedAttribute = SymbolHelpers.FindAttribute(nested, WellKnownNames.TokenPayloadAttribute);
        if (nestedAttribute == null) return;

        var nestedNames = new List<string>(DeclaredNames(ClaimMember.Collect(nested, context.CancellationToken)));
        ClaimVocabularyDefinition? nestedVocabulary = GetVocabulary(nestedAttribute);
        if (nestedVocabulary != null && ReferenceEquals(nestedVocabulary.BestFit(nestedNames), expected))
        {
            // The nested type's own analysis checks it against this very set.
            return;
        }

        foreach (string name in nestedNames)
        {
            if (name.Trim().Length != 0 && expected.FindByName(name) == null)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.NestedPayloadMismatch, member.TypeLocation,
                    nested.Name, claim.Name, claim.Title, name, expected.DisplayName));
                return;
            }
        }
    }

    private static void CheckMemberName(SymbolAnalysisContext context, ClaimMember member, ClaimDefinition claim, ClaimSet scope)
    {
        string memberName = ClaimNames.Normalize(member.MemberName);
        if (memberName.Length == 0 || Means(claim, memberName, strict: false)) return;
        foreach (ClaimDefinition other in scope.Claims)
        {
            if (!ReferenceEquals(other, claim) && Means(other, memberName, strict: true))
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.MemberNameContradictsClaim, member.NameLocation,
                    member.MemberName, claim.Name, claim.Title, other.Name, other.Title));
                return;
            }
        }
    }

    /// <summary>
    /// Whether a normalized member name names <paramref name="claim"/>. Strictly, only by long name, alias or a claim name
    /// of three or more characters (a property <c>D</c> says little); leniently, also by short name and description.
    /// </summary>
    private static bool Means(ClaimDefinition claim, string memberName, bool strict)
    {
        if ((!strict || claim.Name.Length >= 3) && ClaimNames.Normalize(claim.Name) == memberName) return true;
        if (claim.LongName != null && ClaimNames.Normalize(claim.LongName) == memberName) return true;
        if (!strict && ClaimNames.Normalize(claim.Description) == memberName) return true;
        foreach (string alias in claim.Aliases)
        {
            if (ClaimNames.Normalize(alias) == memberName) return true;
        }

        return false;
    }

}
