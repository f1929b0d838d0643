using Microsoft.CodeAnalysis;

namespace TokenSchema.Generator.Diagnostics;

/// <summary>Every diagnostic TokenSchema reports. Each links to its section of <c>docs/diagnostics.md</c>.</summary>
internal static class DiagnosticDescriptors
{
    /// <summary>The category of every TokenSchema diagnostic.</summary>
    public const string Category = "TokenSchema";

    private const string HelpLinkBase = "https://github.com/tokenschema/tokenschema/blob/main/docs/diagnostics.md#";

    /// <summary>TKS0001: a claim name the closed vocabulary does not know.</summary>
    public static readonly DiagnosticDescriptor UnknownClaim = Create(
        DiagnosticIds.UnknownClaim,
        "Unknown claim",
        "Claim '{0}' is not a {1} claim{2}",
        DiagnosticSeverity.Error,
        "The platform ignores claims it does not know, so a misspelled claim silently does nothing. Use a claim of the vocabulary, or set IsExtension = true for a claim the platform accepts but the vocabulary does not list.");

    /// <summary>TKS0002: in the open JWT vocabulary, a name one edit away from a registered claim.</summary>
    public static readonly DiagnosticDescriptor NearRegisteredClaim = Create(
        DiagnosticIds.NearRegisteredClaim,
        "Claim name is one edit away from a registered claim",
        "Claim '{0}' is one edit away from the registered claim '{1}' ({2}); rename it or set IsExtension = true",
        DiagnosticSeverity.Warning,
        "A custom claim whose name differs from a registered claim by one character is most likely a typo of the registered claim.");

    /// <summary>TKS0003: the long (REST) name or a former name where the platform wants the claim name.</summary>
    public static readonly DiagnosticDescriptor LongNameInsteadOfClaim = Create(
        DiagnosticIds.LongNameInsteadOfClaim,
        "Long name used instead of the claim name",
        "'{0}' is the {3} of the {1} claim '{2}'; use '{2}'",
        DiagnosticSeverity.Error,
        "Self-signed tokens carry the abbreviated claim names; the platform ignores the long names of its REST API there.");

    /// <summary>TKS0004: the member's type cannot hold the claim's JSON value.</summary>
    public static readonly DiagnosticDescriptor IncompatibleClaimType = Create(
        DiagnosticIds.IncompatibleClaimType,
        "Member type does not match the claim",
        "Claim '{0}' ({1}) is a JSON {2}, which a member of type '{3}' cannot hold; use {4}",
        DiagnosticSeverity.Error,
        "The member's CLR type must produce the JSON value the platform expects for the claim.");

    /// <summary>TKS0005: a registered claim with a member type that does not match it.</summary>
    public static readonly DiagnosticDescriptor RegisteredClaimType = Create(
        DiagnosticIds.RegisteredClaimType,
        "Registered claim has the wrong type",
        "Registered claim '{0}' ({1}) is a JSON {2}, which a member of type '{3}' cannot hold; use {4}",
        DiagnosticSeverity.Error,
        "RFC 7519 fixes the types of the registered claims: exp, nbf and iat are NumericDates, iss, sub and jti strings, aud a string or an array of strings.");

    /// <summary>TKS0006: two members map the same claim name.</summary>
    public static readonly DiagnosticDescriptor DuplicateClaim = Create(
        DiagnosticIds.DuplicateClaim,
        "Duplicate claim name",
        "Claim '{0}' is already mapped by '{1}'",
        DiagnosticSeverity.Error,
        "A JSON object must not repeat a member name; each claim may be mapped by one member only.");

    /// <summary>TKS0007: the payload type or a type containing it is not partial.</summary>
    public static readonly DiagnosticDescriptor TypeNotPartial = Create(
        DiagnosticIds.TypeNotPartial,
        "Token payload type must be partial",
        "'{0}' must be declared partial so that the generator can implement the payload '{1}'",
        DiagnosticSeverity.Error,
        "The generator adds the payload's serializer as another part of the type, which needs the type and every type containing it to be partial.");

    /// <summary>TKS0008: the member's type cannot be written as a claim value at all.</summary>
    public static readonly DiagnosticDescriptor UnsupportedMemberType = Create(
        DiagnosticIds.UnsupportedMemberType,
        "Unsupported claim member type",
        "Type '{0}' of '{1}' cannot be written as a claim value; use a JSON-compatible type, a [TokenPayload] type or [ClaimConverter]",
        DiagnosticSeverity.Error,
        "Claim members must be strings, booleans, numbers, DateTimeOffset, TimeSpan, Guid, Uri, enums, [TokenPayload] types, JsonElement, arrays or lists of those, or string-keyed dictionaries of those.");

