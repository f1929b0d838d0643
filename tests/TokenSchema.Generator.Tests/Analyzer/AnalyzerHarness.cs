using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using TokenSchema.Generator.Analyzer;
using Xunit;

namespace TokenSchema.Generator.Tests.Analyzer;

/// <summary>An expected diagnostic: its ID and the exact span it must cover.</summary>
internal readonly record struct ExpectedDiagnostic(string Id, TextSpan Span);

/// <summary>
/// Runs <see cref="TokenPayloadAnalyzer"/> over C# source written with span markup:
/// <c>{|TKS0001:text|}</c> expects that ID on exactly <c>text</c>; <c>[|text|]</c> expects the test's default ID.
/// </summary>
internal static class AnalyzerHarness
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(CreateReferences);

    /// <summary>The framework assemblies plus the TokenSchema runtime.</summary>
    public static ImmutableArray<MetadataReference> References => LazyReferences.Value;

    /// <summary>The parse options of every test compilation.</summary>
    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest);

    /// <summary>The compilation options of every test compilation.</summary>
    public static CSharpCompilationOptions CompilationOptions { get; } =
        new(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable);

    /// <summary>Removes the markup from <paramref name="markup"/> and returns the plain source and the expected diagnostics.</summary>
    public static (string Source, List<ExpectedDiagnostic> Expected) ParseMarkup(string markup, string? defaultId = null)
    {
        var source = new StringBuilder(markup.Length);
        var open = new Stack<(string Id, int Start)>();
        var expected = new List<ExpectedDiagnostic>();
        for (int i = 0; i < markup.Length; i++)
        {
            if (Starts(markup, i, "{|"))
            {
                int colon = markup.IndexOf(':', i);
                open.Push((markup.Substring(i + 2, colon - i - 2), source.Length));
                i = colon;
            }
            else if (Starts(markup, i, "[|"))
            {
                open.Push((defaultId ?? throw new InvalidOperationException("[| |] markup needs a default ID."), source.Length));
                i++;
            }
            else if (Starts(markup, i, "|}") || Starts(markup, i, "|]"))
            {
                (string id, int start) = open.Pop();
                expected.Add(new ExpectedDiagnostic(id, TextSpan.FromBounds(start, source.Length)));
                i++;
            }
            else
            {
                source.Append(markup[i]);
            }
        }

        Assert.Empty(open);
        return (source.ToString(), expected);
    }

    /// <summary>Compiles <paramref name="source"/> against the framework and the TokenSchema runtime.</summary>
    public static CSharpCompilation Compile(string source) =>
        CSharpCompilation.Create(
            "TestAssembly",
            new[] { CSharpSyntaxTree.ParseText(source, ParseOptions, path: "Test.cs") },
            References,
            CompilationOptions);

    /// <summary>
    /// Runs the analyzer and returns its diagnostics. Fails when the analyzer throws (an AD0001 diagnostic) or, unless
    /// <paramref name="allowCompilerErrors"/>, when the test source itself does not compile.
    /// </summary>
    public static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Compilation compilation, bool allowCompilerErrors = false)
    {
        if (!allowCompilerErrors)
        {
            Diagnostic[] errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
            Assert.True(errors.Length == 0, "The test source does not compile:\n" + string.Join("\n", errors.Select(e => e.ToString())));
        }

        var exceptions = new List<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: (exception, _, _) => exceptions.Add(exception),
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false);
        var withAnalyzers = new CompilationWithAnalyzers(
            compilation, ImmutableArray.Create<DiagnosticAnalyzer>(new TokenPayloadAnalyzer()), options);
        ImmutableArray<Diagnostic> all = await withAnalyzers.GetAllDiagnosticsAsync(CancellationToken.None);

        Assert.Empty(exceptions);
        Assert.DoesNotContain(all, d => d.Id == "AD0001");
        return all.Where(d => d.Id.StartsWith("TKS", StringComparison.Ordinal)).OrderBy(d => d.Location.SourceSpan.Start).ToImmutableArray();
    }

    /// <summary>
    /// Asserts that the analyzer reports exactly the diagnostics marked in <paramref name="markup"/>, each on its exact span,
    /// and returns them for further checks of the message.
    /// </summary>
    public static async Task<ImmutableArray<Diagnostic>> VerifyAsync(string markup, string? defaultId = null, bool allowCompilerErrors = false)
    {
        (string source, List<ExpectedDiagnostic> expected) = ParseMarkup(markup, defaultId);
        ImmutableArray<Diagnostic> actual = await AnalyzeAsync(Compile(source), allowCompilerErrors);

        string Describe(IEnumerable<ExpectedDiagnostic> list) =>
            string.Join("\n", list.Select(e => $"{e.Id} at {e.Span} '{source.Substring(e.Span.Start, e.Span.Length)}'"));

        var actualSet = actual.Select(d => new ExpectedDiagnostic(d.Id, d.Location.SourceSpan)).OrderBy(e => e.Span.Start).ThenBy(e => e.Id).ToList();
        var expectedSet = expected.OrderBy(e => e.Span.Start).ThenBy(e => e.Id).ToList();
        Assert.True(
            expectedSet.SequenceEqual(actualSet),
            "Expected:\n" + Describe(expectedSet) + "\nActual:\n" + Describe(actualSet) + "\nMessages:\n"
                + string.Join("\n", actual.Select(d => d.Id + ": " + d.GetMessage())));
        return actual;
    }

    private static bool Starts(string text, int index, string token) =>
        string.CompareOrdinal(text, index, token, 0, token.Length) == 0;

    private static ImmutableArray<MetadataReference> CreateReferences()
    {
        string runtime = typeof(TokenSchema.JwtSigner).Assembly.Location;
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(path =>
            {
                string name = Path.GetFileName(path);
                return name.StartsWith("System.", StringComparison.Ordinal) || name is "System.dll" or "netstandard.dll" or "mscorlib.dll";
            })
            .Append(runtime)
            .Distinct(StringComparer.Ordinal);
        return paths.Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)).ToImmutableArray();
    }
}
