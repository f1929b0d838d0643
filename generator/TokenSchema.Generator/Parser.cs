using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TokenSchema.Generator.Helpers;
using TokenSchema.Generator.Model;
using TokenSchema.Generator.Vocabularies;

namespace TokenSchema.Generator;

/// <summary>
/// Turns a type marked <c>[TokenPayload]</c> into a <see cref="PayloadSpec"/>. Returns <see langword="null"/>
/// for any type the generator cannot implement; the analyzer, not the generator, explains why.
/// </summary>
internal static class Parser
{
    private const string ClaimAttribute = "TokenSchema.ClaimAttribute";
    private const string ClaimValueAttribute = "TokenSchema.ClaimValueAttribute";
    private const string ClaimConverterAttribute = "TokenSchema.ClaimConverterAttribute";
    private const string TokenPayloadAttribute = "TokenSchema.TokenPayloadAttribute";
    private const string JwtPayloadInterface = "TokenSchema.IJwtPayload`1";
    private const string ClaimConverterInterface = "TokenSchema.IClaimConverter`1";
    private const string LongFormConverterInterface = "TokenSchema.ILongFormClaimConverter`1";
    private const string LongFormPayloadInterface = "TokenSchema.ILongFormPayload";
    private const string ClaimProblemCollectorType = "TokenSchema.ClaimProblemCollector";
    private const string ClaimsHookName = "ValidateClaims";

    /// <summary>The most claims a payload may have: the reader tracks them in one 64-bit mask.</summary>
    internal const int MaxClaims = 64;

    private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat;

