using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using static TokenSchema.Generator.Tests.Analyzer.AnalyzerHarness;

namespace TokenSchema.Generator.Tests.Analyzer;

/// <summary>TKS0026–TKS0029 and the refusals the shape analysis added, each on its exact span.</summary>
public sealed class ShapeDiagnosticTests
{
    private const string Usings = "using System; using System.Collections.Generic; using TokenSchema;\n";

    [Fact]
    public async Task TKS0026_claims_that_are_no_property()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync(Usings + """
            [TokenPayload]
            public partial struct Room([Claim("r")] string [|room|]) { }

            [TokenPayload]
            public partial class Page([Claim("p")] int [|page|]) { public Page() : this(1) { } }

            [TokenPayload]
            public partial record Statics { [Claim("s")] public static string? [|S|] { get; set; } [Claim("a")] public int A { get; init; } }

            [TokenPayload]
            public partial record Indexed { [Claim("i")] public int [|this|][int i] => i; }

            [TokenPayload]
            public partial record Shadowed([Claim("a")] int [|A|]) { private readonly int A = A; }

            [TokenPayload]
            public partial struct Plain(int seed) { [Claim("a")] public int A { get; set; } = seed; }
            """, "TKS0026");

        Assert.Equal(
            new[]
            {
                "'room' cannot be a claim of 'Room': a primary-constructor parameter of a class or struct is not a property; declare a [Claim] property initialized from it, or make the type a record",
                "'page' cannot be a claim of 'Page': a primary-constructor parameter of a class or struct is not a property; declare a [Claim] property initialized from it, or make the type a record",
                "'S' cannot be a claim of 'Statics': a static property belongs to no payload instance",
                "'this[]' cannot be a claim of 'Indexed': an indexer holds no single value",
                "'A' cannot be a claim of 'Shadowed': the record declares a member of that name that is not a property, so the writer has nothing to read",
            },
            diagnostics.Select(d => d.GetMessage()));
    }

    [Fact]
    public async Task TKS0027_hook_with_another_signature()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync(Usings + """
            [TokenPayload]
            public partial record NoRef
            {
                [Claim("a")] public int A { get; init; }
                public void [|ValidateClaims|](ClaimProblemCollector problems) { }
            }

            [TokenPayload]
            public partial record Fine
            {
                [Claim("a")] public int A { get; init; }
                private void ValidateClaims(ref ClaimProblemCollector problems) { }
                public static void ValidateClaims(int unrelated) { }
            }
            """, "TKS0027");

        Assert.Equal(
            "'NoRef' declares ValidateClaims, but Validate() only calls an instance method 'void ValidateClaims(ref ClaimProblemCollector problems)'",
            diagnostics.Single().GetMessage());
    }

    [Fact]
    public async Task TKS0028_lone_surrogate_in_a_claim_name()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync(Usings + """
            [TokenPayload]
            public partial record Odd
            {
                [Claim([|"a\uD800"|])] public string? A { get; init; }
                [Claim("\uD83D\uDE00")] public string? Face { get; init; }
            }
            """, "TKS0028");

        Assert.Equal("The claim name \"a\\ud800\" has a lone surrogate at index 1, which UTF-8 cannot encode", diagnostics.Single().GetMessage());
    }

    [Fact]
    public async Task TKS0029_one_error_per_payload_below_CSharp_11()
    {
        (string source, var expected) = ParseMarkup(Usings + """
            namespace N
            {
                [TokenPayload] public partial class [|First|] { [Claim("")] public object? Bad { get; set; } }
                public partial class Outer { [TokenPayload] public partial class [|Second|] { [Claim("b")] public string? B { get; set; } } }
            }
            """, "TKS0029");
        CSharpCompilation compilation = CSharpCompilation.Create(
            "Old",
            new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.CSharp10), path: "Test.cs") },
            References,
            AnalyzerHarness.CompilationOptions);

        ImmutableArray<Diagnostic> diagnostics = await AnalyzeAsync(compilation);

        Assert.Equal(expected.Select(e => ("TKS0029", e.Span)), diagnostics.Select(d => (d.Id, d.Location.SourceSpan)));
        Assert.Equal(
            "'First' is not generated: the project compiles C# 10.0, and the generated code needs C# 11.0 or later; raise LangVersion",
            diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task TKS0021_claim_holding_a_payload_that_is_not_generated()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync(Usings + """
            [TokenPayload]
            public partial record Holder
            {
                [Claim("n")] public {|TKS0021:Broken?|} Nested { get; init; }
                [Claim("l")] public {|TKS0021:IReadOnlyList<Broken>?|} Many { get; init; }
                [Claim("c")] public Cycle? Through { get; init; }
            }

            [TokenPayload]
            public partial record Broken { [Claim({|TKS0010:""|})] public int A { get; init; } }

            [TokenPayload]
            public partial record Cycle { [Claim("h")] public {|TKS0021:Holder?|} Back { get; init; } [Claim("s")] public Cycle? Self { get; init; } }

            [TokenPayload]
            public partial record Loop { [Claim("s")] public Loop? Self { get; init; } [Claim("o")] public Other? Other { get; init; } }

            [TokenPayload]
            public partial record Other { [Claim("l")] public Loop? Back { get; init; } }
            """);

        Assert.Contains("fix the errors reported on 'Broken'", diagnostics.First(d => d.Id == "TKS0021").GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task TKS0020_null_converter_and_TKS0026_ref_parameter()
    {
        await VerifyAsync(Usings + """
            [TokenPayload]
            public partial record P([Claim("r")] ref int {|TKS0026:R|}) { }

            [TokenPayload]
            public partial record Q { [Claim("a"), ClaimConverter({|TKS0020:null!|})] public string? A { get; init; } }
            """, allowCompilerErrors: true);
    }
}
