using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace TokenSchema.Generator.Analyzer;

/// <summary>A property or positional record parameter carrying <c>[Claim]</c>, with the places diagnostics point at.</summary>
internal sealed class ClaimMember
{
    private ClaimMember(ISymbol symbol, ITypeSymbol type, string? claimName, bool isExtension, bool hasConverter,
        Location attributeLocation, Location nameLocation, Location typeLocation)
    {
        Symbol = symbol;
        Type = type;
        ClaimName = claimName;
        IsExtension = isExtension;
        HasConverter = hasConverter;
        AttributeLocation = attributeLocation;
        NameLocation = nameLocation;
        TypeLocation = typeLocation;
    }

    /// <summary>The property or parameter.</summary>
    public ISymbol Symbol { get; }

    /// <summary>The member's name as written.</summary>
    public string MemberName => Symbol.Name;

    /// <summary>The member's type.</summary>
    public ITypeSymbol Type { get; }

    /// <summary>The claim name given to <c>[Claim]</c>; <see langword="null"/> when it is <c>null</c> or not a constant string.</summary>
    public string? ClaimName { get; }

    /// <summary>Whether <c>IsExtension = true</c> is set.</summary>
    public bool IsExtension { get; }

    /// <summary>Whether <c>[ClaimConverter]</c> takes over writing the value.</summary>
    public bool HasConverter { get; }

    /// <summary>The <c>[Claim(...)]</c> attribute.</summary>
    public Location AttributeLocation { get; }

    /// <summary>The claim-name argument (the string literal), or the attribute when there is none.</summary>
    public Location NameLocation { get; }

    /// <summary>The member's type syntax, or the member when there is none.</summary>
    public Location TypeLocation { get; }

    /// <summary>
    /// Collects the claim members of <paramref name="type"/>: properties with <c>[Claim]</c> (also via <c>[property: Claim]</c>)
    /// and primary-constructor parameters with <c>[Claim]</c>, in declaration order. Attributes that failed to bind are skipped.
    /// </summary>
    public static List<ClaimMember> Collect(INamedTypeSymbol type, KnownSymbols known, CancellationToken cancellationToken)
    {
        var members = new List<ClaimMember>();
        foreach (IMethodSymbol constructor in type.InstanceConstructors)
        {
            if (!IsPrimaryConstructor(constructor)) continue;
            foreach (IParameterSymbol parameter in constructor.Parameters)
            {
                Add(members, parameter, parameter.Type, known, cancellationToken);
            }
        }

        foreach (ISymbol member in type.GetMembers())
        {
            if (member is IPropertySymbol property && !property.IsIndexer)
            {
                Add(members, property, property.Type, known, cancellationToken);
            }
        }

        members.Sort((a, b) => Compare(a.AttributeLocation, b.AttributeLocation));
        return members;
    }

    private static void Add(List<ClaimMember> members, ISymbol symbol, ITypeSymbol type, KnownSymbols known, CancellationToken cancellationToken)
    {
        AttributeData? claim = KnownSymbols.FindAttribute(symbol, known.ClaimAttribute);
        if (claim == null || claim.AttributeConstructor == null || claim.ConstructorArguments.Length != 1) return;

        TypedConstant nameArgument = claim.ConstructorArguments[0];
        string? claimName = nameArgument.Kind == TypedConstantKind.Primitive ? nameArgument.Value as string : null;
        bool isExtension = false;
        foreach (KeyValuePair<string, TypedConstant> named in claim.NamedArguments)
        {
            if (named.Key == "IsExtension" && named.Value.Value is bool value) isExtension = value;
        }

        bool hasConverter = KnownSymbols.FindAttribute(symbol, known.ClaimConverterAttribute) != null;
        Location memberLocation = symbol.Locations.Length > 0 ? symbol.Locations[0] : Location.None;

        Location attributeLocation = memberLocation;
        Location nameLocation = memberLocation;
        if (claim.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is AttributeSyntax attributeSyntax)
        {
            attributeLocation = attributeSyntax.GetLocation();
            nameLocation = attributeLocation;
            if (attributeSyntax.ArgumentList != null)
            {
                foreach (AttributeArgumentSyntax argument in attributeSyntax.ArgumentList.Arguments)
                {
                    if (argument.NameEquals == null
                        && (argument.NameColon == null || argument.NameColon.Name.Identifier.ValueText == "name"))
                    {
                        nameLocation = argument.Expression.GetLocation();
                        break;
                    }
                }
            }
        }

        Location typeLocation = memberLocation;
        foreach (SyntaxReference reference in symbol.DeclaringSyntaxReferences)
        {
            SyntaxNode syntax = reference.GetSyntax(cancellationToken);
            TypeSyntax? typeSyntax = syntax switch
            {
                PropertyDeclarationSyntax property => property.Type,
                ParameterSyntax parameter => parameter.Type,
                _ => null,
            };
            if (typeSyntax != null)
            {
                typeLocation = typeSyntax.GetLocation();
                break;
            }
        }

        members.Add(new ClaimMember(symbol, type, claimName, isExtension, hasConverter, attributeLocation, nameLocation, typeLocation));
    }

    private static bool IsPrimaryConstructor(IMethodSymbol constructor)
    {
        foreach (SyntaxReference reference in constructor.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is TypeDeclarationSyntax) return true;
        }

        return false;
    }

    private static int Compare(Location a, Location b)
    {
        if (!a.IsInSource || !b.IsInSource) return a.IsInSource.CompareTo(b.IsInSource);
        int byFile = string.CompareOrdinal(a.SourceTree!.FilePath, b.SourceTree!.FilePath);
        return byFile != 0 ? byFile : a.SourceSpan.Start.CompareTo(b.SourceSpan.Start);
    }

    /// <summary>Whether <paramref name="declaration"/> carries the <c>partial</c> modifier.</summary>
    /// <param name="declaration">A type declaration.</param>
    public static bool IsPartial(TypeDeclarationSyntax declaration)
    {
        foreach (SyntaxToken modifier in declaration.Modifiers)
        {
            if (modifier.IsKind(SyntaxKind.PartialKeyword)) return true;
        }

        return false;
    }
}
