using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TokenSchema.Generator.Tests.Analyzer;
using Xunit;
using Xunit.Abstractions;

namespace TokenSchema.Generator.Tests;

/// <summary>
/// Runs the generator and the analyzer over a corpus of generated sources (well-formed, broken, half-typed and hostile)
/// and checks that they agree on every payload type: the analyzer reports a shape error exactly when the generator emits
/// nothing, the generator never throws, and generated code never fails to compile. Since both call the same shape
/// analysis, agreement alone cannot catch that analysis going wrong: every corpus source also carries its verdict,
/// written down with the case (<c>valid</c>, or the TKS error ids expected; see <see cref="Verdict"/>), and the verdict
/// found must be that one. Only errors make a verdict: a new warning (or info) changes none.
/// </summary>
public sealed class AgreementTests
{
    /// <summary>
    /// The vocabulary checks: errors about what the platform accepts, which leave the payload generatable. Every other
    /// TKS error is a reason the generator refuses the type.
    /// </summary>
    private static readonly HashSet<string> VocabularyIds = new(StringComparer.Ordinal)
    {
        "TKS0001", "TKS0003", "TKS0004", "TKS0005", "TKS0012", "TKS0013", "TKS0022",
    };

    private const string Preamble = """
        using System;
        using System.Collections.Generic;
        using TokenSchema;
        namespace Corpus.Support
        {
            public enum Color { Red, [ClaimValue("green")] Green, Blue = 7 }
            public enum Big : ulong { Small = 1, Max = ulong.MaxValue }
            public enum Tiny : sbyte { Low = -128, High = 127 }
            public enum Empty { }
            public enum Twin { [ClaimValue("x")] A, [ClaimValue("x")] B }
            public enum Odd { [ClaimValue("\uD800")] A }
            [TokenPayload] public partial record Inner { [Claim("i")] public int I { get; init; } }
            public sealed class Upper : IClaimConverter<string>
            {
                public static void Write(System.Text.Json.Utf8JsonWriter writer, string value) => writer.WriteStringValue(value.ToUpperInvariant());
                public static bool TryRead(ref System.Text.Json.Utf8JsonReader reader, out string value) { value = reader.GetString() ?? ""; return true; }
            }
            public sealed class Open<T> : IClaimConverter<T>
            {
                public static void Write(System.Text.Json.Utf8JsonWriter writer, T value) => writer.WriteNullValue();
                public static bool TryRead(ref System.Text.Json.Utf8JsonReader reader, out T value) { value = default!; return false; }
            }
        }
        """;

    /// <summary>
    /// Member types, each with its verdict as the claim of a payload in every member shape but <c>struct-getonly</c>
    /// (a get-only struct property cannot be read into: that shape adds TKS0019 to the verdict).
    /// </summary>
    private static readonly (string Type, string Verdict)[] MemberTypes =
    {
        ("string", "valid"),
        ("string?", "valid"),
        ("int", "valid"),
        ("int?", "valid"),
        ("long", "valid"),
        ("long?", "valid"),
        ("double", "valid"),
        ("double?", "valid"),
        ("bool", "valid"),
        ("bool?", "valid"),
        ("Guid", "valid"),
        ("Uri?", "valid"),
        ("DateTimeOffset", "valid"),
        ("DateTimeOffset?", "valid"),
        ("TimeSpan", "valid"),
        ("System.Text.Json.JsonElement", "valid"),
        ("System.Text.Json.JsonElement?", "valid"),
        ("string[]", "valid"),
        ("int[]?", "valid"),
        ("IReadOnlyList<string>", "valid"),
        ("IReadOnlyList<int?>?", "valid"),
        ("IReadOnlyDictionary<string, long>", "valid"),
        ("IReadOnlyDictionary<int, long>", "TKS0008"),
        ("IReadOnlyDictionary<string, IReadOnlyList<Color>>", "valid"),
        ("List<string>", "TKS0021"),
        ("Dictionary<string, int>", "TKS0021"),
        ("IEnumerable<string>", "TKS0021"),
        ("int[][]", "valid"),
        ("int[,]", "TKS0008"),
        ("short", "TKS0021"),
        ("uint", "TKS0021"),
        ("ulong", "TKS0021"),
        ("decimal", "TKS0021"),
        ("float", "TKS0021"),
        ("char", "TKS0008"),
        ("byte", "TKS0021"),
        ("object", "TKS0008"),
        ("dynamic", "TKS0008"),
        ("(int, string)", "TKS0008"),
        ("Span<int>", "TKS0008"),
        ("Action", "TKS0008"),
        ("IntPtr", "TKS0008"),
        ("Color", "valid"),
        ("Color?", "valid"),
        ("Big", "valid"),
        ("Big[]", "valid"),
        ("Tiny", "valid"),
        ("Empty", "TKS0021"),
        ("Twin", "TKS0021"),
        ("Odd", "TKS0021"),
        ("Inner", "valid"),
        ("Inner?", "valid"),
        ("IReadOnlyList<Inner>", "valid"),
        ("SELF?", "valid"),
        ("Missing", "compiler errors"),
        ("IReadOnlyList<Missing>", "compiler errors"),
    };

