using System;
using System.Buffers;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace TokenSchema.Generator.Tests;

/// <summary>The outcome of running the generator over some sources.</summary>
/// <param name="Driver">The driver after the run, to run again for incrementality tests.</param>
/// <param name="RunResult">The generator's run result (generated trees, exceptions, tracked steps).</param>
/// <param name="OutputCompilation">The input compilation with the generated sources added.</param>
/// <param name="Diagnostics">The output compilation's warnings and errors.</param>
internal sealed record GeneratorRun(
    GeneratorDriver Driver,
    GeneratorDriverRunResult RunResult,
    Compilation OutputCompilation,
    ImmutableArray<Diagnostic> Diagnostics)
{
    /// <summary>The generated sources by hint name.</summary>
    public IReadOnlyDictionary<string, string> Sources =>
        RunResult.Results.SelectMany(r => r.GeneratedSources).ToDictionary(s => s.HintName, s => s.SourceText.ToString(), StringComparer.Ordinal);
}

/// <summary>Compiles sources, runs the generator over them, and loads the result.</summary>
internal static class TestHelpers
{
    /// <summary>The language version of the oldest SDK supported (.NET 8): generated code must compile with it.</summary>
    public static readonly CSharpParseOptions ParseOptions =
        new(LanguageVersion.CSharp12, DocumentationMode.Parse);

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        string trusted = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
        foreach (string path in trusted.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            // The framework, not the test's own dependencies (test frameworks, Roslyn, the generator itself).
            string name = Path.GetFileNameWithoutExtension(path);
            if (name.StartsWith("System.", StringComparison.Ordinal) || name is "System" or "mscorlib" or "netstandard" ||
                name.StartsWith("Microsoft.Win32.", StringComparison.Ordinal) || name == "Microsoft.CSharp")
            {
                paths.Add(path);
            }
        }

        paths.Add(typeof(JwtSigner).Assembly.Location);
        return paths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray();
    }

    /// <summary>A library compilation of <paramref name="sources"/> with nullable on, against the framework and the runtime.</summary>
    public static CSharpCompilation CreateCompilation(params string[] sources) =>
        CreateCompilation(ParseOptions, sources);

    /// <summary>A library compilation with the given parse options.</summary>
    public static CSharpCompilation CreateCompilation(CSharpParseOptions options, params string[] sources) =>
        CreateCompilation(options, NullableContextOptions.Enable, sources);

    /// <summary>A library compilation with the given parse options and project-wide nullable context, every warning wave on.</summary>
    public static CSharpCompilation CreateCompilation(CSharpParseOptions options, NullableContextOptions nullable, params string[] sources) =>
        CSharpCompilation.Create(
            "Generated" + Guid.NewGuid().ToString("N"),
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, options, path: "Source" + i + ".cs")),
            References.Value,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: nullable,
                warningLevel: 9999,
                deterministic: true));

    /// <summary>A driver with step tracking on, as the incrementality tests need.</summary>
    public static GeneratorDriver CreateDriver(CSharpParseOptions? options = null) =>
        CSharpGeneratorDriver.Create(
            new[] { new TokenPayloadGenerator().AsSourceGenerator() },
            parseOptions: options ?? ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator over <paramref name="compilation"/>.</summary>
    public static GeneratorRun Run(Compilation compilation, GeneratorDriver? driver = null)
    {
        GeneratorDriver next = (driver ?? CreateDriver((CSharpParseOptions)compilation.SyntaxTrees.First().Options))
            .RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out _);
        ImmutableArray<Diagnostic> diagnostics = output.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .ToImmutableArray();
        return new GeneratorRun(next, next.GetRunResult(), output, diagnostics);
    }

    /// <summary>Runs the generator over <paramref name="sources"/>.</summary>
    public static GeneratorRun Run(params string[] sources) => Run(CreateCompilation(sources));

    /// <summary>Runs the generator, asserts the output compiles without warnings, and loads it.</summary>
    public static LoadedAssembly CompileAndLoad(params string[] sources)
    {
        GeneratorRun run = Run(sources);
        Assert.All(run.RunResult.Results, r => Assert.Null(r.Exception));
        AssertNoDiagnostics(run);
        return LoadedAssembly.Load(run.OutputCompilation);
    }

    /// <summary>Fails listing the diagnostics (with the generated text) when the output has any warning or error.</summary>
    public static void AssertNoDiagnostics(GeneratorRun run)
    {
        if (run.Diagnostics.Length > 0)
        {
            string generated = string.Join("\n\n", run.Sources.Select(s => "// " + s.Key + "\n" + s.Value));
            Assert.Fail(string.Join("\n", run.Diagnostics) + "\n\n" + generated);
        }
    }

    /// <summary>Writes <paramref name="payload"/> with the writer options the signer uses; returns the JSON text.</summary>
    public static string WritePayload<T>(T payload) where T : IJwtPayload<T>
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            payload.WritePayload(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Reads <paramref name="json"/> with <c>T.TryReadPayload</c>.</summary>
    public static ReadOutcome ReadPayload<T>(string json) where T : IJwtPayload<T>
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        bool ok = T.TryReadPayload(ref reader, out T? payload, out ClaimReadError error);
        return new ReadOutcome(ok, payload, error, reader.TokenType);
    }
}

/// <summary>What <c>TryReadPayload</c> returned.</summary>
/// <param name="Success">The method's return value.</param>
/// <param name="Payload">The payload read (boxed).</param>
/// <param name="Error">The error reported.</param>
/// <param name="FinalToken">The reader's token after the call.</param>
internal sealed record ReadOutcome(bool Success, object? Payload, ClaimReadError Error, JsonTokenType FinalToken);

/// <summary>An output compilation loaded into a collectible context, with reflection helpers over its payloads.</summary>
internal sealed class LoadedAssembly : IDisposable
{
    private readonly AssemblyLoadContext _context;

    private LoadedAssembly(AssemblyLoadContext context, Assembly assembly)
    {
        _context = context;
        Assembly = assembly;
    }

    public Assembly Assembly { get; }

    public static LoadedAssembly Load(Compilation compilation)
    {
        using var stream = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult result = compilation.Emit(stream);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        stream.Position = 0;
        var context = new AssemblyLoadContext("generated-" + Guid.NewGuid().ToString("N"), isCollectible: true);
        return new LoadedAssembly(context, context.LoadFromStream(stream));
    }

    public Type GetType(string name) => Assembly.GetType(name, throwOnError: true)!;

    /// <summary>Calls a public static parameterless method (a sample factory in the test source).</summary>
    public object Call(string type, string method) => GetType(type).GetMethod(method)!.Invoke(null, null)!;

    public string Write(object payload) =>
        (string)typeof(TestHelpers).GetMethod(nameof(TestHelpers.WritePayload))!.MakeGenericMethod(payload.GetType()).Invoke(null, new[] { payload })!;

    public ReadOutcome Read(string type, string json) =>
        (ReadOutcome)typeof(TestHelpers).GetMethod(nameof(TestHelpers.ReadPayload))!.MakeGenericMethod(GetType(type)).Invoke(null, new object[] { json })!;

    public static ClaimValidationResult Validate(object payload) =>
        (ClaimValidationResult)payload.GetType().GetMethod("Validate")!.Invoke(payload, null)!;

    public static object? Get(object payload, string property) => payload.GetType().GetProperty(property)!.GetValue(payload);

    public void Dispose() => _context.Unload();
}
