using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TokenSchema.Generator.Helpers;
using TokenSchema.Generator.Model;
using TokenSchema.Generator.Shape;
using TokenSchema.Generator.Vocabularies;

namespace TokenSchema.Generator;

/// <summary>
/// Turns a type marked <c>[TokenPayload]</c> into a <see cref="PayloadSpec"/>, for exactly the types in which
/// <see cref="PayloadShapeAnalysis"/> finds no problem; the analyzer reports the problems of the others.
/// </summary>
internal static class Parser
{
    private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat;

    /// <summary>
    /// Builds the model of the payload type in <paramref name="context"/>: its <see cref="PayloadSpec"/>, nothing when
    /// <see cref="PayloadShapeAnalysis"/> finds it cannot be generated, or the failure when the analysis throws.
    /// </summary>
    public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol type || context.TargetNode is not TypeDeclarationSyntax declaration)
        {
            return ParseResult.Nothing;
        }

        try
        {
            AttributeData? payloadAttribute = SymbolHelpers.FindAttribute(type, WellKnownNames.TokenPayloadAttribute);
            if (payloadAttribute?.ApplicationSyntaxReference is not { } reference ||
                reference.SyntaxTree != declaration.SyntaxTree || !declaration.Span.Contains(reference.Span))
            {
                // Only the declaration carrying the type's first [TokenPayload] emits, so that each type gets one file.
                return ParseResult.Nothing;
            }

            PayloadShape shape = PayloadShapeAnalysis.Analyze(type, payloadAttribute, cancellationToken);
            return shape.CanGenerate ? new ParseResult(Build(shape), null) : ParseResult.Nothing;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return new ParseResult(null, GeneratorFailure.Create(type.Name, exception, declaration.Identifier.GetLocation()));
        }
    }

    private static PayloadSpec Build(PayloadShape shape)
    {
        INamedTypeSymbol type = shape.Type;
        var containing = new List<ContainingTypeSpec>();
        for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            containing.Insert(0, new ContainingTypeSpec(KeywordOf(outer), outer.Name));
        }

        var claims = new List<ClaimSpec>(shape.Claims);
        ValidationRules.AddTimeOrderRules(claims);
        ClaimVocabularyDefinition? vocabulary = VocabularyOf(shape.PayloadAttribute);
        bool hasLongForm = vocabulary is { HasLongNames: true };
        if (hasLongForm)
        {
            AddLongNames(claims, shape.ExtensionNames, vocabulary!);
        }

        ValidationRules.AddVocabularyRules(claims, vocabulary, shape.ExtensionNames);

        string fullName = type.ToDisplayString(TypeFormat);
        string? ns = type.ContainingNamespace is { IsGlobalNamespace: false } containingNamespace
            ? containingNamespace.ToDisplayString()
            : null;
        return new PayloadSpec(
            ns,
            type.Name,
            fullName,
            KeywordOf(type),
            type.IsValueType,
            type.IsRecord,
            containing.ToImmutableEquatableArray(),
            claims.ToImmutableEquatableArray(),
            shape.UsesPositionalConstructor,
            HintNameOf(type),
            hasLongForm,
            shape.HasClaimsHook,
            CaseVariantNames(claims, shape.ExtensionNames, vocabulary));
    }

    /// <summary>
    /// The names a case variant of which the reader refuses, for a vocabulary whose platform matches names ignoring case:
    /// the type's claims and those of the vocabulary's object the type describes (the one the analyzer checks it against).
    /// </summary>
    private static ImmutableEquatableArray<string> CaseVariantNames(List<ClaimSpec> claims, HashSet<string> extensionNames, ClaimVocabularyDefinition? vocabulary)
    {
        var names = new List<string>();
        if (vocabulary is not { MatchesNamesIgnoringCase: true })
        {
            return names.ToImmutableEquatableArray();
        }

        foreach (ClaimSpec claim in claims)
        {
            names.Add(claim.Name);
        }

        foreach (ClaimDefinition definition in vocabulary.BestFit(ValidationRules.DescribingNames(claims, extensionNames)).Claims)
        {
            if (!names.Contains(definition.Name))
            {
                names.Add(definition.Name);
            }
        }

        return names.ToImmutableEquatableArray();
    }

    /// <summary>The vocabulary named by a <c>[TokenPayload]</c> attribute, or <see langword="null"/> for an unknown value.</summary>
    private static ClaimVocabularyDefinition? VocabularyOf(AttributeData? payloadAttribute)
    {
        if (payloadAttribute is null || payloadAttribute.ConstructorArguments.Length == 0)
        {
            return ClaimVocabularies.Jwt;
        }

        return payloadAttribute.ConstructorArguments[0].Value switch
        {
            int id => ClaimVocabularies.Get((VocabularyId)id),
            INamedTypeSymbol declaring => DeclaredVocabulary.Read(declaring),
            _ => null,
        };
    }

    /// <summary>Whether the generator gives a payload of this vocabulary a long-form writer.</summary>
    private static bool HasLongForm(AttributeData payloadAttribute) => VocabularyOf(payloadAttribute) is { HasLongNames: true };

    /// <summary>
    /// Gives each claim its long (REST) name from the vocabulary's tables. The set is the one the analyzer checks the
    /// type against: the top level, or the nested object (Daily permissions) that knows most of the claim names.
    /// </summary>
    private static void AddLongNames(List<ClaimSpec> claims, HashSet<string> extensionNames, ClaimVocabularyDefinition vocabulary)
    {
        var names = new List<string>(claims.Count);
        foreach (ClaimSpec claim in claims)
        {
            // As in the analyzer, IsExtension claims do not decide which object the type describes.
            if (!extensionNames.Contains(claim.Name))
            {
                names.Add(claim.Name);
            }
        }

        ClaimSet scope = vocabulary.BestFit(names);
        for (int i = 0; i < claims.Count; i++)
        {
            if (scope.FindByName(claims[i].Name)?.LongName is { Length: > 0 } longName)
            {
                claims[i] = claims[i] with { LongName = longName };
            }
        }
    }

    private static string KeywordOf(INamedTypeSymbol type) => type.TypeKind switch
    {
        TypeKind.Struct => type.IsRecord ? "record struct" : "struct",
        TypeKind.Interface => "interface",
        _ => type.IsRecord ? "record" : "class",
    };

    /// <summary>
    /// The generated file's name, from the type's metadata name (namespace, containing types joined by '-', arity): two
    /// types never share one. Characters a hint name cannot hold become '_' and add a hash of the metadata name.
    /// </summary>
    internal static string HintNameOf(INamedTypeSymbol type)
    {
        var metadata = new System.Text.StringBuilder(type.MetadataName);
        for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            metadata.Insert(0, outer.MetadataName + "+");
        }

        if (type.ContainingNamespace is { IsGlobalNamespace: false } ns)
        {
            metadata.Insert(0, ns.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat.WithGlobalNamespaceStyle(SymbolDisplayGlobalNamespaceStyle.Omitted)
                .WithMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.None)) + ".");
        }

        string name = metadata.ToString();
        var text = new System.Text.StringBuilder(name.Length + 32);
        bool replaced = false;
        foreach (char c in name)
        {
            if (c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '.' or '_')
            {
                text.Append(c);
            }
            else if (c is '+' or '`')
            {
                text.Append('-'); // Neither appears in a namespace or type name, so the mapping stays one-to-one.
            }
            else
            {
                text.Append('_');
                replaced = true;
            }
        }

        if (replaced)
        {
            text.Append('.').Append(StableHash(name).ToString("x8", CultureInfo.InvariantCulture));
        }

        return text.Append(".TokenPayload.g.cs").ToString();
    }

    /// <summary>FNV-1a over the UTF-16 code units: the same on every run and machine, unlike <see cref="string.GetHashCode()"/>.</summary>
    private static uint StableHash(string text)
    {
        uint hash = 2166136261;
        foreach (char c in text)
        {
            hash = unchecked((hash ^ c) * 16777619);
        }

        return hash;
    }

    /// <summary>The C# type of a value, nullable annotation included.</summary>
    internal static string TypeOf(ValueSpec value) => value.IsNullable ? value.Type + "?" : value.Type;

    /// <summary>
    /// The attributes that apply to a claim member: a property's own, or a positional parameter's with those of the
    /// property the compiler makes of it.
    /// </summary>
    internal static List<AttributeData> ClaimAttributesOf(ISymbol member)
    {
        var attributes = new List<AttributeData>(member.GetAttributes());
        if (member is IParameterSymbol { ContainingSymbol: IMethodSymbol { ContainingType: { } type } } parameter &&
            SymbolHelpers.FindProperty(type, parameter.Name) is { } property)
        {
            attributes.AddRange(property.GetAttributes());
        }

        return attributes;
    }

    /// <summary>How the generator writes a member of <paramref name="type"/> with <paramref name="attributes"/>; <see langword="null"/> when it cannot.</summary>
    internal static ValueSpec? DescribeValue(ITypeSymbol type, IEnumerable<AttributeData> attributes) =>
        AnalyzeValue(type, SymbolHelpers.FindAttribute(attributes, WellKnownNames.ClaimConverterAttribute));

    /// <summary>
    /// How a member of <paramref name="type"/> is written and read, through <paramref name="converterAttribute"/> when given;
    /// <see langword="null"/> when the generator cannot write it.
    /// </summary>
    /// <param name="type">The member's type.</param>
    /// <param name="converterAttribute">The member's <c>[ClaimConverter]</c>, if any.</param>
    /// <param name="payloadReferences">Collects the <c>[TokenPayload]</c> types the value holds, which must be generated too.</param>
    internal static ValueSpec? AnalyzeValue(ITypeSymbol type, AttributeData? converterAttribute, List<INamedTypeSymbol>? payloadReferences = null)
    {
        bool isNullable = false;
        ITypeSymbol underlying = type;
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            isNullable = true;
            underlying = nullable.TypeArguments[0];
        }
        else if (type.IsReferenceType && type.NullableAnnotation != NullableAnnotation.NotAnnotated)
        {
            isNullable = true;
            underlying = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated);
        }

        if (converterAttribute is not null)
        {
            return AnalyzeConverter(underlying, isNullable, converterAttribute);
        }

        return AnalyzeUnderlying(underlying, isNullable, payloadReferences);
    }

    private static ValueSpec? AnalyzeConverter(ITypeSymbol valueType, bool isNullable, AttributeData attribute)
    {
        if (attribute.ConstructorArguments.Length != 1 ||
            attribute.ConstructorArguments[0].Value is not INamedTypeSymbol converter ||
            converter.IsUnboundGenericType || converter.TypeKind == TypeKind.Error)
        {
            return null;
        }

        bool converts = false, writesLongForm = false;
        foreach (INamedTypeSymbol implemented in converter.AllInterfaces)
        {
            if (!SymbolEqualityComparer.Default.Equals(implemented.TypeArguments.Length == 1 ? implemented.TypeArguments[0] : null, valueType))
            {
                continue;
            }

            converts |= SymbolHelpers.IsNamed(implemented.OriginalDefinition, WellKnownNames.ClaimConverterInterface);
            writesLongForm |= SymbolHelpers.IsNamed(implemented.OriginalDefinition, WellKnownNames.LongFormConverterInterface);
        }

        return converts
            ? new ValueSpec(
                ValueKind.Converter,
                valueType.ToDisplayString(TypeFormat),
                isNullable,
                valueType.IsValueType,
                null,
                ImmutableEquatableArray<EnumMemberSpec>.Empty,
                converter.ToDisplayString(TypeFormat),
                writesLongForm)
            : null;
    }

    private static ValueSpec? AnalyzeUnderlying(ITypeSymbol type, bool isNullable, List<INamedTypeSymbol>? payloadReferences)
    {
        ValueKind? simple = type.SpecialType switch
        {
            SpecialType.System_String => ValueKind.String,
            SpecialType.System_Boolean => ValueKind.Boolean,
            SpecialType.System_Int32 => ValueKind.Int32,
            SpecialType.System_Int64 => ValueKind.Int64,
            SpecialType.System_Double => ValueKind.Double,
            _ => null,
        };

        if (simple is null && type is INamedTypeSymbol { ContainingType: null, Arity: 0 } named)
        {
            string ns = named.ContainingNamespace.ToDisplayString();
            simple = (ns, named.Name) switch
            {
                ("System", "Guid") => ValueKind.Guid,
                ("System", "Uri") => ValueKind.Uri,
                ("System", "DateTimeOffset") => ValueKind.DateTimeOffset,
                ("System", "TimeSpan") => ValueKind.TimeSpan,
                ("System.Text.Json", "JsonElement") => ValueKind.JsonElement,
                _ => null,
            };
        }

        if (simple is { } kind)
        {
            return Scalar(kind, type.ToDisplayString(TypeFormat), isNullable, type.IsValueType);
        }

        if (type.TypeKind == TypeKind.Enum && type is INamedTypeSymbol enumType)
        {
            return AnalyzeEnum(enumType, isNullable);
        }

        if (type is IArrayTypeSymbol { Rank: 1 } array)
        {
            ValueSpec? element = AnalyzeValue(array.ElementType, null, payloadReferences);
            return element is null
                ? null
                : new ValueSpec(ValueKind.Array, TypeOf(element) + "[]", isNullable, false, element, ImmutableEquatableArray<EnumMemberSpec>.Empty, null);
        }

        if (type is not INamedTypeSymbol generic)
        {
            return null;
        }

        if (generic.IsGenericType && SymbolHelpers.IsNamed(generic.OriginalDefinition, "System.Collections.Generic.IReadOnlyList`1"))
        {
            ValueSpec? element = AnalyzeValue(generic.TypeArguments[0], null, payloadReferences);
            return element is null
                ? null
                : new ValueSpec(ValueKind.List, "global::System.Collections.Generic.IReadOnlyList<" + TypeOf(element) + ">", isNullable, false, element, ImmutableEquatableArray<EnumMemberSpec>.Empty, null);
        }

        if (generic.IsGenericType && SymbolHelpers.IsNamed(generic.OriginalDefinition, "System.Collections.Generic.IReadOnlyDictionary`2") &&
            generic.TypeArguments[0].SpecialType == SpecialType.System_String)
        {
            ValueSpec? element = AnalyzeValue(generic.TypeArguments[1], null, payloadReferences);
            return element is null
                ? null
                : new ValueSpec(ValueKind.Dictionary, "global::System.Collections.Generic.IReadOnlyDictionary<string, " + TypeOf(element) + ">", isNullable, false, element, ImmutableEquatableArray<EnumMemberSpec>.Empty, null);
        }

        if (IsPayload(generic, payloadReferences))
        {
            return Scalar(ValueKind.Payload, generic.ToDisplayString(TypeFormat), isNullable, generic.IsValueType) with
            {
                WritesLongForm = WritesLongForm(generic),

                // A [TokenPayload] type gets IClaimSchema from the generator; a hand-written payload describes nothing.
                HasDescriptors = SymbolHelpers.FindAttribute(generic.GetAttributes(), WellKnownNames.TokenPayloadAttribute) is not null,
            };
        }

        return null;
    }

    private static ValueSpec Scalar(ValueKind kind, string type, bool isNullable, bool isValueType) =>
        new(kind, type, isNullable, isValueType, null, ImmutableEquatableArray<EnumMemberSpec>.Empty, null);

    private static bool IsPayload(INamedTypeSymbol type, List<INamedTypeSymbol>? payloadReferences)
    {
        if (type.IsGenericType || type.IsAbstract || type.TypeKind is not (TypeKind.Class or TypeKind.Struct))
        {
            return false;
        }

        if (SymbolHelpers.FindAttribute(type.GetAttributes(), WellKnownNames.TokenPayloadAttribute) is not null)
        {
            payloadReferences?.Add(type); // Its IJwtPayload members exist only if it is generated too.
            return true;
        }

        foreach (INamedTypeSymbol implemented in type.AllInterfaces)
        {
            if (SymbolHelpers.IsNamed(implemented.OriginalDefinition, WellKnownNames.JwtPayloadInterface) &&
                SymbolEqualityComparer.Default.Equals(implemented.TypeArguments[0], type))
            {
                return true;
            }
        }

        return false;
    }

    // A generated payload gets ILongFormPayload from its vocabulary; a hand-written one declares it.
    private static bool WritesLongForm(INamedTypeSymbol payloadType)
    {
        if (SymbolHelpers.FindAttribute(payloadType.GetAttributes(), WellKnownNames.TokenPayloadAttribute) is { } payloadAttribute && HasLongForm(payloadAttribute))
        {
            return true;
        }

        foreach (INamedTypeSymbol implemented in payloadType.AllInterfaces)
        {
            if (SymbolHelpers.IsNamed(implemented, WellKnownNames.LongFormPayloadInterface))
            {
                return true;
            }
        }

        return false;
    }

    private static ValueSpec? AnalyzeEnum(INamedTypeSymbol enumType, bool isNullable)
    {
        var members = new List<EnumMemberSpec>();
        var wireValues = new HashSet<string>(StringComparer.Ordinal);
        var constants = new HashSet<object>();
        foreach (ISymbol member in enumType.GetMembers())
        {
            if (member is not IFieldSymbol { HasConstantValue: true, ConstantValue: { } constant } field)
            {
                continue;
            }

            AttributeData? valueAttribute = SymbolHelpers.FindAttribute(field.GetAttributes(), WellKnownNames.ClaimValueAttribute);
            string wire = field.Name;
            if (valueAttribute is not null)
            {
                if (valueAttribute.ConstructorArguments.Length != 1 || valueAttribute.ConstructorArguments[0].Value is not string { Length: > 0 } text)
                {
                    return null;
                }

                wire = text;
            }

            if (PayloadShapeAnalysis.LoneSurrogateIndex(wire) >= 0)
            {
                return null; // A u8 literal cannot hold it.
            }

            if (!wireValues.Add(wire))
            {
                return null;
            }

            // Members sharing a value are read by each wire string but written as the first one.
            members.Add(new EnumMemberSpec(field.Name, wire, constants.Add(constant)));
        }

        if (members.Count == 0)
        {
            return null;
        }

        return new ValueSpec(ValueKind.Enum, enumType.ToDisplayString(TypeFormat), isNullable, true, null, members.ToImmutableEquatableArray(), null);
    }

    /// <summary>
    /// The C# expression of a parameter default <paramref name="value"/> of <paramref name="type"/>, or <see langword="null"/>
    /// for a constant no claim type holds.
    /// </summary>
    internal static string? DefaultValueLiteral(ITypeSymbol type, object? value)
    {
        if (value is null)
        {
            return type.IsValueType && type.OriginalDefinition.SpecialType != SpecialType.System_Nullable_T
                ? "default(" + type.ToDisplayString(TypeFormat) + ")"
                : "null";
        }

        ITypeSymbol underlying = type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable
            ? nullable.TypeArguments[0]
            : type;
        if (underlying.TypeKind == TypeKind.Enum)
        {
            // The enum's constant as its own underlying type, so that ulong.MaxValue and negative values cast alike.
            string? constant = IntegerLiteral(value);
            return constant is null ? null : "(" + underlying.ToDisplayString(TypeFormat) + ")(" + constant + ")";
        }

        return value switch
        {
            string text => SymbolDisplay.FormatLiteral(text, quote: true),
            bool flag => flag ? "true" : "false",
            double number when double.IsNaN(number) => "double.NaN",
            double number when double.IsPositiveInfinity(number) => "double.PositiveInfinity",
            double number when double.IsNegativeInfinity(number) => "double.NegativeInfinity",
            double number => number.ToString("R", CultureInfo.InvariantCulture) + "d",
            _ => IntegerLiteral(value),
        };
    }

    /// <summary>An integral constant as a C# literal of its own type (suffixed where C# needs it), or <see langword="null"/>.</summary>
    private static string? IntegerLiteral(object value) => value switch
    {
        int number => number.ToString(CultureInfo.InvariantCulture),
        long number => number.ToString(CultureInfo.InvariantCulture) + "L",
        uint number => number.ToString(CultureInfo.InvariantCulture) + "U",
        ulong number => number.ToString(CultureInfo.InvariantCulture) + "UL",
        short number => number.ToString(CultureInfo.InvariantCulture),
        ushort number => number.ToString(CultureInfo.InvariantCulture),
        sbyte number => number.ToString(CultureInfo.InvariantCulture),
        byte number => number.ToString(CultureInfo.InvariantCulture),
        _ => null,
    };
}