    /// <summary>Builds the model of the payload type in <paramref name="context"/>, or <see langword="null"/>.</summary>
    public static PayloadSpec? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol type ||
            context.TargetNode is not TypeDeclarationSyntax declaration ||
            !IsSupportedType(type, declaration))
        {
            return null;
        }

        var containing = new List<ContainingTypeSpec>();
        for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            containing.Insert(0, new ContainingTypeSpec(KeywordOf(outer), outer.Name));
        }

        for (SyntaxNode? parent = declaration.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is TypeDeclarationSyntax outerDeclaration && !IsPartial(outerDeclaration))
            {
                return null;
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        IMethodSymbol? primaryConstructor = FindPrimaryConstructor(type, cancellationToken);
        var claims = new List<ClaimSpec>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var positionalNames = new HashSet<string>(StringComparer.Ordinal);
        var extensionNames = new HashSet<string>(StringComparer.Ordinal);

        if (primaryConstructor is not null)
        {
            for (int i = 0; i < primaryConstructor.Parameters.Length; i++)
            {
                IParameterSymbol parameter = primaryConstructor.Parameters[i];
                IPropertySymbol? property = FindProperty(type, parameter.Name);
                ClaimSpec? claim = ParseParameter(parameter, property, i, cancellationToken);
                if (claim is null || !names.Add(claim.Name))
                {
                    return null;
                }

                claims.Add(claim);
                positionalNames.Add(parameter.Name);
                if (IsExtension(FindAttribute(parameter.GetAttributes(), ClaimAttribute) ??
                    (property is null ? null : FindAttribute(property.GetAttributes(), ClaimAttribute))))
                {
                    extensionNames.Add(claim.Name);
                }
            }
        }

        bool isValueTypeOrRecord = type.IsValueType || type.IsRecord;
        foreach (ISymbol member in type.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (member is not IPropertySymbol property || property.IsStatic || property.IsIndexer ||
                positionalNames.Contains(property.Name))
            {
                continue;
            }

            AttributeData? claimAttribute = FindAttribute(property.GetAttributes(), ClaimAttribute);
            if (claimAttribute is null)
            {
                if (property.IsRequired)
                {
                    return null; // The reader could not construct the type without it.
                }

                continue;
            }

            ClaimSpec? claim = ParseProperty(property, claimAttribute, isValueTypeOrRecord, cancellationToken);
            if (claim is null || !names.Add(claim.Name))
            {
                return null;
            }

            claims.Add(claim);
            if (IsExtension(claimAttribute))
            {
                extensionNames.Add(claim.Name);
            }
        }

        if (claims.Count > MaxClaims || HasInheritedRequiredMembers(type) || HasPayloadBase(type) ||
            (primaryConstructor is null && !type.IsValueType && !HasParameterlessConstructor(type)))
        {
            return null;
        }

        ValidationRules.AddTimeOrderRules(claims);
        ClaimVocabularyDefinition? vocabulary = VocabularyOf(FindAttribute(type.GetAttributes(), TokenPayloadAttribute));
        bool hasLongForm = vocabulary is { HasLongNames: true };
        if (hasLongForm)
        {
            AddLongNames(claims, extensionNames, vocabulary!);
        }

        ValidationRules.AddVocabularyRules(claims, vocabulary, extensionNames);

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
            primaryConstructor is not null,
            HintNameOf(fullName),
            hasLongForm,
            HasClaimsHook(type));
    }

    /// <summary>
    /// Whether <paramref name="type"/> declares the cross-claim hook: an instance method
    /// <c>void ValidateClaims(ref global::TokenSchema.ClaimProblemCollector problems)</c> of any accessibility.
    /// </summary>
    private static bool HasClaimsHook(INamedTypeSymbol type)
    {
        foreach (ISymbol member in type.GetMembers(ClaimsHookName))
        {
            if (member is IMethodSymbol
                {
                    MethodKind: MethodKind.Ordinary,
                    IsStatic: false,
                    IsGenericMethod: false,
                    ReturnsVoid: true,
                    Parameters.Length: 1,
                } method &&
                method.Parameters[0].RefKind == RefKind.Ref &&
                method.Parameters[0].Type.ToDisplayString() == ClaimProblemCollectorType)
            {
                return true;
            }
        }

        return false;
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

    private static bool IsExtension(AttributeData? claimAttribute) =>
        claimAttribute is not null && SymbolHelpers.NamedArgument(claimAttribute, "IsExtension") is true;

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

    private static bool IsSupportedType(INamedTypeSymbol type, TypeDeclarationSyntax declaration)
    {
        if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct) || type.IsAbstract || type.IsStatic ||
            type.IsRefLikeType || !IsPartial(declaration) || type.IsFileLocal)
        {
            return false;
        }

        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            if (current.IsGenericType)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsPartial(TypeDeclarationSyntax declaration)
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

    private static string KeywordOf(INamedTypeSymbol type) => type.TypeKind switch
    {
        TypeKind.Struct => type.IsRecord ? "record struct" : "struct",
        TypeKind.Interface => "interface",
        _ => type.IsRecord ? "record" : "class",
    };

    private static string HintNameOf(string fullName)
    {
        string name = fullName.StartsWith("global::", StringComparison.Ordinal) ? fullName.Substring(8) : fullName;
        var text = new System.Text.StringBuilder(name.Length + 16);
        foreach (char c in name)
        {
            text.Append(char.IsLetterOrDigit(c) || c == '.' || c == '_' ? c : '_');
        }

        return text.Append(".TokenPayload.g.cs").ToString();
    }

    /// <summary>The primary constructor of a positional record, which the reader calls; <see langword="null"/> otherwise.</summary>
    internal static IMethodSymbol? FindPrimaryConstructor(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        if (!type.IsRecord)
        {
            return null;
        }

        foreach (IMethodSymbol constructor in type.InstanceConstructors)
        {
            // The compiler's copy constructor points at the same declaration but is implicitly declared.
            if (constructor.IsImplicitlyDeclared)
            {
                continue;
            }

            foreach (SyntaxReference reference in constructor.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is RecordDeclarationSyntax { ParameterList: { } parameters } &&
                    parameters.Parameters.Count == constructor.Parameters.Length)
                {
                    return constructor;
                }
            }
        }

        return null;
    }

    private static IPropertySymbol? FindProperty(INamedTypeSymbol type, string name)
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

    // A payload deriving from another payload would hide the base's members; claims are not inherited.
    private static bool HasPayloadBase(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? baseType = type.BaseType; baseType is not null; baseType = baseType.BaseType)
        {
            if (FindAttribute(baseType.GetAttributes(), TokenPayloadAttribute) is not null)
            {
                return true;
            }

            foreach (INamedTypeSymbol implemented in baseType.AllInterfaces)
            {
                if (IsNamed(implemented.OriginalDefinition, JwtPayloadInterface))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool HasInheritedRequiredMembers(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? baseType = type.BaseType; baseType is not null; baseType = baseType.BaseType)
        {
            foreach (ISymbol member in baseType.GetMembers())
            {
                if (member is IPropertySymbol { IsRequired: true } or IFieldSymbol { IsRequired: true })
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static ClaimSpec? ParseParameter(IParameterSymbol parameter, IPropertySymbol? property, int index, CancellationToken cancellationToken)
    {
        var attributes = new List<AttributeData>(parameter.GetAttributes());
        if (property is not null)
        {
            attributes.AddRange(property.GetAttributes());
        }

        string? name = ClaimNameOf(FindAttribute(attributes, ClaimAttribute));
        if (name is null || property is null || property.Type.IsRefLikeType)
        {
            return null;
        }

        cancellationToken.ThrowIfCancellationRequested();
        ValueSpec? value = AnalyzeValue(parameter.Type, FindAttribute(attributes, ClaimConverterAttribute));
        if (value is null)
        {
            return null;
        }

        MissingClaimBehavior whenMissing;
        string? defaultLiteral = null;
        if (parameter.HasExplicitDefaultValue)
        {
            defaultLiteral = DefaultValueLiteral(parameter.Type, parameter.ExplicitDefaultValue);
            if (defaultLiteral is null)
            {
                return null;
            }

            whenMissing = MissingClaimBehavior.KeepDefault;
        }
        else
        {
            whenMissing = value.IsNullable && !property.IsRequired ? MissingClaimBehavior.Null : MissingClaimBehavior.Fail;
        }

        return new ClaimSpec(name, property.Name, TypeOf(value), value, whenMissing, index, defaultLiteral, HasSetter: false, ValidationRules.RulesOf(attributes, value), name);
    }

    private static ClaimSpec? ParseProperty(IPropertySymbol property, AttributeData claimAttribute, bool canUseWith, CancellationToken cancellationToken)
    {
        string? name = ClaimNameOf(claimAttribute);
        if (name is null || property.SetMethod is null || property.GetMethod is null || property.Type.IsRefLikeType)
        {
            return null;
        }

        ValueSpec? value = AnalyzeValue(property.Type, FindAttribute(property.GetAttributes(), ClaimConverterAttribute));
        if (value is null)
        {
            return null;
        }

        bool hasSetter = !property.SetMethod.IsInitOnly;
        MissingClaimBehavior whenMissing;
        if (property.IsRequired)
        {
            whenMissing = MissingClaimBehavior.Fail;
        }
        else if (HasInitializer(property, cancellationToken))
        {
            // A declared default survives a missing claim when the reader can assign the member afterwards.
            whenMissing = hasSetter || canUseWith ? MissingClaimBehavior.KeepDefault : MissingClaimBehavior.Fail;
        }
        else
        {
            whenMissing = value.IsNullable ? MissingClaimBehavior.Null : MissingClaimBehavior.Fail;
        }

        return new ClaimSpec(name, property.Name, TypeOf(value), value, whenMissing, -1, null, hasSetter, ValidationRules.RulesOf(property.GetAttributes(), value), name);
    }

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

    private static string? ClaimNameOf(AttributeData? attribute) =>
        attribute is { ConstructorArguments.Length: 1 } && attribute.ConstructorArguments[0].Value is string { Length: > 0 } name
            ? name
            : null;

    private static AttributeData? FindAttribute(IEnumerable<AttributeData> attributes, string metadataName)
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

    private static bool IsNamed(INamedTypeSymbol type, string metadataName)
    {
        // Compares "Namespace.Name`Arity" without building the string for every candidate.
        int tick = metadataName.IndexOf('`');
        string simpleName = tick < 0 ? metadataName : metadataName.Substring(0, tick);
        int dot = simpleName.LastIndexOf('.');
        string name = simpleName.Substring(dot + 1);
        int arity = tick < 0 ? 0 : int.Parse(metadataName.Substring(tick + 1), CultureInfo.InvariantCulture);
        if (type.Name != name || type.Arity != arity || type.ContainingType is not null)
        {
            return false;
        }

        return dot < 0
            ? type.ContainingNamespace.IsGlobalNamespace
            : type.ContainingNamespace.ToDisplayString() == simpleName.Substring(0, dot);
    }

    /// <summary>
    /// The attributes that apply to a claim member: a property's own, or a positional parameter's with those of the
    /// property the compiler makes of it.
    /// </summary>
    internal static List<AttributeData> ClaimAttributesOf(ISymbol member)
    {
        var attributes = new List<AttributeData>(member.GetAttributes());
        if (member is IParameterSymbol { ContainingSymbol: IMethodSymbol { ContainingType: { } type } } parameter &&
            FindProperty(type, parameter.Name) is { } property)
        {
            attributes.AddRange(property.GetAttributes());
        }

        return attributes;
    }

    /// <summary>How the generator writes a member of <paramref name="type"/> with <paramref name="attributes"/>; <see langword="null"/> when it cannot.</summary>
    internal static ValueSpec? DescribeValue(ITypeSymbol type, IEnumerable<AttributeData> attributes) =>
        AnalyzeValue(type, FindAttribute(attributes, ClaimConverterAttribute));

    /// <summary>
    /// Whether the generator can write and read a member of <paramref name="type"/> without a converter; the analyzer
    /// asks this so that it reports exactly the member types the generator refuses.
    /// </summary>
    internal static bool CanWriteValue(ITypeSymbol type) => AnalyzeValue(type, null) is not null;

    /// <summary>The C# type of a value, nullable annotation included.</summary>
    internal static string TypeOf(ValueSpec value) => value.IsNullable ? value.Type + "?" : value.Type;

    private static ValueSpec? AnalyzeValue(ITypeSymbol type, AttributeData? converterAttribute)
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

        return AnalyzeUnderlying(underlying, isNullable);
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

            converts |= IsNamed(implemented.OriginalDefinition, ClaimConverterInterface);
            writesLongForm |= IsNamed(implemented.OriginalDefinition, LongFormConverterInterface);
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

    private static ValueSpec? AnalyzeUnderlying(ITypeSymbol type, bool isNullable)
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
            ValueSpec? element = AnalyzeValue(array.ElementType, null);
            return element is null
                ? null
                : new ValueSpec(ValueKind.Array, TypeOf(element) + "[]", isNullable, false, element, ImmutableEquatableArray<EnumMemberSpec>.Empty, null);
        }

        if (type is not INamedTypeSymbol generic)
        {
            return null;
        }

        if (generic.IsGenericType && IsNamed(generic.OriginalDefinition, "System.Collections.Generic.IReadOnlyList`1"))
        {
            ValueSpec? element = AnalyzeValue(generic.TypeArguments[0], null);
            return element is null
                ? null
                : new ValueSpec(ValueKind.List, "global::System.Collections.Generic.IReadOnlyList<" + TypeOf(element) + ">", isNullable, false, element, ImmutableEquatableArray<EnumMemberSpec>.Empty, null);
        }

        if (generic.IsGenericType && IsNamed(generic.OriginalDefinition, "System.Collections.Generic.IReadOnlyDictionary`2") &&
            generic.TypeArguments[0].SpecialType == SpecialType.System_String)
        {
            ValueSpec? element = AnalyzeValue(generic.TypeArguments[1], null);
            return element is null
                ? null
                : new ValueSpec(ValueKind.Dictionary, "global::System.Collections.Generic.IReadOnlyDictionary<string, " + TypeOf(element) + ">", isNullable, false, element, ImmutableEquatableArray<EnumMemberSpec>.Empty, null);
        }

        if (IsPayload(generic))
        {
            return Scalar(ValueKind.Payload, generic.ToDisplayString(TypeFormat), isNullable, generic.IsValueType) with
            {
                WritesLongForm = WritesLongForm(generic),
            };
        }

        return null;
    }

    private static ValueSpec Scalar(ValueKind kind, string type, bool isNullable, bool isValueType) =>
        new(kind, type, isNullable, isValueType, null, ImmutableEquatableArray<EnumMemberSpec>.Empty, null);

    private static bool IsPayload(INamedTypeSymbol type)
    {
        if (type.IsGenericType || type.IsAbstract || type.TypeKind is not (TypeKind.Class or TypeKind.Struct))
        {
            return false;
        }

        if (FindAttribute(type.GetAttributes(), TokenPayloadAttribute) is not null)
        {
            return true;
        }

        foreach (INamedTypeSymbol implemented in type.AllInterfaces)
        {
            if (IsNamed(implemented.OriginalDefinition, JwtPayloadInterface) &&
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
        if (FindAttribute(payloadType.GetAttributes(), TokenPayloadAttribute) is { } payloadAttribute && HasLongForm(payloadAttribute))
        {
            return true;
        }

        foreach (INamedTypeSymbol implemented in payloadType.AllInterfaces)
        {
            if (IsNamed(implemented, LongFormPayloadInterface))
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

            AttributeData? valueAttribute = FindAttribute(field.GetAttributes(), ClaimValueAttribute);
            string wire = field.Name;
            if (valueAttribute is not null)
            {
                if (valueAttribute.ConstructorArguments.Length != 1 || valueAttribute.ConstructorArguments[0].Value is not string { Length: > 0 } text)
                {
                    return null;
                }

                wire = text;
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

    private static string? DefaultValueLiteral(ITypeSymbol type, object? value)
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
        return value switch
        {
            string text => SymbolDisplay.FormatLiteral(text, quote: true),
            bool flag => flag ? "true" : "false",
            double number => double.IsNaN(number) || double.IsInfinity(number) ? null : number.ToString("R", CultureInfo.InvariantCulture) + "d",
            int or long when underlying.TypeKind == TypeKind.Enum =>
                "(" + underlying.ToDisplayString(TypeFormat) + ")(" + Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture) + ")",
            int number => number.ToString(CultureInfo.InvariantCulture),
            long number => number.ToString(CultureInfo.InvariantCulture) + "L",
            _ when underlying.TypeKind == TypeKind.Enum && value is IConvertible =>
                "(" + underlying.ToDisplayString(TypeFormat) + ")(" + Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture) + ")",
            _ => null,
        };
    }

}
