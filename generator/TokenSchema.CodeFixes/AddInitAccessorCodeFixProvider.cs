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
/// Adds an <c>init</c> accessor to a get-only auto-property claim (TKS0019), so that the generated reader can set it.
/// Properties with a computed getter or without a getter are left to the user.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddInitAccessorCodeFixProvider)), Shared]
public sealed class AddInitAccessorCodeFixProvider : CodeFixProvider
{
    /// <summary>The equivalence key of the fix.</summary>
    public const string EquivalenceKey = "TokenSchema.AddInitAccessor";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ClaimPropertyNotSettable);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root == null) return;

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (root.FindToken(diagnostic.Location.SourceSpan.Start).Parent is not PropertyDeclarationSyntax property ||
                !IsGetOnlyAutoProperty(property))
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Add 'init' to '" + property.Identifier.ValueText + "'",
                    cancellationToken => AddInitAsync(context.Document, property, cancellationToken),
                    EquivalenceKey),
                diagnostic);
        }
    }

    private static bool IsGetOnlyAutoProperty(PropertyDeclarationSyntax property) =>
        property.AccessorList is { Accessors.Count: 1 } accessors &&
        accessors.Accessors[0] is { Body: null, ExpressionBody: null } getter &&
        getter.IsKind(SyntaxKind.GetAccessorDeclaration);

    private static async Task<Document> AddInitAsync(Document document, PropertyDeclarationSyntax property, CancellationToken cancellationToken)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root == null || property.AccessorList == null) return document;

        AccessorDeclarationSyntax getter = property.AccessorList.Accessors[0];
        AccessorDeclarationSyntax init = SyntaxFactory.AccessorDeclaration(SyntaxKind.InitAccessorDeclaration)
            .WithSemicolonToken(SyntaxFactory.Token(SyntaxKind.SemicolonToken))
            .WithLeadingTrivia(SyntaxFactory.Space)
            .WithTrailingTrivia(getter.GetTrailingTrivia());
        AccessorListSyntax accessors = property.AccessorList.WithAccessors(
            SyntaxFactory.List(new[] { getter.WithTrailingTrivia(), init }));
        return document.WithSyntaxRoot(root.ReplaceNode(property.AccessorList, accessors));
    }
}
