using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using TokenSchema.Generator.Diagnostics;

namespace TokenSchema.Generator.Analyzer;

/// <summary>
/// Reports every payload shape the generator refuses to implement (TKS0014–TKS0020), so that a user sees why instead of
/// a bare "does not implement IJwtPayload" compile error. Each check mirrors a refusal in <c>Parser</c>.
/// </summary>
internal static class PayloadShapeChecks
{
    /// <summary>The most claims a payload may have; the generator's reader tracks them in one 64-bit mask.</summary>
    private const int MaxClaims = Parser.MaxClaims;

    /// <summary>Runs every check on the payload <paramref name="type"/>.</summary>
    public static void Check(SymbolAnalysisContext context, INamedTypeSymbol type, AttributeData payloadAttribute,
        List<ClaimMember> members, KnownSymbols known)
    {
        CancellationToken cancellationToken = context.CancellationToken;
        Location identifier = IdentifierOf(type, payloadAttribute, cancellationToken);
        string? shape = UnsupportedShape(type);
        if (shape != null)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnsupportedPayloadType, identifier, type.Name, shape));
            return;
        }

        INamedTypeSymbol? payloadBase = PayloadBase(type, known);
        if (payloadBase != null)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.PayloadDerivesFromPayload,
                BaseTypeLocation(type, cancellationToken) ?? identifier, type.Name, payloadBase.Name));
        }

        IMethodSymbol? primaryConstructor = Parser.FindPrimaryConstructor(type, cancellationToken);
        if (primaryConstructor == null && !type.IsValueType && !Parser.HasParameterlessConstructor(type))
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.NoParameterlessConstructor, identifier, type.Name));
        }

        CheckConstructionMembers(context, type, primaryConstructor, identifier, known);

        int claims = 0;
        foreach (ClaimMember member in members)
        {
            if (member.ClaimName != null) claims++;
            CheckAccessors(context, member, primaryConstructor);
            CheckConverter(context, member, known);
        }

        if (claims > MaxClaims)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.TooManyClaims, identifier, type.Name, claims));
        }
    }

    private static string? UnsupportedShape(INamedTypeSymbol type)
    {
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

    private static INamedTypeSymbol? PayloadBase(INamedTypeSymbol type, KnownSymbols known)
    {
        for (INamedTypeSymbol? baseType = type.BaseType; baseType != null; baseType = baseType.BaseType)
        {
            if (known.IsPayload(baseType)) return baseType;
            foreach (INamedTypeSymbol implemented in baseType.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, known.JwtPayloadInterface)) return baseType;
            }
        }

        return null;
    }

    private static void CheckConstructionMembers(SymbolAnalysisContext context, INamedTypeSymbol type, IMethodSymbol? primaryConstructor,
        Location identifier, KnownSymbols known)
    {
        var positional = new HashSet<string>(System.StringComparer.Ordinal);
        if (primaryConstructor != null)
        {
            foreach (IParameterSymbol parameter in primaryConstructor.Parameters)
            {
                positional.Add(parameter.Name);
                if (KnownSymbols.FindAttribute(parameter, known.ClaimAttribute) == null
                    && !(FindProperty(type, parameter.Name) is { } property && KnownSymbols.FindAttribute(property, known.ClaimAttribute) != null))
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ConstructionMemberNotClaim, LocationOf(parameter, identifier),
                        parameter.Name, "a positional parameter", type.Name, "move it out of the parameter list"));
                }
            }
        }

        foreach (ISymbol member in type.GetMembers())
        {
            if (positional.Contains(member.Name) || !IsRequired(member) || KnownSymbols.FindAttribute(member, known.ClaimAttribute) != null) continue;
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ConstructionMemberNotClaim, LocationOf(member, identifier),
                member.Name, "required", type.Name, "remove 'required'"));
        }

        // Claims are not inherited: a required member of a base class can never be set by the reader.
        for (INamedTypeSymbol? baseType = type.BaseType; baseType != null; baseType = baseType.BaseType)
        {
            foreach (ISymbol member in baseType.GetMembers())
            {
                if (!IsRequired(member)) continue;
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ConstructionMemberNotClaim, identifier,
                    baseType.Name + "." + member.Name, "an inherited required member", type.Name, "remove 'required' from the base type"));
            }
        }
    }

    private static bool IsRequired(ISymbol member) => !member.IsImplicitlyDeclared && member is IPropertySymbol { IsRequired: true } or IFieldSymbol { IsRequired: true };

    private static void CheckAccessors(SymbolAnalysisContext context, ClaimMember member, IMethodSymbol? primaryConstructor)
    {
        if (!(member.Symbol is IPropertySymbol property)) return;
        if (primaryConstructor != null)
        {
            foreach (IParameterSymbol parameter in primaryConstructor.Parameters)
            {
                // The reader passes positional claims to the constructor.
                if (parameter.Name == property.Name) return;
            }
        }

        if (property.GetMethod == null || property.SetMethod == null)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ClaimPropertyNotSettable,
                property.Locations.Length > 0 ? property.Locations[0] : member.AttributeLocation, property.Name));
        }
    }

    private static void CheckConverter(SymbolAnalysisContext context, ClaimMember member, KnownSymbols known)
    {
        AttributeData? attribute = KnownSymbols.FindAttribute(member.Symbol, known.ClaimConverterAttribute);
        if (attribute == null || known.ClaimConverterInterface == null || attribute.ConstructorArguments.Length != 1) return;
        if (!(attribute.ConstructorArguments[0].Value is INamedTypeSymbol converter) || converter.TypeKind == TypeKind.Error) return;

        ITypeSymbol valueType = ClaimTypeClassifier.UnwrapNullable(member.Type).WithNullableAnnotation(NullableAnnotation.NotAnnotated);
        if (valueType.TypeKind == TypeKind.Error) return;
        if (!converter.IsUnboundGenericType)
        {
            foreach (INamedTypeSymbol implemented in converter.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, known.ClaimConverterInterface)
                    && SymbolEqualityComparer.Default.Equals(implemented.TypeArguments[0], valueType))
                {
                    return;
                }
            }
        }

        Location location = attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken) is AttributeSyntax { ArgumentList.Arguments.Count: > 0 } syntax
            ? syntax.ArgumentList.Arguments[0].GetLocation()
            : member.AttributeLocation;
        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ConverterDoesNotConvert, location,
            converter.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat),
            valueType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat), member.MemberName));
    }

    private static IPropertySymbol? FindProperty(INamedTypeSymbol type, string name)
    {
        foreach (ISymbol member in type.GetMembers(name))
        {
            if (member is IPropertySymbol { IsStatic: false } property) return property;
        }

        return null;
    }

    private static Location LocationOf(ISymbol symbol, Location fallback)
    {
        foreach (Location location in symbol.Locations)
        {
            if (location.IsInSource) return location;
        }

        return fallback;
    }

    /// <summary>The identifier of the declaration carrying <c>[TokenPayload]</c>.</summary>
    private static Location IdentifierOf(INamedTypeSymbol type, AttributeData payloadAttribute, CancellationToken cancellationToken)
    {
        SyntaxNode? attribute = payloadAttribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken);
        for (SyntaxNode? node = attribute; node != null; node = node.Parent)
        {
            if (node is BaseTypeDeclarationSyntax declaration) return declaration.Identifier.GetLocation();
        }

        return LocationOf(type, Location.None);
    }

    /// <summary>The first base-list entry, which names the base class.</summary>
    private static Location? BaseTypeLocation(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax { BaseList.Types.Count: > 0 } declaration)
            {
                // A class's base class comes first in its base list.
                return declaration.BaseList.Types[0].Type.GetLocation();
            }
        }

        return null;
    }
}
