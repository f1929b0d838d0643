using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using TokenSchema.Generator.Analyzer;

namespace TokenSchema.Generator.Tests.Verification;

/// <summary>
/// A <see cref="CSharpCodeFixTest{TAnalyzer, TCodeFix, TVerifier}"/> of a TokenSchema code fix over the diagnostics of
/// <see cref="TokenPayloadAnalyzer"/>, against .NET 8 and the TokenSchema runtime, in C# 12 with nullable on. The framework
/// applies the fix one diagnostic at a time, then through its FixAll provider in document, project and solution scope,
/// and compares each result with <c>FixedState</c>.
/// </summary>
/// <typeparam name="TCodeFix">The code fix provider under test.</typeparam>
internal sealed class TokenSchemaCodeFixTest<TCodeFix> : CSharpCodeFixTest<TokenPayloadAnalyzer, TCodeFix, DefaultVerifier>
    where TCodeFix : CodeFixProvider, new()
{
    /// <summary>A test with the shared references.</summary>
    public TokenSchemaCodeFixTest()
    {
        TestReferences.Configure(this);
    }

    /// <summary>Sets <c>CodeActionVerifier</c> to require <paramref name="title"/> as the title of every action applied.</summary>
    public string ExpectedTitle
    {
        init => CodeActionVerifier = (action, verifier) => verifier.Equal(value, action.Title);
    }

    /// <inheritdoc />
    protected override ParseOptions CreateParseOptions() => TestReferences.WithTestLanguage(base.CreateParseOptions());

    /// <inheritdoc />
    protected override CompilationOptions CreateCompilationOptions() => TestReferences.WithNullable(base.CreateCompilationOptions());
}
