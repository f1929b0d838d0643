using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using static TokenSchema.Generator.Tests.Verification.AnalyzerVerifier;

namespace TokenSchema.Generator.Tests.Analyzer;

/// <summary>
/// <c>[Claim]</c> on a field. The command-line compiler runs no analyzer once the parse or declaration stage has an error,
/// so were the field the compiler's CS0592 (attribute not valid on this declaration type), every TKS diagnostic of the
/// project would vanish. The attribute allows fields, and the analysis reports the field itself and everything else.
/// </summary>
public sealed class InvalidTargetTests
{
    private const string Source = """
        using System;
        using TokenSchema;

        [TokenPayload(ClaimVocabulary.Daily)]
        public partial record MeetingToken
        {
            [{|TKS0026:Claim("r")|}] public string? RoomName;
            [Claim({|TKS0001:"cteo"|})] public bool? CloseTabOnExit { get; init; }
            [field: {|TKS0026:Claim("u")|}] public string? UserName { get; init; }
            [Claim("d")] public Guid? DomainId { get; init; }
            [Claim("iat")] public DateTimeOffset? IssuedAt { get; init; }
        }

        [TokenPayload(ClaimVocabulary.Daily)]
        public partial record Other
        {
            [Claim("r")] public string? RoomName { get; init; }
            [Claim("d")] public Guid? DomainId { get; init; }
            [Claim("iat")] public DateTimeOffset? IssuedAt { get; init; }
            [Claim({|TKS0003:"close_tab_on_exit"|})] public bool? CloseTabOnExit { get; init; }
        }

        public class NotAPayload
        {
            [{|TKS0011:Claim("sub")|}] public string? Subject;
        }
        """;

    [Fact]
    public async Task Claim_on_a_field_is_reported_and_the_rest_still_is()
    {
        // Compiles without errors (the framework checks it): no CS0592 to stop the compiler before its analyzers.
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync(Source);
        Assert.Equal("'RoomName' cannot be a claim of 'MeetingToken': a field is not a claim; make it a property with get and init (or set) accessors",
            diagnostics.Single(d => d.Id == "TKS0026" && d.GetMessage().Contains("a field")).GetMessage());
        Assert.Contains(diagnostics, d => d.Id == "TKS0026"
            && d.GetMessage() == "'UserName' cannot be a claim of 'MeetingToken': [field: Claim] marks the backing field, which is not a claim; put [Claim] on the property itself");
        Assert.Equal("[Claim] on 'Subject' has no effect because 'NotAPayload' is not marked [TokenPayload]",
            diagnostics.Single(d => d.Id == "TKS0011").GetMessage());
    }

    [Fact]
    public void Compiler_reports_no_declaration_error_and_the_generator_skips_only_the_payload_with_the_field()
    {
        string plain = AnalyzerHarness.ParseMarkup(Source).Source;
        Compilation compilation = AnalyzerHarness.Compile(plain);
        Assert.DoesNotContain(compilation.GetDeclarationDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
        Assert.DoesNotContain(compilation.GetParseDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);

        GeneratorRun run = TestHelpers.Run(plain);
        Assert.DoesNotContain(run.OutputCompilation.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
        Assert.Contains(run.Sources.Keys, name => name.Contains("Other", System.StringComparison.Ordinal));
        Assert.DoesNotContain(run.Sources.Keys, name => name.Contains("MeetingToken", System.StringComparison.Ordinal));
    }
}
