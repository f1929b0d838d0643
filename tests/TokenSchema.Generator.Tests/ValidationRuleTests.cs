using System;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using TokenSchema.Generator.Tests.Analyzer;
using Xunit;

namespace TokenSchema.Generator.Tests;

/// <summary>
/// Every DataAnnotations attribute the generator enforces, and the checks every value gets because the writer or the
/// reader would otherwise fail or read back something else: each is a problem of <c>Validate()</c> naming the claim's path.
/// </summary>
public sealed class ValidationRuleTests : IDisposable
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.ComponentModel.DataAnnotations;
        using System.Text.Json;
        using TokenSchema;

        namespace Rules;

        public enum Tier { Free, Pro, Team }

        [TokenPayload]
        public sealed partial record Annotated
        {
            [Claim("req"), Required] public string? Req { get; init; }
            [Claim("blank"), Required(AllowEmptyStrings = true)] public string? Blank { get; init; }
            [Claim("sl"), StringLength(5, MinimumLength = 2)] public string? Sl { get; init; }
            [Claim("minl"), MinLength(2)] public string[]? MinL { get; init; }
            [Claim("maxl"), MaxLength(2)] public IReadOnlyList<int>? MaxL { get; init; }
            [Claim("len"), Length(1, 3)] public IReadOnlyDictionary<string, int>? Len { get; init; }
            [Claim("ri"), Range(1, 10)] public int? RangeInt { get; init; }
            [Claim("rx"), Range(0d, 1d, MinimumIsExclusive = true, MaximumIsExclusive = true)] public double? RangeExclusive { get; init; }
            [Claim("rs"), Range(typeof(long), "-5", "5")] public long? RangeFromStrings { get; init; }
            [Claim("rt"), Range(typeof(TimeSpan), "00:01:00", "01:00:00")] public TimeSpan? RangeTime { get; init; }
            [Claim("re"), RegularExpression("[a-z]+-[0-9]+")] public string? Pattern { get; init; }
            [Claim("av"), AllowedValues("a", "b")] public string? Allowed { get; init; }
            [Claim("avn"), AllowedValues(2, 4)] public int? AllowedNumber { get; init; }
            [Claim("ave"), AllowedValues(Tier.Free, Tier.Team)] public Tier? AllowedTier { get; init; }
            [Claim("dv"), DeniedValues("root", "admin")] public string? Denied { get; init; }
            [Claim("url"), Url] public string? Url { get; init; }
            [Claim("mail"), EmailAddress] public string? Mail { get; init; }
            [Claim("b64"), Base64String] public string? Data { get; init; }

            public static Annotated Valid() => new()
            {
                Req = "x", Blank = "", Sl = "abc", MinL = new[] { "a", "b" }, MaxL = new[] { 1, 2 },
                Len = new Dictionary<string, int> { ["a"] = 1 }, RangeInt = 10, RangeExclusive = 0.5, RangeFromStrings = -5,
                RangeTime = TimeSpan.FromMinutes(30), Pattern = "abc-12", Allowed = "b", AllowedNumber = 4, AllowedTier = Tier.Team,
                Denied = "user", Url = "https://example.com", Mail = "ada@example.com", Data = "AAEC",
            };

            public static Annotated Invalid() => new()
            {
                Req = "  ", Blank = null, Sl = "a", MinL = new[] { "a" }, MaxL = new[] { 1, 2, 3 },
                Len = new Dictionary<string, int>(), RangeInt = 11, RangeExclusive = 1, RangeFromStrings = 6,
                RangeTime = TimeSpan.FromSeconds(30), Pattern = "abc-12x", Allowed = "c", AllowedNumber = 3, AllowedTier = Tier.Pro,
                Denied = "admin", Url = "mailto:ada@example.com", Mail = "ada@@example.com", Data = "AAE",
            };

            public static long ValidateAllocations(Annotated token)
            {
                token.Validate();
                long before = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < 100; i++)
                {
                    token.Validate();
                }

                return GC.GetAllocatedBytesForCurrentThread() - before;
            }
        }

        [TokenPayload]
        public sealed partial record Inner
        {
            [Claim("v"), Range(0, 5)] public int V { get; init; }
        }

        [TokenPayload]
        public sealed partial record Values
        {
            [Claim("name")] public required string Name { get; init; }
            [Claim("tags")] public string[]? Tags { get; init; }
            [Claim("maybe")] public IReadOnlyList<string?>? Maybe { get; init; }
            [Claim("nums")] public double[]? Numbers { get; init; }
            [Claim("tiers")] public Tier[]? Tiers { get; init; }
            [Claim("raw")] public JsonElement[]? Raw { get; init; }
            [Claim("m")] public IReadOnlyDictionary<string, Inner>? Map { get; init; }
            [Claim("deep")] public IReadOnlyList<IReadOnlyDictionary<string, Inner[]>>? Deep { get; init; }
            [Claim("web")] public Uri? Web { get; init; }
            [Claim("kind")] public string Kind { get; set; } = "basic";

            public static Values Valid() => new()
            {
                Name = "ok", Tags = new[] { "a" }, Maybe = new string?[] { "x", null }, Numbers = new[] { 1.5 }, Tiers = new[] { Tier.Pro },
                Raw = new[] { JsonDocument.Parse("[1]").RootElement }, Map = new Dictionary<string, Inner> { ["a"] = new Inner { V = 1 } },
                Deep = new[] { new Dictionary<string, Inner[]> { ["k"] = new[] { new Inner { V = 2 } } } }, Web = new Uri("https://example.com/x"),
            };

            public static Values Invalid() => new()
            {
                Name = null!, Tags = new[] { "a", null!, "\ud800" }, Maybe = new string?[] { null, "\udc00" }, Numbers = new[] { 1, double.NaN },
                Tiers = new[] { Tier.Free, (Tier)7 }, Raw = new[] { default(JsonElement) },
                Map = new Dictionary<string, Inner> { ["a\"b"] = new Inner { V = 9 }, ["\ud801"] = new Inner() },
                Deep = new[] { new Dictionary<string, Inner[]> { ["k"] = new[] { new Inner(), new Inner { V = -1 } } } },
                Web = new Uri("/tmp/report", UriKind.RelativeOrAbsolute), Kind = null!,
            };
        }

        [TokenPayload]
        public sealed partial record Defaults
        {
            [Claim("o")] public bool? Owner { get; init; } = true;
            [Claim("s")] public string? Style { get; set; } = "dark";
            [Claim("n")] public string? Note { get; init; } = null;
            [Claim("m")] public int? Max { get; init; } = default;
            [Claim("t")] public string? Theme { get; init; } = null!;
            [Claim("l"), StringLength(3)] public string? Label { get; init; } = "abc";

            public static Defaults Declared() => new();

            public static Defaults NullWhereTheDefaultIsNull() => new() { Note = null, Max = null, Theme = null };

            public static Defaults NullWhereTheDefaultIsNot() => new() { Owner = null, Style = null, Label = null };
        }

        [TokenPayload]
        public sealed partial record PositionalDefaults([property: Claim("lvl")] int? Level = 3, [property: Claim("tag")] string? Tag = null)
        {
            public static PositionalDefaults Declared() => new();

            public static PositionalDefaults Nulls() => new(null, null);
        }
        """;

    private readonly LoadedAssembly _loaded = TestHelpers.CompileAndLoad(Source);

    public void Dispose() => _loaded.Dispose();

    [Fact]
    public void Every_enforced_attribute_reports_its_claim()
    {
        ClaimValidationResult result = LoadedAssembly.Validate(_loaded.Call("Rules.Annotated", "Invalid"));

        Assert.Equal(
            new[]
            {
                "'req' is required",
                "'blank' is required",
                "'sl' is shorter than 2 characters",
                "'minl' has fewer than 2 items",
                "'maxl' has more than 2 items",
                "'len' has fewer than 1 items",
                "'ri' is not between 1 and 10",
                "'rx' is not greater than 0 and less than 1",
                "'rs' is not between -5 and 5",
                "'rt' is not between 00:01:00 and 01:00:00",
                "'re' does not match the pattern [a-z]+-[0-9]+",
                "'av' is not one of a, b",
                "'avn' is not one of 2, 4",
                "'ave' is not one of Free, Team",
                "'dv' is one of the denied values root, admin",
                "'url' is not an http, https or ftp URL",
                "'mail' is not an e-mail address",
                "'b64' is not base64",
            },
            result.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Values_within_every_attribute_are_valid_and_validating_them_allocates_nothing()
    {
        object valid = _loaded.Call("Rules.Annotated", "Valid");

        Assert.True(LoadedAssembly.Validate(valid).IsValid, LoadedAssembly.Validate(valid).ToString());
        long allocated = (long)_loaded.GetType("Rules.Annotated").GetMethod("ValidateAllocations")!.Invoke(null, new[] { valid })!;
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Items_keys_nested_payloads_text_and_uris_are_checked_with_their_paths()
    {
        ClaimValidationResult result = LoadedAssembly.Validate(_loaded.Call("Rules.Values", "Invalid"));

        Assert.Equal(
            new[]
            {
                "'name' is required",
                "'tags[1]' is null",
                "'tags[2]' is not valid UTF-16 text (it has an unpaired surrogate)",
                "'maybe[1]' is not valid UTF-16 text (it has an unpaired surrogate)",
                "'nums[1]' is not a finite number",
                "'tiers[1]' is not a defined value",
                "'raw[0]' has no value (an undefined JsonElement)",
                "'m[\"a\\\"b\"].v' is not between 0 and 5",
                "'m' has a key that is not valid UTF-16 text (it has an unpaired surrogate)",
                "'deep[0][\"k\"][1].v' is not between 0 and 5",
                "'web' is not an absolute URI written with its scheme",
                "'kind' is required",
            },
            result.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void A_null_where_the_member_declares_another_default_is_a_problem_because_it_would_read_back_as_the_default()
    {
        Assert.Equal(
            new[]
            {
                "'o' is null, which is left out of the token and reads back as the member's default",
                "'s' is null, which is left out of the token and reads back as the member's default",
                "'l' is null, which is left out of the token and reads back as the member's default",
            },
            LoadedAssembly.Validate(_loaded.Call("Rules.Defaults", "NullWhereTheDefaultIsNot")).Problems.Select(p => p.ToString()));
        Assert.Equal(
            new[] { "'lvl' is null, which is left out of the token and reads back as the member's default" },
            LoadedAssembly.Validate(_loaded.Call("Rules.PositionalDefaults", "Nulls")).Problems.Select(p => p.ToString()));

        // Where the default is null, or the value is set, what is valid reads back the same.
        foreach ((string type, string method) in new[]
        {
            ("Rules.Defaults", "Declared"), ("Rules.Defaults", "NullWhereTheDefaultIsNull"), ("Rules.PositionalDefaults", "Declared"),
        })
        {
            object payload = _loaded.Call(type, method);
            Assert.True(LoadedAssembly.Validate(payload).IsValid, type + "." + method + ": " + LoadedAssembly.Validate(payload));
            string json = _loaded.Write(payload);
            ReadOutcome read = _loaded.Read(type, json);
            Assert.True(read.Success, read.Error.ToString());
            Assert.Equal(payload, read.Payload);
        }
    }

    [Fact]
    public void A_valid_payload_of_collections_signs_and_reads_back()
    {
        object valid = _loaded.Call("Rules.Values", "Valid");
        Assert.True(LoadedAssembly.Validate(valid).IsValid, LoadedAssembly.Validate(valid).ToString());

        string json = _loaded.Write(valid);
        ReadOutcome read = _loaded.Read("Rules.Values", json);

        Assert.True(read.Success, read.Error.ToString());
        Assert.Equal(json, _loaded.Write(read.Payload!));
    }

    [Fact]
    public void Signing_an_invalid_payload_throws_the_validation_exception_not_the_writer_s()
    {
        object invalid = _loaded.Call("Rules.Values", "Invalid");
        MethodInfo sign = typeof(ValidationRuleTests).GetMethod(nameof(Sign), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(invalid.GetType());

        TargetInvocationException thrown = Assert.Throws<TargetInvocationException>(() => sign.Invoke(null, new[] { invalid }));

        JwtPayloadValidationException validation = Assert.IsType<JwtPayloadValidationException>(thrown.InnerException);
        Assert.Equal(12, validation.Problems.Count);
    }

    [Theory]
    [InlineData("""{"name":"\ud800"}""", "name")]
    [InlineData("""{"name":"n","tags":["a","\udc00"]}""", "tags")]
    [InlineData("""{"name":"n","m":{"\ud800":{"v":1}}}""", "m")]
    [InlineData("""{"name":"n","web":"https://example.com/\ud800"}""", "web")]
    public void Reading_text_that_no_string_can_hold_fails_naming_the_claim_instead_of_throwing(string json, string claim)
    {
        ReadOutcome read = _loaded.Read("Rules.Values", json);

        Assert.False(read.Success);
        Assert.Equal((ClaimReadErrorKind.InvalidValue, claim), (read.Error.Kind, read.Error.Claim));
    }

    [Fact]
    public void A_json_element_holding_an_unpaired_surrogate_escape_is_not_valid()
    {
        ReadOutcome read = _loaded.Read("Rules.Values", """{"name":"n","raw":[{"a":"\ud800"},["ok"]]}""");

        Assert.True(read.Success, read.Error.ToString());
        Assert.Equal("'raw[0]' holds text that is not valid UTF-8 or escapes an unpaired surrogate", Assert.Single(LoadedAssembly.Validate(read.Payload!).Problems).ToString());
    }

    [Theory]
    [InlineData("https://example.com/a", true)]
    [InlineData("urn:isbn:0451450523", true)]
    [InlineData("file:///tmp/report", true)]
    [InlineData("/tmp/report", false)]
    [InlineData("C:/reports/x", false)]
    [InlineData("report.txt", false)]
    [InlineData("//example.com/a", false)]
    public void Uris_are_absolute_only_when_written_with_their_scheme(string text, bool expected)
    {
        Assert.Equal(expected, ClaimValueChecks.TryReadAbsoluteUri(text, out _));
        if (Uri.TryCreate(text, UriKind.RelativeOrAbsolute, out Uri? uri))
        {
            Assert.Equal(expected, ClaimValueChecks.IsAbsoluteUri(uri));
        }
    }

    [Fact]
    public void A_bare_path_is_refused_when_reading_whatever_the_operating_system()
    {
        ReadOutcome read = _loaded.Read("Rules.Values", """{"name":"n","web":"/tmp/report"}""");

        Assert.False(read.Success);
        Assert.Equal((ClaimReadErrorKind.InvalidValue, "web"), (read.Error.Kind, read.Error.Claim));
    }

    // UTF-16 code units, since test data strings with lone surrogates do not survive test discovery.
    [Theory]
    [InlineData(new[] { 0x70, 0x6C }, true)]
    [InlineData(new[] { 0xD83D, 0xDE00, 0x20 }, true)]
    [InlineData(new[] { 0xD83D }, false)]
    [InlineData(new[] { 0x78, 0xDE00 }, false)]
    [InlineData(new[] { 0xDE00, 0xD83D }, false)]
    [InlineData(new[] { 0xD83D, 0x78, 0xDE00 }, false)]
    public void Text_is_valid_only_with_paired_surrogates(int[] units, bool expected) =>
        Assert.Equal(expected, ClaimValueChecks.IsValidText(new string(units.Select(u => (char)u).ToArray())));

    [Theory]
    [InlineData("v,a", true)]
    [InlineData("v", true)]
    [InlineData("v,x", false)]
    [InlineData("v,", false)]
    [InlineData("", false)]
    public void Lists_of_allowed_values_are_checked_item_by_item(string text, bool expected) =>
        Assert.Equal(expected, ClaimValueChecks.IsListOf(text, ',', new[] { "v", "a" }));

    [Fact]
    public async Task Attributes_that_are_not_enforced_are_warnings_naming_them()
    {
        ImmutableDiagnostics diagnostics = new(await Verification.AnalyzerVerifier.VerifyAsync("""
            using System.ComponentModel.DataAnnotations;
            using TokenSchema;

            public sealed class EvenAttribute : ValidationAttribute
            {
                public override bool IsValid(object? value) => value is int n && n % 2 == 0;
            }

            [TokenPayload]
            public sealed partial record P
            {
                [Claim("a"), {|TKS0024:Phone|}] public string? A { get; init; }
                [Claim("b"), {|TKS0024:Even|}] public int? B { get; init; }
                [Claim("c"), {|TKS0024:Range(1, 5)|}] public string? C { get; init; }
                [Claim("d"), {|TKS0024:StringLength(3)|}] public int? D { get; init; }
                [Claim("e"), {|TKS0024:RegularExpression("[a-")|}] public string? E { get; init; }
                [Claim("f"), {|TKS0024:Range(5, 1)|}] public int? F { get; init; }
                [Claim("g"), DataType(DataType.EmailAddress), Display(Name = "G"), Required, MaxLength] public string? G { get; init; }
            }
            """));

        Assert.Equal("[Phone] on 'A' is not enforced: generated code does not implement [Phone]; check the claim in ValidateClaims(ref ClaimProblemCollector)", diagnostics.Message(0));
        Assert.StartsWith("[Even] on 'B' is not enforced: generated code runs the DataAnnotations attributes it knows, not custom ones", diagnostics.Message(1));
        Assert.Equal("[Range] on 'C' is not enforced: it applies to numbers and time spans, not to string", diagnostics.Message(2));
        Assert.Equal("[StringLength] on 'D' is not enforced: it applies to strings, not to int", diagnostics.Message(3));
        Assert.StartsWith("[RegularExpression] on 'E' is not enforced: its pattern is not a valid regular expression", diagnostics.Message(4));
        Assert.Equal("[Range] on 'F' is not enforced: its minimum is not at most its maximum", diagnostics.Message(5));
        Assert.All(diagnostics.All, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
    }

    [Fact]
    public async Task An_attribute_looser_than_the_vocabulary_is_a_warning_and_the_vocabulary_wins()
    {
        ImmutableDiagnostics diagnostics = new(await Verification.AnalyzerVerifier.VerifyAsync("""
            using System.ComponentModel.DataAnnotations;
            using TokenSchema;

            [TokenPayload(ClaimVocabulary.Daily)]
            public sealed partial record {|TKS0031:P|}
            {
                [Claim("r")] public string? Room { get; init; }
                [Claim("ud"), {|TKS0025:StringLength(100)|}] public string? UserId { get; init; }
                [Claim("u"), StringLength(20)] public string? UserName { get; init; }
            }

            [TokenPayload(ClaimVocabulary.Zoom)]
            public sealed partial record {|TKS0031:Z|}
            {
                [Claim("role_type"), {|TKS0025:Range(0, 3)|}] public int RoleType { get; init; }
                [Claim("cloud_recording_option"), Range(1, 1)] public int? Option { get; init; }
            }
            """));

        Assert.Equal("[StringLength] on 'UserId' allows more than the vocabulary: 'ud' is at most 36 characters in the vocabulary, which is what is enforced", diagnostics.Message(1));
        Assert.Equal("[Range] on 'RoleType' allows more than the vocabulary: 'role_type' is between 0 and 1 in the vocabulary, which is what is enforced", diagnostics.Message(3));

        using LoadedAssembly loaded = TestHelpers.CompileAndLoad("""
            using System.ComponentModel.DataAnnotations;
            using TokenSchema;

            namespace V;

            [TokenPayload(ClaimVocabulary.Daily)]
            public sealed partial record P
            {
                [Claim("r")] public string? Room { get; init; }
                #pragma warning disable TKS0025
                [Claim("ud"), StringLength(100)] public string? UserId { get; init; }
                #pragma warning restore TKS0025

                public static P TooLong() => new() { Room = "r", UserId = new string('u', 37) };
            }
            """);
        Assert.Equal("'ud' is longer than 36 characters", Assert.Single(LoadedAssembly.Validate(loaded.Call("V.P", "TooLong")).Problems).ToString());
    }

    private static string Sign<T>(T payload) where T : IJwtPayload<T>
    {
        using JwtSigner signer = JwtSigner.FromSecret("a secret of at least thirty-two bytes!");
        return signer.Sign(payload);
    }

    /// <summary>Diagnostics in source order, with their messages.</summary>
    private sealed class ImmutableDiagnostics(System.Collections.Immutable.ImmutableArray<Diagnostic> diagnostics)
    {
        public Diagnostic[] All { get; } = diagnostics.OrderBy(d => d.Location.SourceSpan.Start).ToArray();

        public string Message(int index) => All[index].GetMessage(System.Globalization.CultureInfo.InvariantCulture);
    }
}
