using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace TokenSchema.Generator.Tests.Verification;

/// <summary>
/// A <see cref="CSharpSourceGeneratorTest{TSourceGenerator, TVerifier}"/> of <see cref="TokenPayloadGenerator"/> over
/// .NET 8 and the TokenSchema runtime, in C# 12 with nullable on. The framework checks that the generated sources are
/// exactly <c>TestState.GeneratedSources</c> (names and text) and that the output compiles; this test also fails on any
/// compiler warning of the output, with every warning wave on.
/// </summary>
internal sealed class TokenPayloadGeneratorTest : CSharpSourceGeneratorTest<TokenPayloadGenerator, DefaultVerifier>
{
    /// <summary>A test with the shared references; add sources and expected generated sources to <c>TestState</c>.</summary>
    public TokenPayloadGeneratorTest()
    {
        TestReferences.Configure(this);
        CompilerDiagnostics = CompilerDiagnostics.Warnings;
    }

    /// <inheritdoc />
    protected override ParseOptions CreateParseOptions() => TestReferences.WithTestLanguage(base.CreateParseOptions());

    /// <inheritdoc />
    protected override CompilationOptions CreateCompilationOptions() => 
        ((CSharpCompilationOptions)TestReferences.WithNullable(base.CreateCompilationOptions())).WithWarningLevel(9999);
}