    /// <summary>Claim names (C# source text), each with its verdict as a claim name (also positional) and as an enum claim value.</summary>
    private static readonly (string Name, string AsClaim, string AsEnumValue)[] ClaimNames =
    {
        ("a", "valid", "valid"),
        ("q\\\"uote", "valid", "valid"),
        ("back\\\\slash", "valid", "valid"),
        ("\\t\\n\\r\\0", "valid", "valid"),
        ("\\u001f", "valid", "valid"),
        ("\\uD800", "TKS0028", "TKS0021"),
        ("a\\uDC00", "TKS0028", "TKS0021"),
        ("\\uD83D\\uDE00", "valid", "valid"),
        ("\\uDE00\\uD83D", "TKS0028", "TKS0021"),
        ("", "TKS0010", "TKS0021"),
        (" ", "TKS0010", "valid"),
        ("\\u2028", "TKS0010", "valid"),
        ("\\u00e9t\\u00e9", "valid", "valid"),
        ("{0}", "valid", "valid"),
        ("\\\\u0041", "valid", "valid"),
        ("</script>", "valid", "valid"),
        ("a b", "valid", "valid"),
        (new string('n', 1000), "valid", "valid"),
    };

    private readonly ITestOutputHelper _output;

    public AgreementTests(ITestOutputHelper output) => _output = output;

    /// <summary>One corpus entry: a name for failure messages, the source, and the C# version it compiles as.</summary>
    internal sealed record CorpusSource(string Name, string Text, LanguageVersion Version = LanguageVersion.CSharp12)
    {
        /// <summary>The verdict written down with the case (see <see cref="Verdict"/>); null only while recording.</summary>
        public string? Expected { get; init; }
    }

