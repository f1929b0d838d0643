using System.Collections.Immutable;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using static TokenSchema.Generator.Tests.Verification.AnalyzerVerifier;

namespace TokenSchema.Generator.Tests.Analyzer;

/// <summary>
/// The analyzer's diagnostics, each marked on its exact span and checked through Roslyn's analyzer test framework
/// (<see cref="Verification.AnalyzerVerifier"/>), with their messages and properties.
/// </summary>
public sealed class TokenPayloadAnalyzerTests
{
    private const string Usings = "using System; using System.Collections.Generic; using TokenSchema;\n";

    [Fact]
    public async Task Correct_Daily_record_has_no_diagnostics()
    {
        await VerifyAsync(Usings + """
            [TokenPayload(ClaimVocabulary.Daily)]
            public partial record MeetingToken
            {
                [Claim("r")]    public required string RoomName { get; init; }
                [Claim("d")]    public required Guid DomainId { get; init; }
                [Claim("iat")]  public required DateTimeOffset IssuedAt { get; init; }
                [Claim("ctoe")] public bool? CloseTabOnExit { get; init; }
                [Claim("exp")]  public DateTimeOffset? Expires { get; init; }
                [Claim("nbf")]  public long? NotBefore { get; init; }
                [Claim("ud")]   public string? UserId { get; init; }
                [Claim("eje")]  public TimeSpan? EjectAfterElapsed { get; init; }
                [Claim("er")]   public IReadOnlyList<string>? EnableRecording { get; init; }
                [Claim("rome")] public Uri? RedirectOnMeetingExit { get; init; }
                [Claim("uil")]  public Language? Lang { get; init; }
                [Claim("sro")]  public System.Text.Json.JsonElement? StartCloudRecordingOptions { get; init; }
                [Claim("p")]    public Permissions? Permissions { get; init; }
            }

            public enum Language { [ClaimValue("en")] English, [ClaimValue("pt-BR")] BrazilianPortuguese }

            [TokenPayload(ClaimVocabulary.Daily)]
            public partial record Permissions
            {
                [Claim("hp")] public bool? HasPresence { get; init; }
                [Claim("cs")] public string? CanSend { get; init; }
                [Claim("cr")] public CanReceive? CanReceive { get; init; }
                [Claim("ca")] public bool? CanAdmin { get; init; }
            }

            [TokenPayload(ClaimVocabulary.Daily)]
            public partial record CanReceive
            {
                [Claim("b")] public bool? Base { get; init; }
                [Claim("u")] public IReadOnlyDictionary<string, ReceiveSettings>? ByUserId { get; init; }
                [Claim("p")] public IReadOnlyDictionary<string, bool>? ByParticipantId { get; init; }
            }

            [TokenPayload(ClaimVocabulary.Daily)]
            public partial record ReceiveSettings
            {
                [Claim("v")]  public bool? Video { get; init; }
                [Claim("a")]  public bool? Audio { get; init; }
                [Claim("cv")] public IReadOnlyDictionary<string, bool>? CustomVideo { get; init; }
            }
            """);
    }