    /// <summary>TKS0009: the member's name says another claim than the one it maps.</summary>
    public static readonly DiagnosticDescriptor MemberNameContradictsClaim = Create(
        DiagnosticIds.MemberNameContradictsClaim,
        "Member name contradicts the claim",
        "'{0}' is mapped to claim '{1}' ({2}), but its name suggests claim '{3}' ({4})",
        DiagnosticSeverity.Warning,
        "A member named after one claim but mapped to another usually means the claim name is a slip.");

    /// <summary>TKS0010: an empty or whitespace claim name.</summary>
    public static readonly DiagnosticDescriptor EmptyClaimName = Create(
        DiagnosticIds.EmptyClaimName,
        "Empty claim name",
        "Claim name of '{0}' must not be empty or whitespace",
        DiagnosticSeverity.Error,
        "Every claim needs a name; an empty JSON member name is almost certainly unfinished code.");

    /// <summary>TKS0011: [Claim] on a member of a type that is not a token payload.</summary>
    public static readonly DiagnosticDescriptor ClaimOutsidePayload = Create(
        DiagnosticIds.ClaimOutsidePayload,
        "[Claim] outside a [TokenPayload] type",
        "[Claim] on '{0}' has no effect because '{1}' is not marked [TokenPayload]",
        DiagnosticSeverity.Warning,
        "Only types marked [TokenPayload] are serialized, so a [Claim] elsewhere is ignored.");

    /// <summary>TKS0012: a nested payload type does not fit the object the claim holds.</summary>
    public static readonly DiagnosticDescriptor NestedPayloadMismatch = Create(
        DiagnosticIds.NestedPayloadMismatch,
        "Nested payload does not fit the claim",
        "Type '{0}' does not fit claim '{1}' ({2}): '{3}' is not a {4} claim",
        DiagnosticSeverity.Error,
        "A [TokenPayload] type used for an object claim must declare the claims of that object, e.g. hp, cs, cr and ca for Daily's permissions.");

    /// <summary>TKS0013: an enum member's <c>[ClaimValue]</c> is not a value the claim allows.</summary>
    public static readonly DiagnosticDescriptor EnumValueNotAllowed = Create(
        DiagnosticIds.EnumValueNotAllowed,
        "Enum value is not allowed for the claim",
        "'{0}.{1}' is written as '{2}', which is not a value of claim '{3}' ({4}); allowed: {5}",
        DiagnosticSeverity.Error,
        "The platform rejects or ignores values outside the documented list, e.g. Daily's lang (uil) languages and enable_recording (er) modes.");

    /// <summary>TKS0014: a type shape the generator cannot implement.</summary>
    public static readonly DiagnosticDescriptor UnsupportedPayloadType = Create(
        DiagnosticIds.UnsupportedPayloadType,
        "Type cannot be a token payload",
        "'{0}' cannot be a token payload because it is {1}",
        DiagnosticSeverity.Error,
        "The generator implements IJwtPayload<T> only for concrete, non-generic, non-static classes, structs and records that are not file-local or ref structs and not nested in a generic type.");

    /// <summary>TKS0015: a payload deriving from another payload.</summary>
    public static readonly DiagnosticDescriptor PayloadDerivesFromPayload = Create(
        DiagnosticIds.PayloadDerivesFromPayload,
        "Payload derives from another payload",
        "'{0}' derives from the payload '{1}'; claims are not inherited, so hold '{1}' in a claim or declare all claims in one type",
        DiagnosticSeverity.Error,
        "A derived payload would hide its base's writer and reader, and the base's claims would be lost; the generator implements no payload that derives from another.");

    /// <summary>TKS0016: a payload class the reader cannot create.</summary>
    public static readonly DiagnosticDescriptor NoParameterlessConstructor = Create(
        DiagnosticIds.NoParameterlessConstructor,
        "Payload class needs a parameterless constructor",
        "'{0}' needs a parameterless constructor (of any accessibility) or a positional record parameter list so that the reader can create it",
        DiagnosticSeverity.Error,
        "The generated reader creates a payload class with its parameterless constructor and object initializer, or a positional record with its primary constructor.");

    /// <summary>TKS0017: a required member or positional parameter that is not a claim.</summary>
    public static readonly DiagnosticDescriptor ConstructionMemberNotClaim = Create(
        DiagnosticIds.ConstructionMemberNotClaim,
        "Required member or positional parameter is not a claim",
        "'{0}' is {1} but not a claim, so the reader cannot create '{2}'; mark it [Claim] or {3}",
        DiagnosticSeverity.Error,
        "The generated reader creates the payload from its claims only: every positional parameter and every required member must be a claim.");

