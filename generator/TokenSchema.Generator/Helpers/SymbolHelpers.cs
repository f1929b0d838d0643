using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace TokenSchema.Generator.Helpers;

/// <summary>Symbol and attribute lookups shared by the generator's parser, its validation rules and the analyzer.</summary>
internal static class SymbolHelpers
{
    /// <summary>The value of the named argument <paramref name="name"/> of <paramref name="attribute"/>, or <see langword="null"/>.</summary>
    internal static object? NamedArgument(AttributeData attribute, string name)
    {
        foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
        {
            if (argument.Key == name)
            {
                return argument.Value.Value;
            }
        }

        return null;
    }

    /// <summary>The first attribute in <paramref name="attributes"/> whose class has the metadata name <paramref name="metadataName"/>.</summary>
    internal static AttributeData? FindAttribute(IEnumerable<AttributeData> attributes, string metadataName)
    {
        foreach (AttributeData attribute in attributes)
        {
            if (attribute.AttributeClass is { } attributeClass && IsNamed(attributeClass, metadataName))
            {
                return attribute;
            }
        }

        return null;
    }

    /// <summary>The attribute of <paramref name="symbol"/> whose class has the metadata name <paramref name="metadataName"/>.</summary>
    internal static AttributeData? FindAttribute(ISymbol symbol, string metadataName) => FindAttribute(symbol.GetAttributes(), metadataName);

    /// <summary>
    /// Whether <paramref name="type"/> is the top-level type <paramref name="metadataName"/> ("Namespace.Name`Arity"),
    /// compared without building the name of every candidate.
    /// </summary>
    internal static bool IsNamed(INamedTypeSymbol type, string metadataName)
    {
        int tick = metadataName.IndexOf('`');
        string simpleName = tick < 0 ? metadataName : metadataName.Substring(0, tick);
        int dot = simpleName.LastIndexOf('.');
        string name = simpleName.Substring(dot + 1);
        int arity = tick < 0 ? 0 : int.Parse(metadataName.Substring(tick + 1), CultureInfo.InvariantCulture);
        if (type.Name != name || type.Arity != arity || type.ContainingType is not null || type.ContainingNamespace is null)
        {
            return false;
        }

        return dot < 0
            ? type.ContainingNamespace.IsGlobalNamespace
            : type.ContainingNamespace.ToDisplayString() == simpleName.Substring(0, dot);
    }

    /// <summary>The instance (non-static) property of <paramref name="type"/> named <paramref name="name"/>, or <see langword="null"/>.</summary>
    internal static IPropertySymbol? FindProperty(INamedTypeSymbol type, string name)
    {
        foreach (ISymbol member in type.GetMembers(name))
        {
            if (member is IPropertySymbol { IsStatic: false } property)
            {
                return property;
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="declaration"/> carries the <c>partial</c> modifier.</summary>
    internal static bool IsPartial(TypeDeclarationSyntax declaration)
    {
        foreach (SyntaxToken modifier in declaration.Modifiers)
        {
            if (modifier.IsKind(SyntaxKind.PartialKeyword))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The primary constructor of <paramref name="type"/>: the constructor declared by a parameter list on a record, class
    /// or struct declaration (C# 12 allows one on classes and structs); <see langword="null"/> when there is none.
    /// </summary>
    internal static IMethodSymbol? FindPrimaryConstructor(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        foreach (IMethodSymbol constructor in type.InstanceConstructors)
        {
            // A record's copy constructor points at the same declaration but is implicitly declared.
            if (constructor.IsImplicitlyDeclared)
            {
                continue;
            }

            foreach (SyntaxReference reference in constructor.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax { ParameterList: { } parameters } &&
                    parameters.Parameters.Count == constructor.Parameters.Length)
                {
                    return constructor;
                }
            }
        }

        return null;
    }

    /// <summary>The first location of <paramref name="symbol"/> in source, or <paramref name="fallback"/>.</summary>
    internal static Location SourceLocation(ISymbol symbol, Location fallback)
    {
        foreach (Location location in symbol.Locations)
        {
            if (location.IsInSource)
            {
                return location;
            }
        }

        return fallback;
    }
}