    [Fact]
    public async Task Analyzer_errors_match_exactly_the_payloads_the_generator_refuses()
    {
        List<CorpusSource> corpus = Corpus().ToList();
        int payloads = 0, generated = 0, refused = 0, refusedOnCompilerErrors = 0, vocabularyErrorsGenerated = 0;
        var failures = new List<string>();
        var verdictFailures = new List<string>();
        var recorded = new StringBuilder();

        foreach (CorpusSource source in corpus)
        {
            var verdicts = new List<string>();
            CSharpCompilation compilation = TestHelpers.CreateCompilation(new CSharpParseOptions(source.Version, DocumentationMode.Parse), source.Text);
            GeneratorRun run = TestHelpers.Run(compilation);
            foreach (GeneratorRunResult result in run.RunResult.Results)
            {
                if (result.Exception != null) failures.Add(source.Name + ": the generator threw " + result.Exception);
            }

            foreach (Diagnostic diagnostic in run.RunResult.Diagnostics)
            {
                // CS8785 is a generator that threw; TKS0030 a failure the generator caught.
                failures.Add(source.Name + ": the generator reported " + diagnostic);
            }

            var generatedTrees = new HashSet<SyntaxTree>(run.RunResult.GeneratedTrees);
            ImmutableArray<Diagnostic> compilerDiagnostics = run.OutputCompilation.GetDiagnostics();
            foreach (Diagnostic diagnostic in compilerDiagnostics)
            {
                if (diagnostic.Severity == DiagnosticSeverity.Error && diagnostic.Location.SourceTree is { } tree && generatedTrees.Contains(tree))
                {
                    failures.Add(source.Name + ": generated code does not compile: " + diagnostic);
                }
            }

            ImmutableArray<Diagnostic> tks = await AnalyzerHarness.AnalyzeAsync(run.OutputCompilation, allowCompilerErrors: true);
            List<INamedTypeSymbol> types = PayloadTypes(compilation);
            foreach (INamedTypeSymbol type in types)
            {
                payloads++;
                bool isGenerated = run.Sources.ContainsKey(Parser.HintNameOf(type));
                List<Diagnostic> shapeErrors = tks.Where(d => d.Severity == DiagnosticSeverity.Error && !VocabularyIds.Contains(d.Id) && BelongsTo(d, type, types)).ToList();
                bool vocabularyError = tks.Any(d => d.Severity == DiagnosticSeverity.Error && VocabularyIds.Contains(d.Id) && BelongsTo(d, type, types));
                bool compilerError = compilerDiagnostics.Any(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree is { } tree &&
                    !generatedTrees.Contains(tree) && Within(d.Location, type));
                string label = source.Name + " / " + type.ToDisplayString();
                if (type.ContainingNamespace.ToDisplayString() != "Corpus.Support")
                {
                    verdicts.Add(Verdict(type, isGenerated, tks, types));
                }

                if (isGenerated)
                {
                    generated++;
                    if (vocabularyError) vocabularyErrorsGenerated++;
                    if (shapeErrors.Count > 0)
                    {
                        failures.Add(label + ": generated although the analyzer reports " + string.Join("; ", shapeErrors));
                    }
                }
                else
                {
                    refused++;
                    if (shapeErrors.Count == 0)
                    {
                        if (compilerError) refusedOnCompilerErrors++;
                        else failures.Add(label + ": not generated, and the analyzer reports no error" +
                            (tks.Length > 0 ? " (it reports " + string.Join("; ", tks) + ")" : string.Empty));
                    }
                }
            }

            string actual = string.Join("; ", verdicts.Order(StringComparer.Ordinal));
            recorded.Append(source.Name).Append('\t').Append(actual).Append('\n');
            if (actual != source.Expected)
            {
                verdictFailures.Add($"{source.Name}: expected {source.Expected ?? "(nothing written down)"}, got {actual}");
            }
        }

        if (Environment.GetEnvironmentVariable("TOKENSCHEMA_RECORD_VERDICTS") is { Length: > 0 } path)
        {
            System.IO.File.WriteAllText(path, recorded.ToString());
        }

        _output.WriteLine($"sources: {corpus.Count}");
        _output.WriteLine($"verdicts written down: {corpus.Count - verdictFailures.Count} of {corpus.Count} as expected");
        _output.WriteLine($"payload types: {payloads}");
        _output.WriteLine($"generated: {generated} (of which with vocabulary errors only: {vocabularyErrorsGenerated})");
        _output.WriteLine($"refused: {refused} (with a TKS error: {refused - refusedOnCompilerErrors}; on the compiler's own errors only: {refusedOnCompilerErrors})");
        Assert.True(corpus.Count >= 200, $"The corpus has only {corpus.Count} sources.");
        Assert.True(generated >= 100 && refused - refusedOnCompilerErrors >= 100, $"The corpus is lopsided: {generated} generated, {refused} refused.");
        Assert.True(failures.Count == 0, failures.Count + " disagreements:\n" + string.Join("\n", failures.Take(40)));
        Assert.True(verdictFailures.Count == 0, verdictFailures.Count + " verdicts differ from the ones written down:\n" + string.Join("\n", verdictFailures.Take(40)));
    }

    /// <summary>
    /// A payload type's verdict: <c>valid</c> when the generator emits it, else the ids of the TKS errors about it, sorted
    /// and comma-separated (<c>compiler errors</c> when there is none: only the compiler's own errors refuse it). A type
    /// generated despite errors (the vocabulary checks) is <c>valid</c> followed by those ids. Only errors count:
    /// warnings and infos never change a verdict, so a new warning needs no change here. A source with several payload
    /// types (besides the preamble's) lists <c>Name=verdict</c> for each, by name.
    /// </summary>
    private static string Verdict(INamedTypeSymbol type, bool isGenerated, ImmutableArray<Diagnostic> tks, List<INamedTypeSymbol> types)
    {
        string[] ids = tks.Where(d => d.Severity == DiagnosticSeverity.Error && BelongsTo(d, type, types)).Select(d => d.Id)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        string verdict = isGenerated
            ? ids.Length == 0 ? "valid" : "valid " + string.Join(",", ids)
            : ids.Length == 0 ? "compiler errors" : string.Join(",", ids);
        return types.Count(t => t.ContainingNamespace.ToDisplayString() != "Corpus.Support") > 1 ? type.ToDisplayString().Replace("Corpus.", "", StringComparison.Ordinal) + "=" + verdict : verdict;
    }

    [Fact]
    public void Belonging_attributes_a_diagnostic_to_the_innermost_payload()
    {
        // Proves the attribution above can tell payloads apart: an error inside a nested payload is not the outer one's.
        CSharpCompilation compilation = TestHelpers.CreateCompilation(
            "using TokenSchema; [TokenPayload] public partial record O { [TokenPayload] public partial record I { [Claim(\"\")] public int A { get; init; } } [Claim(\"o\")] public int B { get; init; } }");
        List<INamedTypeSymbol> types = PayloadTypes(compilation);
        SyntaxTree tree = compilation.SyntaxTrees.Single();
        int at = tree.ToString().IndexOf("\"\"", StringComparison.Ordinal);
        Diagnostic diagnostic = Diagnostic.Create(Generator.Diagnostics.DiagnosticDescriptors.EmptyClaimName,
            Location.Create(tree, new Microsoft.CodeAnalysis.Text.TextSpan(at, 2)), "A");

        Assert.Equal(new[] { "I" }, types.Where(t => BelongsTo(diagnostic, t, types)).Select(t => t.Name));
    }

