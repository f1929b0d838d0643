using System;
using System.Buffers;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using static TokenSchema.Generator.Tests.Verification.AnalyzerVerifier;

namespace TokenSchema.Generator.Tests;

/// <summary>A team's own vocabulary declared in code with [ClaimVocabularyDefinition] and [KnownClaim].</summary>
public sealed class DeclaredVocabularyTests
{
    private const string Vocabulary = """
        using System;
        using System.Collections.Generic;
        using TokenSchema;

        namespace Acme;

        [ClaimVocabularyDefinition("Acme", Closed = true)]
        public static class AcmeClaims
        {
            [KnownClaim(LongName = "display_name", JsonType = ClaimJsonType.String, MaxLength = 8)]
            public const string Name = "n";

            [KnownClaim("lvl", LongName = "access_level", JsonType = ClaimJsonType.Integer)]
            public const string Level = "ignored-when-a-name-is-given";

            [KnownClaim(JsonType = ClaimJsonType.Boolean, Description = "is admin")]
            public const string Admin = "adm";

            [KnownClaim]
            public const string Extra = "x";

            public const string NotAClaim = "nope";
        }

        [ClaimVocabularyDefinition]
        public static class OpenClaims
        {
            [KnownClaim(JsonType = ClaimJsonType.Boolean)]
            public const string Flag = "f";
        }

        """;

    [Fact]
    public async Task Closed_declared_vocabulary_reports_unknown_claims_with_suggestions_long_names_and_type_mismatches()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync(Vocabulary + """
            [TokenPayload(typeof(AcmeClaims))]
            public partial record AcmeToken
            {
                [Claim(AcmeClaims.Name)] public string? Name { get; init; }
                [Claim("lvl")] public {|TKS0004:string?|} Level { get; init; }
                [Claim("adm")] public bool? Admin { get; init; }
                [Claim("x")] public IReadOnlyList<int>? Extra { get; init; }
                [Claim("sub")] public string? Subject { get; init; }
                [Claim({|TKS0001:"nn"|})] public string? Typo { get; init; }
                [Claim({|TKS0003:"display_name"|})] public string? Long { get; init; }
                [Claim({|TKS0001:"nope"|})] public string? Nope { get; init; }
                [Claim("custom", IsExtension = true)] public string? Custom { get; init; }
            }

            [TokenPayload(typeof(OpenClaims))]
            public partial record OpenToken
            {
                [Claim("f")] public {|TKS0004:int?|} Flag { get; init; }
                [Claim("anything")] public string? Anything { get; init; }
            }
            """);