    /// <summary>TKS0018: more claims than the reader tracks.</summary>
    public static readonly DiagnosticDescriptor TooManyClaims = Create(
        DiagnosticIds.TooManyClaims,
        "Too many claims",
        "'{0}' maps {1} claims; a payload may have at most 64, so move some into a nested [TokenPayload] object",
        DiagnosticSeverity.Error,
        "The generated reader tracks the claims it has seen in one 64-bit mask.");

    /// <summary>TKS0019: a claim property the reader cannot set or the writer cannot get.</summary>
    public static readonly DiagnosticDescriptor ClaimPropertyNotSettable = Create(
        DiagnosticIds.ClaimPropertyNotSettable,
        "Claim property needs get and set or init accessors",
        "Claim property '{0}' needs a get accessor and a set or init accessor",
        DiagnosticSeverity.Error,
        "The writer reads every claim property and the reader sets it, so a claim property needs both accessors.");

    /// <summary>TKS0020: a converter that does not convert the member's type.</summary>
    public static readonly DiagnosticDescriptor ConverterDoesNotConvert = Create(
        DiagnosticIds.ConverterDoesNotConvert,
        "Converter does not convert the member's type",
        "'{0}' does not implement IClaimConverter<{1}>, so it cannot write '{2}'",
        DiagnosticSeverity.Error,
        "The type given to [ClaimConverter] must be a non-generic type implementing IClaimConverter<T> for the member's type (without its nullable annotation).");

    /// <summary>TKS0021: a JSON-compatible member type the generator does not write.</summary>
    public static readonly DiagnosticDescriptor TypeNotGenerated = Create(
        DiagnosticIds.TypeNotGenerated,
        "Claim member type is not generated",
        "Type '{0}' of '{1}' has a JSON form but the generator does not write it; use {2}",
        DiagnosticSeverity.Error,
        "The generator writes string, bool, int, long, double, Guid, Uri, DateTimeOffset, TimeSpan, enums, JsonElement, [TokenPayload] types, T[], IReadOnlyList<T> and IReadOnlyDictionary<string, T> of those; other numeric and collection types need a change of type or a [ClaimConverter].");

    /// <summary>TKS0022: a payload names a class that declares no vocabulary.</summary>
    public static readonly DiagnosticDescriptor VocabularyNotDeclared = Create(
        DiagnosticIds.VocabularyNotDeclared,
        "Vocabulary class is not a claim vocabulary definition",
        "'{0}' is not marked [ClaimVocabularyDefinition], so it declares no claim vocabulary and no claim is checked",
        DiagnosticSeverity.Error,
        "[TokenPayload(typeof(X))] checks the payload against the vocabulary X declares: X must be marked [ClaimVocabularyDefinition] and list its claims as const string fields marked [KnownClaim].");

    /// <summary>TKS0023: a <c>[KnownClaim]</c> that declares no claim.</summary>
    public static readonly DiagnosticDescriptor KnownClaimIgnored = Create(
        DiagnosticIds.KnownClaimIgnored,
        "[KnownClaim] declares no claim",
        "[KnownClaim] on '{0}' is ignored because {1}",
        DiagnosticSeverity.Warning,
        "A declared vocabulary takes its claims from const string fields marked [KnownClaim] in a class marked [ClaimVocabularyDefinition]; each claim name once and not empty.");

    /// <summary>TKS0024: a validation attribute on a claim that the generated <c>Validate()</c> does not run.</summary>
    public static readonly DiagnosticDescriptor ValidationAttributeNotEnforced = Create(
        DiagnosticIds.ValidationAttributeNotEnforced,
        "Validation attribute is not enforced",
        "[{0}] on '{1}' is not enforced: {2}",
        DiagnosticSeverity.Warning,
        "The generated Validate() turns the DataAnnotations attributes it knows into code (Required, StringLength, MinLength, MaxLength, Length, Range, RegularExpression, AllowedValues, DeniedValues, Url, EmailAddress, Base64String); any other validation attribute, or one that does not fit the claim's type, would be silently skipped, so signing would accept values it is meant to refuse.");

    /// <summary>TKS0025: an attribute that allows more than the vocabulary; the vocabulary's limit is what runs.</summary>
    public static readonly DiagnosticDescriptor AttributeLooserThanVocabulary = Create(
        DiagnosticIds.AttributeLooserThanVocabulary,
        "Validation attribute allows more than the claim's vocabulary",
        "[{0}] on '{1}' allows more than the vocabulary: {2}",
        DiagnosticSeverity.Warning,
        "The claim vocabulary's limits (the platform's maximum length, range, allowed values, required claims) always become generated checks. An attribute that allows more does not loosen them; tighten it to the vocabulary's limit or remove it.");

