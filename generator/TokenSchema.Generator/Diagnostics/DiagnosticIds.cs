namespace TokenSchema.Generator.Diagnostics;

/// <summary>The diagnostic IDs, shared by the analyzer and the code fixes (which link this file).</summary>
internal static class DiagnosticIds
{
    /// <summary>Unknown claim in a closed vocabulary.</summary>
    public const string UnknownClaim = "TKS0001";

    /// <summary>Claim name one edit away from a registered claim in the open JWT vocabulary.</summary>
    public const string NearRegisteredClaim = "TKS0002";

    /// <summary>Long (REST) or former name used instead of the claim name.</summary>
    public const string LongNameInsteadOfClaim = "TKS0003";

    /// <summary>Member type does not match the claim's JSON kind.</summary>
    public const string IncompatibleClaimType = "TKS0004";

    /// <summary>Registered claim with a member type that does not match it.</summary>
    public const string RegisteredClaimType = "TKS0005";

    /// <summary>Two members map the same claim name.</summary>
    public const string DuplicateClaim = "TKS0006";

    /// <summary>Payload type or a containing type is not partial.</summary>
    public const string TypeNotPartial = "TKS0007";

    /// <summary>Member type cannot be written as a claim value.</summary>
    public const string UnsupportedMemberType = "TKS0008";

    /// <summary>Member name suggests another claim than the one it maps.</summary>
    public const string MemberNameContradictsClaim = "TKS0009";

    /// <summary>Empty or whitespace claim name.</summary>
    public const string EmptyClaimName = "TKS0010";

    /// <summary>[Claim] on a member of a type without [TokenPayload].</summary>
    public const string ClaimOutsidePayload = "TKS0011";

    /// <summary>Nested payload type does not fit the object the claim holds.</summary>
    public const string NestedPayloadMismatch = "TKS0012";

    /// <summary>Enum member's [ClaimValue] is not a value the claim allows.</summary>
    public const string EnumValueNotAllowed = "TKS0013";

    /// <summary>Payload type is generic, abstract, static, file-local, a ref struct, or nested in a generic type.</summary>
    public const string UnsupportedPayloadType = "TKS0014";

    /// <summary>Payload type derives from another payload.</summary>
    public const string PayloadDerivesFromPayload = "TKS0015";

    /// <summary>Payload class has no parameterless constructor and is not a positional record.</summary>
    public const string NoParameterlessConstructor = "TKS0016";

    /// <summary>A required member or positional parameter is not a claim.</summary>
    public const string ConstructionMemberNotClaim = "TKS0017";

    /// <summary>More claims than the reader can track.</summary>
    public const string TooManyClaims = "TKS0018";

    /// <summary>Claim property without a get accessor or without a set/init accessor.</summary>
    public const string ClaimPropertyNotSettable = "TKS0019";

    /// <summary>[ClaimConverter] type does not convert the member's type.</summary>
    public const string ConverterDoesNotConvert = "TKS0020";

    /// <summary>A JSON-compatible member type the generator does not write (e.g. List&lt;T&gt;, decimal).</summary>
    public const string TypeNotGenerated = "TKS0021";

    /// <summary>[TokenPayload(typeof(X))] where X is not marked [ClaimVocabularyDefinition].</summary>
    public const string VocabularyNotDeclared = "TKS0022";

    /// <summary>[KnownClaim] that declares no claim (not a const string, empty or repeated name, no definition attribute).</summary>
    public const string KnownClaimIgnored = "TKS0023";

    /// <summary>A validation attribute on a claim that generated code does not enforce.</summary>
    public const string ValidationAttributeNotEnforced = "TKS0024";

    /// <summary>A validation attribute that allows more than the claim's vocabulary, whose limit is enforced instead.</summary>
    public const string AttributeLooserThanVocabulary = "TKS0025";

    /// <summary>[Claim] on a member the generator cannot make a claim: a field, a class's or struct's primary-constructor parameter, a static property, an indexer, a positional parameter without a property or with a default C# cannot write.</summary>
    public const string ClaimMemberIgnored = "TKS0026";

    /// <summary>A method named ValidateClaims that is not the hook <c>void ValidateClaims(ref ClaimProblemCollector problems)</c>.</summary>
    public const string ClaimsHookSignature = "TKS0027";

    /// <summary>A claim name with a lone surrogate, which UTF-8 cannot encode.</summary>
    public const string InvalidUtf16 = "TKS0028";

    /// <summary>The project's C# version is older than the generated code needs.</summary>
    public const string LanguageVersionTooLow = "TKS0029";

    /// <summary>The generator failed unexpectedly on a payload.</summary>
    public const string GeneratorFailure = "TKS0030";

    /// <summary>A claim the payload's vocabulary requires (Daily's r, d, iat) that the payload declares no member for.</summary>
    public const string RequiredClaimNotDeclared = "TKS0031";

    /// <summary>The key of <c>Diagnostic.Properties</c> holding the claim name a code fix writes instead of the offending one.</summary>
    public const string ReplacementProperty = "Replacement";

    /// <summary>
    /// The key of <c>Diagnostic.Properties</c> holding, for TKS0031, the members a code fix adds: one per line, each
    /// <c>claim name</c>, <c>member name</c> and <c>C# type</c> separated by tabs.
    /// </summary>
    public const string MissingClaimsProperty = "MissingClaims";
}
