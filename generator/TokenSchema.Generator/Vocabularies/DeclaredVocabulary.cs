using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using TokenSchema.Generator.Helpers;

namespace TokenSchema.Generator.Vocabularies;

/// <summary>
/// Builds the vocabulary a team declares in code: a class marked <c>[ClaimVocabularyDefinition]</c> whose <c>const string</c>
/// fields carry <c>[KnownClaim]</c>. The result is an ordinary <see cref="ClaimVocabularyDefinition"/> (registered claims
/// included) holding no Roslyn types, so the analyzer and the generator apply it exactly as a built-in vocabulary.
/// </summary>
internal static class DeclaredVocabulary
{
    /// <summary>The metadata name of the attribute marking a vocabulary class.</summary>
    public const string DefinitionAttributeName = "TokenSchema.ClaimVocabularyDefinitionAttribute";

    /// <summary>The metadata name of the attribute declaring one claim.</summary>
    public const string KnownClaimAttributeName = "TokenSchema.KnownClaimAttribute";

    /// <summary>
    /// The id of every declared vocabulary: outside <see cref="VocabularyId"/>, whose values mirror the runtime's
    /// <c>ClaimVocabulary</c> enum.
    /// </summary>
    public const VocabularyId Id = (VocabularyId)(-1);

    private static readonly ClaimClrTypes AnyClrType = AllFamilies();

    /// <summary>Reads the vocabulary declared by <paramref name="type"/>.</summary>
    /// <param name="type">The class named in <c>[TokenPayload(typeof(...))]</c>.</param>
    /// <returns>The vocabulary, or <see langword="null"/> when the type is not marked <c>[ClaimVocabularyDefinition]</c>.</returns>
    public static ClaimVocabularyDefinition? Read(INamedTypeSymbol type)
    {
        AttributeData? definition = Find(type, DefinitionAttributeName);
        if (definition == null) return null;

        string displayName = definition.ConstructorArguments.Length == 1 && definition.ConstructorArguments[0].Value is string { Length: > 0 } name
            ? name
            : type.Name;
        bool closed = NamedArgument(definition, "Closed") is true;

        var claims = new List<ClaimDefinition>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (ISymbol member in type.GetMembers())
        {
            if (!(member is IFieldSymbol field) || Find(field, KnownClaimAttributeName) is not { } known) continue;
            string? claimName = ClaimNameOf(field, known);
            if (claimName == null || !names.Add(claimName)) continue;

            claims.Add(ToDefinition(claimName, known));
        }

        ClaimSet root = new ClaimSet(displayName, isOpen: !closed, RegisteredClaims.AppendTo(claims.ToArray()));
        return new ClaimVocabularyDefinition(Id, root);
    }

    /// <summary>
    /// The claim a <c>[KnownClaim]</c> field declares: the attribute's name, else the constant's value. Only
    /// <c>const string</c> fields declare claims; <see langword="null"/> for any other field or an empty name.
    /// </summary>
    /// <param name="field">The field carrying <paramref name="known"/>.</param>
    /// <param name="known">Its <c>[KnownClaim]</c> attribute.</param>
    public static string? ClaimNameOf(IFieldSymbol field, AttributeData known)
    {
        if (!field.IsConst || field.Type.SpecialType != SpecialType.System_String) return null;
        string? name = known.ConstructorArguments.Length == 1 ? known.ConstructorArguments[0].Value as string : field.ConstantValue as string;
        return string.IsNullOrWhiteSpace(name) ? null : name;
    }

    /// <summary>Finds the <c>[KnownClaim]</c> attribute of <paramref name="field"/>.</summary>
    public static AttributeData? FindKnownClaim(IFieldSymbol field) => Find(field, KnownClaimAttributeName);

    /// <summary>Whether <paramref name="type"/> is marked <c>[ClaimVocabularyDefinition]</c>.</summary>
    public static bool IsDefinition(INamedTypeSymbol type) => Find(type, DefinitionAttributeName) != null;

    private static ClaimDefinition ToDefinition(string name, AttributeData known)
    {
        string? longName = NamedArgument(known, "LongName") as string;
        string description = NamedArgument(known, "Description") as string ?? longName ?? name;
        int? maxLength = NamedArgument(known, "MaxLength") is int max && max > 0 ? max : null;

        ClaimJsonKind? kind = (NamedArgument(known, "JsonType") is int value ? (DeclaredJsonType)value : DeclaredJsonType.Any) switch
        {
            DeclaredJsonType.String => ClaimJsonKind.String,
            DeclaredJsonType.Boolean => ClaimJsonKind.Boolean,
            DeclaredJsonType.Integer => ClaimJsonKind.Integer,
            DeclaredJsonType.Number => ClaimJsonKind.Number,
            DeclaredJsonType.NumericDate => ClaimJsonKind.NumericDate,
            DeclaredJsonType.Object => ClaimJsonKind.Object,
            DeclaredJsonType.Array => ClaimJsonKind.Array,
            DeclaredJsonType.StringOrArray => ClaimJsonKind.StringOrArray,
            _ => null,
        };

        // A declared string claim may be held by the team's own enum: the enum's [ClaimValue]s are its value set.
        return kind is { } checkedKind
            ? new ClaimDefinition(name, checkedKind, description, longName: string.IsNullOrEmpty(longName) ? null : longName,
                clrTypes: ClaimClrTypeRules.DefaultFor(checkedKind, hasAllowedValues: true),
                elementClrTypes: ClaimClrTypeRules.DefaultElementsFor(checkedKind, hasAllowedValues: true), maxLength: maxLength)
            : new ClaimDefinition(name, ClaimJsonKind.Object, description, longName: string.IsNullOrEmpty(longName) ? null : longName,
                clrTypes: AnyClrType, elementClrTypes: AnyClrType, maxLength: maxLength);
    }

    private static ClaimClrTypes AllFamilies()
    {
        ClaimClrTypes all = ClaimClrTypes.None;
        foreach (ClaimClrTypes family in (ClaimClrTypes[])Enum.GetValues(typeof(ClaimClrTypes)))
        {
            all |= family;
        }

        return all;
    }

    private static AttributeData? Find(ISymbol symbol, string metadataName) => SymbolHelpers.FindAttribute(symbol, metadataName);

    private static object? NamedArgument(AttributeData attribute, string name) => SymbolHelpers.NamedArgument(attribute, name);
}
