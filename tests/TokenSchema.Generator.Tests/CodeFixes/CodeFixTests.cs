using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using TokenSchema.CodeFixes;
using TokenSchema.Generator.Tests.Verification;
using Xunit;

namespace TokenSchema.Generator.Tests.CodeFixes;

/// <summary>
/// Every code fix through Roslyn's code fix test framework: the diagnostics are marked on their exact spans, each fix is
/// applied one diagnostic at a time and through FixAll (document, project and solution), and the fixed code must carry
/// none of the diagnostics fixed.
/// </summary>
public sealed class CodeFixTests
{
    [Fact]
    public async Task Misspelled_claim_is_replaced_with_the_suggestion()
    {
        await new TokenSchemaCodeFixTest<ClaimNameCodeFixProvider>
        {
            TestCode = """
                using TokenSchema;

                [TokenPayload(ClaimVocabulary.Daily)]
                public partial record {|TKS0031:MeetingToken|}
                {
                    [Claim({|TKS0001:"cteo"|})] public bool? CloseTabOnExit { get; init; }
                }
                """,
            FixedCode = """
                using TokenSchema;

                [TokenPayload(ClaimVocabulary.Daily)]
                public partial record {|TKS0031:MeetingToken|}
                {
                    [Claim("ctoe")] public bool? CloseTabOnExit { get; init; }
                }
                """,
            ExpectedTitle = "Use claim 'ctoe'",
            CodeActionEquivalenceKey = ClaimNameCodeFixProvider.EquivalenceKey,
        }.RunAsync();
    }

    [Fact]
    public async Task Near_registered_claim_is_replaced_with_the_registered_claim()
    {
        await new TokenSchemaCodeFixTest<ClaimNameCodeFixProvider>
        {
            TestCode = """
                using TokenSchema;

                [TokenPayload]
                public partial record ApiToken([Claim({|TKS0002:"exq"|})] long? Expires);
                """,
            FixedCode = """
                using TokenSchema;

                [TokenPayload]
                public partial record ApiToken([Claim("exp")] long? Expires);
                """,
            ExpectedTitle = "Use claim 'exp'",
        }.RunAsync();
    }

    [Fact]
    public async Task Long_name_is_replaced_with_the_abbreviation()
    {
        await new TokenSchemaCodeFixTest<ClaimNameCodeFixProvider>
        {
            TestCode = """
                using TokenSchema;

                [TokenPayload(ClaimVocabulary.Daily)]
                public partial record {|TKS0031:MeetingToken|}
                {
                    [Claim( {|TKS0003:"close_tab_on_exit"|} /* REST name */)] public bool? CloseTabOnExit { get; init; }
                }
                """,
            FixedCode = """
                using TokenSchema;

                [TokenPayload(ClaimVocabulary.Daily)]
                public partial record {|TKS0031:MeetingToken|}
                {
                    [Claim( "ctoe" /* REST name */)] public bool? CloseTabOnExit { get; init; }
                }
                """,
            ExpectedTitle = "Use claim 'ctoe'",
        }.RunAsync();
    }

    [Fact]
    public async Task Every_claim_name_in_a_project_is_fixed_at_once()
    {
        var test = new TokenSchemaCodeFixTest<ClaimNameCodeFixProvider>
        {
            NumberOfFixAllIterations = 1,
            NumberOfFixAllInDocumentIterations = 2,
            NumberOfIncrementalIterations = 4,
        };
        test.TestState.Sources.Add(("Meeting.cs", """
            using TokenSchema;

            [TokenPayload(ClaimVocabulary.Daily)]
            public partial record {|TKS0031:MeetingToken|}
            {
                [Claim({|TKS0001:"cteo"|})] public bool? CloseTabOnExit { get; init; }
                [Claim({|TKS0003:"room_name"|})] public string? RoomName { get; init; }
                [Claim({|TKS0001:"exq"|})] public long? Expires { get; init; }
            }
            """));
        test.TestState.Sources.Add(("Api.cs", """
            using TokenSchema;

            [TokenPayload]
            public partial record ApiToken([Claim({|TKS0002:"nbg"|})] long? NotBefore);
            """));
        test.FixedState.Sources.Add(("Meeting.cs", """
            using TokenSchema;

            [TokenPayload(ClaimVocabulary.Daily)]
            public partial record {|TKS0031:MeetingToken|}
            {
                [Claim("ctoe")] public bool? CloseTabOnExit { get; init; }
                [Claim("r")] public string? RoomName { get; init; }
                [Claim("exp")] public long? Expires { get; init; }
            }
            """));
        test.FixedState.Sources.Add(("Api.cs", """
            using TokenSchema;

            [TokenPayload]
            public partial record ApiToken([Claim("nbf")] long? NotBefore);
            """));
        await test.RunAsync();
    }

