using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TokenSchema.Generator.Analyzer;
using TokenSchema.Generator.Diagnostics;
using TokenSchema.Generator.Helpers;
using TokenSchema.Generator.Model;
using TokenSchema.Generator.Vocabularies;

namespace TokenSchema.Generator.Shape;

/// <summary>
/// What a <c>[TokenPayload]</c> type is, as the generator sees it: its claims, or the reasons it cannot be generated.
/// The one place that decides which payloads the generator implements: <see cref="Parser"/> generates exactly the types
/// this analysis finds no error in, and the analyzer reports exactly the problems it finds.
/// </summary>
internal sealed class PayloadShape
{
    internal PayloadShape(INamedTypeSymbol type, AttributeData payloadAttribute)
    {
        Type = type;
        PayloadAttribute = payloadAttribute;
    }

    /// <summary>The payload type.</summary>
    public INamedTypeSymbol Type { get; }

    /// <summary>Its <c>[TokenPayload]</c> attribute.</summary>
    public AttributeData PayloadAttribute { get; }

    /// <summary>The reasons the type cannot be generated, each ready to become a diagnostic.</summary>
    public List<ShapeProblem> Problems { get; } = new();

    /// <summary>
    /// Whether the type cannot be generated for a reason the compiler already reports (an attribute or type that does not
    /// bind), so that no problem of its own is listed.
    /// </summary>
    public bool HasCompilerErrors { get; internal set; }

    /// <summary>Whether the generator implements the type: no problem and nothing unbound.</summary>
    public bool CanGenerate => Problems.Count == 0 && !HasCompilerErrors;

    /// <summary>The claim members, in the order of their attributes, for the analyzer's vocabulary checks.</summary>
    public List<ClaimMember> Members { get; } = new();

    /// <summary>The claims, positional parameters first, as the generator writes them (complete only when <see cref="CanGenerate"/>).</summary>
    public List<ClaimSpec> Claims { get; } = new();

    /// <summary>The claim names marked <c>IsExtension</c>.</summary>
    public HashSet<string> ExtensionNames { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether the reader calls the record's primary constructor.</summary>
    public bool UsesPositionalConstructor { get; internal set; }

    /// <summary>The <c>[TokenPayload]</c> types the claims hold (directly or as elements), with the member holding each.</summary>
    public List<(ClaimMember Member, INamedTypeSymbol Type)> PayloadReferences { get; } = new();

    /// <summary>Whether the type declares the cross-claim hook <c>void ValidateClaims(ref ClaimProblemCollector problems)</c>.</summary>
    public bool HasClaimsHook { get; internal set; }

    internal void Add(DiagnosticDescriptor descriptor, Location location, params object?[] args) =>
        Problems.Add(new ShapeProblem(descriptor, location, onContainingType: false, args));
}

/// <summary>Turns a <c>[TokenPayload]</c> type symbol into its <see cref="PayloadShape"/>.</summary>
internal static class PayloadShapeAnalysis
{
    /// <summary>The most claims a payload may have: the reader tracks them in one 64-bit mask.</summary>
    internal const int MaxClaims = 64;

    /// <summary>The oldest C# version that compiles the generated code (static abstract interface members, <c>u8</c> literals).</summary>
    internal const LanguageVersion MinimumLanguageVersion = LanguageVersion.CSharp11;

    /// <summary>The expected signature of the cross-claim hook, as diagnostics name it.</summary>
    internal const string ClaimsHookSignature = "void ValidateClaims(ref ClaimProblemCollector problems)";

    /// <summary>Analyzes <paramref name="type"/>, whose <c>[TokenPayload]</c> attribute is <paramref name="payloadAttribute"/>.</summary>
    /// <param name="type">The payload type.</param>
    /// <param name="payloadAttribute">Its <c>[TokenPayload]</c> attribute.</param>
    /// <param name="cancellationToken">Cancels the analysis.</param>
    public static PayloadShape Analyze(INamedTypeSymbol type, AttributeData payloadAttribute, CancellationToken cancellationToken) =>
        Analyze(type, payloadAttribute, checkReferences: true, cancellationToken);

