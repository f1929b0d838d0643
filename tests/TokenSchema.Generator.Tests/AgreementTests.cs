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
/// nothing, the generator never throws, and generated code never fails to compile.
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

    private static readonly string[] MemberTypes =
    {
        "string", "string?", "int", "int?", "long", "long?", "double", "double?", "bool", "bool?", "Guid", "Uri?",
        "DateTimeOffset", "DateTimeOffset?", "TimeSpan", "System.Text.Json.JsonElement", "System.Text.Json.JsonElement?",
        "string[]", "int[]?", "IReadOnlyList<string>", "IReadOnlyList<int?>?", "IReadOnlyDictionary<string, long>",
        "IReadOnlyDictionary<int, long>", "IReadOnlyDictionary<string, IReadOnlyList<Color>>", "List<string>",
        "Dictionary<string, int>", "IEnumerable<string>", "int[][]", "int[,]", "short", "uint", "ulong", "decimal", "float",
        "char", "byte", "object", "dynamic", "(int, string)", "Span<int>", "Action", "IntPtr", "Color", "Color?", "Big",
        "Big[]", "Tiny", "Empty", "Twin", "Odd", "Inner", "Inner?", "IReadOnlyList<Inner>", "SELF?", "Missing",
        "IReadOnlyList<Missing>",
    };

    private static readonly string[] ClaimNames =
    {
        "a", "q\\\"uote", "back\\\\slash", "\\t\\n\\r\\0", "\\u001f", "\\uD800", "a\\uDC00", "\\uD83D\\uDE00", "\\uDE00\\uD83D",
        "", " ", "\\u2028", "\\u00e9t\\u00e9", "{0}", "\\\\u0041", "</script>", "a b", new string('n', 1000),
    };

    private readonly ITestOutputHelper _output;

    public AgreementTests(ITestOutputHelper output) => _output = output;

    /// <summary>One corpus entry: a name for failure messages, the source, and the C# version it compiles as.</summary>
    internal sealed record CorpusSource(string Name, string Text, LanguageVersion Version = LanguageVersion.CSharp12);

    [Fact]
    public async Task Analyzer_errors_match_exactly_the_payloads_the_generator_refuses()
    {
        List<CorpusSource> corpus = Corpus().ToList();
        int payloads = 0, generated = 0, refused = 0, refusedOnCompilerErrors = 0, vocabularyErrorsGenerated = 0;
        var failures = new List<string>();

        foreach (CorpusSource source in corpus)
        {
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
        }

        _output.WriteLine($"sources: {corpus.Count}");
        _output.WriteLine($"payload types: {payloads}");
        _output.WriteLine($"generated: {generated} (of which with vocabulary errors only: {vocabularyErrorsGenerated})");
        _output.WriteLine($"refused: {refused} (with a TKS error: {refused - refusedOnCompilerErrors}; on the compiler's own errors only: {refusedOnCompilerErrors})");
        Assert.True(corpus.Count >= 200, $"The corpus has only {corpus.Count} sources.");
        Assert.True(generated >= 100 && refused - refusedOnCompilerErrors >= 100, $"The corpus is lopsided: {generated} generated, {refused} refused.");
        Assert.True(failures.Count == 0, failures.Count + " disagreements:\n" + string.Join("\n", failures.Take(40)));
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
                string type = MemberTypes[t];
                string body = shape switch
                {
                    "record-init" => "public sealed partial record P { [Claim(\"c\")] public SELF-TYPE V { get; init; } [Claim(\"k\")] public int K { get; init; } }",
                    "class-set" => "public partial class P { [Claim(\"c\")] public SELF-TYPE V { get; set; } = default!; }",
                    "positional" => "public partial record struct P([Claim(\"c\")] SELF-TYPE V, [property: Claim(\"k\")] int K = 3);",
                    "struct-getonly" => "public partial struct P { [Claim(\"c\")] public SELF-TYPE V { get; } }",
                    "required-class" => "public sealed partial class P { [Claim(\"c\")] public required SELF-TYPE V { get; init; } }",
                    _ => "public partial record P { [Claim(\"c\")] public SELF-TYPE V { get; init; } = default!; }",
                };
                yield return Source("type " + type + " as " + shape, "[TokenPayload] " + body.Replace("SELF-TYPE", type.Replace("SELF", "P")));
            }
        }

        // Claim names: escapes, surrogates, empty and long names, and duplicates.
        for (int n = 0; n < ClaimNames.Length; n++)
        {
            string name = ClaimNames[n];
            yield return Source("name " + n, "[TokenPayload] public partial record P { [Claim(\"" + name + "\")] public string? A { get; init; } }");
            yield return Source("positional name " + n, "[TokenPayload] public partial record P([Claim(\"" + name + "\")] Color A);");
            yield return Source("enum value " + n, "public enum V { [ClaimValue(\"" + name + "\")] A } [TokenPayload] public partial record P { [Claim(\"v\")] public V? A { get; init; } }");
        }

        yield return Source("duplicate names", "[TokenPayload] public partial record P { [Claim(\"a\")] public int A { get; init; } [Claim(\"a\")] public int B { get; init; } }");
        yield return Source("null name", "[TokenPayload] public partial record P { [Claim(null!)] public int A { get; init; } }");
        yield return Source("name from a constant", "[TokenPayload] public partial record P { const string N = \"x\"; [Claim(N)] public int A { get; init; } }");

        // Claim counts.
        foreach (int count in new[] { 0, 1, 63, 64, 65, 200, 10_000 })
        {
            var many = new StringBuilder("[TokenPayload] public partial class P {");
            for (int i = 0; i < count; i++)
            {
                many.Append(" [Claim(\"c").Append(i).Append("\")] public int? M").Append(i).Append(" { get; set; }");
            }

            yield return Source(count + " claims", many.Append(" }").ToString());
        }

        // Type shapes.
        string[] declarations =
        {
            "[TokenPayload] public record P { [Claim(\"a\")] public int A { get; init; } }",
            "[TokenPayload] public class P { [Claim(\"a\")] public int A { get; set; } }",
            "public class Outer { [TokenPayload] public partial record P { [Claim(\"a\")] public int A { get; init; } } }",
            "public partial class Outer { public class Middle { [TokenPayload] public partial record P { [Claim(\"a\")] public int A { get; init; } } } }",
            "public partial class Outer<T> { [TokenPayload] public partial record P { [Claim(\"a\")] public int A { get; init; } } }",
            "public partial class Outer { public partial struct Middle { [TokenPayload] public partial record P { [Claim(\"a\")] public int A { get; init; } } } }",
            "[TokenPayload] public partial record P<T> { [Claim(\"a\")] public T? A { get; init; } }",
            "[TokenPayload] public abstract partial record P { [Claim(\"a\")] public int A { get; init; } }",
            "[TokenPayload] public static partial class P { }",
            "[TokenPayload] public ref partial struct P { [Claim(\"a\")] public int A { get; set; } }",
            "[TokenPayload] file partial record P { [Claim(\"a\")] public int A { get; init; } }",
            "[TokenPayload] public partial interface P { }",
            "[TokenPayload] public enum P { A }",
            "[TokenPayload] public partial class P { private P(int x) { } [Claim(\"a\")] public int A { get; set; } }",
            "[TokenPayload] public partial class P { private P() { } [Claim(\"a\")] public int A { get; set; } }",
            "[TokenPayload] public partial class P(int x) { [Claim(\"a\")] public int A { get; set; } = x; }",
            "[TokenPayload] public partial class P([Claim(\"a\")] int a) { public P() : this(1) { } }",
            "[TokenPayload] public partial struct P([Claim(\"a\")] int a) { }",
            "[TokenPayload] public partial struct P(int a) { [Claim(\"a\")] public int A { get; set; } = a; }",
            "[TokenPayload] public partial record P([Claim(\"a\")] int A, int B);",
            "[TokenPayload] public partial record P([Claim(\"a\")] int A) { private readonly int A = A; }",
            "[TokenPayload] public partial record P { [Claim(\"a\")] public static int A { get; set; } }",
            "[TokenPayload] public partial record P { [Claim(\"a\")] public int this[int i] => i; [Claim(\"b\")] public int B { get; init; } }",
            "[TokenPayload] public partial record P { [Claim(\"a\")] public int A { set { } } }",
            "[TokenPayload] public partial record P { [Claim(\"a\")] public int A => 1; }",
            "[TokenPayload] public partial record P { [Claim(\"a\")] public int A { get; private set; } }",
            "[TokenPayload] public partial class P { public required int Other { get; init; } [Claim(\"a\")] public int A { get; set; } }",
            "[TokenPayload] public partial class P { public required int Other; [Claim(\"a\")] public int A { get; set; } }",
            "[TokenPayload] public partial class P { [Claim(\"a\")] public required int A { get; init; } [Claim(\"b\")] public required string B { get; set; } }",
            "public class Base { public required int R { get; init; } } [TokenPayload] public partial class P : Base { [Claim(\"a\")] public int A { get; set; } }",
            "public class Base { public int R { get; init; } } [TokenPayload] public partial class P : Base { [Claim(\"a\")] public int A { get; set; } }",
            "[TokenPayload] public partial record Base { [Claim(\"a\")] public int A { get; init; } } [TokenPayload] public partial record P : Base { [Claim(\"b\")] public int B { get; init; } }",
            "[TokenPayload] public partial class Base { [Claim(\"a\")] public int A { get; set; } } public class Mid : Base { } [TokenPayload] public partial class P : Mid { [Claim(\"b\")] public int B { get; set; } }",
            "[TokenPayload] public partial record P { [Claim(\"a\")] public int A { get; init; } } [TokenPayload] public partial record P { [Claim(\"b\")] public int B { get; init; } }",
            "[TokenPayload] public partial record @class { [Claim(\"a\")] public int A { get; init; } } [TokenPayload] public partial record _class { [Claim(\"a\")] public int A { get; init; } }",
            "public partial class Outer { [TokenPayload] public partial record Inner2 { [Claim(\"a\")] public int A { get; init; } } } namespace Outer2 { [TokenPayload] public partial record Inner2 { [Claim(\"a\")] public int A { get; init; } } }",
            "namespace \u00dc { [TokenPayload] public partial record \u00c4 { [Claim(\"a\")] public int A { get; init; } } } namespace _ { [TokenPayload] public partial record _ { [Claim(\"a\")] public int A { get; init; } } }",
            "[TokenPayload] public partial record P { [Claim(\"s\")] public P? Self { get; init; } [Claim(\"l\")] public IReadOnlyList<P>? Children { get; init; } [Claim(\"m\")] public IReadOnlyDictionary<string, P>? Map { get; init; } }",
            "[TokenPayload] public partial record P { [Claim(\"q\")] public Q? Q { get; init; } } [TokenPayload] public partial record Q { [Claim(\"p\")] public P? P { get; init; } }",
            "[TokenPayload] public partial record P { [TokenPayload] public partial record N { [Claim(\"\")] public int A { get; init; } } [Claim(\"n\")] public N? Nested { get; init; } }",
            "[TokenPayload] public partial record P { [TokenPayload] record N { [Claim(\"a\")] public int A { get; init; } } [Claim(\"b\")] public int B { get; init; } }",
            "[TokenPayload(ClaimVocabulary.Daily)] public partial record P { [Claim(\"r\")] public string? Room { get; init; } [Claim(\"ctoe\")] public bool? Close { get; init; } }",
            "[TokenPayload(ClaimVocabulary.Daily)] public partial record P { [Claim(\"room\")] public string? Room { get; init; } }",
            "[TokenPayload(ClaimVocabulary.Daily)] public partial record P { [Claim(\"r\")] public int Room { get; init; } }",
            "[TokenPayload] public partial record P { [Claim(\"exp\")] public string? Expires { get; init; } }",
            "[TokenPayload((ClaimVocabulary)99)] public partial record P { [Claim(\"a\")] public int A { get; init; } }",
        };
        for (int d = 0; d < declarations.Length; d++)
        {
            yield return Source("declaration " + d, declarations[d]);
        }

        // Converters.
        string[] converters =
        {
            "[Claim(\"a\"), ClaimConverter(typeof(Upper))] public string? A { get; init; }",
            "[Claim(\"a\"), ClaimConverter(typeof(Upper))] public string A { get; init; } = \"\";",
            "[Claim(\"a\"), ClaimConverter(typeof(Upper))] public int A { get; init; }",
            "[Claim(\"a\"), ClaimConverter(typeof(Open<>))] public string? A { get; init; }",
            "[Claim(\"a\"), ClaimConverter(typeof(Open<string>))] public string? A { get; init; }",
            "[Claim(\"a\"), ClaimConverter(typeof(Open<int>))] public int? A { get; init; }",
            "[Claim(\"a\"), ClaimConverter(typeof(Missing))] public string? A { get; init; }",
            "[Claim(\"a\"), ClaimConverter(typeof(string))] public string? A { get; init; }",
            "[Claim(\"a\"), ClaimConverter(null!)] public string? A { get; init; }",
            "[Claim(\"a\"), ClaimConverter(typeof(Open<decimal>))] public decimal A { get; init; }",
        };
        for (int c = 0; c < converters.Length; c++)
        {
            yield return Source("converter " + c, "[TokenPayload] public partial record P { " + converters[c] + " }");
            yield return Source("positional converter " + c, "[TokenPayload] public partial record P(" +
                converters[c].Replace(" public ", " ", StringComparison.Ordinal).Replace(" { get; init; }", "", StringComparison.Ordinal).Replace(" = \"\";", "", StringComparison.Ordinal)
                    .Replace("[Claim(\"a\"), ClaimConverter", "[Claim(\"a\"), property: ClaimConverter", StringComparison.Ordinal) + ");");
        }

        // Hooks.
        string[] hooks =
        {
            "void ValidateClaims(ref ClaimProblemCollector problems) { }",
            "public void ValidateClaims(ref ClaimProblemCollector problems) { } public static void ValidateClaims(int x) { }",
            "public void ValidateClaims(ClaimProblemCollector problems) { }",
            "public static void ValidateClaims(ref ClaimProblemCollector problems) { }",
            "public bool ValidateClaims(ref ClaimProblemCollector problems) => true;",
            "public void ValidateClaims<T>(ref ClaimProblemCollector problems) { }",
            "public void ValidateClaims(ref ClaimProblemCollector problems, int extra) { }",
            "public int ValidateClaims { get; init; }",
            "public void ValidateClaims(ref Missing problems) { }",
        };
        for (int h = 0; h < hooks.Length; h++)
        {
            yield return Source("hook " + h, "[TokenPayload] public partial record P { [Claim(\"a\")] public int A { get; init; } " + hooks[h] + " }");
        }

        // Positional defaults.
        string[] defaults =
        {
            "double X = double.NaN", "double X = double.PositiveInfinity", "double X = double.NegativeInfinity", "double X = -0.0",
            "double X = 1e308", "double? X = null", "double? X = double.NaN", "int X = int.MinValue", "long X = long.MaxValue",
            "long? X = 5", "string X = \"q\\\"\\\\\\u0000\\uD800\"", "string? X = null", "bool X = true", "Color X = Color.Blue",
            "Color X = (Color)42", "Color? X = null", "Color? X = Color.Green", "Big X = Big.Max", "Big? X = Big.Max", "Tiny X = Tiny.Low",
            "Guid X = default", "DateTimeOffset X = default", "TimeSpan? X = null", "Inner? X = null", "string[]? X = null",
            "IReadOnlyList<int>? X = default", "System.Text.Json.JsonElement X = default", "Uri? X = null",
        };
        for (int d = 0; d < defaults.Length; d++)
        {
            yield return Source("default " + d, "[TokenPayload] public partial record P([Claim(\"n\")] string Name, [Claim(\"x\")] " + defaults[d] + ");");
        }

        // Language versions.
        foreach (LanguageVersion version in new[] { LanguageVersion.CSharp9, LanguageVersion.CSharp10, LanguageVersion.CSharp11, LanguageVersion.Latest })
        {
            yield return new CorpusSource("C# " + version, "using TokenSchema; namespace V { [TokenPayload] public partial class P { [Claim(\"a\")] public int A { get; set; } } [TokenPayload] public partial struct Q { [Claim(\"b\")] public string? B { get; set; } } }", version);
        }

        // Broken and half-typed sources, as the IDE sees them while typing.
        string[] broken =
        {
            "[TokenPayload] public partial record P { [Claim] public string? R { get; init; } }",
            "[TokenPayload] public partial record P { [Claim(\"r\" public string? R { get; init; } }",
            "[TokenPayload] public partial record P { static string N = \"r\"; [Claim(N)] public string? R { get; init; } }",
            "[TokenPayload] public partial record P { [Claim(42)] public string? R { get; init; } }",
            "[TokenPayload(ClaimVocabulary.Jitsi)] public partial record P { [Claim(\"room\")] public string? R { get; init; } }",
            "[TokenPayload] public partial record P { [Claim(\"r\")] public { get; init; } }",
            "[TokenPayload] public partial record P { [Claim(\"r\")] public string",
            "[TokenPayload] public partial record P([Claim(\"r\")] string R, [Claim(",
            "[TokenPayload] public partial record",
            "[TokenPayload] public partial class { [Claim(\"r\")] public string? R { get; set; } }",
            "[TokenPayload(] public partial record P { [Claim(\"hp\")] public bool? H { get; init; } }",
            "[TokenPayload] public partial record P { [Claim(\"r\")] public void M() { } [Claim(\"r\")][Claim(\"d\")] public string? R { get; init; } }",
            "[TokenPayload] public partial record P { [Claim(\"a\")] public int A { get; init; } public void M() { int x = ; } }",
            "[TokenPayload] public partial record P { [Claim(\"a\")] public int A { get; init; } [Claim(\"b\")] public int A { get; init; } }",
            "[TokenPayload] public partial record P : Missing { [Claim(\"a\")] public int A { get; init; } }",
            "[TokenPayload] public partial record P : IJwtPayload<P> { [Claim(\"a\")] public int A { get; init; } }",
            "[TokenPayload, TokenPayload] public partial record P { [Claim(\"a\")] public int A { get; init; } }",
            "[TokenPayload] public partial record P { [Claim(\"a\")] public int A { get; init; } [Claim(\"b\")] public partial int B { get; init; } }",
            "[TokenPayload] public partial record P { [Claim(\"a\")] public int A { get; init; } } }}}{{{ [Claim(\"\")] )))",
            "[TokenPayload] public partial record P([Claim(\"a\")] int A = \"text\");",
            "[TokenPayload] public partial record P([Claim(\"a\")] Color A = 3);",
            "[TokenPayload] public partial record P([Claim(\"a\")] params int[] A);",
            "[TokenPayload] public partial record P([Claim(\"a\")] ref int A);",
            "[TokenPayload] public partial record P([Claim(\"a\")] out int A);",
        };
        for (int b = 0; b < broken.Length; b++)
        {
            yield return Source("broken " + b, broken[b]);
        }
    }

    private static CorpusSource Source(string name, string declarations) =>
        new(name, Preamble + "\nnamespace Corpus\n{\n    using Corpus.Support;\n" + declarations + "\n}\n");

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