    [Fact]
    public async Task Unknown_claim_without_suggestion_offers_no_fix()
    {
        string source = """
            using TokenSchema;

            [TokenPayload(ClaimVocabulary.Daily)]
            public partial record {|TKS0031:MeetingToken|}([Claim({|TKS0001:"favourite_colour"|})] string? Colour);
            """;
        await new TokenSchemaCodeFixTest<ClaimNameCodeFixProvider> { TestCode = source, FixedCode = source }.RunAsync();
    }

    [Fact]
    public async Task Partial_is_added_to_the_type_and_its_containing_types()
    {
        await new TokenSchemaCodeFixTest<MakePartialCodeFixProvider>
        {
            TestCode = """
                using TokenSchema;

                namespace App;

                public static class {|TKS0007:Tokens|}
                {
                    /// <summary>A Daily token.</summary>
                    [TokenPayload(ClaimVocabulary.Daily)]
                    public sealed record {|TKS0031:{|TKS0007:MeetingToken|}|}([Claim("r")] string RoomName);
                }
                """,
            FixedCode = """
                using TokenSchema;

                namespace App;

                public static partial class Tokens
                {
                    /// <summary>A Daily token.</summary>
                    [TokenPayload(ClaimVocabulary.Daily)]
                    public sealed partial record {|TKS0031:MeetingToken|}([Claim("r")] string RoomName);
                }
                """,
            // Both diagnostics are fixed; each names the type it makes partial.
            CodeActionVerifier = (action, verifier) => verifier.True(
                action.Title is "Make 'MeetingToken' partial" or "Make 'Tokens' partial", "Unexpected title: " + action.Title),
            CodeActionEquivalenceKey = MakePartialCodeFixProvider.EquivalenceKey,
        }.RunAsync();
    }

    [Fact]
    public async Task Partial_is_added_to_a_type_without_modifiers_keeping_its_trivia()
    {
        await new TokenSchemaCodeFixTest<MakePartialCodeFixProvider>
        {
            TestCode = """
                using TokenSchema;

                // The token.
                [TokenPayload]
                record struct {|TKS0007:ApiToken|}([Claim("sub")] string Subject);
                """,
            FixedCode = """
                using TokenSchema;

                // The token.
                [TokenPayload]
                partial record struct ApiToken([Claim("sub")] string Subject);
                """,
        }.RunAsync();
    }

    [Fact]
    public async Task Every_payload_in_a_project_is_made_partial_at_once()
    {
        var test = new TokenSchemaCodeFixTest<MakePartialCodeFixProvider>
        {
            NumberOfFixAllIterations = 1,
            NumberOfFixAllInDocumentIterations = 2,
            NumberOfIncrementalIterations = 3,
        };
        test.TestState.Sources.Add(("Meeting.cs", """
            using TokenSchema;

            [TokenPayload(ClaimVocabulary.Daily)]
            public sealed record {|TKS0031:{|TKS0007:MeetingToken|}|}([Claim("r")] string RoomName);

            [TokenPayload]
            internal record struct {|TKS0007:ApiToken|}([Claim("sub")] string Subject);
            """));
        test.TestState.Sources.Add(("Grants.cs", """
            using TokenSchema;

            [TokenPayload]
            public class {|TKS0007:Grants|} { [Claim("sub")] public string? Subject { get; set; } }
            """));
        test.FixedState.Sources.Add(("Meeting.cs", """
            using TokenSchema;

            [TokenPayload(ClaimVocabulary.Daily)]
            public sealed partial record {|TKS0031:MeetingToken|}([Claim("r")] string RoomName);

            [TokenPayload]
            internal partial record struct ApiToken([Claim("sub")] string Subject);
            """));
        test.FixedState.Sources.Add(("Grants.cs", """
            using TokenSchema;

            [TokenPayload]
            public partial class Grants { [Claim("sub")] public string? Subject { get; set; } }
            """));
        await test.RunAsync();
    }