    [Fact]
    public async Task Positional_record_parameters_are_checked_like_properties()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync(Usings + """
            [TokenPayload(ClaimVocabulary.LiveKit)]
            public partial record {|TKS0031:LiveKitToken|}(
                [Claim("iss")] string ApiKey,
                [Claim("sub")] string Identity,
                [Claim({|TKS0001:"nmae"|})] string? Name,
                [Claim("kind")] {|TKS0004:int|} Kind);
            """);
        Assert.Equal("Claim 'nmae' is not a LiveKit claim; did you mean 'name' (display name)?", diagnostics[1].GetMessage());
    }

    [Fact]
    public async Task TKS0001_unknown_claim_in_closed_vocabulary_suggests_nearest()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync(Usings + """
            [TokenPayload(ClaimVocabulary.Daily)]
            public partial record {|TKS0031:MeetingToken|}
            {
                [Claim("r")] public required string RoomName { get; init; }
                [Claim([|"cteo"|])] public bool? CloseTabOnExit { get; init; }
            }
            """, "TKS0001");
        Diagnostic diagnostic = Assert.Single(diagnostics, d => d.Id != "TKS0031");
        Assert.Equal("Claim 'cteo' is not a Daily claim; did you mean 'ctoe' (close_tab_on_exit)?", diagnostic.GetMessage());
        Assert.Equal("ctoe", diagnostic.Properties["Replacement"]);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal("https://github.com/tokenschema/tokenschema/blob/main/docs/diagnostics.md#tks0001", diagnostic.Descriptor.HelpLinkUri);
    }

    [Fact]
    public async Task TKS0001_without_a_near_claim_says_how_to_declare_an_extension()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync(Usings + """
            [TokenPayload(ClaimVocabulary.Zoom)]
            public partial record {|TKS0031:ZoomToken|}
            {
                [Claim([|"favourite_colour"|])] public string? Colour { get; init; }
            }
            """, "TKS0001");
        Assert.Equal("Claim 'favourite_colour' is not a Zoom Video SDK claim; set IsExtension = true if the platform accepts it", diagnostics[1].GetMessage());
        Assert.False(diagnostics[1].Properties.ContainsKey("Replacement"));
    }

    [Fact]
    public async Task TKS0001_extension_claim_is_exempt()
    {
        await VerifyAsync(Usings + """
            [TokenPayload(ClaimVocabulary.Daily)]
            public partial record {|TKS0031:MeetingToken|}
            {
                [Claim("r")] public required string RoomName { get; init; }
                [Claim("new_feature", IsExtension = true)] public bool? NewFeature { get; init; }
            }
            """);
    }

    [Fact]
    public async Task TKS0002_jwt_name_one_edit_from_registered_claim_warns()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync(Usings + """
            [TokenPayload]
            public partial record ApiToken
            {
                [Claim("sub")] public required string Subject { get; init; }
                [Claim([|"exq"|])] public DateTimeOffset? Expires { get; init; }
            }
            """, "TKS0002");
        Assert.Equal(DiagnosticSeverity.Warning, diagnostics[0].Severity);
        Assert.Equal("exp", diagnostics[0].Properties["Replacement"]);
    }

    [Fact]
    public async Task Jwt_vocabulary_accepts_custom_claims()
    {
        await VerifyAsync(Usings + """
            [TokenPayload(ClaimVocabulary.Jwt)]
            public partial record ApiToken
            {
                [Claim("n")] public string? N { get; init; }
                [Claim("https://example.com/role")] public string? Role { get; init; }
                [Claim("sid")] public string? SessionId { get; init; }
                [Claim("exq", IsExtension = true)] public string? Exq { get; init; }
                [Claim("aud")] public string[]? Audience { get; init; }
            }
            """);
    }

    [Fact]
    public async Task TKS0003_long_name_in_daily_record_asks_for_abbreviation()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync(Usings + """
            [TokenPayload(ClaimVocabulary.Daily)]
            public partial record {|TKS0031:MeetingToken|}
            {
                [Claim([|"close_tab_on_exit"|])] public bool? CloseTabOnExit { get; init; }
                [Claim([|"roomName"|])] public string? RoomName { get; init; }
            }
            """, "TKS0003");
        Assert.Equal("'close_tab_on_exit' is the long name of the Daily claim 'ctoe'; use 'ctoe'", diagnostics[1].GetMessage());
        Assert.Equal("r", diagnostics[2].Properties["Replacement"]);
    }

    [Fact]
    public async Task TKS0003_former_zoom_name_asks_for_current_name()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync(Usings + """
            [TokenPayload(ClaimVocabulary.Zoom)]
            public partial record {|TKS0031:ZoomToken|}
            {
                [Claim([|"user_identity"|])] public string? UserKey { get; init; }
            }
            """, "TKS0003");
        Assert.Equal("'user_identity' is the former name of the Zoom Video SDK claim 'user_key'; use 'user_key'", diagnostics[1].GetMessage());
    }

    [Fact]
    public async Task TKS0004_type_incompatible_with_claim_json_kind()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync(Usings + """
            [TokenPayload(ClaimVocabulary.Daily)]
            public partial record {|TKS0031:MeetingToken|}
            {
                [Claim("ctoe")] public [|string|] CloseTabOnExit { get; init; } = "";
                [Claim("er")] public [|IReadOnlyList<int>?|] EnableRecording { get; init; }
                [Claim("p")] public [|bool?|] Permissions { get; init; }
            }
            """, "TKS0004");
        Assert.Equal("Claim 'ctoe' (close_tab_on_exit) is a JSON boolean, which a member of type 'string' cannot hold; use bool", diagnostics[1].GetMessage());
    }

    [Fact]
    public async Task TKS0005_registered_claim_with_wrong_type()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync(Usings + """
            [TokenPayload(ClaimVocabulary.Daily)]
            public partial record {|TKS0031:MeetingToken|}
            {
                [Claim("exp")] public [|string?|] Expires { get; init; }
                [Claim("iss")] public [|int|] Issuer { get; init; }
            }
            """, "TKS0005");
        Assert.Equal(
            "Registered claim 'exp' (expiration time) is a JSON NumericDate (integer seconds), which a member of type 'string?' cannot hold; use an integer type (int, long, …) or DateTimeOffset",
            diagnostics[1].GetMessage());
    }

    [Fact]
    public async Task TKS0006_duplicate_claim_name()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync(Usings + """
            [TokenPayload(ClaimVocabulary.Daily)]
            public partial record {|TKS0031:MeetingToken|}([Claim("r")] string RoomName)
            {
                [Claim([|"r"|])] public string? Room { get; init; }
            }
            """, "TKS0006");
        Assert.Equal("Claim 'r' is already mapped by 'RoomName'", diagnostics[1].GetMessage());
    }

    [Fact]
    public async Task TKS0007_type_and_containing_type_must_be_partial()
    {
        await VerifyAsync(Usings + """
            public static class [|Tokens|]
            {
                [TokenPayload(ClaimVocabulary.Daily)]
                public sealed record {|TKS0031:[|MeetingToken|]|}([Claim("r")] string RoomName);

                [TokenPayload]
                public partial record struct ApiToken([Claim("sub")] string Subject);
            }

            public partial class Outer
            {
                [TokenPayload]
                internal partial class Inner { [Claim("sub")] public string? Subject { get; set; } }
            }
            """, "TKS0007");
    }

    [Fact]
    public async Task TKS0008_unsupported_member_types()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync(Usings + """
            public sealed class Plain { }

            [TokenPayload(ClaimVocabulary.Jwt)]
            public partial record ApiToken
            {
                [Claim("a")] public [|object?|] Anything { get; init; }
                [Claim("b")] public [|System.IO.Stream?|] Body { get; init; }
                [Claim("c")] public [|Plain?|] Plain { get; init; }
                [Claim("d")] public [|List<Plain>?|] Plains { get; init; }
                [Claim("e")] public [|Dictionary<int, string>?|] ByNumber { get; init; }
                [Claim("f")] public [|DateTime?|] When { get; init; }
                [Claim("g"), ClaimConverter(typeof(PlainConverter))] public Plain? Converted { get; init; }
            }

            public sealed class PlainConverter : IClaimConverter<Plain?>
            {
                public static void Write(System.Text.Json.Utf8JsonWriter writer, Plain? value) => writer.WriteNullValue();
                public static bool TryRead(ref System.Text.Json.Utf8JsonReader reader, out Plain? value) { value = null; return true; }
            }
            """, "TKS0008");
        Assert.Equal(
            "Type 'object?' of 'Anything' cannot be written as a claim value; use a JSON-compatible type, a [TokenPayload] type or [ClaimConverter]",
            diagnostics[0].GetMessage());
        Assert.Contains("Type 'Plain' of 'Plains'", diagnostics[3].GetMessage());
    }

    [Fact]
    public async Task TKS0009_member_name_contradicting_claim_warns()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync(Usings + """
            [TokenPayload(ClaimVocabulary.Daily)]
            public partial record MeetingToken
            {
                [Claim([|"d"|])] public required string RoomName { get; init; }
                [Claim([|"iat"|])] public DateTimeOffset? Expires { get; init; }
                [Claim("r")] public string? Room { get; init; }
                [Claim("u")] public string? Name { get; init; }
            }
            """, "TKS0009");
        Assert.Equal("'RoomName' is mapped to claim 'd' (domain_id), but its name suggests claim 'r' (room_name)", diagnostics[0].GetMessage());
        Assert.Equal("'Expires' is mapped to claim 'iat' (issued at), but its name suggests claim 'exp' (expiration time)", diagnostics[1].GetMessage());
        Assert.Equal(DiagnosticSeverity.Warning, diagnostics[1].Severity);
    }

    [Fact]
    public async Task TKS0010_empty_or_whitespace_claim_name()
    {
        await VerifyAsync(Usings + """
            [TokenPayload(ClaimVocabulary.Daily)]
            public partial record MeetingToken
            {
                [Claim([|""|])] public string? A { get; init; }
                [Claim([|"  "|])] public string? B { get; init; }
                [Claim([|null!|])] public string? C { get; init; }
            }
            """, "TKS0010");
    }

    [Fact]
    public async Task TKS0011_claim_on_type_without_token_payload_warns()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync(Usings + """
            public record Forgotten([[|Claim("sub")|]] string Subject)
            {
                [[|Claim("exp")|]] public DateTimeOffset? Expires { get; init; }
            }
            """, "TKS0011");
        Assert.Equal("[Claim] on 'Subject' has no effect because 'Forgotten' is not marked [TokenPayload]", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task TKS0012_nested_payload_that_is_not_the_claims_object()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync(Usings + """
            [TokenPayload(ClaimVocabulary.Daily)]
            public partial record {|TKS0031:MeetingToken|}
            {
                [Claim("r")] public required string RoomName { get; init; }
                [Claim("p")] public [|Grants?|] Permissions { get; init; }
            }

            [TokenPayload]
            public partial record Grants
            {
                [Claim("hp")] public bool? HasPresence { get; init; }
                [Claim("admin")] public bool? Admin { get; init; }
            }
            """, "TKS0012");
        Assert.Equal("Type 'Grants' does not fit claim 'p' (permissions): 'admin' is not a Daily permissions claim", diagnostics[1].GetMessage());
    }

    [Fact]
    public async Task Nested_payload_claims_are_checked_against_their_object()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync(Usings + """
            [TokenPayload(ClaimVocabulary.LiveKit)]
            public partial record {|TKS0031:LiveKitToken|}
            {
                [Claim("sub")] public required string Identity { get; init; }
                [Claim("video")] public VideoGrant? Video { get; init; }
            }

            [TokenPayload(ClaimVocabulary.LiveKit)]
            public partial record VideoGrant
            {
                [Claim("room")] public string? Room { get; init; }
                [Claim("roomJoin")] public bool? RoomJoin { get; init; }
                [Claim({|TKS0001:"canPublsh"|})] public bool? CanPublish { get; init; }
                [Claim("canPublishSources")] public {|TKS0004:string?|} Sources { get; init; }
            }
            """);
        Assert.Equal("Claim 'canPublsh' is not a LiveKit video grant claim; did you mean 'canPublish' (canPublish)?", diagnostics[1].GetMessage());
    }

    [Fact]
    public async Task Twilio_grants_nest_two_levels()
    {
        await VerifyAsync(Usings + """
            [TokenPayload(ClaimVocabulary.Twilio)]
            public partial record {|TKS0031:TwilioToken|}
            {
                [Claim("jti")] public required string Id { get; init; }
                [Claim("iss")] public required string ApiKeySid { get; init; }
                [Claim("sub")] public required string AccountSid { get; init; }
                [Claim("grants")] public required TwilioGrants Grants { get; init; }
            }

            [TokenPayload(ClaimVocabulary.Twilio)]
            public partial record TwilioGrants
            {
                [Claim("identity")] public required string Identity { get; init; }
                [Claim("video")] public required TwilioVideo Video { get; init; }
            }

            [TokenPayload(ClaimVocabulary.Twilio)]
            public partial record TwilioVideo
            {
                [Claim("room")] public string? Room { get; init; }
            }
            """);
    }

    [Fact]
    public async Task TKS0013_enum_claim_value_outside_the_documented_list()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync(Usings + """
            public enum Language { [ClaimValue("en")] English, [ClaimValue("pt-br")] Portuguese, Klingon }
            public enum Mode { [ClaimValue("cloud")] Cloud, [ClaimValue("raw-tracks")] RawTracks, [ClaimValue("s3")] S3 }
            public enum Source { [ClaimValue("camera")] Camera, [ClaimValue("screen_share")] Screen }

            [TokenPayload(ClaimVocabulary.Daily)]
            public partial record {|TKS0031:MeetingToken|}
            {
                [Claim("uil")] public [|Language?|] Lang { get; init; }
                [Claim("er")] public [|Mode[]?|] Recording { get; init; }
            }

            [TokenPayload(ClaimVocabulary.LiveKit)]
            public partial record VideoGrant
            {
                [Claim("canPublishSources")] public IReadOnlyList<Source>? Sources { get; init; }
            }
            """, "TKS0013");
        Assert.StartsWith("'Language.Portuguese' is written as 'pt-br', which is not a value of claim 'uil' (lang); allowed: da, de, en,", diagnostics[1].GetMessage());
        Assert.Equal("'Mode.S3' is written as 's3', which is not a value of claim 'er' (enable_recording); allowed: cloud, cloud-audio-only, local, raw-tracks", diagnostics[2].GetMessage());
    }

    [Fact]
    public async Task TKS0004_is_a_warning_for_claims_the_platform_documents_uncertainly()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync(Usings + """
            [TokenPayload(ClaimVocabulary.Daily)]
            public partial record {|TKS0031:MeetingToken|}
            {
                [Claim("ij")] public [|string?|] IntercomJoinAlert { get; init; }
                [Claim("enable_prejoin_ui")] public bool? EnablePrejoinUi { get; init; }
            }
            """, "TKS0004");
        Assert.Equal(DiagnosticSeverity.Warning, Assert.Single(diagnostics, d => d.Id != "TKS0031").Severity);
    }

    [Fact]
    public async Task Property_targeted_claim_on_positional_parameter_points_at_the_parameter()
    {
        await VerifyAsync(Usings + """
            [TokenPayload(ClaimVocabulary.DigitalSamba)]
            public partial record SambaToken(
                [property: Claim("rd")] string Room,
                [property: Claim({|TKS0001:"tdd"|})] {|TKS0008:object|} Team);
            """);
    }

    [Fact]
    public async Task TKS0012_map_of_nested_payloads_is_checked_against_the_value_object()
    {
        await VerifyAsync(Usings + """
            [TokenPayload(ClaimVocabulary.Daily)]
            public partial record CanReceive
            {
                [Claim("b")] public bool? Base { get; init; }
                [Claim("u")] public {|TKS0012:IReadOnlyDictionary<string, Other>?|} ByUserId { get; init; }
                [Claim("p")] public IReadOnlyDictionary<string, Settings>? ByParticipantId { get; init; }
            }

            [TokenPayload]
            public partial record Other { [Claim("video")] public bool? Video { get; init; } }

            [TokenPayload(ClaimVocabulary.Daily)]
            public partial record Settings { [Claim("v")] public bool? Video { get; init; } [Claim("sa")] public bool? ScreenAudio { get; init; } }
            """);
    }

    [Fact]
    public async Task Digital_samba_and_zoom_records_without_mistakes_are_clean()
    {
        await VerifyAsync(Usings + """
            [TokenPayload(ClaimVocabulary.DigitalSamba)]
            public partial record SambaToken
            {
                [Claim("ud")] public string? UserId { get; init; }
                [Claim("u")] public string? UserName { get; init; }
                [Claim("rd")] public required Guid Room { get; init; }
                [Claim("td")] public Guid? TeamId { get; init; }
                [Claim("role")] public string? Role { get; init; }
                [Claim("initials")] public string? Initials { get; init; }
                [Claim("breakoutId")] public string? BreakoutId { get; init; }
                [Claim("avatar")] public Uri? Avatar { get; init; }
                [Claim("iat")] public DateTimeOffset? IssuedAt { get; init; }
            }

            [TokenPayload(ClaimVocabulary.Zoom)]
            public partial record ZoomToken
            {
                [Claim("app_key")] public required string AppKey { get; init; }
                [Claim("role_type")] public required int RoleType { get; init; }
                [Claim("tpc")] public required string Topic { get; init; }
                [Claim("version")] public int Version { get; init; } = 1;
                [Claim("iat")] public required DateTimeOffset IssuedAt { get; init; }
                [Claim("exp")] public required DateTimeOffset Expires { get; init; }
                [Claim("user_key")] public string? UserKey { get; init; }
                [Claim("geo_regions")] public string? GeoRegions { get; init; }
            }
            """);
    }

    [Fact]
    public async Task Generated_code_is_not_analyzed()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync("// <auto-generated/>\n" + Usings + """
            [TokenPayload(ClaimVocabulary.Daily)]
            public sealed record GeneratedToken([Claim("cteo")] bool? CloseTabOnExit);
            """);
        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task TKS0031_required_claims_the_payload_does_not_declare()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync(Usings + """
            [TokenPayload(ClaimVocabulary.Daily)]
            public partial record {|TKS0031:RoomToken|}
            {
                [Claim("r")]   public required string RoomName { get; init; }
                [Claim("exp")] public DateTimeOffset? Expires { get; init; }
            }

            // Declared is enough: nullable members the issuer fills, as the built-in DailyToken leaves d and iat.
            [TokenPayload(ClaimVocabulary.Daily)]
            public partial record IssuerFilled
            {
                [Claim("r")]   public string? RoomName { get; init; }
                [Claim("d")]   public Guid? DomainId { get; init; }
                [Claim("iat")] public DateTimeOffset? IssuedAt { get; init; }
            }

            // A nested object's own required claims: Twilio's grants need identity.
            [TokenPayload(ClaimVocabulary.Twilio)]
            public partial record {|TKS0031:Grants|}
            {
                [Claim("video")] public VideoGrant? Video { get; init; }
            }

            [TokenPayload(ClaimVocabulary.Twilio)]
            public partial record VideoGrant([Claim("room")] string? Room);

            // The open JWT vocabulary requires nothing.
            [TokenPayload]
            public partial record Plain([Claim("sub")] string? Subject);
            """);
        Assert.Equal(2, diagnostics.Length);
        Assert.Equal("'RoomToken' does not declare 'd' (domain_id) and 'iat' (issued at), which Daily requires; a token without them is refused",
            diagnostics[0].GetMessage());
        Assert.Equal(DiagnosticSeverity.Warning, diagnostics[0].Severity);
        Assert.Equal("d\tDomainId\tglobal::System.Guid?\niat\tIssuedAt\tglobal::System.DateTimeOffset?", diagnostics[0].Properties["MissingClaims"]);
        Assert.Equal("'Grants' does not declare 'identity' (identity), which Twilio grants requires; a token without it is refused",
            diagnostics[1].GetMessage());
    }

    [Fact]
    public async Task TKS0031_member_names_of_the_fix_do_not_collide()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync(Usings + """
            [TokenPayload(ClaimVocabulary.Zoom)]
            public partial record {|TKS0031:ZoomToken|}
            {
                [Claim("app_key")] public string? SdkKey { get; init; }
                [Claim("tpc")] public string? Topic { get; init; }
                [Claim("iat")] public DateTimeOffset? IssuedAt { get; init; }
                [Claim("exp")] public DateTimeOffset? Expires { get; init; }
                public int Role => 1;
                public int Version => 1;
            }
            """);
        Assert.Equal("role_type\tRoleType\tint?\nversion\tVersion2\tint?", Assert.Single(diagnostics).Properties["MissingClaims"]);
    }
}