    /// <summary>TKS0026: <c>[Claim]</c> on a member that cannot be a claim.</summary>
    public static readonly DiagnosticDescriptor ClaimMemberIgnored = Create(
        DiagnosticIds.ClaimMemberIgnored,
        "[Claim] member cannot be a claim",
        "'{0}' cannot be a claim of '{1}': {2}",
        DiagnosticSeverity.Error,
        "A claim is an instance property with get and set/init accessors, or a positional record parameter with a default C# can write. A field, a class's or struct's primary-constructor parameter, a static property and an indexer are not claims.");

    /// <summary>TKS0027: a <c>ValidateClaims</c> method the generated <c>Validate()</c> would never call.</summary>
    public static readonly DiagnosticDescriptor ClaimsHookSignature = Create(
        DiagnosticIds.ClaimsHookSignature,
        "ValidateClaims hook has the wrong signature",
        "'{0}' declares ValidateClaims, but Validate() only calls an instance method '{1}'",
        DiagnosticSeverity.Error,
        "The generated Validate() calls the cross-claim hook after its own checks only when the payload declares it exactly as an instance method 'void ValidateClaims(ref ClaimProblemCollector problems)'; any other ValidateClaims would silently never run.");

    /// <summary>TKS0028: a claim name that is not valid UTF-16.</summary>
    public static readonly DiagnosticDescriptor InvalidUtf16 = Create(
        DiagnosticIds.InvalidUtf16,
        "Claim name is not valid UTF-16",
        "The {0} \"{1}\" has a lone surrogate at index {2}, which UTF-8 cannot encode",
        DiagnosticSeverity.Error,
        "Claim names are written to the token as UTF-8; a high surrogate not followed by a low one, or a low surrogate on its own, has no UTF-8 form.");

    /// <summary>TKS0029: the project's C# version cannot compile the generated code.</summary>
    public static readonly DiagnosticDescriptor LanguageVersionTooLow = Create(
        DiagnosticIds.LanguageVersionTooLow,
        "C# version too old for generated payloads",
        "'{0}' is not generated: the project compiles C# {1}, and the generated code needs C# {2} or later; raise LangVersion",
        DiagnosticSeverity.Error,
        "The generated code implements static abstract interface members and uses UTF-8 string literals, which need C# 11.");

    /// <summary>TKS0030: the generator failed unexpectedly on a payload.</summary>
    public static readonly DiagnosticDescriptor GeneratorFailure = Create(
        DiagnosticIds.GeneratorFailure,
        "Generator failed on a payload",
        "The generator could not generate '{0}' ({1}); please report this with the type's declaration",
        DiagnosticSeverity.Error,
        "An unexpected failure while generating one payload is reported on that payload; the other payloads of the compilation are still generated.");

    /// <summary>TKS0031: a claim the vocabulary requires that the payload does not declare at all.</summary>
    public static readonly DiagnosticDescriptor RequiredClaimNotDeclared = Create(
        DiagnosticIds.RequiredClaimNotDeclared,
        "Required claim is not declared",
        "'{0}' does not declare {1}, which {2} requires; a token without {3} is refused",
        DiagnosticSeverity.Warning,
        "A payload of a platform's vocabulary must be able to carry every claim the platform requires (Daily's r, d and iat, LiveKit's iss and exp, ...). A required claim may be a nullable member that the issuer fills, but a payload without the member at all signs tokens the platform refuses.");

    /// <summary>Every descriptor, in ID order.</summary>
    public static readonly DiagnosticDescriptor[] All =
    {
        UnknownClaim, NearRegisteredClaim, LongNameInsteadOfClaim, IncompatibleClaimType, RegisteredClaimType, DuplicateClaim,
        TypeNotPartial, UnsupportedMemberType, MemberNameContradictsClaim, EmptyClaimName, ClaimOutsidePayload, NestedPayloadMismatch,
        EnumValueNotAllowed, UnsupportedPayloadType, PayloadDerivesFromPayload, NoParameterlessConstructor, ConstructionMemberNotClaim,
        TooManyClaims, ClaimPropertyNotSettable, ConverterDoesNotConvert, TypeNotGenerated,
        VocabularyNotDeclared, KnownClaimIgnored, ValidationAttributeNotEnforced, AttributeLooserThanVocabulary,
        ClaimMemberIgnored, ClaimsHookSignature, InvalidUtf16, LanguageVersionTooLow, GeneratorFailure,
        RequiredClaimNotDeclared,
    };

    /// <summary>The help link of a diagnostic: its section of <c>docs/diagnostics.md</c>.</summary>
    /// <param name="id">The diagnostic ID, e.g. <c>TKS0001</c>.</param>
    public static string HelpLink(string id) => HelpLinkBase + id.ToLowerInvariant();

    private static DiagnosticDescriptor Create(string id, string title, string messageFormat, DiagnosticSeverity severity, string description) =>
        new DiagnosticDescriptor(id, title, messageFormat, Category, severity, isEnabledByDefault: true, description: description, helpLinkUri: HelpLink(id));
}
