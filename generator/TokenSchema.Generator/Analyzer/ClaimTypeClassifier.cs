using Microsoft.CodeAnalysis;
using TokenSchema.Generator.Helpers;
using TokenSchema.Generator.Vocabularies;

namespace TokenSchema.Generator.Analyzer;

/// <summary>What a member's CLR type is, as far as claims are concerned.</summary>
internal readonly struct ClassifiedType
{
    /// <summary>Creates a classification.</summary>
    public ClassifiedType(ClaimClrTypes family, ITypeSymbol? element, ClaimClrTypes elementFamily, ITypeSymbol? unsupported)
    {
        Family = family;
        Element = element;
        ElementFamily = elementFamily;
        Unsupported = unsupported;
    }

    /// <summary>The family of the type itself; <see cref="ClaimClrTypes.None"/> when it cannot be a claim value.</summary>
    public ClaimClrTypes Family { get; }

    /// <summary>The item type of a sequence or the value type of a map (nullable unwrapped).</summary>
    public ITypeSymbol? Element { get; }

    /// <summary>The family of <see cref="Element"/>.</summary>
    public ClaimClrTypes ElementFamily { get; }

    /// <summary>The type (the member's own or an element's) that cannot be written, when classification failed.</summary>
    public ITypeSymbol? Unsupported { get; }
}

/// <summary>Sorts a member's CLR type into a <see cref="ClaimClrTypes"/> family.</summary>
internal static class ClaimTypeClassifier
{
    private static readonly string[] SequenceTypes =
    {
        "System.Collections.Generic.IEnumerable`1",
        "System.Collections.Generic.IReadOnlyCollection`1",
        "System.Collections.Generic.IReadOnlyList`1",
        "System.Collections.Generic.ICollection`1",
        "System.Collections.Generic.IList`1",
        "System.Collections.Generic.List`1",
        "System.Collections.Immutable.ImmutableArray`1",
    };

    private static readonly string[] MapTypes =
    {
        "System.Collections.Generic.IReadOnlyDictionary`2",
        "System.Collections.Generic.IDictionary`2",
        "System.Collections.Generic.Dictionary`2",
        "System.Collections.Immutable.ImmutableDictionary`2",
    };

    /// <summary>Classifies <paramref name="type"/>, one level of sequence or map included.</summary>
    /// <param name="type">The member's type.</param>
    public static ClassifiedType Classify(ITypeSymbol type)
    {
        type = UnwrapNullable(type);
        ClaimClrTypes scalar = ClassifyScalar(type);
        if (scalar != ClaimClrTypes.None)
        {
            return new ClassifiedType(scalar, null, ClaimClrTypes.None, null);
        }

        ITypeSymbol? element = null;
        ClaimClrTypes family = ClaimClrTypes.None;
        if (type is IArrayTypeSymbol array && array.Rank == 1)
        {
            element = array.ElementType;
            family = ClaimClrTypes.Sequence;
        }
        else if (type is INamedTypeSymbol named && named.IsGenericType)
        {
            if (named.TypeArguments.Length == 1 && IsAny(named.OriginalDefinition, SequenceTypes))
            {
                element = named.TypeArguments[0];
                family = ClaimClrTypes.Sequence;
            }
            else if (named.TypeArguments.Length == 2 && IsAny(named.OriginalDefinition, MapTypes)
                && named.TypeArguments[0].SpecialType == SpecialType.System_String)
            {
                element = named.TypeArguments[1];
                family = ClaimClrTypes.Map;
            }
        }

        if (element == null)
        {
            return new ClassifiedType(ClaimClrTypes.None, null, ClaimClrTypes.None, type);
        }

        element = UnwrapNullable(element);
        ClaimClrTypes elementFamily = ClassifyScalar(element);
        if (elementFamily == ClaimClrTypes.None)
        {
            // One level of nesting is enough for every documented claim (Daily's cv/ca maps, LiveKit's arrays);
            // a list of lists or a map of lists is still writable JSON.
            ClassifiedType inner = Classify(element);
            if (inner.Family == ClaimClrTypes.None)
            {
                return new ClassifiedType(ClaimClrTypes.None, null, ClaimClrTypes.None, inner.Unsupported);
            }

            elementFamily = inner.Family;
        }

        return new ClassifiedType(family, element, elementFamily, null);
    }

    /// <summary>Returns <c>T</c> for <c>Nullable&lt;T&gt;</c>, otherwise <paramref name="type"/>.</summary>
    /// <param name="type">The type to unwrap.</param>
    public static ITypeSymbol UnwrapNullable(ITypeSymbol type)
    {
        if (type is INamedTypeSymbol named && named.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T
            && named.TypeArguments.Length == 1)
        {
            return named.TypeArguments[0];
        }

        return type;
    }

    private static ClaimClrTypes ClassifyScalar(ITypeSymbol type)
    {
        switch (type.SpecialType)
        {
            case SpecialType.System_String: return ClaimClrTypes.String;
            case SpecialType.System_Boolean: return ClaimClrTypes.Boolean;
            case SpecialType.System_SByte:
            case SpecialType.System_Byte:
            case SpecialType.System_Int16:
            case SpecialType.System_UInt16:
            case SpecialType.System_Int32:
            case SpecialType.System_UInt32:
            case SpecialType.System_Int64:
            case SpecialType.System_UInt64:
                return ClaimClrTypes.Integer;
            case SpecialType.System_Single:
            case SpecialType.System_Double:
            case SpecialType.System_Decimal:
                return ClaimClrTypes.Number;
        }

        if (type.TypeKind == TypeKind.Error) return ClaimClrTypes.None;
        if (type.TypeKind == TypeKind.Enum) return ClaimClrTypes.Enum;
        if (!(type is INamedTypeSymbol named)) return ClaimClrTypes.None;
        if (SymbolHelpers.IsNamed(named, "System.DateTimeOffset")) return ClaimClrTypes.DateTimeOffset;
        if (SymbolHelpers.IsNamed(named, "System.TimeSpan")) return ClaimClrTypes.TimeSpan;
        if (SymbolHelpers.IsNamed(named, "System.Guid")) return ClaimClrTypes.Guid;
        if (SymbolHelpers.IsNamed(named, "System.Uri")) return ClaimClrTypes.Uri;
        if (SymbolHelpers.IsNamed(named, "System.Text.Json.JsonElement")) return ClaimClrTypes.Json;
        if ((type.TypeKind == TypeKind.Class || type.TypeKind == TypeKind.Struct)
            && SymbolHelpers.FindAttribute(type, WellKnownNames.TokenPayloadAttribute) != null)
        {
            return ClaimClrTypes.Payload;
        }
        return ClaimClrTypes.None;
    }

    private static bool IsAny(INamedTypeSymbol type, string[] metadataNames)
    {
        foreach (string metadataName in metadataNames)
        {
            if (SymbolHelpers.IsNamed(type, metadataName)) return true;
        }

        return false;
    }
}
