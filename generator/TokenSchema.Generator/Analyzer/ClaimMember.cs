using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TokenSchema.Generator.Helpers;

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

    /// <summary>Whether two members map the same claim name and this one is not the first.</summary>
    internal bool IsDuplicate { get; set; }

    /// <summary>Whether the generator writes the member's type (or its converter converts it).</summary>
    internal bool TypeIsWritten { get; set; }

    /// <summary>
    /// Collects the members of <paramref name="type"/> that carry <c>[Claim]</c> (also via <c>[property: Claim]</c>):
    /// properties and primary-constructor parameters, in declaration order. Attributes that failed to bind are skipped.
    /// </summary>
    public static List<ClaimMember> Collect(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var members = new List<ClaimMember>();
        if (SymbolHelpers.FindPrimaryConstructor(type, cancellationToken) is { } constructor)
        {
            foreach (IParameterSymbol parameter in constructor.Parameters)
            {
                if (TryCreate(parameter, parameter.Type, hasConverter: false, cancellationToken) is { } member) members.Add(member);
            }
        }

        foreach (ISymbol symbol in type.GetMembers())
        {
            if (symbol is IPropertySymbol property && !property.IsIndexer
                && TryCreate(property, property.Type, hasConverter: false, cancellationToken) is { } member)
            {
                members.Add(member);
            }
        }

        Sort(members);
        return members;
    }

    /// <summary>Sorts <paramref name="members"/> by the position of their <c>[Claim]</c> attributes.</summary>
    public static void Sort(List<ClaimMember> members) => members.Sort((a, b) => Compare(a.AttributeLocation, b.AttributeLocation));

    /// <summary>
    /// The claim member for <paramref name="symbol"/> when it carries a bound <c>[Claim]</c> with one argument; otherwise
    /// <see langword="null"/>.
    /// </summary>
    /// <param name="symbol">The property or parameter carrying the attribute.</param>
    /// <param name="type">The member's type.</param>
    /// <param name="hasConverter">Whether a <c>[ClaimConverter]</c> applies to the member.</param>
    /// <param name="cancellationToken">Cancels the syntax lookups.</param>
    public static ClaimMember? TryCreate(ISymbol symbol, ITypeSymbol type, bool hasConverter, CancellationToken cancellationToken)
    {
        AttributeData? claim = SymbolHelpers.FindAttribute(symbol, WellKnownNames.ClaimAttribute);
        if (claim == null || claim.AttributeConstructor == null || claim.ConstructorArguments.Length != 1) return null;

        TypedConstant nameArgument = claim.ConstructorArguments[0];
        string? claimName = nameArgument.Kind == TypedConstantKind.Primitive ? nameArgument.Value as string : null;
        bool isExtension = SymbolHelpers.NamedArgument(claim, "IsExtension") is true;
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

        return new ClaimMember(symbol, type, claimName, isExtension, hasConverter, attributeLocation, nameLocation, typeLocation);
    }

    private static int Compare(Location a, Location b)
    {
        if (!a.IsInSource || !b.IsInSource) return a.IsInSource.CompareTo(b.IsInSource);
        int byFile = string.CompareOrdinal(a.SourceTree!.FilePath, b.SourceTree!.FilePath);
        return byFile != 0 ? byFile : a.SourceSpan.Start.CompareTo(b.SourceSpan.Start);
    }
}