    private static PayloadShape Analyze(INamedTypeSymbol type, AttributeData payloadAttribute, bool checkReferences,
        CancellationToken cancellationToken)
    {
        var shape = new PayloadShape(type, payloadAttribute);
        Location identifier = IdentifierOf(type, payloadAttribute, cancellationToken);

        if (LanguageVersionOf(type, payloadAttribute, cancellationToken) is { } version && version < MinimumLanguageVersion)
        {
            shape.Add(DiagnosticDescriptors.LanguageVersionTooLow, identifier, type.Name, version.ToDisplayString(),
                MinimumLanguageVersion.ToDisplayString());
            return shape;
        }

        if (UnsupportedShape(type) is { } reason)
        {
            shape.Add(DiagnosticDescriptors.UnsupportedPayloadType, identifier, type.Name, reason);
            return shape;
        }

        if (type.Name.Length == 0)
        {
            shape.HasCompilerErrors = true; // A declaration without a name: the compiler reports it.
            return shape;
        }

        AddPartialProblems(shape.Problems, type, type, onContainingType: false, cancellationToken);
        for (INamedTypeSymbol? outer = type.ContainingType; outer != null; outer = outer.ContainingType)
        {
            AddPartialProblems(shape.Problems, outer, type, onContainingType: true, cancellationToken);
        }

        if (PayloadBase(type) is { } payloadBase)
        {
            shape.Add(DiagnosticDescriptors.PayloadDerivesFromPayload, BaseTypeLocation(type, cancellationToken) ?? identifier,
                type.Name, payloadBase.Name);
        }

        IMethodSymbol? primaryConstructor = SymbolHelpers.FindPrimaryConstructor(type, cancellationToken);
        IMethodSymbol? positional = type.IsRecord ? primaryConstructor : null;
        if (positional == null && !type.IsValueType && !HasParameterlessConstructor(type))
        {
            shape.Add(DiagnosticDescriptors.NoParameterlessConstructor, identifier, type.Name);
        }

        var names = new Dictionary<string, ClaimMember>(StringComparer.Ordinal);
        var positionalNames = new HashSet<string>(StringComparer.Ordinal);
        if (primaryConstructor != null && positional == null)
        {
            // A class's or struct's primary-constructor parameter is no property: the writer could not read it back.
            foreach (IParameterSymbol parameter in primaryConstructor.Parameters)
            {
                if (SymbolHelpers.FindAttribute(parameter, WellKnownNames.ClaimAttribute) != null)
                {
                    shape.Add(DiagnosticDescriptors.ClaimMemberIgnored, SymbolHelpers.SourceLocation(parameter, identifier), parameter.Name, type.Name,
                        "a primary-constructor parameter of a class or struct is not a property; declare a [Claim] property initialized from it, or make the type a record");
                }
            }
        }

        if (positional != null)
        {
            shape.UsesPositionalConstructor = true;
            for (int i = 0; i < positional.Parameters.Length; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                IParameterSymbol parameter = positional.Parameters[i];
                positionalNames.Add(parameter.Name);
                AnalyzeParameter(shape, parameter, i, names, identifier, cancellationToken);
            }
        }

        foreach (ISymbol member in type.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (positionalNames.Contains(member.Name) && member is IPropertySymbol or IFieldSymbol)
            {
                continue;
            }

            if (member is IFieldSymbol field)
            {
                if (SymbolHelpers.FindAttribute(field, WellKnownNames.ClaimAttribute) is { } claimOnField)
                {
                    // [Claim] allows fields so that the compiler reports no CS0592, a declaration error after which
                    // it runs no analyzer at all; the field is reported here instead, and the type is not generated.
                    shape.Add(DiagnosticDescriptors.ClaimMemberIgnored, ClaimFieldLocation(claimOnField, field, identifier, cancellationToken),
                        ClaimFieldName(field), type.Name, ClaimFieldReason(field));
                    continue;
                }

                if (IsRequired(field))
                {
                    shape.Add(DiagnosticDescriptors.ConstructionMemberNotClaim, SymbolHelpers.SourceLocation(field, identifier),
                        field.Name, "required", type.Name, "remove 'required'");
                }

                continue;
            }

            if (member is not IPropertySymbol property)
            {
                continue;
            }

            if (SymbolHelpers.FindAttribute(property, WellKnownNames.ClaimAttribute) == null)
            {
                if (IsRequired(property))
                {
                    shape.Add(DiagnosticDescriptors.ConstructionMemberNotClaim, SymbolHelpers.SourceLocation(property, identifier),
                        property.Name, "required", type.Name, "remove 'required'");
                }

                continue;
            }

            if (property.IsStatic || property.IsIndexer)
            {
                shape.Add(DiagnosticDescriptors.ClaimMemberIgnored, SymbolHelpers.SourceLocation(property, identifier),
                    property.IsIndexer ? "this[]" : property.Name, type.Name,
                    property.IsIndexer ? "an indexer holds no single value" : "a static property belongs to no payload instance");
                continue;
            }

            AnalyzeProperty(shape, property, type.IsValueType || type.IsRecord, names, identifier, cancellationToken);
        }

        // Claims are not inherited: a required member of a base class can never be set by the reader.
        for (INamedTypeSymbol? baseType = type.BaseType; baseType != null; baseType = baseType.BaseType)
        {
            foreach (ISymbol member in baseType.GetMembers())
            {
                if (IsRequired(member))
                {
                    shape.Add(DiagnosticDescriptors.ConstructionMemberNotClaim, identifier,
                        baseType.Name + "." + member.Name, "an inherited required member", type.Name, "remove 'required' from the base type");
                }
            }
        }

        int claims = 0;
        var memberNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (ClaimMember member in shape.Members)
        {
            if (member.ClaimName != null) claims++;

            // Two members of one name: the compiler reports the duplicate.
            if (!memberNames.Add(member.MemberName)) shape.HasCompilerErrors = true;
        }

        if (claims > MaxClaims)
        {
            shape.Add(DiagnosticDescriptors.TooManyClaims, identifier, type.Name, claims);
        }

        AnalyzeClaimsHook(shape, type, identifier);
        if (checkReferences)
        {
            CheckPayloadReferences(shape, cancellationToken);
        }

        ClaimMember.Sort(shape.Members);
        return shape;
    }

