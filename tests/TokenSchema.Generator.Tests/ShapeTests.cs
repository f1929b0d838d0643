using System;
using System.Linq;
using Xunit;

namespace TokenSchema.Generator.Tests;

/// <summary>Less common member shapes, value forms and validation rules, compiled and run.</summary>
public sealed class ShapeTests : IClassFixture<ShapeTests.Compiled>
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.ComponentModel.DataAnnotations;
        using TokenSchema;

        namespace Shapes;

        [TokenPayload]
        public readonly partial record struct Grant([Claim("room")] string Room, [Claim("join")] bool? Join = null);

        [TokenPayload]
        public sealed partial record Single([Claim("one")] string One);

        [TokenPayload]
        public readonly partial struct Version
        {
            [Claim("v")] public int Number { get; init; } = 1;
            public Version() { }
        }

        [TokenPayload]
        public partial class InitOnlyDefaults
        {
            [Claim("kept")] public int Settable { get; set; } = 5;
            [Claim("strict")] public int InitOnly { get; init; } = 7;
        }

        [TokenPayload]
        public sealed partial record Item
        {
            [Claim("w"), Range(0.5, 1.5)] public double Weight { get; init; }
        }

        [TokenPayload]
        public sealed partial record Rules
        {
            [Claim("n"), Required] public int? Number { get; init; }
            [Claim("tags"), MinLength(1), MaxLength(2)] public string[]? Tags { get; init; }
            [Claim("list"), MaxLength(1)] public IReadOnlyList<int>? List { get; init; }
            [Claim("items")] public IReadOnlyList<Item>? Items { get; init; }
            [Claim("iat")] public long IssuedAt { get; init; }
            [Claim("exp")] public long Expires { get; init; }
            [Claim("web"), Url] public string? Web { get; init; }
            [Claim("opt"), Required(AllowEmptyStrings = true)] public string? Optional { get; init; }
            [Claim("lvl")] public Level? Level { get; init; }
            [Claim("ratio")] public double Ratio { get; init; }
        }

        public enum Level { Low = 1, High = 2, Top = 2 }

        [TokenPayload]
        public sealed partial record Odd
        {
            [Claim("caf\u00e9/\"q\"\\")] public string? Escaped { get; init; }
            [Obsolete("Old claim")] [Claim("old")] public int? Old { get; init; }
            [Claim("span")] public TimeSpan? Span { get; init; }
            [Claim("at")] public DateTimeOffset? At { get; init; }
        }

        public sealed class YesNo : IClaimConverter<bool>
        {
            public static void Write(System.Text.Json.Utf8JsonWriter writer, bool value) => writer.WriteStringValue(value ? "yes" : "no");

            public static bool TryRead(ref System.Text.Json.Utf8JsonReader reader, out bool value)
            {
                value = reader.TokenType == System.Text.Json.JsonTokenType.String && reader.ValueTextEquals("yes"u8);
                return reader.TokenType == System.Text.Json.JsonTokenType.String && (value || reader.ValueTextEquals("no"u8));
            }
        }

        [TokenPayload]
        public sealed partial class Nullables
        {
            [Claim("raw")] public System.Text.Json.JsonElement Raw { get; set; }
            [Claim("names")] public IReadOnlyDictionary<string, string?>? Names { get; set; }
            [Claim("flags")] public IReadOnlyDictionary<string, bool?>? Flags { get; set; }
            [Claim("list")] public IReadOnlyList<string?>? List { get; set; }
            [Claim("yn"), ClaimConverter(typeof(YesNo))] public bool? YesNo { get; set; }
            [Claim("ynr"), ClaimConverter(typeof(YesNo))] public bool Required { get; set; }
        }

        public static class ShapeSamples
        {
            public static Rules Invalid() => new()
            {
                Tags = Array.Empty<string>(),
                List = new[] { 1, 2 },
                Items = new[] { new Item { Weight = 1 }, new Item { Weight = 2 } },
                IssuedAt = 10,
                Expires = 10,
                Web = "javascript:alert(1)",
                Optional = "",
                Level = (Level)42,
                Ratio = double.NaN,
            };

            public static Rules Valid() => new()
            {
                Number = 0,
                Tags = new[] { "a", "b" },
                List = new[] { 1 },
                Items = new[] { new Item { Weight = 0.5 } },
                IssuedAt = 10,
                Expires = 11,
                Web = "HTTPS://example.com",
                Optional = "",
                Level = Shapes.Level.Top,
            };

            public static Odd Odd() => new()
            {
                Escaped = "x",
                Span = TimeSpan.FromSeconds(-90),
                At = new DateTimeOffset(2024, 1, 1, 2, 0, 0, TimeSpan.FromHours(2)),
            };
        }
        """;

    private readonly LoadedAssembly _loaded;

    public ShapeTests(Compiled compiled)
    {
        _loaded = compiled.Loaded;
    }

    [Fact]
    public void Readonly_record_struct_reads_positional_parameters_and_their_defaults()
    {
        ReadOutcome read = _loaded.Read("Shapes.Grant", """{"room":"r1"}""");

        Assert.True(read.Success, read.Error.ToString());
        Assert.Equal("""{"room":"r1"}""", _loaded.Write(read.Payload!));
        Assert.Null(LoadedAssembly.Get(read.Payload!, "Join"));
        Assert.Equal("""{"room":"r1","join":false}""", _loaded.Write(_loaded.Read("Shapes.Grant", """{"join":false,"room":"r1"}""").Payload!));
    }

    [Theory]
    [InlineData("Shapes.Single", """{"one":"1"}""")]
    public void Record_with_one_positional_parameter_uses_its_primary_constructor_not_the_copy_constructor(string type, string json)
    {
        ReadOutcome read = _loaded.Read(type, json);

        Assert.True(read.Success, read.Error.ToString());
        Assert.Equal(json, _loaded.Write(read.Payload!));
    }

    [Fact]
    public void Plain_struct_keeps_its_initializer_through_with()
    {
        Assert.Equal(1, LoadedAssembly.Get(_loaded.Read("Shapes.Version", "{}").Payload!, "Number"));
        Assert.Equal(4, LoadedAssembly.Get(_loaded.Read("Shapes.Version", """{"v":4}""").Payload!, "Number"));
    }

    [Fact]
    public void Class_keeps_a_settable_default_but_requires_an_init_only_claim_with_a_default()
    {
        ReadOutcome kept = _loaded.Read("Shapes.InitOnlyDefaults", """{"strict":8}""");
        ReadOutcome missing = _loaded.Read("Shapes.InitOnlyDefaults", """{"kept":6}""");

        Assert.True(kept.Success, kept.Error.ToString());
        Assert.Equal(5, LoadedAssembly.Get(kept.Payload!, "Settable"));
        Assert.Equal(8, LoadedAssembly.Get(kept.Payload!, "InitOnly"));
        Assert.Equal(ClaimReadErrorKind.MissingClaim, missing.Error.Kind);
        Assert.Equal("strict", missing.Error.Claim);
    }

    [Fact]
    public void Reader_already_on_the_start_of_the_object_is_accepted()
    {
        ReadOutcome read = (ReadOutcome)typeof(ShapeTests).GetMethod(nameof(ReadFromStartObject), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(_loaded.GetType("Shapes.Grant"))
            .Invoke(null, new object[] { """{"room":"r2"}""" })!;

        Assert.True(read.Success, read.Error.ToString());
        Assert.Equal("r2", LoadedAssembly.Get(read.Payload!, "Room"));
    }

    [Fact]
    public void Validation_covers_collections_nested_lists_numeric_ranges_and_long_dates()
    {
        ClaimValidationResult result = LoadedAssembly.Validate(_loaded.Call("Shapes.ShapeSamples", "Invalid"));

        Assert.Equal(
            new[]
            {
                "'n' is required",
                "'tags' has fewer than 1 items",
                "'list' has more than 1 items",
                "'items[1].w' is not between 0.5 and 1.5",
                "'exp' is not after 'iat'",
                "'web' is not an http, https or ftp URL",
                "'lvl' is not a defined value",
                "'ratio' is not a finite number",
            },
            result.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Payload_within_every_rule_is_valid()
    {
        ClaimValidationResult result = LoadedAssembly.Validate(_loaded.Call("Shapes.ShapeSamples", "Valid"));

        Assert.True(result.IsValid, result.ToString());
    }

    [Fact]
    public void Escaped_claim_names_obsolete_members_negative_spans_and_offsets_round_trip()
    {
        object odd = _loaded.Call("Shapes.ShapeSamples", "Odd");

        string json = _loaded.Write(odd);
        ReadOutcome read = _loaded.Read("Shapes.Odd", json);

        Assert.Equal("""{"café/\"q\"\\":"x","span":-90,"at":1704067200}""", json);
        Assert.True(read.Success, read.Error.ToString());
        Assert.Equal(odd, read.Payload);
    }

    [Fact]
    public void Nullable_elements_are_written_and_read_as_JSON_null_and_value_type_converters_work()
    {
        const string json = """{"raw":[1,"two"],"names":{"a":"x","b":null},"flags":{"c":true,"d":null},"list":["e",null],"yn":"yes","ynr":"no"}""";

        ReadOutcome read = _loaded.Read("Shapes.Nullables", json);

        Assert.True(read.Success, read.Error.ToString());
        Assert.Equal(json, _loaded.Write(read.Payload!));
        Assert.Equal(true, LoadedAssembly.Get(read.Payload!, "YesNo"));
    }

    [Theory]
    [InlineData("""{"raw":1}""", ClaimReadErrorKind.MissingClaim, "ynr")]
    [InlineData("""{"ynr":"no"}""", ClaimReadErrorKind.MissingClaim, "raw")]
    [InlineData("""{"raw":1,"ynr":"maybe"}""", ClaimReadErrorKind.WrongType, "ynr")]
    [InlineData("""{"raw":1,"ynr":"no","yn":null,"names":{"a":1}}""", ClaimReadErrorKind.WrongType, "names")]
    public void Required_JsonElement_and_converter_claims_fail_with_their_names(string json, ClaimReadErrorKind kind, string claim)
    {
        ReadOutcome read = _loaded.Read("Shapes.Nullables", json);

        Assert.False(read.Success);
        Assert.Equal(kind, read.Error.Kind);
        Assert.Equal(claim, read.Error.Claim);
    }

    [Fact]
    public void Default_JsonElement_is_omitted_and_a_null_converter_claim_reads_as_absent()
    {
        ReadOutcome read = _loaded.Read("Shapes.Nullables", """{"raw":null,"yn":null,"ynr":"yes"}""");
        object empty = Activator.CreateInstance(_loaded.GetType("Shapes.Nullables"))!;

        Assert.True(read.Success, read.Error.ToString());
        Assert.Null(LoadedAssembly.Get(read.Payload!, "YesNo"));
        Assert.Equal("""{"raw":null,"ynr":"yes"}""", _loaded.Write(read.Payload!));
        Assert.Equal("""{"ynr":"no"}""", _loaded.Write(empty));
    }

    [Fact]
    public void Enum_members_sharing_a_value_are_written_as_the_first_and_read_by_each_name()
    {
        object valid = _loaded.Call("Shapes.ShapeSamples", "Valid");

        string json = _loaded.Write(valid);

        Assert.Contains("\"lvl\":\"High\"", json, StringComparison.Ordinal);
        ReadOutcome top = _loaded.Read("Shapes.Rules", """{"n":1,"lvl":"Top","iat":1,"exp":2,"ratio":0}""");
        Assert.True(top.Success, top.Error.ToString());
        Assert.Equal("High", LoadedAssembly.Get(top.Payload!, "Level")!.ToString());
    }

    [Fact]
    public void Writing_an_undefined_enum_value_throws_naming_the_enum()
    {
        object invalid = _loaded.Call("Shapes.ShapeSamples", "Invalid");

        var thrown = Assert.Throws<System.Reflection.TargetInvocationException>(() => _loaded.Write(invalid));

        Assert.IsType<ArgumentOutOfRangeException>(thrown.InnerException);
        Assert.Contains("Shapes.Level", thrown.InnerException!.Message, StringComparison.Ordinal);
    }

    internal static ReadOutcome ReadFromStartObject<T>(string json) where T : IJwtPayload<T>
    {
        var reader = new System.Text.Json.Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(json));
        reader.Read();
        bool ok = T.TryReadPayload(ref reader, out T? payload, out ClaimReadError error);
        return new ReadOutcome(ok, payload, error, reader.TokenType);
    }

    public sealed class Compiled : IDisposable
    {
        public Compiled()
        {
            Loaded = TestHelpers.CompileAndLoad(Source);
        }

        internal LoadedAssembly Loaded { get; }

        public void Dispose() => Loaded.Dispose();
    }
}
