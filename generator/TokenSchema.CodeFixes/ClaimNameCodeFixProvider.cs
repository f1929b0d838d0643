using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TokenSchema.Generator.Diagnostics;

namespace TokenSchema.CodeFixes;

/// <summary>
/// Replaces a misspelled claim name (TKS0001, TKS0002) with the suggested claim, and a long or former name (TKS0003)
/// with the claim name the platform expects, e.g. <c>[Claim("cteo")]</c> → <c>[Claim("ctoe")]</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ClaimNameCodeFixProvider)), Shared]
public sealed class ClaimNameCodeFixProvider : CodeFixProvider
{
    /// <summary>The equivalence key shared by every claim-name fix, so Fix All applies each diagnostic's own replacement.</summary>
    public const string EquivalenceKey = "TokenSchema.ReplaceClaimName";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        DiagnosticIds.UnknownClaim, DiagnosticIds.NearRegisteredClaim, DiagnosticIds.LongNameInsteadOfClaim);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root == null) return;

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(DiagnosticIds.ReplacementProperty, out string? replacement) || replacement == null)
            {
                continue;
            }

            if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not LiteralExpressionSyntax literal
                || !literal.IsKind(SyntaxKind.StringLiteralExpression))
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Use claim '" + replacement + "'",
                    cancellationToken => ReplaceAsync(context.Document, literal, replacement, cancellationToken),
                    EquivalenceKey),
                diagnostic);
        }
    }

    private static async Task<Document> ReplaceAsync(Document document, LiteralExpressionSyntax literal, string replacement, CancellationToken cancellationToken)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root == null) return document;
        LiteralExpressionSyntax newLiteral = SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(replacement))
            .WithTriviaFrom(literal);
        return document.WithSyntaxRoot(root.ReplaceNode(literal, newLiteral));
    }
}