    private static IEnumerable<CorpusSource> Corpus()
    {
        // Every member type in every member shape.
        string[] shapes = { "record-init", "class-set", "positional", "struct-getonly", "required-class", "initializer-record" };
        for (int t = 0; t < MemberTypes.Length; t++)
        {
            foreach (string shape in shapes)
            {
                (string type, string verdict) = MemberTypes[t];
                string body = shape switch
                {
                    "record-init" => "public sealed partial record P { [Claim(\"c\")] public SELF-TYPE V { get; init; } [Claim(\"k\")] public int K { get; init; } }",
                    "class-set" => "public partial class P { [Claim(\"c\")] public SELF-TYPE V { get; set; } = default!; }",
                    "positional" => "public partial record struct P([Claim(\"c\")] SELF-TYPE V, [property: Claim(\"k\")] int K = 3);",
                    "struct-getonly" => "public partial struct P { [Claim(\"c\")] public SELF-TYPE V { get; } }",
                    "required-class" => "public sealed partial class P { [Claim(\"c\")] public required SELF-TYPE V { get; init; } }",
                    _ => "public partial record P { [Claim(\"c\")] public SELF-TYPE V { get; init; } = default!; }",
                };
                yield return Source("type " + type + " as " + shape, "[TokenPayload] " + body.Replace("SELF-TYPE", type.Replace("SELF", "P")),
                    shape == "struct-getonly" ? WithError(verdict, "TKS0019") : verdict);
            }
        }

        // Claim names: escapes, surrogates, empty and long names, and duplicates.
        for (int n = 0; n < ClaimNames.Length; n++)
        {
            (string name, string asClaim, string asEnumValue) = ClaimNames[n];
            yield return Source("name " + n, "[TokenPayload] public partial record P { [Claim(\"" + name + "\")] public string? A { get; init; } }", asClaim);
            yield return Source("positional name " + n, "[TokenPayload] public partial record P([Claim(\"" + name + "\")] Color A);", asClaim);
            yield return Source("enum value " + n, "public enum V { [ClaimValue(\"" + name + "\")] A } [TokenPayload] public partial record P { [Claim(\"v\")] public V? A { get; init; } }", asEnumValue);
        }

        yield return Source("duplicate names", "[TokenPayload] public partial record P { [Claim(\"a\")] public int A { get; init; } [Claim(\"a\")] public int B { get; init; } }", "TKS0006");
        yield return Source("null name", "[TokenPayload] public partial record P { [Claim(null!)] public int A { get; init; } }", "TKS0010");
        yield return Source("name from a constant", "[TokenPayload] public partial record P { const string N = \"x\"; [Claim(N)] public int A { get; init; } }", "valid");

        // Claim counts.
        foreach (int count in new[] { 0, 1, 63, 64, 65, 200, 10_000 })
        {
            var many = new StringBuilder("[TokenPayload] public partial class P {");
            for (int i = 0; i < count; i++)
            {
                many.Append(" [Claim(\"c").Append(i).Append("\")] public int? M").Append(i).Append(" { get; set; }");
            }

            // At most 64 claims (TKS0018 past them).
            yield return Source(count + " claims", many.Append(" }").ToString(), count <= 64 ? "valid" : "TKS0018");
        }

        // Type shapes.
        (string Source, string Verdict)[] declarations =
        {
            ("[TokenPayload] public record P { [Claim(\"a\")] public int A { get; init; } }", "TKS0007"),
            ("[TokenPayload] public class P { [Claim(\"a\")] public int A { get; set; } }", "TKS0007"),
            ("public class Outer { [TokenPayload] public partial record P { [Claim(\"a\")] public int A { get; init; } } }", "TKS0007"),
            ("public partial class Outer { public class Middle { [TokenPayload] public partial record P { [Claim(\"a\")] public int A { get; init; } } } }", "TKS0007"),
            ("public partial class Outer<T> { [TokenPayload] public partial record P { [Claim(\"a\")] public int A { get; init; } } }", "TKS0014"),
            ("public partial class Outer { public partial struct Middle { [TokenPayload] public partial record P { [Claim(\"a\")] public int A { get; init; } } } }", "valid"),
            ("[TokenPayload] public partial record P<T> { [Claim(\"a\")] public T? A { get; init; } }", "TKS0014"),
            ("[TokenPayload] public abstract partial record P { [Claim(\"a\")] public int A { get; init; } }", "TKS0014"),
            ("[TokenPayload] public static partial class P { }", "TKS0014"),
            ("[TokenPayload] public ref partial struct P { [Claim(\"a\")] public int A { get; set; } }", "TKS0014"),
            ("[TokenPayload] file partial record P { [Claim(\"a\")] public int A { get; init; } }", "TKS0014"),
            ("[TokenPayload] public partial interface P { }", "TKS0014"),
            ("[TokenPayload] public enum P { A }", "TKS0014"),
            ("[TokenPayload] public partial class P { private P(int x) { } [Claim(\"a\")] public int A { get; set; } }", "TKS0016"),
            ("[TokenPayload] public partial class P { private P() { } [Claim(\"a\")] public int A { get; set; } }", "valid"),
            ("[TokenPayload] public partial class P(int x) { [Claim(\"a\")] public int A { get; set; } = x; }", "TKS0016"),
            ("[TokenPayload] public partial class P([Claim(\"a\")] int a) { public P() : this(1) { } }", "TKS0026"),
            ("[TokenPayload] public partial struct P([Claim(\"a\")] int a) { }", "TKS0026"),
            ("[TokenPayload] public partial struct P(int a) { [Claim(\"a\")] public int A { get; set; } = a; }", "valid"),
            ("[TokenPayload] public partial record P([Claim(\"a\")] int A, int B);", "TKS0017"),
            ("[TokenPayload] public partial record P([Claim(\"a\")] int A) { private readonly int A = A; }", "TKS0026"),
            ("[TokenPayload] public partial record P { [Claim(\"a\")] public static int A { get; set; } }", "TKS0026"),
            ("[TokenPayload] public partial record P { [Claim(\"a\")] public int this[int i] => i; [Claim(\"b\")] public int B { get; init; } }", "TKS0026"),
            ("[TokenPayload] public partial record P { [Claim(\"a\")] public int A { set { } } }", "TKS0019"),
            ("[TokenPayload] public partial record P { [Claim(\"a\")] public int A => 1; }", "TKS0019"),
            ("[TokenPayload] public partial record P { [Claim(\"a\")] public int A { get; private set; } }", "valid"),
            ("[TokenPayload] public partial class P { public required int Other { get; init; } [Claim(\"a\")] public int A { get; set; } }", "TKS0017"),
            ("[TokenPayload] public partial class P { public required int Other; [Claim(\"a\")] public int A { get; set; } }", "TKS0017"),
            ("[TokenPayload] public partial class P { [Claim(\"a\")] public required int A { get; init; } [Claim(\"b\")] public required string B { get; set; } }", "valid"),
            ("public class Base { public required int R { get; init; } } [TokenPayload] public partial class P : Base { [Claim(\"a\")] public int A { get; set; } }", "TKS0017"),
            ("public class Base { public int R { get; init; } } [TokenPayload] public partial class P : Base { [Claim(\"a\")] public int A { get; set; } }", "valid"),
            ("[TokenPayload] public partial record Base { [Claim(\"a\")] public int A { get; init; } } [TokenPayload] public partial record P : Base { [Claim(\"b\")] public int B { get; init; } }", "Base=valid; P=TKS0015"),
            ("[TokenPayload] public partial class Base { [Claim(\"a\")] public int A { get; set; } } public class Mid : Base { } [TokenPayload] public partial class P : Mid { [Claim(\"b\")] public int B { get; set; } }", "Base=valid; P=TKS0015"),
            ("[TokenPayload] public partial record P { [Claim(\"a\")] public int A { get; init; } } [TokenPayload] public partial record P { [Claim(\"b\")] public int B { get; init; } }", "valid"),
            ("[TokenPayload] public partial record @class { [Claim(\"a\")] public int A { get; init; } } [TokenPayload] public partial record _class { [Claim(\"a\")] public int A { get; init; } }", "@class=valid; _class=valid"),
            ("public partial class Outer { [TokenPayload] public partial record Inner2 { [Claim(\"a\")] public int A { get; init; } } } namespace Outer2 { [TokenPayload] public partial record Inner2 { [Claim(\"a\")] public int A { get; init; } } }", "Outer.Inner2=valid; Outer2.Inner2=valid"),
            ("namespace \u00dc { [TokenPayload] public partial record \u00c4 { [Claim(\"a\")] public int A { get; init; } } } namespace _ { [TokenPayload] public partial record _ { [Claim(\"a\")] public int A { get; init; } } }", "_._=valid; Ü.Ä=valid"),
            ("[TokenPayload] public partial record P { [Claim(\"s\")] public P? Self { get; init; } [Claim(\"l\")] public IReadOnlyList<P>? Children { get; init; } [Claim(\"m\")] public IReadOnlyDictionary<string, P>? Map { get; init; } }", "valid"),
            ("[TokenPayload] public partial record P { [Claim(\"q\")] public Q? Q { get; init; } } [TokenPayload] public partial record Q { [Claim(\"p\")] public P? P { get; init; } }", "P=valid; Q=valid"),
            ("[TokenPayload] public partial record P { [TokenPayload] public partial record N { [Claim(\"\")] public int A { get; init; } } [Claim(\"n\")] public N? Nested { get; init; } }", "P.N=TKS0010; P=TKS0021"),
            ("[TokenPayload] public partial record P { [TokenPayload] record N { [Claim(\"a\")] public int A { get; init; } } [Claim(\"b\")] public int B { get; init; } }", "P.N=TKS0007; P=valid"),
            ("[TokenPayload(ClaimVocabulary.Daily)] public partial record P { [Claim(\"r\")] public string? Room { get; init; } [Claim(\"ctoe\")] public bool? Close { get; init; } }", "valid"),
            ("[TokenPayload(ClaimVocabulary.Daily)] public partial record P { [Claim(\"room\")] public string? Room { get; init; } }", "valid TKS0001"),
            ("[TokenPayload(ClaimVocabulary.Daily)] public partial record P { [Claim(\"r\")] public int Room { get; init; } }", "valid TKS0004"),
            ("[TokenPayload] public partial record P { [Claim(\"exp\")] public string? Expires { get; init; } }", "valid TKS0005"),
            ("[TokenPayload((ClaimVocabulary)99)] public partial record P { [Claim(\"a\")] public int A { get; init; } }", "valid"),
        };
        for (int d = 0; d < declarations.Length; d++)
        {
            yield return Source("declaration " + d, declarations[d].Source, declarations[d].Verdict);
        }

        // Converters.
        // Each with its verdict, the same as a property and as a positional parameter.
        (string Member, string Verdict)[] converters =
        {
            ("[Claim(\"a\"), ClaimConverter(typeof(Upper))] public string? A { get; init; }", "valid"),
            ("[Claim(\"a\"), ClaimConverter(typeof(Upper))] public string A { get; init; } = \"\";", "valid"),
            ("[Claim(\"a\"), ClaimConverter(typeof(Upper))] public int A { get; init; }", "TKS0020"),
            ("[Claim(\"a\"), ClaimConverter(typeof(Open<>))] public string? A { get; init; }", "TKS0020"),
            ("[Claim(\"a\"), ClaimConverter(typeof(Open<string>))] public string? A { get; init; }", "valid"),
            ("[Claim(\"a\"), ClaimConverter(typeof(Open<int>))] public int? A { get; init; }", "valid"),
            ("[Claim(\"a\"), ClaimConverter(typeof(Missing))] public string? A { get; init; }", "compiler errors"),
            ("[Claim(\"a\"), ClaimConverter(typeof(string))] public string? A { get; init; }", "TKS0020"),
            ("[Claim(\"a\"), ClaimConverter(null!)] public string? A { get; init; }", "TKS0020"),
            ("[Claim(\"a\"), ClaimConverter(typeof(Open<decimal>))] public decimal A { get; init; }", "valid"),
        };
        for (int c = 0; c < converters.Length; c++)
        {
            yield return Source("converter " + c, "[TokenPayload] public partial record P { " + converters[c].Member + " }", converters[c].Verdict);
            yield return Source("positional converter " + c, "[TokenPayload] public partial record P(" +
                converters[c].Member.Replace(" public ", " ", StringComparison.Ordinal).Replace(" { get; init; }", "", StringComparison.Ordinal).Replace(" = \"\";", "", StringComparison.Ordinal)
                    .Replace("[Claim(\"a\"), ClaimConverter", "[Claim(\"a\")][property: ClaimConverter", StringComparison.Ordinal) + ");", converters[c].Verdict);
        }

        // Hooks.
        (string Member, string Verdict)[] hooks =
        {
            ("void ValidateClaims(ref ClaimProblemCollector problems) { }", "valid"),
            ("public void ValidateClaims(ref ClaimProblemCollector problems) { } public static void ValidateClaims(int x) { }", "valid"),
            ("public void ValidateClaims(ClaimProblemCollector problems) { }", "TKS0027"),
            ("public static void ValidateClaims(ref ClaimProblemCollector problems) { }", "TKS0027"),
            ("public bool ValidateClaims(ref ClaimProblemCollector problems) => true;", "TKS0027"),
            ("public void ValidateClaims<T>(ref ClaimProblemCollector problems) { }", "TKS0027"),
            ("public void ValidateClaims(ref ClaimProblemCollector problems, int extra) { }", "TKS0027"),
            ("public int ValidateClaims { get; init; }", "valid"),
            ("public void ValidateClaims(ref Missing problems) { }", "TKS0027"),
        };
        for (int h = 0; h < hooks.Length; h++)
        {
            yield return Source("hook " + h, "[TokenPayload] public partial record P { [Claim(\"a\")] public int A { get; init; } " + hooks[h].Member + " }", hooks[h].Verdict);
        }

        // Positional defaults.
        (string Parameter, string Verdict)[] defaults =
        {
            ("double X = double.NaN", "valid"),
            ("double X = double.PositiveInfinity", "valid"),
            ("double X = double.NegativeInfinity", "valid"),
            ("double X = -0.0", "valid"),
            ("double X = 1e308", "valid"),
            ("double? X = null", "valid"),
            ("double? X = double.NaN", "valid"),
            ("int X = int.MinValue", "valid"),
            ("long X = long.MaxValue", "valid"),
            ("long? X = 5", "valid"),
            ("string X = \"q\\\"\\\\\\u0000\\uD800\"", "valid"),
            ("string? X = null", "valid"),
            ("bool X = true", "valid"),
            ("Color X = Color.Blue", "valid"),
            ("Color X = (Color)42", "valid"),
            ("Color? X = null", "valid"),
            ("Color? X = Color.Green", "valid"),
            ("Big X = Big.Max", "valid"),
            ("Big? X = Big.Max", "valid"),
            ("Tiny X = Tiny.Low", "valid"),
            ("Guid X = default", "valid"),
            ("DateTimeOffset X = default", "valid"),
            ("TimeSpan? X = null", "valid"),
            ("Inner? X = null", "valid"),
            ("string[]? X = null", "valid"),
            ("IReadOnlyList<int>? X = default", "valid"),
            ("System.Text.Json.JsonElement X = default", "valid"),
            ("Uri? X = null", "valid"),
        };
        for (int d = 0; d < defaults.Length; d++)
        {
            yield return Source("default " + d, "[TokenPayload] public partial record P([Claim(\"n\")] string Name, [Claim(\"x\")] " + defaults[d].Parameter + ");", defaults[d].Verdict);
        }

        // Language versions.
        foreach (LanguageVersion version in new[] { LanguageVersion.CSharp9, LanguageVersion.CSharp10, LanguageVersion.CSharp11, LanguageVersion.Latest })
        {
            yield return new CorpusSource("C# " + version, "using TokenSchema; namespace V { [TokenPayload] public partial class P { [Claim(\"a\")] public int A { get; set; } } [TokenPayload] public partial struct Q { [Claim(\"b\")] public string? B { get; set; } } }", version)
            {
                // The generated code needs C# 11 (TKS0029 before it).
                Expected = version < LanguageVersion.CSharp11 ? "V.P=TKS0029; V.Q=TKS0029" : "V.P=valid; V.Q=valid",
            };
        }

        // Broken and half-typed sources, as the IDE sees them while typing.
        (string Source, string Verdict)[] broken =
        {
            ("[TokenPayload] public partial record P { [Claim] public string? R { get; init; } }", "compiler errors"),
            ("[TokenPayload] public partial record P { [Claim(\"r\" public string? R { get; init; } }", "valid"),
            ("[TokenPayload] public partial record P { static string N = \"r\"; [Claim(N)] public string? R { get; init; } }", "TKS0010"),
            ("[TokenPayload] public partial record P { [Claim(42)] public string? R { get; init; } }", "compiler errors"),
            ("[TokenPayload(ClaimVocabulary.Jitsi)] public partial record P { [Claim(\"room\")] public string? R { get; init; } }", "valid"),
            ("[TokenPayload] public partial record P { [Claim(\"r\")] public { get; init; } }", "valid"),
            ("[TokenPayload] public partial record P { [Claim(\"r\")] public string", "valid"),
            ("[TokenPayload] public partial record P([Claim(\"r\")] string R, [Claim(", "compiler errors"),
            ("[TokenPayload] public partial record", "compiler errors"),
            ("[TokenPayload] public partial class { [Claim(\"r\")] public string? R { get; set; } }", "compiler errors"),
            ("[TokenPayload(] public partial record P { [Claim(\"hp\")] public bool? H { get; init; } }", "valid"),
            ("[TokenPayload] public partial record P { [Claim(\"r\")] public void M() { } [Claim(\"r\")][Claim(\"d\")] public string? R { get; init; } }", "valid"),
            ("[TokenPayload] public partial record P { [Claim(\"a\")] public int A { get; init; } public void M() { int x = ; } }", "valid"),
            ("[TokenPayload] public partial record P { [Claim(\"a\")] public int A { get; init; } [Claim(\"b\")] public int A { get; init; } }", "compiler errors"),
            ("[TokenPayload] public partial record P : Missing { [Claim(\"a\")] public int A { get; init; } }", "valid"),
            ("[TokenPayload] public partial record P : IJwtPayload<P> { [Claim(\"a\")] public int A { get; init; } }", "valid"),
            ("[TokenPayload, TokenPayload] public partial record P { [Claim(\"a\")] public int A { get; init; } }", "valid"),
            ("[TokenPayload] public partial record P { [Claim(\"a\")] public int A { get; init; } [Claim(\"b\")] public partial int B { get; init; } }", "valid"),
            ("[TokenPayload] public partial record P { [Claim(\"a\")] public int A { get; init; } } }}}{{{ [Claim(\"\")] )))", "valid"),
            ("[TokenPayload] public partial record P([Claim(\"a\")] int A = \"text\");", "valid"),
            ("[TokenPayload] public partial record P([Claim(\"a\")] Color A = 3);", "valid"),
            ("[TokenPayload] public partial record P([Claim(\"a\")] params int[] A);", "valid"),
            ("[TokenPayload] public partial record P([Claim(\"a\")] ref int A);", "TKS0026"),
            ("[TokenPayload] public partial record P([Claim(\"a\")] out int A);", "TKS0026"),
        };
        for (int b = 0; b < broken.Length; b++)
        {
            yield return Source("broken " + b, broken[b].Source, broken[b].Verdict);
        }
    }

