using System.Threading.Tasks;
using TokenSchema.CodeFixes;
using Xunit;
using static TokenSchema.Generator.Tests.CodeFixes.CodeFixHarness;

namespace TokenSchema.Generator.Tests.CodeFixes;

public sealed class CodeFixTests
{
    [Fact]
    public async Task Misspelled_claim_is_replaced_with_the_suggestion()
    {
        await VerifyFixAsync(new ClaimNameCodeFixProvider(), "TKS0001", """
            using TokenSchema;

            [TokenPayload(ClaimVocabulary.Daily)]
            public partial record MeetingToken
            {
                [Claim("cteo")] public bool? CloseTabOnExit { get; init; }
            }
            """, """
            using TokenSchema;

            [TokenPayload(ClaimVocabulary.Daily)]
            public partial record MeetingToken
            {
                [Claim("ctoe")] public bool? CloseTabOnExit { get; init; }
            }
            """, "Use claim 'ctoe'");
    }

    [Fact]
    public async Task Near_registered_claim_is_replaced_with_the_registered_claim()
    {
        await VerifyFixAsync(new ClaimNameCodeFixProvider(), "TKS0002", """
            using TokenSchema;

            [TokenPayload]
            public partial record ApiToken([Claim("exq")] long? Expires);
            """, """
            using TokenSchema;

            [TokenPayload]
            public partial record ApiToken([Claim("exp")] long? Expires);
            """);
    }

    [Fact]
    public async Task Long_name_is_replaced_with_the_abbreviation()
    {
        await VerifyFixAsync(new ClaimNameCodeFixProvider(), "TKS0003", """
            using TokenSchema;

            [TokenPayload(ClaimVocabulary.Daily)]
            public partial record MeetingToken
            {
                [Claim( "close_tab_on_exit" /* REST name */)] public bool? CloseTabOnExit { get; init; }
            }
            """, """
            using TokenSchema;

            [TokenPayload(ClaimVocabulary.Daily)]
            public partial record MeetingToken
            {
                [Claim( "ctoe" /* REST name */)] public bool? CloseTabOnExit { get; init; }
            }
            """, "Use claim 'ctoe'");
    }

    [Fact]
    public async Task Unknown_claim_without_suggestion_offers_no_fix()
    {
        await AssertNoFixAsync(new ClaimNameCodeFixProvider(), "TKS0001", """
            using TokenSchema;

            [TokenPayload(ClaimVocabulary.Daily)]
            public partial record MeetingToken([Claim("favourite_colour")] string? Colour);
            """);
    }

    [Fact]
    public async Task Partial_is_added_to_the_type_and_its_containing_types()
    {
        await VerifyFixAsync(new MakePartialCodeFixProvider(), "TKS0007", """
            using TokenSchema;

            namespace App;

            public static class Tokens
            {
                /// <summary>A Daily token.</summary>
                [TokenPayload(ClaimVocabulary.Daily)]
                public sealed record MeetingToken([Claim("r")] string RoomName);
            }
            """, """
            using TokenSchema;

            namespace App;

            public static partial class Tokens
            {
                /// <summary>A Daily token.</summary>
                [TokenPayload(ClaimVocabulary.Daily)]
                public sealed partial record MeetingToken([Claim("r")] string RoomName);
            }
            """, "Make 'MeetingToken' partial", diagnosedText: "MeetingToken");
    }

    [Fact]
    public async Task Partial_is_added_to_a_type_without_modifiers_keeping_its_trivia()
    {
        await VerifyFixAsync(new MakePartialCodeFixProvider(), "TKS0007", """
            using TokenSchema;

            // The token.
            [TokenPayload]
            record struct ApiToken([Claim("sub")] string Subject);
            """, """
            using TokenSchema;

            // The token.
            [TokenPayload]
            partial record struct ApiToken([Claim("sub")] string Subject);
            """);
    }

    [Fact]
    public async Task Get_only_claim_property_gets_an_init_accessor()
    {
        await VerifyFixAsync(new AddInitAccessorCodeFixProvider(), "TKS0019", """
            using TokenSchema;

            [TokenPayload]
            public partial record ApiToken
            {
                [Claim("sub")] public string? Subject { get; }
            }
            """, """
            using TokenSchema;

            [TokenPayload]
            public partial record ApiToken
            {
                [Claim("sub")] public string? Subject { get; init; }
            }
            """, "Add 'init' to 'Subject'");
    }

    [Fact]
    public async Task Computed_claim_property_gets_no_accessor_fix()
    {
        await AssertNoFixAsync(new AddInitAccessorCodeFixProvider(), "TKS0019", """
            using TokenSchema;

            [TokenPayload]
            public partial record ApiToken
            {
                [Claim("sub")] public string? Subject { get { return "s"; } }
            }
            """);
    }
}
