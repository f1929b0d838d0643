using System.Linq;
using Xunit;

namespace TokenSchema.Generator.Tests;

/// <summary>
/// A vocabulary whose platform matches claim names ignoring case (LiveKit) gets a reader that refuses a case variant of
/// a claim name of the object it reads (the type's claims and the vocabulary's), naming it; other vocabularies do not.
/// </summary>
public sealed class NameCaseTests
{
    private const string Source = """
        using TokenSchema;
        namespace Samples.Case;

        [TokenPayload(ClaimVocabulary.LiveKit)]
        public sealed partial record Grant
        {
            [Claim("roomJoin")] public bool? RoomJoin { get; init; }
            [Claim("room")] public string? Room { get; init; }
        }

        [TokenPayload(ClaimVocabulary.LiveKit)]
        public sealed partial record Token
        {
            [Claim("sub")] public string? Identity { get; init; }
            [Claim("video")] public Grant? Video { get; init; }
        }

        [TokenPayload]
        public sealed partial record Plain
        {
            [Claim("room")] public string? Room { get; init; }
        }
        """;

    [Fact]
    public void Only_the_case_insensitive_vocabulary_refuses_case_variants()
    {
        GeneratorRun run = TestHelpers.Run(Source);
        string grant = run.Sources.Single(s => s.Key.Contains("Grant", System.StringComparison.Ordinal)).Value;
        string plain = run.Sources.Single(s => s.Key.Contains("Plain", System.StringComparison.Ordinal)).Value;

        // The grant's own claims first, then the video grant's other names, which the type does not describe.
        Assert.Contains("IsCaseVariantName(ref reader, \"roomJoin\\0room\\0roomCreate", grant, System.StringComparison.Ordinal);
        Assert.DoesNotContain("IsCaseVariantName", plain, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"video\":{\"ROOMJOIN\":true}}", "video.ROOMJOIN")]
    [InlineData("{\"video\":{\"roomCREATE\":true}}", "video.roomCREATE")]
    [InlineData("{\"SUB\":\"a\"}", "SUB")]
    [InlineData("{\"Exp\":1}", "Exp")]
    public void A_case_variant_is_a_read_error_naming_it(string json, string claim)
    {
        using LoadedAssembly loaded = TestHelpers.CompileAndLoad(Source);
        ReadOutcome outcome = loaded.Read("Samples.Case.Token", json);
        Assert.False(outcome.Success);
        Assert.Equal(new ClaimReadError(ClaimReadErrorKind.CaseVariantName, claim), outcome.Error);
        Assert.True(loaded.Read("Samples.Case.Token", "{\"video\":{\"roomJoin\":true,\"other\":1},\"sub\":\"a\"}").Success);
    }
}
