using System;
using System.IO;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;

namespace TokenSchema.Generator.Tests.Verification;

/// <summary>
/// What every test built on Roslyn's test framework compiles against: the .NET 8 reference assemblies (the oldest
/// target users build for) and the net8.0 build of the TokenSchema runtime, which the build copies to <c>net8.0/</c>.
/// </summary>
internal static class TestReferences
{
    /// <summary>
    /// Microsoft.NETCore.App.Ref 8.0.0, resolved by the framework from the NuGet global packages folder (the test
    /// project downloads it at restore), so the tests themselves need no package feed.
    /// </summary>
    public static ReferenceAssemblies Net80 { get; } = ReferenceAssemblies.Net.Net80;

    /// <summary>The net8.0 build of the TokenSchema runtime.</summary>
    public static MetadataReference TokenSchemaNet80 { get; } =
        MetadataReference.CreateFromFile(Path.Combine(AppContext.BaseDirectory, "net8.0", "TokenSchema.dll"));

    /// <summary>The language version of the oldest SDK supported (.NET 8): generated code must compile with it.</summary>
    public static LanguageVersion LanguageVersion => LanguageVersion.CSharp12;

    /// <summary>Points <paramref name="test"/> at .NET 8 and the runtime.</summary>
    public static void Configure<TVerifier>(AnalyzerTest<TVerifier> test)
        where TVerifier : IVerifier, new()
    {
        test.ReferenceAssemblies = Net80;
        test.TestState.AdditionalReferences.Add(TokenSchemaNet80);

        // Documentation comments are parsed (so cref and param checks run) but missing ones are no warning, as in the
        // projects the samples stand for.
        test.TestState.DocumentationMode = DocumentationMode.Parse;
    }

    /// <summary>Parse options for C# 12 with documentation comments parsed.</summary>
    public static ParseOptions WithTestLanguage(ParseOptions options) =>
        ((CSharpParseOptions)options).WithLanguageVersion(LanguageVersion).WithDocumentationMode(DocumentationMode.Parse);

    /// <summary>Compilation options with nullable reference types on, as in the projects users write.</summary>
    public static CompilationOptions WithNullable(CompilationOptions options) =>
        ((CSharpCompilationOptions)options).WithNullableContextOptions(NullableContextOptions.Enable);
}
