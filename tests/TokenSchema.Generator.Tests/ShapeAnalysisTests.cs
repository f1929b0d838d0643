using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using TokenSchema.Generator.Model;
using TokenSchema.Generator.Tests.Analyzer;
using Xunit;

namespace TokenSchema.Generator.Tests;

/// <summary>
/// Shapes the generator and the analyzer once judged apart: each is now generated correctly or refused with a TKS error
/// by both, from the one shape analysis.
/// </summary>
public sealed class ShapeAnalysisTests
{
    /// <summary>Runs the generator and then the analyzer over the generator's output.</summary>
    internal static async Task<(GeneratorRun Run, ImmutableArray<Diagnostic> Tks)> RunBoth(string source, LanguageVersion version = LanguageVersion.CSharp12)
    {
        CSharpCompilation compilation = TestHelpers.CreateCompilation(new CSharpParseOptions(version, DocumentationMode.Parse), source);
        GeneratorRun run = TestHelpers.Run(compilation);
        Assert.All(run.RunResult.Results, r => Assert.Null(r.Exception));
        ImmutableArray<Diagnostic> tks = await AnalyzerHarness.AnalyzeAsync(run.OutputCompilation, allowCompilerErrors: true);
        return (run, tks);
    }

    private static void AssertRefused(GeneratorRun run, ImmutableArray<Diagnostic> tks, string id, string typeName)
    {
        Assert.DoesNotContain(run.Sources.Keys, key => key.Contains(typeName, StringComparison.Ordinal));
        Diagnostic diagnostic = Assert.Single(tks, d => d.Id == id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Empty(run.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Theory]
    [InlineData("double.NaN", "NaN")]
    [InlineData("double.PositiveInfinity", "Infinity")]
    [InlineData("double.NegativeInfinity", "-Infinity")]
    [InlineData("-0.5", "-0.5")]
    public void Positional_double_default_is_kept_when_the_claim_is_missing(string literal, string expected)
    {
        using LoadedAssembly loaded = TestHelpers.CompileAndLoad(
            "using TokenSchema; namespace S; [TokenPayload] public sealed partial record P([Claim(\"n\")] string Name, [Claim(\"x\")] double X = " + literal + ");");

        ReadOutcome outcome = loaded.Read("S.P", "{\"n\":\"a\"}");

        Assert.True(outcome.Success);
        Assert.Equal(expected, ((double)LoadedAssembly.Get(outcome.Payload!, "X")!).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Ulong_enum_default_of_the_largest_value_is_generated()
    {
        const string source = """
            using TokenSchema;
            namespace S;
            public enum Big : ulong { Small = 1, Max = ulong.MaxValue }
            public enum Negative : sbyte { Low = -128, Zero = 0 }
            [TokenPayload]
            public sealed partial record P([Claim("n")] string Name, [Claim("b")] Big Size = Big.Max, [Claim("g")] Negative Sign = Negative.Low);
            """;
        using LoadedAssembly loaded = TestHelpers.CompileAndLoad(source);

        ReadOutcome missing = loaded.Read("S.P", "{\"n\":\"a\"}");
        ReadOutcome present = loaded.Read("S.P", "{\"n\":\"a\",\"b\":\"Small\",\"g\":\"Zero\"}");

        Assert.True(missing.Success);
        Assert.Equal("Max", LoadedAssembly.Get(missing.Payload!, "Size")!.ToString());
        Assert.Equal("Low", LoadedAssembly.Get(missing.Payload!, "Sign")!.ToString());
        Assert.Equal("Small", LoadedAssembly.Get(present.Payload!, "Size")!.ToString());
        Assert.Equal("{\"n\":\"a\",\"b\":\"Max\",\"g\":\"Low\"}", loaded.Write(missing.Payload!));
    }

    [Theory]
    [InlineData("public partial struct P([Claim(\"r\")] string room) { }", "P")]
    [InlineData("public partial class P([Claim(\"r\")] string room) { public P() : this(\"x\") { } }", "P")]
    public async Task Claim_on_a_primary_constructor_parameter_of_a_class_or_struct_is_refused(string declaration, string typeName)
    {
        (GeneratorRun run, ImmutableArray<Diagnostic> tks) = await RunBoth("using TokenSchema; namespace S; [TokenPayload] " + declaration);

        AssertRefused(run, tks, "TKS0026", typeName);
        Assert.Contains("primary-constructor parameter", tks.Single(d => d.Id == "TKS0026").GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Claim_on_a_static_property_is_refused()
    {
        (GeneratorRun run, ImmutableArray<Diagnostic> tks) = await RunBoth(
            "using TokenSchema; namespace S; [TokenPayload] public partial record P { [Claim(\"a\")] public static string? A { get; set; } }");

        AssertRefused(run, tks, "TKS0026", "S.P");
    }

    [Theory]
    [InlineData("public void ValidateClaims(ClaimProblemCollector problems) { }")]
    [InlineData("public bool ValidateClaims(ref ClaimProblemCollector problems) => true;")]
    [InlineData("public static void ValidateClaims(ref ClaimProblemCollector problems) { }")]
    [InlineData("public void ValidateClaims(ref int problems) { }")]
    [InlineData("public void ValidateClaims(in ClaimProblemCollector problems) { }")]
    public async Task ValidateClaims_with_another_signature_is_refused_naming_the_expected_one(string method)
    {
        (GeneratorRun run, ImmutableArray<Diagnostic> tks) = await RunBoth(
            "using TokenSchema; namespace S; [TokenPayload] public partial record P { [Claim(\"a\")] public int A { get; init; } " + method + " }");

        AssertRefused(run, tks, "TKS0027", "S.P");
        Assert.Contains("void ValidateClaims(ref ClaimProblemCollector problems)", tks.Single().GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateClaims_overload_beside_the_hook_is_fine()
    {
        (GeneratorRun run, ImmutableArray<Diagnostic> tks) = await RunBoth(
            "using TokenSchema; namespace S; [TokenPayload] public partial record P { [Claim(\"a\")] public int A { get; init; } " +
            "void ValidateClaims(ref ClaimProblemCollector problems) { } public void ValidateClaims(int other) { } }");

        Assert.Empty(tks);
        TestHelpers.AssertNoDiagnostics(run);
        Assert.Contains("ValidateClaims(ref __problems)", run.Sources.Single().Value, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\\uD800")]
    [InlineData("a\\uDC00")]
    [InlineData("\\uDBFFz")]
    public async Task Claim_name_with_a_lone_surrogate_is_refused(string escaped)
    {
        (GeneratorRun run, ImmutableArray<Diagnostic> tks) = await RunBoth(
            "using TokenSchema; namespace S; [TokenPayload] public partial record P { [Claim(\"" + escaped + "\")] public int A { get; init; } }");

        AssertRefused(run, tks, "TKS0028", "S.P");
    }

    [Fact]
    public async Task Enum_claim_value_with_a_lone_surrogate_is_refused()
    {
        (GeneratorRun run, ImmutableArray<Diagnostic> tks) = await RunBoth(
            "using TokenSchema; namespace S; public enum E { [ClaimValue(\"\\uD800\")] A } [TokenPayload] public partial record P { [Claim(\"e\")] public E V { get; init; } }");

        AssertRefused(run, tks, "TKS0021", "S.P");
    }

    [Fact]
    public async Task Claim_names_with_quotes_backslashes_controls_and_surrogate_pairs_round_trip()
    {
        const string source = """
            using TokenSchema;
            namespace S;
            public enum Mode { [ClaimValue("say \"hi\"\\\t")] Quoted, [ClaimValue("\U0001F600")] Smile }
            [TokenPayload]
            public sealed partial record P
            {
                [Claim("q\"uote")] public string? Quote { get; init; }
                [Claim("back\\slash")] public string? Back { get; init; }
                [Claim("tab\tnew\nline\0nul\u001f")] public int? Control { get; init; }
                [Claim("\U0001F600")] public Mode? Face { get; init; }
                [Claim("line\u2028sep")] public bool? Separator { get; init; }
            }
            """;
        (_, ImmutableArray<Diagnostic> tks) = await RunBoth(source);
        Assert.Empty(tks.Select(d => d.ToString()));
        using LoadedAssembly loaded = TestHelpers.CompileAndLoad(source);
        const string json = "{\"q\\\"uote\":\"1\",\"back\\\\slash\":\"2\",\"tab\\tnew\\nline\\u0000nul\\u001F\":3,\"\uD83D\uDE00\":\"say \\\"hi\\\"\\\\\\t\",\"line\\u2028sep\":true}";

        ReadOutcome outcome = loaded.Read("S.P", json);

        Assert.True(outcome.Success, outcome.Error.ToString());
        Assert.Equal("1", LoadedAssembly.Get(outcome.Payload!, "Quote"));
        Assert.Equal("2", LoadedAssembly.Get(outcome.Payload!, "Back"));
        Assert.Equal(3, LoadedAssembly.Get(outcome.Payload!, "Control"));
        Assert.Equal("Quoted", LoadedAssembly.Get(outcome.Payload!, "Face")!.ToString());
        ReadOutcome again = loaded.Read("S.P", loaded.Write(outcome.Payload!));
        Assert.True(again.Success);
        Assert.Equal(outcome.Payload, again.Payload);
    }

    [Fact]
    public async Task Types_whose_names_once_shared_a_hint_name_each_get_their_own_file()
    {
        const string source = """
            using TokenSchema;
            [TokenPayload] public partial record @class { [Claim("a")] public int A { get; init; } }
            [TokenPayload] public partial record _class { [Claim("a")] public int A { get; init; } }
            namespace N { public partial class Outer { [TokenPayload] public partial record Inner { [Claim("a")] public int X { get; init; } } } }
            namespace N.Outer2 { [TokenPayload] public partial record Inner { [Claim("a")] public int X { get; init; } } }
            namespace Ü { [TokenPayload] public partial record Ä { [Claim("a")] public int X { get; init; } } }
            namespace _ { [TokenPayload] public partial record _ { [Claim("a")] public int X { get; init; } } }
            """;
        (GeneratorRun run, ImmutableArray<Diagnostic> tks) = await RunBoth(source);

        Assert.Empty(tks);
        TestHelpers.AssertNoDiagnostics(run);
        Assert.Equal(6, run.Sources.Count);
        Assert.Contains("class.TokenPayload.g.cs", run.Sources.Keys);
        Assert.Contains("_class.TokenPayload.g.cs", run.Sources.Keys);
        Assert.Contains("N.Outer-Inner.TokenPayload.g.cs", run.Sources.Keys);
        Assert.Contains("N.Outer2.Inner.TokenPayload.g.cs", run.Sources.Keys);
        Assert.Contains("_._.TokenPayload.g.cs", run.Sources.Keys);
        Assert.Single(run.Sources.Keys, key => key.StartsWith("_._.", StringComparison.Ordinal) && key != "_._.TokenPayload.g.cs");
    }

    [Fact]
    public async Task Payload_marked_on_two_partial_declarations_is_generated_once()
    {
        const string source = """
            using TokenSchema;
            namespace S;
            [TokenPayload] public partial record P { [Claim("a")] public int A { get; init; } }
            [TokenPayload] public partial record P { [Claim("b")] public int B { get; init; } }
            """;
        (GeneratorRun run, _) = await RunBoth(source);

        Assert.Single(run.Sources);
        Assert.Contains(run.Diagnostics, d => d.Id == "CS0579"); // The compiler's own duplicate-attribute error.
        Assert.DoesNotContain(run.Diagnostics, d => d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true);
    }

    [Theory]
    [InlineData(LanguageVersion.CSharp7_3)]
    [InlineData(LanguageVersion.CSharp9)]
    [InlineData(LanguageVersion.CSharp10)]
    public async Task Language_version_older_than_11_gets_one_error_per_payload_and_no_code(LanguageVersion version)
    {
        const string source = """
            using TokenSchema;
            namespace S
            {
                [TokenPayload] public partial class P { [Claim("a")] public int A { get; set; } [Claim("")] public object? Bad { get; set; } }
                [TokenPayload] public partial class Q { [Claim("b")] public string? B { get; set; } }
            }
            """;
        (GeneratorRun run, ImmutableArray<Diagnostic> tks) = await RunBoth(source, version);

        Assert.Empty(run.Sources);
        Assert.Equal(new[] { "TKS0029", "TKS0029" }, tks.Select(d => d.Id));
        Assert.Contains("C# 11", tks[0].GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Language_version_11_compiles_the_generated_code()
    {
        const string source = """
            using TokenSchema;
            namespace S
            {
                public enum E { A, B }
                [TokenPayload] public sealed partial record P([Claim("a")] int A, [Claim("e")] E Mode = E.B)
                {
                    [Claim("n")] public required string Name { get; init; }
                    [Claim("l")] public System.Collections.Generic.IReadOnlyList<string>? List { get; init; }
                    [Claim("q")] public Q? Nested { get; init; }
                    void ValidateClaims(ref ClaimProblemCollector problems) { }
                }
                [TokenPayload] public partial struct Q { [Claim("b")] public bool B { get; set; } }
            }
            """;
        (GeneratorRun run, ImmutableArray<Diagnostic> tks) = await RunBoth(source, LanguageVersion.CSharp11);

        Assert.Empty(tks);
        Assert.Equal(2, run.Sources.Count);
        TestHelpers.AssertNoDiagnostics(run);
    }

    [Fact]
    public void Generator_failure_becomes_a_located_TKS0030_error()
    {
        SyntaxTree tree = CSharpSyntaxTree.ParseText("class Payload { }", path: "Payload.cs");
        Location location = Location.Create(tree, new TextSpan(6, 7));

        GeneratorFailure failure = GeneratorFailure.Create("Payload", new InvalidOperationException("bad\nthing"), location);
        Diagnostic diagnostic = failure.ToDiagnostic();

        Assert.Equal("TKS0030", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal("Payload.cs", diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(new TextSpan(6, 7), diagnostic.Location.SourceSpan);
        Assert.Contains("InvalidOperationException: bad thing", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Equal(failure, GeneratorFailure.Create("Payload", new InvalidOperationException("bad\nthing"), location));
    }

    [Fact]
    public async Task Required_field_that_is_not_a_claim_is_refused()
    {
        (GeneratorRun run, ImmutableArray<Diagnostic> tks) = await RunBoth(
            "using TokenSchema; namespace S; [TokenPayload] public partial class P { [Claim(\"a\")] public int A { get; set; } public required int F; }");

        AssertRefused(run, tks, "TKS0017", "S.P");
    }

    [Fact]
    public async Task Whitespace_claim_name_is_refused_by_both()
    {
        (GeneratorRun run, ImmutableArray<Diagnostic> tks) = await RunBoth(
            "using TokenSchema; namespace S; [TokenPayload] public partial record P { [Claim(\" \")] public int A { get; init; } }");

        AssertRefused(run, tks, "TKS0010", "S.P");
    }

    [Fact]
    public async Task Payload_holding_a_refused_payload_is_refused_and_cycles_are_generated()
    {
        const string source = """
            using TokenSchema;
            namespace S;
            [TokenPayload] public partial record Holder { [Claim("n")] public Broken? Nested { get; init; } }
            [TokenPayload] public partial record Broken { [Claim("")] public int A { get; init; } }
            [TokenPayload] public partial record Loop { [Claim("s")] public Loop? Self { get; init; } [Claim("o")] public Other? Other { get; init; } }
            [TokenPayload] public partial record Other { [Claim("l")] public System.Collections.Generic.IReadOnlyList<Loop>? Back { get; init; } }
            """;
        (GeneratorRun run, ImmutableArray<Diagnostic> tks) = await RunBoth(source);

        Assert.Equal(new[] { "S.Loop.TokenPayload.g.cs", "S.Other.TokenPayload.g.cs" }, run.Sources.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new[] { "TKS0021", "TKS0010" }, tks.Select(d => d.Id));
        Assert.Empty(run.Diagnostics);
    }
}