    private static CorpusSource Source(string name, string declarations, string expected) =>
        new(name, Preamble + "\nnamespace Corpus\n{\n    using Corpus.Support;\n" + declarations + "\n}\n") { Expected = expected };

    /// <summary><paramref name="verdict"/> with the error <paramref name="id"/> added: a refusal either way.</summary>
    private static string WithError(string verdict, string id) =>
        verdict is "valid" or "compiler errors" ? id : string.Join(",", verdict.Split(',').Append(id).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));

    /// <summary>Every source type marked with the runtime's <c>[TokenPayload]</c>.</summary>
    private static List<INamedTypeSymbol> PayloadTypes(Compilation compilation)
    {
        var types = new List<INamedTypeSymbol>();
        var pending = new Stack<INamespaceOrTypeSymbol>();
        pending.Push(compilation.Assembly.GlobalNamespace);
        while (pending.Count > 0)
        {
            INamespaceOrTypeSymbol current = pending.Pop();
            if (current is INamespaceSymbol ns)
            {
                foreach (INamespaceOrTypeSymbol member in ns.GetMembers()) pending.Push(member);
                continue;
            }

            var type = (INamedTypeSymbol)current;
            foreach (INamedTypeSymbol nested in type.GetTypeMembers()) pending.Push(nested);
            if (type.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "TokenSchema.TokenPayloadAttribute"))
            {
                types.Add(type);
            }
        }

        return types;
    }

    /// <summary>
    /// Whether <paramref name="diagnostic"/> is about <paramref name="type"/>: it lies in the type's declaration and in no
    /// payload nested deeper, or it is a missing <c>partial</c> on one of the type's containing types.
    /// </summary>
    private static bool BelongsTo(Diagnostic diagnostic, INamedTypeSymbol type, List<INamedTypeSymbol> payloads)
    {
        if (!diagnostic.Location.IsInSource) return false;
        if (diagnostic.Id == "TKS0007")
        {
            for (INamedTypeSymbol? outer = type.ContainingType; outer != null; outer = outer.ContainingType)
            {
                if (outer.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is BaseTypeDeclarationSyntax declaration &&
                    declaration.SyntaxTree == diagnostic.Location.SourceTree && declaration.Identifier.Span == diagnostic.Location.SourceSpan))
                {
                    return true;
                }
            }
        }

        if (!Within(diagnostic.Location, type)) return false;
        foreach (INamedTypeSymbol other in payloads)
        {
            if (!SymbolEqualityComparer.Default.Equals(other, type) && IsInside(other, type) && Within(diagnostic.Location, other)) return false;
        }

        return true;
    }

    private static bool IsInside(INamedTypeSymbol inner, INamedTypeSymbol outer)
    {
        for (INamedTypeSymbol? current = inner.ContainingType; current != null; current = current.ContainingType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, outer)) return true;
        }

        return false;
    }

    private static bool Within(Location location, INamedTypeSymbol type) =>
        type.DeclaringSyntaxReferences.Any(r => r.SyntaxTree == location.SourceTree && r.Span.Contains(location.SourceSpan));
}
