using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using TokenSchema.Generator.Diagnostics;

namespace TokenSchema.CodeFixes;

/// <summary>
/// Declares the required claims a payload lacks (TKS0031) as nullable init properties, with the member name and type the
/// analyzer picked from the vocabulary, e.g. <c>[Claim("d")] public Guid? DomainId { get; init; }</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddRequiredClaimsCodeFixProvider)), Shared]
public sealed class AddRequiredClaimsCodeFixProvider : CodeFixProvider
{
    /// <summary>The equivalence key of the fix.</summary>
    public const string EquivalenceKey = "TokenSchema.AddRequiredClaims";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.RequiredClaimNotDeclared);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root == null) return;

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(DiagnosticIds.MissingClaimsProperty, out string? missing) || string.IsNullOrEmpty(missing)
                || root.FindToken(diagnostic.Location.SourceSpan.Start).Parent is not TypeDeclarationSyntax declaration
                || declaration.Identifier.Span != diagnostic.Location.SourceSpan)
            {
                continue;
            }

            List<(string Claim, string Member, string Type)> claims = Parse(missing!);
            if (claims.Count == 0) continue;
            string title = claims.Count == 1
                ? "Declare claim '" + claims[0].Claim + "'"
                : "Declare claims " + string.Join(", ", claims.ConvertAll(c => "'" + c.Claim + "'"));
            context.RegisterCodeFix(
                CodeAction.Create(title, cancellationToken => AddAsync(context.Document, declaration, claims, cancellationToken), EquivalenceKey),
                diagnostic);
        }
    }

    private static List<(string Claim, string Member, string Type)> Parse(string missing)
    {
        var claims = new List<(string, string, string)>();
        foreach (string line in missing.Split('\n'))
        {
            string[] parts = line.Split('\t');
            if (parts.Length == 3 && SyntaxFacts.IsValidIdentifier(parts[1])) claims.Add((parts[0], parts[1], parts[2]));
        }

        return claims;
    }

    private static async Task<Document> AddAsync(Document document, TypeDeclarationSyntax declaration,
        List<(string Claim, string Member, string Type)> claims, CancellationToken cancellationToken)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root == null) return document;

        var members = new List<MemberDeclarationSyntax>();
        foreach ((string claim, string member, string type) in claims)
        {
            string literal = SymbolDisplay.FormatLiteral(claim, quote: true);
            if (SyntaxFactory.ParseMemberDeclaration(
                    "[global::TokenSchema.Claim(" + literal + ")] public " + type + " " + member + " { get; init; }") is not { } property
                || property.ContainsDiagnostics)
            {
                return document;
            }

            members.Add(property.WithAdditionalAnnotations(Simplifier.Annotation, Formatter.Annotation));
        }

        TypeDeclarationSyntax updated = declaration;
        if (updated.OpenBraceToken.IsKind(SyntaxKind.None) || updated.OpenBraceToken.IsMissing)
        {
            // A positional record without a body: give it one.
            SyntaxTriviaList trailing = updated.SemicolonToken.TrailingTrivia;
            updated = updated
                .WithSemicolonToken(default)
                .WithOpenBraceToken(SyntaxFactory.Token(SyntaxKind.OpenBraceToken))
                .WithCloseBraceToken(SyntaxFactory.Token(SyntaxKind.CloseBraceToken).WithTrailingTrivia(trailing));
        }

        updated = updated.AddMembers(members.ToArray()).WithAdditionalAnnotations(Formatter.Annotation);
        return document.WithSyntaxRoot(root.ReplaceNode(declaration, updated));
    }
}
