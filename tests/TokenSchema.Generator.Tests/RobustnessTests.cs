using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace TokenSchema.Generator.Tests;

/// <summary>Broken, half-typed and unsupported sources never make the generator throw or emit uncompilable code.</summary>
public sealed class RobustnessTests
{
    private const string Usings = "using System; using System.Collections.Generic; using TokenSchema;\n";

    public static TheoryData<string, string> Broken => new()
    {
        { "missing closing brace", "[TokenPayload] public partial record A { [Claim(\"a\")] public string? X { get; init; }" },
        { "half-typed member", "[TokenPayload] public partial record A { [Claim(\"a\")] public string" },
        { "half-typed attribute", "[TokenPayload(] public partial record A { }" },
        { "attribute with a wrong argument", "[TokenPayload(42)] public partial record A { [Claim(\"a\")] public int? X { get; init; } }" },
        { "claim with no argument", "[TokenPayload] public partial record A { [Claim] public string? X { get; init; } }" },
        { "claim with a null name", "[TokenPayload] public partial record A { [Claim(null)] public string? X { get; init; } }" },
        { "claim with an empty name", "[TokenPayload] public partial record A { [Claim(\"\")] public string? X { get; init; } }" },
        { "unresolved member type", "[TokenPayload] public partial record A { [Claim(\"a\")] public Missing? X { get; init; } }" },
        { "empty file", "" },
    };

