namespace TokenSchema.Generator.Model;

/// <summary>Everything the emitter needs to implement <c>IJwtPayload&lt;T&gt;</c> for one payload type.</summary>
/// <param name="Namespace">The namespace, or <see langword="null"/> for the global namespace.</param>
/// <param name="TypeName">The type's name as declared.</param>
/// <param name="FullyQualifiedName">The type's name with <c>global::</c> and every containing type.</param>
/// <param name="Keyword">The declaration keyword: <c>class</c>, <c>struct</c>, <c>record</c> or <c>record struct</c>.</param>
/// <param name="IsValueType"><see langword="true"/> for structs and record structs.</param>
/// <param name="IsRecord"><see langword="true"/> for records and record structs (the reader may use <c>with</c>).</param>
/// <param name="ContainingTypes">The containing types, outermost first.</param>
/// <param name="Claims">The claims in declaration order (positional parameters first).</param>
/// <param name="UsesPositionalConstructor"><see langword="true"/> when the reader calls the record's primary constructor.</param>
/// <param name="HintName">The generated file's name.</param>
/// <param name="HasLongForm"><see langword="true"/> when the vocabulary has long names: the type also implements <c>ILongFormPayload</c>.</param>
/// <param name="HasClaimsHook">
/// <see langword="true"/> when the type declares <c>void ValidateClaims(ref ClaimProblemCollector problems)</c>:
/// <c>Validate()</c> calls it after the generated checks.
/// </param>
/// <param name="CaseVariantNames">
/// For a vocabulary whose platform matches names ignoring case, the names of the object's claims (the type's and the
/// vocabulary's): the reader refuses a name equal to one of them in another case. Empty otherwise.
/// </param>
internal sealed record PayloadSpec(
    string? Namespace,
    string TypeName,
    string FullyQualifiedName,
    string Keyword,
    bool IsValueType,
    bool IsRecord,
    ImmutableEquatableArray<ContainingTypeSpec> ContainingTypes,
    ImmutableEquatableArray<ClaimSpec> Claims,
    bool UsesPositionalConstructor,
    string HintName,
    bool HasLongForm,
    bool HasClaimsHook,
    ImmutableEquatableArray<string> CaseVariantNames);

/// <summary>A partial type that contains the payload type.</summary>
/// <param name="Keyword">The declaration keyword.</param>
/// <param name="Name">The type's name as declared.</param>
internal sealed record ContainingTypeSpec(string Keyword, string Name);
