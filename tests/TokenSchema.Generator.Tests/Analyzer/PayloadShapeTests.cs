using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using static TokenSchema.Generator.Tests.Verification.AnalyzerVerifier;

namespace TokenSchema.Generator.Tests.Analyzer;

/// <summary>
/// TKS0014–TKS0020: every shape the generator refuses to implement is reported, on its exact span, and the generator
/// indeed emits nothing for it.
/// </summary>
public sealed class PayloadShapeTests
{
    private const string Usings = "using System; using System.Collections.Generic; using System.Text.Json; using TokenSchema;\n";

    [Fact]
    public async Task TKS0014_generic_abstract_static_file_local_and_ref_struct_payloads()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync(Usings + """
            [TokenPayload]
            public partial record [|Generic|]<T> { [Claim("sub")] public string? Subject { get; init; } }

            [TokenPayload]
            public abstract partial record [|Abstract|] { [Claim("sub")] public string? Subject { get; init; } }

            [TokenPayload]
            public static partial class [|Static|] { }

            [TokenPayload]
            file partial record [|FileLocal|] { [Claim("sub")] public string? Subject { get; init; } }

            [TokenPayload]
            public ref partial struct [|RefStruct|] { [Claim("sub")] public string? Subject { get; set; } }

            public partial class Holder<T>
            {
                [TokenPayload]
                public partial record [|Inner|]([Claim("sub")] string Subject);
            }

            [TokenPayload]
            public sealed partial record Fine { [Claim("sub")] public string? Subject { get; init; } }
            """, "TKS0014");

