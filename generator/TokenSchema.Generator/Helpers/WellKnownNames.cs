namespace TokenSchema.Generator.Helpers;

/// <summary>The metadata names of the runtime's types that the generator and the analyzer look for.</summary>
internal static class WellKnownNames
{
    /// <summary><c>TokenSchema.TokenPayloadAttribute</c>.</summary>
    public const string TokenPayloadAttribute = "TokenSchema.TokenPayloadAttribute";

    /// <summary><c>TokenSchema.ClaimAttribute</c>.</summary>
    public const string ClaimAttribute = "TokenSchema.ClaimAttribute";

    /// <summary><c>TokenSchema.ClaimValueAttribute</c>.</summary>
    public const string ClaimValueAttribute = "TokenSchema.ClaimValueAttribute";

    /// <summary><c>TokenSchema.ClaimConverterAttribute</c>.</summary>
    public const string ClaimConverterAttribute = "TokenSchema.ClaimConverterAttribute";

    /// <summary><c>TokenSchema.IJwtPayload&lt;TSelf&gt;</c>.</summary>
    public const string JwtPayloadInterface = "TokenSchema.IJwtPayload`1";

    /// <summary><c>TokenSchema.IClaimConverter&lt;T&gt;</c>.</summary>
    public const string ClaimConverterInterface = "TokenSchema.IClaimConverter`1";

    /// <summary><c>TokenSchema.ILongFormClaimConverter&lt;T&gt;</c>.</summary>
    public const string LongFormConverterInterface = "TokenSchema.ILongFormClaimConverter`1";

    /// <summary><c>TokenSchema.ILongFormPayload</c>.</summary>
    public const string LongFormPayloadInterface = "TokenSchema.ILongFormPayload";

    /// <summary><c>TokenSchema.ClaimProblemCollector</c>, the parameter of the cross-claim hook.</summary>
    public const string ClaimProblemCollector = "TokenSchema.ClaimProblemCollector";

    /// <summary>The name of the cross-claim hook the generated <c>Validate()</c> calls.</summary>
    public const string ClaimsHookName = "ValidateClaims";

    /// <summary><c>TokenSchema.ClaimVocabulary</c>, whose values <c>VocabularyId</c> mirrors.</summary>
    public const string ClaimVocabularyEnum = "TokenSchema.ClaimVocabulary";
}