    public static TheoryData<string, string> Unsupported => new()
    {
        { "not partial", "[TokenPayload] public record A { [Claim(\"a\")] public string? X { get; init; } }" },
        { "generic", "[TokenPayload] public partial record A<T> { [Claim(\"a\")] public string? X { get; init; } }" },
        { "inside a generic type", "public partial class O<T> { [TokenPayload] public partial record A { [Claim(\"a\")] public string? X { get; init; } } }" },
        { "abstract", "[TokenPayload] public abstract partial record A { [Claim(\"a\")] public string? X { get; init; } }" },
        { "static", "[TokenPayload] public static partial class A { }" },
        { "interface", "[TokenPayload] public partial interface A { }" },
        { "inside a non-partial type", "public class O { [TokenPayload] public partial record A { [Claim(\"a\")] public string? X { get; init; } } }" },
        { "object member", "[TokenPayload] public partial record A { [Claim(\"a\")] public object? X { get; init; } }" },
        { "list member", "[TokenPayload] public partial record A { [Claim(\"a\")] public List<string>? X { get; init; } }" },
        { "dictionary with int keys", "[TokenPayload] public partial record A { [Claim(\"a\")] public IReadOnlyDictionary<int, string>? X { get; init; } }" },
        { "two-dimensional array", "[TokenPayload] public partial record A { [Claim(\"a\")] public int[,]? X { get; init; } }" },
        { "duplicate claim names", "[TokenPayload] public partial record A { [Claim(\"a\")] public int? X { get; init; } [Claim(\"a\")] public int? Y { get; init; } }" },
        { "getter-only claim", "[TokenPayload] public partial record A { [Claim(\"a\")] public int? X { get; } }" },
        { "required member that is no claim", "[TokenPayload] public partial record A { [Claim(\"a\")] public int? X { get; init; } public required string Y { get; init; } }" },
        { "positional parameter that is no claim", "[TokenPayload] public partial record A([Claim(\"a\")] int X, string Y);" },
        { "converter of another type", "public sealed class C : IClaimConverter<int> { public static void Write(System.Text.Json.Utf8JsonWriter w, int v) { } public static bool TryRead(ref System.Text.Json.Utf8JsonReader r, out int v) { v = 0; return true; } } [TokenPayload] public partial record A { [Claim(\"a\"), ClaimConverter(typeof(C))] public string? X { get; init; } }" },
        { "converter that is no converter", "[TokenPayload] public partial record A { [Claim(\"a\"), ClaimConverter(typeof(int))] public string? X { get; init; } }" },
        { "enum with a repeated wire value", "public enum E { [ClaimValue(\"x\")] A, [ClaimValue(\"x\")] B } [TokenPayload] public partial record A { [Claim(\"a\")] public E? X { get; init; } }" },
        { "file-local type", "[TokenPayload] file partial record A { [Claim(\"a\")] public int? X { get; init; } }" },
        { "ref struct", "[TokenPayload] public ref partial struct A { [Claim(\"a\")] public int? X { get; init; } }" },
        { "class without a parameterless constructor", "[TokenPayload] public partial class A { public A(int x) { } [Claim(\"a\")] public int? X { get; init; } }" },
        { "class with a primary constructor", "[TokenPayload] public partial class A(int x) { [Claim(\"a\")] public int? X { get; init; } = x; }" },
        { "payload deriving from a payload", "[TokenPayload] public partial record B { [Claim(\"b\")] public int? Y { get; init; } } [TokenPayload] public partial record A : B { [Claim(\"a\")] public int? X { get; init; } }" },
        { "more than 64 claims", "[TokenPayload] public partial record A { " + string.Concat(Enumerable.Range(0, 65).Select(i => $"[Claim(\"c{i}\")] public int? P{i} {{ get; init; }} ")) + "}" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    [MemberData(nameof(Unsupported))]
    public void Generator_never_throws_or_reports(string description, string source)
    {
        GeneratorRun run = TestHelpers.Run(Usings + source);

        Assert.All(run.RunResult.Results, r => Assert.Null(r.Exception));
        Assert.True(run.RunResult.Diagnostics.IsEmpty, description);
    }

    [Theory]
    [MemberData(nameof(Broken))]
    [MemberData(nameof(Unsupported))]
    public void Generated_files_add_no_diagnostics_to_a_broken_compilation(string description, string source)
    {
        GeneratorRun run = TestHelpers.Run(Usings + source);

        Diagnostic[] inGenerated = run.OutputCompilation.GetDiagnostics()
            .Where(d => d.Location.SourceTree is { } tree && !run.OutputCompilation.SyntaxTrees.First().Equals(tree))
            .ToArray();
        Assert.True(inGenerated.Length == 0, description + ": " + string.Join("\n", inGenerated.Select(d => d.ToString())));
    }

    [Fact]
    public void Payloads_with_the_same_name_in_different_namespaces_get_separate_files()
    {
        GeneratorRun run = TestHelpers.Run(
            Usings + "namespace One { [TokenPayload] public partial record Token { [Claim(\"a\")] public int? A { get; init; } } }",
            Usings + "namespace Two { [TokenPayload] public partial record Token { [Claim(\"b\")] public int? B { get; init; } } }");

        TestHelpers.AssertNoDiagnostics(run);
        Assert.Equal(new[] { "One.Token.TokenPayload.g.cs", "Two.Token.TokenPayload.g.cs" }, run.Sources.Keys.Order(System.StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Unsupported))]
    public void Unsupported_type_gets_no_generated_source(string description, string source)
    {
        GeneratorRun run = TestHelpers.Run(Usings + source);

        // Every unsupported type in the corpus is named A (a base payload B may be generated).
        Assert.False(
            run.Sources.Keys.Any(k => k.EndsWith("A.TokenPayload.g.cs", System.StringComparison.Ordinal)),
            description + ": " + string.Join(", ", run.Sources.Keys));
    }

    [Fact]
    public void Self_referencing_payload_compiles_and_round_trips()
    {
        const string source = Usings + """
            namespace Tree;

            [TokenPayload]
            public sealed partial record Node
            {
                [Claim("n")] public required string Name { get; init; }
                [Claim("c")] public Node? Child { get; init; }
                [Claim("k")] public IReadOnlyList<Node>? Children { get; init; }
            }
            """;

        using LoadedAssembly loaded = TestHelpers.CompileAndLoad(source);
        const string json = """{"n":"a","c":{"n":"b","c":{"n":"c"}},"k":[{"n":"d"}]}""";
        ReadOutcome read = loaded.Read("Tree.Node", json);

        Assert.True(read.Success, read.Error.ToString());
        Assert.Equal(json, loaded.Write(read.Payload!));
        ReadOutcome missing = loaded.Read("Tree.Node", """{"n":"a","c":{"c":{"n":"c"}}}""");
        Assert.Equal("c.n", missing.Error.Claim);
        Assert.Equal(ClaimReadErrorKind.MissingClaim, missing.Error.Kind);
    }

    [Theory]
    [InlineData(NullableContextOptions.Disable, "")]
    [InlineData(NullableContextOptions.Enable, "#nullable disable\n")]
    public void Payload_without_nullable_annotations_compiles_and_treats_references_as_optional(NullableContextOptions nullable, string directive)
    {
        string source = directive + Usings + """
            namespace Oblivious;

            [TokenPayload]
            public sealed partial record Legacy([Claim("sub")] string Subject)
            {
                [Claim("name")] public string Name { get; init; }
                [Claim("tags")] public string[] Tags { get; init; }
                [Claim("n")] public int? Number { get; init; }
            }
            """;

        GeneratorRun run = TestHelpers.Run(TestHelpers.CreateCompilation(TestHelpers.ParseOptions, nullable, source));
        TestHelpers.AssertNoDiagnostics(run);
        using LoadedAssembly loaded = LoadedAssembly.Load(run.OutputCompilation);
        ReadOutcome read = loaded.Read("Oblivious.Legacy", "{}");

        Assert.True(read.Success, read.Error.ToString());
        Assert.Equal("{}", loaded.Write(read.Payload!));
    }

    [Fact]
    public void Documented_payload_compiles_without_warnings_when_documentation_is_checked()
    {
        var options = TestHelpers.ParseOptions.WithDocumentationMode(Microsoft.CodeAnalysis.DocumentationMode.Diagnose);
        const string source = Usings + """
            namespace Docs;

            /// <summary>A documented payload.</summary>
            [TokenPayload]
            public sealed partial record Documented
            {
                /// <summary>The subject.</summary>
                [Claim("sub")] public string? Subject { get; init; }
            }
            """;

        GeneratorRun run = TestHelpers.Run(TestHelpers.CreateCompilation(options, source));

        Assert.Single(run.Sources);
        TestHelpers.AssertNoDiagnostics(run);
    }
}
