using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TokenSchema.Generator;

namespace TokenSchema.Benchmarks;

/// <summary>
/// The source generator over one compilation of <see cref="PayloadCount"/> payloads in <see cref="FileCount"/> files,
/// with every kind of claim type: a full run (a new driver, as a command-line build does) and a rerun after an
/// unrelated edit (the driver of the previous run, as the IDE does after each keystroke).
/// </summary>
/// <remarks>
/// Each invocation runs on a <see cref="Compilation.Clone"/> of the compilation, which shares the parsed syntax trees but
/// none of the bound symbols, so the generator pays for the binding it asks for, as in a fresh build. Parsing the sources
/// is the compiler's work before any generator runs and is not measured.
/// </remarks>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    /// <summary>How many payload types the compilation declares.</summary>
    public const int PayloadCount = 500;

    /// <summary>How many source files they are spread over.</summary>
    public const int FileCount = 25;

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp12);

    private CSharpCompilation _compilation = null!;
    private CSharpCompilation _edited = null!;
    private GeneratorDriver _warmDriver = null!;

    /// <summary>
    /// Builds the compilation and its edited copy, runs the generator once on each and checks that every payload got
    /// its source, that the generator reported nothing and that the output compiles.
    /// </summary>
    [GlobalSetup]
    public void Setup()
    {
        IEnumerable<SyntaxTree> trees = Enumerable.Range(0, FileCount)
            .Select(file => CSharpSyntaxTree.ParseText(PayloadSource.File(file, PayloadCount / FileCount), ParseOptions, path: $"Payloads{file}.cs"))
            .Append(CSharpSyntaxTree.ParseText(PayloadSource.Unrelated(0), ParseOptions, path: "Unrelated.cs"));
        _compilation = CSharpCompilation.Create(
            "GeneratorBenchmark",
            trees,
            References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        SyntaxTree unrelated = _compilation.SyntaxTrees.Last();
        _edited = _compilation.ReplaceSyntaxTree(unrelated, CSharpSyntaxTree.ParseText(PayloadSource.Unrelated(1), ParseOptions, path: unrelated.FilePath));

        _warmDriver = CreateDriver().RunGeneratorsAndUpdateCompilation(_compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        Check("full run", _warmDriver.GetRunResult(), output, diagnostics);

        GeneratorDriver rerun = _warmDriver.RunGeneratorsAndUpdateCompilation(_edited, out Compilation editedOutput, out ImmutableArray<Diagnostic> editedDiagnostics);
        Check("rerun after an unrelated edit", rerun.GetRunResult(), editedOutput, editedDiagnostics);
    }

    /// <summary>A new driver over the whole compilation: what a build does.</summary>
    [Benchmark(Baseline = true, Description = "full run, 500 payloads")]
    public GeneratorDriver FullRun() => CreateDriver().RunGenerators(_compilation.Clone());

    /// <summary>The previous run's driver after an edit of a file without payloads: what the IDE does.</summary>
    [Benchmark(Description = "rerun after an unrelated edit")]
    public GeneratorDriver RerunAfterUnrelatedEdit() => _warmDriver.RunGenerators(_edited.Clone());

    private static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(new[] { new TokenPayloadGenerator().AsSourceGenerator() }, parseOptions: ParseOptions);

    private static void Check(string run, GeneratorDriverRunResult result, Compilation output, ImmutableArray<Diagnostic> generatorDiagnostics)
    {
        int generated = result.GeneratedTrees.Length;
        if (generated != PayloadCount)
        {
            throw new InvalidOperationException($"{run}: {generated} generated sources for {PayloadCount} payloads.");
        }

        Diagnostic[] problems = generatorDiagnostics
            .Concat(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning))
            .ToArray();
        if (problems.Length > 0)
        {
            throw new InvalidOperationException($"{run}: {problems.Length} diagnostics, first: {problems[0]}");
        }
    }

    private static ImmutableArray<MetadataReference> References()
    {
        // The framework the benchmark runs on, and the TokenSchema runtime.
        IEnumerable<string> framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(path => Path.GetFileName(path) is var name
                && (name.StartsWith("System.", StringComparison.Ordinal) || name is "netstandard.dll" or "mscorlib.dll"));
        return framework
            .Append(typeof(JwtSigner).Assembly.Location)
            .Distinct(StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }
}

/// <summary>The benchmark's source files: payloads of four shapes in turn, each with a different mix of claim types.</summary>
internal static class PayloadSource
{
    /// <summary>File <paramref name="file"/>: its own namespace with <paramref name="count"/> payloads (a multiple of four).</summary>
    public static string File(int file, int count)
    {
        if (count % 4 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "Each file holds whole rounds of the four shapes.");
        }

        var text = new StringBuilder();
        text.Append("using System;\nusing System.Collections.Generic;\nusing System.Text.Json;\nusing TokenSchema;\n\n");
        text.Append("namespace Bench.File").Append(file).Append(";\n\n");
        text.Append("public enum Role { Guest, Host, [ClaimValue(\"co-host\")] CoHost }\n\n");
        for (int i = 0; i < count; i++)
        {
            int n = file * count + i;
            text.Append((n % 4) switch
            {
                0 => Open(n),
                1 => Positional(n),
                2 => Daily(n),
                _ => Struct(n),
            });
        }

        return text.ToString();
    }

    /// <summary>A file without payloads; <paramref name="version"/> changes its text and nothing else.</summary>
    public static string Unrelated(int version) =>
        "namespace Bench.Elsewhere;\n\ninternal static class Unrelated\n{\n    public static int Value() => " + version + ";\n}\n";

    // The open vocabulary: scalars, dates, enums, arrays, dictionaries, JSON and nested payloads (the record struct
    // three payloads on, in the same file, since every file holds a multiple of four).
    private static string Open(int n) => $$"""
        [TokenPayload]
        public partial class Token{{n}}
        {
            [Claim("sub")] public required string Subject { get; set; }
            [Claim("iat")] public DateTimeOffset IssuedAt { get; set; }
            [Claim("exp")] public DateTimeOffset? Expires { get; set; }
            [Claim("n{{n}}")] public int Number { get; set; }
            [Claim("l")] public long Long { get; set; }
            [Claim("f")] public double? Ratio { get; set; }
            [Claim("g")] public Guid Tenant { get; set; }
            [Claim("u")] public Uri? Callback { get; set; }
            [Claim("ttl")] public TimeSpan Lifetime { get; set; }
            [Claim("role")] public Role Role { get; set; }
            [Claim("roles")] public IReadOnlyList<Role>? Roles { get; set; }
            [Claim("tags")] public string[]? Tags { get; set; }
            [Claim("quota")] public IReadOnlyDictionary<string, long>? Quota { get; set; }
            [Claim("ext")] public JsonElement? Extra { get; set; }
            [Claim("pt")] public Token{{n + 3}}? Point { get; set; }
            [Claim("pts")] public IReadOnlyList<Token{{n + 3}}>? Points { get; set; }
        }


        """;

    // A positional record with defaults and an init-only property.
    private static string Positional(int n) => $$"""
        [TokenPayload]
        public sealed partial record Token{{n}}(
            [Claim("sub")] string Subject,
            [Claim("name")] string? Name,
            [Claim("ver")] int Version = {{n % 7}},
            [Claim("role")] Role Role = Role.Host)
        {
            [Claim("meta")] public string Metadata { get; init; } = "m{{n}}";
            [Claim("att")] public IReadOnlyDictionary<string, string>? Attributes { get; init; }
        }


        """;

    // The Daily vocabulary: typed, length- and value-checked claims.
    private static string Daily(int n) => $$"""
        [TokenPayload(ClaimVocabulary.Daily)]
        public sealed partial record Token{{n}}
        {
            [Claim("r")]    public required string RoomName { get; init; }
            [Claim("d")]    public required Guid DomainId { get; init; }
            [Claim("iat")]  public required DateTimeOffset IssuedAt { get; init; }
            [Claim("exp")]  public DateTimeOffset? Expires { get; init; }
            [Claim("nbf")]  public long? NotBefore { get; init; }
            [Claim("ud")]   public string? UserId { get; init; }
            [Claim("ctoe")] public bool? CloseTabOnExit { get; init; }
            [Claim("eje")]  public TimeSpan? EjectAfterElapsed { get; init; }
            [Claim("rome")] public Uri? RedirectOnMeetingExit { get; init; }
        }


        """;

    // A record struct with value-type claims.
    private static string Struct(int n) => $$"""
        [TokenPayload]
        public partial record struct Token{{n}}(
            [property: Claim("x")] int X,
            [property: Claim("y")] long Y,
            [property: Claim("on")] bool On,
            [property: Claim("at")] DateTimeOffset? At);


        """;
}