        Assert.StartsWith("Claim 'lvl' (access_level) is a JSON integer, which a member of type 'string?' cannot hold", diagnostics[0].GetMessage());
        Assert.Equal("Claim 'nn' is not a Acme claim; did you mean 'n' (display_name)?", diagnostics[1].GetMessage());
        Assert.Equal("'display_name' is the long name of the Acme claim 'n'; use 'n'", diagnostics[2].GetMessage());
        Assert.StartsWith("Claim 'nope' is not a Acme claim", diagnostics[3].GetMessage());
    }

    [Fact]
    public async Task A_declared_string_claim_may_be_held_by_the_teams_own_enum()
    {
        await VerifyAsync(Vocabulary + """
            public enum Tier { [ClaimValue("gold")] Gold, [ClaimValue("silver")] Silver }

            [TokenPayload(typeof(AcmeClaims))]
            public partial record AcmeToken
            {
                [Claim(AcmeClaims.Name)] public Tier? Tier { get; init; }
                [Claim("lvl")] public {|TKS0004:Tier?|} Level { get; init; }
            }
            """);
    }

    [Fact]
    public async Task TKS0022_vocabulary_class_without_the_definition_attribute()
    {
        await VerifyAsync(Vocabulary + """
            public static class Undeclared { public const string Name = "n"; }

            [TokenPayload([|typeof(Undeclared)|])]
            public partial record AcmeToken { [Claim("n")] public string? Name { get; init; } }
            """, "TKS0022");
    }

    [Fact]
    public async Task TKS0023_known_claims_the_vocabulary_ignores()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync("using TokenSchema;\n" + """
            [ClaimVocabularyDefinition]
            public static class TeamClaims
            {
                [KnownClaim] public const string Name = "n";
                [KnownClaim] public const string [|Again|] = "n";
                [KnownClaim("lvl")] public const int [|Level|] = 3;
                [KnownClaim] public static readonly string [|Field|] = "f";
                [KnownClaim] public const string [|Empty|] = " ";
            }

            public static class NotAVocabulary
            {
                [KnownClaim] public const string [|Name|] = "n";
            }
            """, "TKS0023");

        Assert.Equal(
            new[]
            {
                "[KnownClaim] on 'Again' is ignored because claim 'n' is already declared by 'Name'",
                "[KnownClaim] on 'Level' is ignored because only const string fields declare claims",
                "[KnownClaim] on 'Field' is ignored because only const string fields declare claims",
                "[KnownClaim] on 'Empty' is ignored because its claim name is empty",
                "[KnownClaim] on 'Name' is ignored because 'NotAVocabulary' is not marked [ClaimVocabularyDefinition]",
            },
            diagnostics.Select(d => d.GetMessage()));
    }

    [Fact]
    public void Generator_writes_the_declared_long_names_and_validates_the_declared_max_length()
    {
        using LoadedAssembly loaded = TestHelpers.CompileAndLoad(Vocabulary + """
            [TokenPayload(typeof(AcmeClaims))]
            public sealed partial record AcmeToken
            {
                [Claim(AcmeClaims.Name)] public string? Name { get; init; }
                [Claim("lvl")] public int? Level { get; init; }
                [Claim("adm")] public bool? Admin { get; init; }
                [Claim("sub")] public string? Subject { get; init; }

                public static AcmeToken Sample(string name) => new() { Name = name, Level = 3, Admin = true, Subject = "s" };
            }

            [TokenPayload(typeof(OpenClaims))]
            public sealed partial record OpenToken { [Claim("f")] public bool? Flag { get; init; } }
            """);
        Type token = loaded.GetType("Acme.AcmeToken");
        object valid = token.GetMethod("Sample")!.Invoke(null, new object[] { "Ann" })!;
        object tooLong = token.GetMethod("Sample")!.Invoke(null, new object[] { "Annabelle" })!;

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            ((ILongFormPayload)valid).WriteLongForm(writer);
        }

        Assert.Equal("""{"display_name":"Ann","access_level":3,"adm":true,"sub":"s"}""", Encoding.UTF8.GetString(buffer.WrittenSpan));
        Assert.Equal("""{"n":"Ann","lvl":3,"adm":true,"sub":"s"}""", loaded.Write(valid));
        Assert.True(LoadedAssembly.Validate(valid).IsValid);
        ClaimProblem problem = Assert.Single(LoadedAssembly.Validate(tooLong).Problems);
        Assert.Equal("n", problem.Claim);
        Assert.False(typeof(ILongFormPayload).IsAssignableFrom(loaded.GetType("Acme.OpenToken")));
    }

    [Fact]
    public void Editing_the_vocabulary_class_in_another_file_updates_the_payload_and_an_unrelated_edit_stays_cached()
    {
        const string payload = """
            using TokenSchema;

            namespace Acme;

            [TokenPayload(typeof(AcmeClaims))]
            public sealed partial record AcmeToken { [Claim(AcmeClaims.Name)] public string? Name { get; init; } }
            """;
        Microsoft.CodeAnalysis.CSharp.CSharpCompilation compilation = TestHelpers.CreateCompilation(Vocabulary, payload);
        GeneratorDriver driver = TestHelpers.CreateDriver().RunGenerators(compilation);
        SyntaxTree vocabulary = compilation.SyntaxTrees.First();

        SyntaxTree renamed = vocabulary.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(
            Vocabulary.Replace("LongName = \"display_name\"", "LongName = \"full_name\"", StringComparison.Ordinal)));
        GeneratorRunResult edited = driver.RunGenerators(compilation.ReplaceSyntaxTree(vocabulary, renamed)).GetRunResult().Results.Single();
        GeneratorRunResult unrelated = driver.RunGenerators(compilation.AddSyntaxTrees(
            Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("namespace Elsewhere { internal sealed class Unrelated { } }", TestHelpers.ParseOptions)))
            .GetRunResult().Results.Single();

        Assert.Contains("\"full_name\"", edited.GeneratedSources.Single().SourceText.ToString(), StringComparison.Ordinal);
        Assert.All(
            unrelated.TrackedSteps["SupportedPayloads"].SelectMany(step => step.Outputs),
            output => Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, output.Reason.ToString()));
    }
}
