using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using TokenSchema.Generator.Analyzer;

namespace TokenSchema.Generator.Tests.Verification;

/// <summary>
/// A <see cref="CSharpAnalyzerTest{TAnalyzer, TVerifier}"/> of <see cref="TokenPayloadAnalyzer"/> over .NET 8 and the
/// TokenSchema runtime, in C# 12 with nullable on. <c>[|text|]</c> markup expects <see cref="DefaultDiagnosticId"/>.
/// </summary>
internal sealed class TokenPayloadAnalyzerTest : CSharpAnalyzerTest<TokenPayloadAnalyzer, DefaultVerifier>
{
    /// <summary>A test with the shared references.</summary>
    public TokenPayloadAnalyzerTest()
    {
        TestReferences.Configure(this);
    }

    /// <summary>The diagnostic ID that <c>[|text|]</c> markup expects.</summary>
    public string? DefaultDiagnosticId { get; init; }

    /// <summary>The compilation of the first analysis, the one checked against the markup.</summary>
    public Compilation? AnalyzedCompilation { get; private set; }

    /// <inheritdoc />
    protected override DiagnosticDescriptor? GetDefaultDiagnostic(DiagnosticAnalyzer[] analyzers) =>
        DefaultDiagnosticId is null
            ? base.GetDefaultDiagnostic(analyzers)
            : analyzers.SelectMany(a => a.SupportedDiagnostics).First(d => d.Id == DefaultDiagnosticId);

    /// <inheritdoc />
    protected override CompilationWithAnalyzers CreateCompilationWithAnalyzers(
        Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers, AnalyzerOptions options, CancellationToken cancellationToken)
    {
        AnalyzedCompilation ??= compilation;
        return base.CreateCompilationWithAnalyzers(compilation, analyzers, options, cancellationToken);
    }

    /// <inheritdoc />
    protected override ParseOptions CreateParseOptions() => TestReferences.WithTestLanguage(base.CreateParseOptions());

    /// <inheritdoc />
    protected override CompilationOptions CreateCompilationOptions() => TestReferences.WithNullable(base.CreateCompilationOptions());
}

/// <summary>Runs <see cref="TokenPayloadAnalyzerTest"/> over markup: <c>{|TKS0001:text|}</c> expects that ID on exactly <c>text</c>.</summary>
internal static class AnalyzerVerifier
{
    /// <summary>
    /// Asserts through the framework that the analyzer reports exactly the diagnostics marked in <paramref name="markup"/>,
    /// each on its exact span with its descriptor's severity, that the source compiles (unless
    /// <paramref name="allowCompilerErrors"/>), that generated code is not analyzed and that <c>#pragma</c> suppresses
    /// every diagnostic; then returns the analyzer's diagnostics, by position, for checks of messages and properties.
    /// </summary>
    public static async Task<ImmutableArray<Diagnostic>> VerifyAsync(string markup, string? defaultId = null, bool allowCompilerErrors = false)
    {
        var test = new TokenPayloadAnalyzerTest
        {
            TestCode = markup,
            DefaultDiagnosticId = defaultId,
            CompilerDiagnostics = allowCompilerErrors ? CompilerDiagnostics.None : CompilerDiagnostics.Errors,
        };
        await test.RunAsync();

        Compilation compilation = test.AnalyzedCompilation ?? throw new InvalidOperationException("The framework analyzed no compilation.");
        ImmutableArray<Diagnostic> diagnostics = await compilation
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new TokenPayloadAnalyzer()))
            .GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        return diagnostics
            .Where(d => d.Id.StartsWith("TKS", StringComparison.Ordinal))
            .OrderBy(d => d.Location.SourceSpan.Start)
            .ToImmutableArray();
    }
}