    [Fact]
    public async Task Get_only_claim_property_gets_an_init_accessor()
    {
        await new TokenSchemaCodeFixTest<AddInitAccessorCodeFixProvider>
        {
            TestCode = """
                using TokenSchema;

                [TokenPayload]
                public partial record ApiToken
                {
                    [Claim("sub")] public string? {|TKS0019:Subject|} { get; }
                }
                """,
            FixedCode = """
                using TokenSchema;

                [TokenPayload]
                public partial record ApiToken
                {
                    [Claim("sub")] public string? Subject { get; init; }
                }
                """,
            ExpectedTitle = "Add 'init' to 'Subject'",
            CodeActionEquivalenceKey = AddInitAccessorCodeFixProvider.EquivalenceKey,
        }.RunAsync();
    }

    [Fact]
    public async Task Every_get_only_claim_property_in_a_project_gets_an_init_accessor_at_once()
    {
        var test = new TokenSchemaCodeFixTest<AddInitAccessorCodeFixProvider>
        {
            NumberOfFixAllIterations = 1,
            NumberOfFixAllInDocumentIterations = 2,
            NumberOfIncrementalIterations = 3,
        };
        test.TestState.Sources.Add(("Api.cs", """
            using TokenSchema;

            [TokenPayload]
            public partial record ApiToken
            {
                [Claim("sub")] public string? {|TKS0019:Subject|} { get; }
                [Claim("aud")] public string? {|TKS0019:Audience|} { get; }
            }
            """));
        test.TestState.Sources.Add(("Service.cs", """
            using TokenSchema;

            [TokenPayload]
            public partial class ServiceToken
            {
                [Claim("iss")] public string? {|TKS0019:Issuer|} { get; }
            }
            """));
        test.FixedState.Sources.Add(("Api.cs", """
            using TokenSchema;

            [TokenPayload]
            public partial record ApiToken
            {
                [Claim("sub")] public string? Subject { get; init; }
                [Claim("aud")] public string? Audience { get; init; }
            }
            """));
        test.FixedState.Sources.Add(("Service.cs", """
            using TokenSchema;

            [TokenPayload]
            public partial class ServiceToken
            {
                [Claim("iss")] public string? Issuer { get; init; }
            }
            """));
        await test.RunAsync();
    }

    [Fact]
    public async Task Computed_claim_property_gets_no_accessor_fix()
    {
        string source = """
            using TokenSchema;

            [TokenPayload]
            public partial record ApiToken
            {
                [Claim("sub")] public string? {|TKS0019:Subject|} { get { return "s"; } }
            }
            """;
        await new TokenSchemaCodeFixTest<AddInitAccessorCodeFixProvider> { TestCode = source, FixedCode = source }.RunAsync();
    }

    [Fact]
    public async Task Missing_required_claims_are_declared()
    {
        await new TokenSchemaCodeFixTest<AddRequiredClaimsCodeFixProvider>
        {
            TestCode = """
                using System;
                using TokenSchema;

                [TokenPayload(ClaimVocabulary.Daily)]
                public partial record {|TKS0031:RoomToken|}
                {
                    [Claim("r")] public string? RoomName { get; init; }
                    [Claim("exp")] public DateTimeOffset? Expires { get; init; }
                }
                """,
            FixedCode = """
                using System;
                using TokenSchema;

                [TokenPayload(ClaimVocabulary.Daily)]
                public partial record RoomToken
                {
                    [Claim("r")] public string? RoomName { get; init; }
                    [Claim("exp")] public DateTimeOffset? Expires { get; init; }
                    [Claim("d")] public Guid? DomainId { get; init; }
                    [Claim("iat")] public DateTimeOffset? IssuedAt { get; init; }
                }
                """,
            ExpectedTitle = "Declare claims 'd', 'iat'",
            CodeActionEquivalenceKey = AddRequiredClaimsCodeFixProvider.EquivalenceKey,
        }.RunAsync();
    }

    [Fact]
    public async Task Missing_required_claims_give_a_positional_record_a_body()
    {
        await new TokenSchemaCodeFixTest<AddRequiredClaimsCodeFixProvider>
        {
            TestCode = """
                using System;
                using TokenSchema;

                [TokenPayload(ClaimVocabulary.LiveKit)]
                public partial record {|TKS0031:LiveKitToken|}([Claim("sub")] string? Identity);
                """,
            FixedCode = """
                using System;
                using TokenSchema;

                [TokenPayload(ClaimVocabulary.LiveKit)]
                public partial record LiveKitToken([Claim("sub")] string? Identity)
                {
                    [Claim("iss")] public string? Issuer { get; init; }
                    [Claim("exp")] public DateTimeOffset? Expires { get; init; }
                }
                """,
            ExpectedTitle = "Declare claims 'iss', 'exp'",
        }.RunAsync();
    }
}
