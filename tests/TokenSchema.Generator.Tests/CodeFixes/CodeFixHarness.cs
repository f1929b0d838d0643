using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using TokenSchema.Generator.Analyzer;
using TokenSchema.Generator.Tests.Analyzer;
using Xunit;

namespace TokenSchema.Generator.Tests.CodeFixes;

/// <summary>
/// Applies a code fix in an <see cref="AdhocWorkspace"/>: analyzes the source, offers the diagnostic with the given ID to
/// the provider, applies its first action and returns the document text, then proves the fixed text has no such diagnostic.
/// </summary>
internal static class CodeFixHarness
{
    public static async Task VerifyFixAsync(CodeFixProvider provider, string diagnosticId, string source, string expected, string? expectedTitle = null, string? diagnosedText = null)
    {
        using var workspace = new AdhocWorkspace();
        (Document document, DocumentId documentId) = CreateDocument(workspace, source);

        ImmutableArray<Diagnostic> diagnostics = await AnalyzeAsync(document);
        Diagnostic diagnostic = diagnostics.First(d => d.Id == diagnosticId
            && (diagnosedText == null || source.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length) == diagnosedText));

        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        await provider.RegisterCodeFixesAsync(context);
        CodeAction first = Assert.Single(actions);
        if (expectedTitle != null) Assert.Equal(expectedTitle, first.Title);

        ImmutableArray<CodeActionOperation> operations = await first.GetOperationsAsync(CancellationToken.None);
        Solution changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        Document fixedDocument = changed.GetDocument(documentId)!;
        SourceText text = await fixedDocument.GetTextAsync();
        Assert.Equal(expected.ReplaceLineEndings(), text.ToString().ReplaceLineEndings());

        ImmutableArray<Diagnostic> after = await AnalyzeAsync(fixedDocument);
        Assert.DoesNotContain(after, d => d.Id == diagnosticId);
    }

    public static async Task AssertNoFixAsync(CodeFixProvider provider, string diagnosticId, string source)
    {
        using var workspace = new AdhocWorkspace();
        (Document document, _) = CreateDocument(workspace, source);
        Diagnostic diagnostic = (await AnalyzeAsync(document)).First(d => d.Id == diagnosticId);
        var actions = new List<CodeAction>();
        await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
        Assert.Empty(actions);
    }

    private static (Document Document, DocumentId Id) CreateDocument(AdhocWorkspace workspace, string source)
    {
        ProjectId projectId = ProjectId.CreateNewId();
        DocumentId documentId = DocumentId.CreateNewId(projectId);
        Solution solution = workspace.CurrentSolution
            .AddProject(projectId, "Test", "Test", LanguageNames.CSharp)
            .WithProjectCompilationOptions(projectId, AnalyzerHarness.CompilationOptions)
            .WithProjectParseOptions(projectId, AnalyzerHarness.ParseOptions)
            .AddMetadataReferences(projectId, AnalyzerHarness.References)
            .AddDocument(documentId, "Test.cs", SourceText.From(source));
        return (solution.GetDocument(documentId)!, documentId);
    }

    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Document document)
    {
        Compilation compilation = (await document.Project.GetCompilationAsync())!;
        return await AnalyzerHarness.AnalyzeAsync(compilation, allowCompilerErrors: true);
    }
}
