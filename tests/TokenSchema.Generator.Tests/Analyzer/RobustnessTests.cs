using System.Threading.Tasks;
using Xunit;

namespace TokenSchema.Generator.Tests.Analyzer;

/// <summary>Half-typed and broken sources, as the IDE analyzes them on every keystroke: the analyzer must never throw.</summary>
public sealed class RobustnessTests
{
    public static TheoryData<string> BrokenSources => new()
    {
        // Attribute without its argument.
        "using TokenSchema; [TokenPayload(ClaimVocabulary.Daily)] public partial record T { [Claim] public string? R { get; init; } }",
        // Attribute with an unfinished argument list.
        "using TokenSchema; [TokenPayload(ClaimVocabulary.Daily)] public partial record T { [Claim(\"r\" public string? R { get; init; } }",
        // Claim name that is not a constant.
        "using TokenSchema; [TokenPayload(ClaimVocabulary.Daily)] public partial record T { static string N = \"r\"; [Claim(N)] public string? R { get; init; } }",
        // Claim name of the wrong type.
        "using TokenSchema; [TokenPayload(ClaimVocabulary.Daily)] public partial record T { [Claim(42)] public string? R { get; init; } }",
        // Vocabulary that does not exist and one cast from an integer.
        "using TokenSchema; [TokenPayload(ClaimVocabulary.Jitsi)] public partial record T { [Claim(\"room\")] public string? R { get; init; } }",
        "using TokenSchema; [TokenPayload((ClaimVocabulary)99)] public partial record T { [Claim(\"room\")] public string? R { get; init; } }",
        // Member type that does not exist.
        "using TokenSchema; [TokenPayload(ClaimVocabulary.Daily)] public partial record T { [Claim(\"r\")] public Missing R { get; init; } [Claim(\"er\")] public System.Collections.Generic.List<Missing>? E { get; init; } }",
        // Property without a type or a name.
        "using TokenSchema; [TokenPayload(ClaimVocabulary.Daily)] public partial record T { [Claim(\"r\")] public { get; init; } }",
        "using TokenSchema; [TokenPayload(ClaimVocabulary.Daily)] public partial record T { [Claim(\"r\")] public string",
        // Positional record with a half-typed parameter list.
        "using TokenSchema; [TokenPayload(ClaimVocabulary.Daily)] public partial record T([Claim(\"r\")] string R, [Claim(",
        // Type without a name or a body.
        "using TokenSchema; [TokenPayload(ClaimVocabulary.Daily)] public partial record",
        "using TokenSchema; [TokenPayload(ClaimVocabulary.Daily)] public partial class { [Claim(\"r\")] public string? R { get; set; } }",
        // Self-referencing nested payload and a nested type with a broken attribute.
        "using TokenSchema; [TokenPayload(ClaimVocabulary.Daily)] public partial record T { [Claim(\"p\")] public T? P { get; init; } }",
        "using TokenSchema; [TokenPayload(ClaimVocabulary.Daily)] public partial record T { [Claim(\"p\")] public P? Perm { get; init; } } [TokenPayload(ClaimVocabulary.] public partial record P { [Claim(\"hp\")] public bool? H { get; init; } }",
        // Generic payload, indexer with [Claim], static property and an interface.
        "using TokenSchema; [TokenPayload] public partial record T<TValue> { [Claim(\"v\")] public TValue? V { get; init; } [Claim(\"i\")] public int this[int i] => i; [Claim(\"s\")] public static string? S { get; set; } }",
        "using TokenSchema; public interface I { [Claim(\"sub\")] string Subject { get; } }",
        // Attribute on the wrong target and duplicated attributes.
        "using TokenSchema; [TokenPayload(ClaimVocabulary.Daily)] public partial record T { [Claim(\"r\")] public void M() { } [Claim(\"r\")][Claim(\"d\")] public string? R { get; init; } }",
        // No TokenSchema reference resolvable (attribute unknown) and plain garbage.
        "[TokenPayload] public partial record T { [Claim(\"r\")] public string? R { get; init; } }",
        "}}}{{{ [Claim(\"\")] )))",
    };

    [Theory]
    [MemberData(nameof(BrokenSources))]
    public async Task Analyzer_never_throws_on_broken_code(string source)
    {
        // AnalyzeAsync fails the test on any analyzer exception (AD0001).
        await AnalyzerHarness.AnalyzeAsync(AnalyzerHarness.Compile(source), allowCompilerErrors: true);
    }
}