        Assert.Equal(
            new[]
            {
                "'Generic' cannot be a token payload because it is generic",
                "'Abstract' cannot be a token payload because it is abstract",
                "'Static' cannot be a token payload because it is static",
                "'FileLocal' cannot be a token payload because it is file-local",
                "'RefStruct' cannot be a token payload because it is a ref struct",
                "'Inner' cannot be a token payload because it is nested in the generic type 'Holder<T>'",
            },
            diagnostics.Select(d => d.GetMessage()));
    }

    [Fact]
    public async Task TKS0015_payload_deriving_from_a_payload_is_reported_on_the_base_type()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync(Usings + """
            [TokenPayload]
            public partial record BaseToken { [Claim("sub")] public string? Subject { get; init; } }

            [TokenPayload]
            public partial record ApiToken : [|BaseToken|] { [Claim("scope")] public string? Scope { get; init; } }

            public class Plain { }

            [TokenPayload]
            public partial class FromPlain : Plain { [Claim("sub")] public string? Subject { get; set; } }
            """, "TKS0015");

        Assert.StartsWith("'ApiToken' derives from the payload 'BaseToken'", diagnostics.Single().GetMessage());
    }

    [Fact]
    public async Task TKS0016_class_without_parameterless_constructor()
    {
        await VerifyAsync(Usings + """
            [TokenPayload]
            public partial class [|WithArguments|]
            {
                public WithArguments(string subject) => Subject = subject;
                [Claim("sub")] public string? Subject { get; set; }
            }

            [TokenPayload]
            public partial class [|PrimaryConstructor|](string subject)
            {
                [Claim("sub")] public string? Subject { get; set; } = subject;
            }

            [TokenPayload]
            public partial class PrivateParameterless
            {
                private PrivateParameterless() { }
                public PrivateParameterless(string subject) => Subject = subject;
                [Claim("sub")] public string? Subject { get; set; }
            }

            [TokenPayload]
            public partial record Positional([Claim("sub")] string Subject);

            [TokenPayload]
            public partial struct Struct
            {
                public Struct(string subject) => Subject = subject;
                [Claim("sub")] public string? Subject { get; set; }
            }
            """, "TKS0016");
    }

    [Fact]
    public async Task TKS0017_required_members_and_positional_parameters_that_are_not_claims()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync(Usings + """
            [TokenPayload]
            public partial record ApiToken([Claim("sub")] string Subject, string [|Note|], [property: Claim("aud")] string Audience)
            {
                public required string [|Tenant|] { get; init; }
                public required int [|Level|];
                [Claim("scope")] public required string Scope { get; init; }
                public string? Optional { get; init; }
            }

            public class Base { public required string Kind { get; init; } }

            [TokenPayload]
            public partial class [|Derived|] : Base { [Claim("sub")] public string? Subject { get; set; } }
            """, "TKS0017");

        Assert.Equal(
            new[]
            {
                "'Note' is a positional parameter but not a claim, so the reader cannot create 'ApiToken'; mark it [Claim] or move it out of the parameter list",
                "'Tenant' is required but not a claim, so the reader cannot create 'ApiToken'; mark it [Claim] or remove 'required'",
                "'Level' is required but not a claim, so the reader cannot create 'ApiToken'; mark it [Claim] or remove 'required'",
                "'Base.Kind' is an inherited required member but not a claim, so the reader cannot create 'Derived'; mark it [Claim] or remove 'required' from the base type",
            },
            diagnostics.Select(d => d.GetMessage()));
    }

    [Fact]
    public async Task TKS0018_more_than_64_claims()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync(Usings + "[TokenPayload]\npublic partial record [|Wide|]\n{\n" + Claims(65) + "}\n"
            + "[TokenPayload]\npublic partial record Widest\n{\n" + Claims(64) + "}\n", "TKS0018");

        Assert.Equal("'Wide' maps 65 claims; a payload may have at most 64, so move some into a nested [TokenPayload] object", diagnostics.Single().GetMessage());
    }

    [Fact]
    public async Task TKS0019_claim_property_without_setter_or_getter()
    {
        await VerifyAsync(Usings + """
            [TokenPayload]
            public partial class ApiToken
            {
                private string? _scope;
                [Claim("sub")] public string? [|Subject|] { get; }
                [Claim("scope")] public string? [|Scope|] { set => _scope = value; }
                [Claim("aud")] public string? Audience { get; init; }
                [Claim("jti")] public string? Id { get; set; }
                public string? Peek => _scope;
            }

            [TokenPayload]
            public partial record Positional([Claim("sub")] string Subject)
            {
                public string Subject { get; } = Subject;
            }
            """, "TKS0019");
    }

    [Fact]
    public async Task TKS0020_converter_for_another_type_is_reported_on_the_typeof_argument()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync(Usings + """
            public enum Media { Video, Audio }

            public sealed class CommaList : IClaimConverter<string[]>
            {
                public static void Write(Utf8JsonWriter writer, string[] value) => writer.WriteStringValue(string.Join(",", value));
                public static bool TryRead(ref Utf8JsonReader reader, out string[] value) { value = Array.Empty<string>(); return true; }
            }

            public sealed class MediaConverter : IClaimConverter<Media>
            {
                public static void Write(Utf8JsonWriter writer, Media value) => writer.WriteStringValue("v");
                public static bool TryRead(ref Utf8JsonReader reader, out Media value) { value = Media.Video; return true; }
            }

            public sealed class NotAConverter { }

            [TokenPayload]
            public partial record ApiToken
            {
                [Claim("scp"), ClaimConverter([|typeof(CommaList)|])] public List<string>? Scopes { get; init; }
                [Claim("x"), ClaimConverter([|typeof(NotAConverter)|])] public string? X { get; init; }
                [Claim("cs"), ClaimConverter(typeof(MediaConverter))] public Media? Send { get; init; }
                [Claim("all"), ClaimConverter(typeof(CommaList))] public string[]? All { get; init; }
            }
            """, "TKS0020");

        Assert.Equal("'CommaList' does not implement IClaimConverter<List<string>>, so it cannot write 'Scopes'", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task TKS0021_json_compatible_types_the_generator_does_not_write()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync(Usings + """
            public enum Twice { [ClaimValue("x")] A, [ClaimValue("x")] B }

            [TokenPayload(ClaimVocabulary.Daily)]
            public partial record {|TKS0031:MeetingToken|}
            {
                [Claim("er")] public [|List<string>?|] EnableRecording { get; init; }
                [Claim("eje")] public [|short?|] EjectAfterElapsed { get; init; }
                [Claim("x1", IsExtension = true)] public [|decimal?|] Price { get; init; }
                [Claim("x2", IsExtension = true)] public [|Dictionary<string, bool>?|] Flags { get; init; }
                [Claim("x3", IsExtension = true)] public [|Twice?|] Twice { get; init; }
                [Claim("x4", IsExtension = true)] public IReadOnlyList<long>? Numbers { get; init; }
                [Claim("x5", IsExtension = true)] public IReadOnlyDictionary<string, bool>? Map { get; init; }
                [Claim("x6", IsExtension = true)] public string[][]? Nested { get; init; }
            }
            """, "TKS0021");

        Assert.Equal(
            "Type 'List<string>?' of 'EnableRecording' has a JSON form but the generator does not write it; use T[] or IReadOnlyList<T> of a supported type (or [ClaimConverter])",
            diagnostics[1].GetMessage());
        Assert.EndsWith("use int or long (or [ClaimConverter])", diagnostics[2].GetMessage());
    }

    [Theory]
    [InlineData("[TokenPayload] public partial record P { [Claim(\"sub\")] public System.Collections.Generic.List<string>? S { get; init; } }", "TKS0021")]
    [InlineData("[TokenPayload] public abstract partial record P { [Claim(\"sub\")] public string? S { get; init; } }", "TKS0014")]
    [InlineData("[TokenPayload] public partial record B { [Claim(\"sub\")] public string? S { get; init; } } [TokenPayload] public partial record P : B { [Claim(\"x\")] public string? X { get; init; } }", "TKS0015")]
    [InlineData("[TokenPayload] public partial class P { public P(int a) { } [Claim(\"sub\")] public string? S { get; set; } }", "TKS0016")]
    [InlineData("[TokenPayload] public partial record P([Claim(\"sub\")] string S, string Note);", "TKS0017")]
    [InlineData("[TokenPayload] public partial record P { [Claim(\"sub\")] public string? S { get; } }", "TKS0019")]
    [InlineData("[TokenPayload] public partial record P { [Claim(\"sub\"), ClaimConverter(typeof(string))] public string? S { get; init; } }", "TKS0020")]
    public async Task Every_reported_shape_is_one_the_generator_leaves_unimplemented(string source, string id)
    {
        ImmutableArray<Diagnostic> diagnostics = await AnalyzerHarness.AnalyzeAsync(AnalyzerHarness.Compile(Usings + source));
        GeneratorRun run = TestHelpers.Run(Usings + source);

        Assert.Contains(diagnostics, d => d.Id == id);
        Assert.DoesNotContain(run.Sources.Keys, hint => hint == "P.TokenPayload.g.cs");
    }

    private static string Claims(int count)
    {
        var text = new StringBuilder();
        for (int i = 0; i < count; i++)
        {
            text.Append("    [Claim(\"c").Append(i).Append("\")] public int? C").Append(i).Append(" { get; init; }\n");
        }

        return text.ToString();
    }
}