    /// <summary>
    /// A claim holding another <c>[TokenPayload]</c> type calls that type's generated members, so that type, and every
    /// payload it holds in turn, must be generated too. Types on a cycle back to this one count as generated: their own
    /// problems are reported on them.
    /// </summary>
    private static void CheckPayloadReferences(PayloadShape shape, CancellationToken cancellationToken)
    {
        if (shape.PayloadReferences.Count == 0)
        {
            return;
        }

        var generatable = new Dictionary<INamedTypeSymbol, bool>(SymbolEqualityComparer.Default) { [shape.Type] = true };
        var reported = new HashSet<ClaimMember>();
        foreach ((ClaimMember member, INamedTypeSymbol referenced) in shape.PayloadReferences)
        {
            if (reported.Contains(member) || AllGeneratable(referenced, generatable, cancellationToken))
            {
                continue;
            }

            reported.Add(member);
            member.TypeIsWritten = false;
            shape.Add(DiagnosticDescriptors.TypeNotGenerated, member.TypeLocation,
                member.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat), member.MemberName,
                "a [TokenPayload] type the generator implements: fix the errors reported on '" + referenced.Name + "'");
        }
    }

    /// <summary>Whether <paramref name="start"/> and every payload it reaches through its claims have no problem of their own.</summary>
    private static bool AllGeneratable(INamedTypeSymbol start, Dictionary<INamedTypeSymbol, bool> ownShapes, CancellationToken cancellationToken)
    {
        var visited = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
        var pending = new Stack<INamedTypeSymbol>();
        pending.Push(start);
        while (pending.Count > 0)
        {
            INamedTypeSymbol current = pending.Pop();
            if (!visited.Add(current))
            {
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            PayloadShape? own = null;
            if (!ownShapes.TryGetValue(current, out bool ok))
            {
                AttributeData? attribute = SymbolHelpers.FindAttribute(current, WellKnownNames.TokenPayloadAttribute);
                own = attribute == null ? null : Analyze(current, attribute, checkReferences: false, cancellationToken);
                ok = own?.CanGenerate ?? false;
                ownShapes[current] = ok;
            }

            if (!ok)
            {
                return false;
            }

            if (own != null)
            {
                foreach ((ClaimMember _, INamedTypeSymbol next) in own.PayloadReferences)
                {
                    pending.Push(next);
                }
            }
        }

        return true;
    }

    /// <summary>
    /// Adds a <c>TKS0007</c> problem for every declaration of <paramref name="type"/> without <c>partial</c>; the generated
    /// code of <paramref name="payload"/> (the type itself or a type nested in it) declares another part of it.
    /// </summary>
    internal static void AddPartialProblems(List<ShapeProblem> problems, INamedTypeSymbol type, INamedTypeSymbol payload, bool onContainingType,
        CancellationToken cancellationToken)
    {
        foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration && !SymbolHelpers.IsPartial(declaration))
            {
                problems.Add(new ShapeProblem(DiagnosticDescriptors.TypeNotPartial, declaration.Identifier.GetLocation(), onContainingType,
                    type.Name, payload.Name));
            }
        }
    }

    /// <summary>Where a <c>[Claim]</c> on a field is reported: the attribute, else the field.</summary>
    internal static Location ClaimFieldLocation(AttributeData claim, IFieldSymbol field, Location fallback, CancellationToken cancellationToken) =>
        claim.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is { } syntax
            ? syntax.GetLocation()
            : SymbolHelpers.SourceLocation(field, fallback);

    /// <summary>The name a diagnostic gives a field: the property's, for an auto-property's backing field (<c>[field: Claim]</c>).</summary>
    internal static string ClaimFieldName(IFieldSymbol field) => field.AssociatedSymbol?.Name ?? field.Name;

    private static string ClaimFieldReason(IFieldSymbol field) =>
        field.AssociatedSymbol != null
            ? "[field: Claim] marks the backing field, which is not a claim; put [Claim] on the property itself"
            : "a field is not a claim; make it a property with get and init (or set) accessors";

    /// <summary>Whether the type has an instance constructor without parameters, of any accessibility.</summary>
    internal static bool HasParameterlessConstructor(INamedTypeSymbol type)
    {
        foreach (IMethodSymbol constructor in type.InstanceConstructors)
        {
            if (constructor.Parameters.Length == 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The index of the first lone surrogate in <paramref name="text"/>, or -1 when it is valid UTF-16.</summary>
    internal static int LoneSurrogateIndex(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static LanguageVersion? LanguageVersionOf(INamedTypeSymbol type, AttributeData payloadAttribute, CancellationToken cancellationToken)
    {
        SyntaxTree? tree = payloadAttribute.ApplicationSyntaxReference?.SyntaxTree;
        if (tree == null)
        {
            foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
            {
                cancellationToken.ThrowIfCancellationRequested();
                tree = reference.SyntaxTree;
                break;
            }
        }

        return tree?.Options is CSharpParseOptions options ? options.LanguageVersion : null;
    }

    private static string? UnsupportedShape(INamedTypeSymbol type)
    {
        if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct)) return "neither a class nor a struct";
        if (type.Arity > 0) return "generic";
        if (type.IsStatic) return "static";
        if (type.IsAbstract) return "abstract";
        if (type.IsRefLikeType) return "a ref struct";
        if (type.IsFileLocal) return "file-local";
        for (INamedTypeSymbol? outer = type.ContainingType; outer != null; outer = outer.ContainingType)
        {
            if (outer.IsGenericType)
            {
                return "nested in the generic type '" + outer.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) + "'";
            }
        }

        return null;
    }

    // A payload deriving from another payload would hide the base's members; claims are not inherited.
    private static INamedTypeSymbol? PayloadBase(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? baseType = type.BaseType; baseType != null; baseType = baseType.BaseType)
        {
            if (SymbolHelpers.FindAttribute(baseType, WellKnownNames.TokenPayloadAttribute) != null) return baseType;
            foreach (INamedTypeSymbol implemented in baseType.AllInterfaces)
            {
                if (SymbolHelpers.IsNamed(implemented.OriginalDefinition, WellKnownNames.JwtPayloadInterface)) return baseType;
            }
        }

        return null;
    }

    private static bool IsRequired(ISymbol member) =>
        !member.IsImplicitlyDeclared && member is IPropertySymbol { IsRequired: true } or IFieldSymbol { IsRequired: true };

    private static void AnalyzeParameter(PayloadShape shape, IParameterSymbol parameter, int index, Dictionary<string, ClaimMember> names,
        Location identifier, CancellationToken cancellationToken)
    {
        INamedTypeSymbol type = shape.Type;
        IPropertySymbol? property = SymbolHelpers.FindProperty(type, parameter.Name);
        var attributes = new List<AttributeData>(parameter.GetAttributes());
        if (property != null)
        {
            attributes.AddRange(property.GetAttributes());
        }

        AttributeData? converter = SymbolHelpers.FindAttribute(attributes, WellKnownNames.ClaimConverterAttribute);
        ClaimMember? member = ClaimMember.TryCreate(parameter, parameter.Type, converter != null, cancellationToken);
        if (member == null && property != null)
        {
            member = ClaimMember.TryCreate(property, parameter.Type, converter != null, cancellationToken);
        }

        if (member == null)
        {
            if (SymbolHelpers.FindAttribute(attributes, WellKnownNames.ClaimAttribute) != null)
            {
                shape.HasCompilerErrors = true; // [Claim] that does not bind: the compiler reports it.
                return;
            }

            shape.Add(DiagnosticDescriptors.ConstructionMemberNotClaim, SymbolHelpers.SourceLocation(parameter, identifier),
                parameter.Name, "a positional parameter", type.Name, "move it out of the parameter list");
            return;
        }

        shape.Members.Add(member);
        if (parameter.RefKind is not (RefKind.None or RefKind.In))
        {
            shape.Add(DiagnosticDescriptors.ClaimMemberIgnored, SymbolHelpers.SourceLocation(parameter, identifier), parameter.Name, type.Name,
                "a ref or out parameter cannot be a claim");
            return;
        }

        if (property == null)
        {
            shape.Add(DiagnosticDescriptors.ClaimMemberIgnored, SymbolHelpers.SourceLocation(parameter, identifier), parameter.Name, type.Name,
                "the record declares a member of that name that is not a property, so the writer has nothing to read");
        }

        ValueSpec? value = AnalyzeMember(shape, member, converter, names, cancellationToken);
        if (value == null || property == null || member.ClaimName == null)
        {
            return;
        }

        MissingClaimBehavior whenMissing;
        string? defaultLiteral = null;
        if (parameter.HasExplicitDefaultValue)
        {
            defaultLiteral = Parser.DefaultValueLiteral(parameter.Type, parameter.ExplicitDefaultValue);
            if (defaultLiteral == null)
            {
                shape.Add(DiagnosticDescriptors.ClaimMemberIgnored, SymbolHelpers.SourceLocation(parameter, identifier), parameter.Name, type.Name,
                    "its default value cannot be written in C#; remove the default or use a supported value");
                return;
            }

            whenMissing = MissingClaimBehavior.KeepDefault;
        }
        else
        {
            whenMissing = value.IsNullable && !property.IsRequired ? MissingClaimBehavior.Null : MissingClaimBehavior.Fail;
        }

        shape.Claims.Add(new ClaimSpec(member.ClaimName, property.Name, Parser.TypeOf(value), value, whenMissing, index, defaultLiteral,
            HasSetter: false, ValidationRules.RulesOf(attributes, value), member.ClaimName,
            NullReadsBackAsDefault: value.IsNullable && whenMissing == MissingClaimBehavior.KeepDefault && parameter.ExplicitDefaultValue is not null));
    }

    private static void AnalyzeProperty(PayloadShape shape, IPropertySymbol property, bool canUseWith, Dictionary<string, ClaimMember> names,
        Location identifier, CancellationToken cancellationToken)
    {
        AttributeData? converter = SymbolHelpers.FindAttribute(property, WellKnownNames.ClaimConverterAttribute);
        ClaimMember? member = ClaimMember.TryCreate(property, property.Type, converter != null, cancellationToken);
        if (member == null)
        {
            shape.HasCompilerErrors = true; // [Claim] that does not bind: the compiler reports it.
            return;
        }

        shape.Members.Add(member);
        bool accessible = property.GetMethod != null && property.SetMethod != null;
        if (!accessible)
        {
            shape.Add(DiagnosticDescriptors.ClaimPropertyNotSettable, SymbolHelpers.SourceLocation(property, member.AttributeLocation), property.Name);
        }

        ValueSpec? value = AnalyzeMember(shape, member, converter, names, cancellationToken);
        if (value == null || !accessible || member.ClaimName == null)
        {
            return;
        }

        bool hasSetter = !property.SetMethod!.IsInitOnly;
        MissingClaimBehavior whenMissing;
        bool nullReadsBackAsDefault = false;
        if (property.IsRequired)
        {
            whenMissing = MissingClaimBehavior.Fail;
        }
        else if (HasInitializer(property, cancellationToken))
        {
            nullReadsBackAsDefault = value.IsNullable && !HasNullInitializer(property, cancellationToken);
            // A declared default survives a missing claim when the reader can assign the member afterwards.
            whenMissing = hasSetter || canUseWith ? MissingClaimBehavior.KeepDefault : MissingClaimBehavior.Fail;
        }
        else
        {
            whenMissing = value.IsNullable ? MissingClaimBehavior.Null : MissingClaimBehavior.Fail;
        }

        shape.Claims.Add(new ClaimSpec(member.ClaimName, property.Name, Parser.TypeOf(value), value, whenMissing, -1, null, hasSetter,
            ValidationRules.RulesOf(property.GetAttributes(), value), member.ClaimName,
            NullReadsBackAsDefault: nullReadsBackAsDefault && whenMissing == MissingClaimBehavior.KeepDefault));
    }

    /// <summary>Checks a member's claim name and type; returns how its value is written, or <see langword="null"/>.</summary>
    private static ValueSpec? AnalyzeMember(PayloadShape shape, ClaimMember member, AttributeData? converter, Dictionary<string, ClaimMember> names,
        CancellationToken cancellationToken)
    {
        string? name = member.ClaimName;
        if (name == null || name.Trim().Length == 0)
        {
            shape.Add(DiagnosticDescriptors.EmptyClaimName, member.NameLocation, member.MemberName);
        }
        else if (LoneSurrogateIndex(name) is var surrogate && surrogate >= 0)
        {
            shape.Add(DiagnosticDescriptors.InvalidUtf16, member.NameLocation, "claim name", Escape(name), surrogate);
        }
        else if (names.TryGetValue(name, out ClaimMember? first))
        {
            member.IsDuplicate = true;
            shape.Add(DiagnosticDescriptors.DuplicateClaim, member.NameLocation, name, first.MemberName);
        }
        else
        {
            names.Add(name, member);
        }

        if (member.IsExtension && name != null)
        {
            shape.ExtensionNames.Add(name);
        }

        ValueSpec? value = converter != null
            ? AnalyzeConverted(shape, member, converter, cancellationToken)
            : AnalyzeWritten(shape, member);
        member.TypeIsWritten = value != null;
        return value;
    }

    private static ValueSpec? AnalyzeWritten(PayloadShape shape, ClaimMember member)
    {
        if (ContainsErrorType(member.Type))
        {
            shape.HasCompilerErrors = true;
            return null;
        }

        var references = new List<INamedTypeSymbol>();
        if (Parser.AnalyzeValue(member.Type, null, references) is { } value)
        {
            foreach (INamedTypeSymbol referenced in references)
            {
                shape.PayloadReferences.Add((member, referenced));
            }

            return value;
        }

        ClassifiedType classified = ClaimTypeClassifier.Classify(member.Type);
        if (classified.Family == ClaimClrTypes.None)
        {
            ITypeSymbol unsupported = classified.Unsupported ?? member.Type;
            shape.Add(DiagnosticDescriptors.UnsupportedMemberType, member.TypeLocation,
                unsupported.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat), member.MemberName);
        }
        else
        {
            shape.Add(DiagnosticDescriptors.TypeNotGenerated, member.TypeLocation,
                member.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat), member.MemberName, GeneratedAlternative(classified));
        }

        return null;
    }

    private static ValueSpec? AnalyzeConverted(PayloadShape shape, ClaimMember member, AttributeData attribute, CancellationToken cancellationToken)
    {
        if (attribute.AttributeConstructor == null || attribute.ConstructorArguments.Length != 1 ||
            attribute.ConstructorArguments[0].Kind == TypedConstantKind.Error ||
            attribute.ConstructorArguments[0].Value is INamedTypeSymbol { TypeKind: TypeKind.Error })
        {
            shape.HasCompilerErrors = true;
            return null;
        }

        string converterName = attribute.ConstructorArguments[0].Value is INamedTypeSymbol converter
            ? converter.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)
            : "null";

        ITypeSymbol valueType = ClaimTypeClassifier.UnwrapNullable(member.Type).WithNullableAnnotation(NullableAnnotation.NotAnnotated);
        if (valueType.TypeKind == TypeKind.Error)
        {
            shape.HasCompilerErrors = true;
            return null;
        }

        if (Parser.AnalyzeValue(member.Type, attribute) is { } value)
        {
            return value;
        }

        Location location = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is AttributeSyntax { ArgumentList.Arguments.Count: > 0 } syntax
            ? syntax.ArgumentList.Arguments[0].GetLocation()
            : member.AttributeLocation;
        shape.Add(DiagnosticDescriptors.ConverterDoesNotConvert, location, converterName,
            valueType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat), member.MemberName);
        return null;
    }

    private static string GeneratedAlternative(ClassifiedType classified)
    {
        ClaimClrTypes family = classified.Family == ClaimClrTypes.Sequence || classified.Family == ClaimClrTypes.Map
            ? classified.ElementFamily
            : classified.Family;
        string scalar = family switch
        {
            ClaimClrTypes.Integer => "int or long",
            ClaimClrTypes.Number => "double",
            ClaimClrTypes.Enum => "an enum with at least one member and distinct, valid UTF-16 [ClaimValue] strings",
            _ => "a supported type",
        };
        return classified.Family switch
        {
            ClaimClrTypes.Sequence => "T[] or IReadOnlyList<T> of " + scalar + " (or [ClaimConverter])",
            ClaimClrTypes.Map => "IReadOnlyDictionary<string, T> of " + scalar + " (or [ClaimConverter])",
            _ => scalar + " (or [ClaimConverter])",
        };
    }

    /// <summary>
    /// Records whether the type declares the hook <c>void ValidateClaims(ref ClaimProblemCollector problems)</c>, and a problem
    /// when it declares a method of that name with another signature, which <c>Validate()</c> would never call.
    /// </summary>
    private static void AnalyzeClaimsHook(PayloadShape shape, INamedTypeSymbol type, Location identifier)
    {
        IMethodSymbol? mismatch = null;
        foreach (ISymbol member in type.GetMembers(WellKnownNames.ClaimsHookName))
        {
            if (member is not IMethodSymbol { MethodKind: MethodKind.Ordinary } method)
            {
                continue;
            }

            if (IsClaimsHook(method))
            {
                shape.HasClaimsHook = true;
                return;
            }

            mismatch ??= method;
        }

        if (mismatch != null)
        {
            shape.Add(DiagnosticDescriptors.ClaimsHookSignature, SymbolHelpers.SourceLocation(mismatch, identifier), type.Name, ClaimsHookSignature);
        }
    }

    private static bool IsClaimsHook(IMethodSymbol method) =>
        method is { IsStatic: false, IsGenericMethod: false, ReturnsVoid: true, Parameters.Length: 1 } &&
        method.Parameters[0].RefKind == RefKind.Ref &&
        method.Parameters[0].Type is INamedTypeSymbol parameterType &&
        SymbolHelpers.IsNamed(parameterType, WellKnownNames.ClaimProblemCollector);

    private static bool HasInitializer(IPropertySymbol property, CancellationToken cancellationToken)
    {
        foreach (SyntaxReference reference in property.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is PropertyDeclarationSyntax { Initializer: not null })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the property's initializer is <c>null</c> or <c>default</c> (with or without <c>!</c> or a type): then a
    /// <see langword="null"/> value reads back as itself. Any other initializer counts as a non-null default.
    /// </summary>
    private static bool HasNullInitializer(IPropertySymbol property, CancellationToken cancellationToken)
    {
        foreach (SyntaxReference reference in property.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is PropertyDeclarationSyntax { Initializer.Value: { } value })
            {
                while (value is PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } suppressed)
                {
                    value = suppressed.Operand;
                }

                while (value is ParenthesizedExpressionSyntax parenthesized)
                {
                    value = parenthesized.Expression;
                }

                return value.IsKind(SyntaxKind.NullLiteralExpression) || value.IsKind(SyntaxKind.DefaultLiteralExpression) ||
                    value is DefaultExpressionSyntax;
            }
        }

        return false;
    }

    private static bool ContainsErrorType(ITypeSymbol type)
    {
        if (type.TypeKind == TypeKind.Error) return true;
        if (type is IArrayTypeSymbol array) return ContainsErrorType(array.ElementType);
        if (type is INamedTypeSymbol named)
        {
            foreach (ITypeSymbol argument in named.TypeArguments)
            {
                if (ContainsErrorType(argument)) return true;
            }
        }

        return false;
    }

    /// <summary>A claim name as a C# string literal, so that control characters and surrogates show in a message.</summary>
    private static string Escape(string text) => SymbolDisplay.FormatLiteral(text, quote: false);

    /// <summary>The identifier of the declaration carrying <c>[TokenPayload]</c>.</summary>
    internal static Location IdentifierOf(INamedTypeSymbol type, AttributeData payloadAttribute, CancellationToken cancellationToken)
    {
        SyntaxNode? attribute = payloadAttribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken);
        for (SyntaxNode? node = attribute; node != null; node = node.Parent)
        {
            if (node is BaseTypeDeclarationSyntax declaration) return declaration.Identifier.GetLocation();
        }

        return SymbolHelpers.SourceLocation(type, Location.None);
    }

    /// <summary>The first base-list entry, which names the base class.</summary>
    private static Location? BaseTypeLocation(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax { BaseList.Types.Count: > 0 } declaration)
            {
                return declaration.BaseList.Types[0].Type.GetLocation();
            }
        }

        return null;
    }

}
