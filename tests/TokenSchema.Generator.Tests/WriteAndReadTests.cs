using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace TokenSchema.Generator.Tests;

/// <summary>Compiles the generated code, runs it, and checks the JSON it writes and reads.</summary>
public sealed class WriteAndReadTests(CompiledSamples samples) : IClassFixture<CompiledSamples>
{
    private const string Daily = "Samples.Daily.DailyToken";
    private const string Everything = "Samples.Kitchen.Everything";
    private const string Positional = "Samples.Kitchen.Positional";
    private const string DocumentedJson = """{"r":"room-0253","d":"25df5057-ef0d-4d97-bde6-0cf287276cbb","iat":1548722207}""";

    private const string EverythingJson =
        """{"s":"café \"quoted\"","b":true,"i":-2147483648,"l":9007199254740993,"f":0.5,"g":"00000000-0000-0000-0000-0000000000ff","u":"https://example.com/a?b=c","t":1700000000,"ts":21600,"k":"sip-call","arr":["a","b"],"ka":["Standard","sip-call"],"na":[1,null,3],"pts":[{"x":1,"y":2},{"x":3,"y":4}],"pt":{"x":5,"y":6},"m":{"one":1,"two":2},"mm":{"x":["y"]},"j":{"any":[1,true,null]},"cv":"v,a,sv","ver":3}""";

    private LoadedAssembly Loaded => samples.Loaded;

    [Fact]
    public void Daily_record_with_r_d_iat_writes_the_documented_payload_byte_for_byte()
    {
        object token = Loaded.Call("Samples.Daily.DailySamples", "Documented");

        Assert.Equal(DocumentedJson, Loaded.Write(token));
    }

    [Fact]
    public void Documented_Daily_payload_reads_back_into_an_equal_record()
    {
        object token = Loaded.Call("Samples.Daily.DailySamples", "Documented");

        ReadOutcome read = Loaded.Read(Daily, DocumentedJson);

        Assert.True(read.Success, read.Error.ToString());
        Assert.True(read.Error.IsNone);
        Assert.Equal(token, read.Payload);
        Assert.Equal(JsonTokenType.EndObject, read.FinalToken);
    }

    [Fact]
    public void Every_Daily_claim_round_trips_in_declaration_order()
    {
        object token = Loaded.Call("Samples.Daily.DailySamples", "Full");

        string json = Loaded.Write(token);
        ReadOutcome read = Loaded.Read(Daily, json);

        Assert.Equal(
            """{"r":"room-0253","d":"25df5057-ef0d-4d97-bde6-0cf287276cbb","iat":1548722207,"exp":1548725807,"nbf":1548722200,"ud":"user-42","o":true,"uil":"pt-BR","rome":"https://example.com/bye","eje":3600,"p":{"hp":false,"cs":"v,a"}}""",
            json);
        Assert.True(read.Success, read.Error.ToString());
        Assert.Equal(token, read.Payload);
    }

    [Fact]
    public void Every_supported_value_type_writes_its_JSON_shape()
    {
        object payload = Loaded.Call("Samples.Kitchen.KitchenSamples", "Everything");

        Assert.Equal(EverythingJson, Loaded.Write(payload));
    }

    [Fact]
    public void Every_supported_value_type_reads_back_to_the_same_values()
    {
        ReadOutcome read = Loaded.Read(Everything, EverythingJson);

        Assert.True(read.Success, read.Error.ToString());
        object payload = read.Payload!;
        Assert.Equal(EverythingJson, Loaded.Write(payload));
        Assert.Equal("café \"quoted\"", LoadedAssembly.Get(payload, "Text"));
        Assert.Equal(true, LoadedAssembly.Get(payload, "Flag"));
        Assert.Equal(int.MinValue, LoadedAssembly.Get(payload, "Int"));
        Assert.Equal(9007199254740993L, LoadedAssembly.Get(payload, "Long"));
        Assert.Equal(0.5, LoadedAssembly.Get(payload, "Double"));
        Assert.Equal(new Guid("00000000-0000-0000-0000-0000000000ff"), LoadedAssembly.Get(payload, "Guid"));
        Assert.Equal(new Uri("https://example.com/a?b=c"), LoadedAssembly.Get(payload, "Uri"));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000000), LoadedAssembly.Get(payload, "Time"));
        Assert.Equal(TimeSpan.FromHours(6), LoadedAssembly.Get(payload, "Span"));
        Assert.Equal("Sip", LoadedAssembly.Get(payload, "Kind")!.ToString());
        Assert.Null(LoadedAssembly.Get(payload, "NullableInt"));
        Assert.Equal(new[] { "a", "b" }, (string[])LoadedAssembly.Get(payload, "Strings")!);
        Assert.Equal(new int?[] { 1, null, 3 }, (int?[])LoadedAssembly.Get(payload, "NullableInts")!);
        Assert.Equal(
            new Dictionary<string, long> { ["one"] = 1, ["two"] = 2 },
            (IReadOnlyDictionary<string, long>)LoadedAssembly.Get(payload, "Map")!);
        Assert.Equal(new[] { "v", "a", "sv" }, (string[])LoadedAssembly.Get(payload, "Converted")!);
        Assert.Equal(3, LoadedAssembly.Get(payload, "Version"));
        JsonElement json = (JsonElement)LoadedAssembly.Get(payload, "Json")!;
        Assert.Equal(JsonValueKind.Array, json.GetProperty("any").ValueKind);
    }

    [Fact]
    public void Positional_record_writes_parameters_first_and_omits_null_claims()
    {
        object payload = Loaded.Call("Samples.Kitchen.KitchenSamples", "Positional");

        Assert.Equal("""{"sub":"alice","ver":2,"kind":"Ingress","meta":"none","att":{"role":"host"}}""", Loaded.Write(payload));
    }

    [Fact]
    public void Positional_record_keeps_parameter_and_property_defaults_for_absent_claims()
    {
        ReadOutcome read = Loaded.Read(Positional, """{"sub":"bob","att":{}}""");

        Assert.True(read.Success, read.Error.ToString());
        Assert.Equal("bob", LoadedAssembly.Get(read.Payload!, "Subject"));
        Assert.Null(LoadedAssembly.Get(read.Payload!, "Name"));
        Assert.Equal(2, LoadedAssembly.Get(read.Payload!, "Version"));
        Assert.Equal("Ingress", LoadedAssembly.Get(read.Payload!, "Kind")!.ToString());
        Assert.Equal("none", LoadedAssembly.Get(read.Payload!, "Metadata"));
    }

    [Fact]
    public void Positional_record_takes_present_claims_over_defaults()
    {
        ReadOutcome read = Loaded.Read(Positional, """{"meta":"m","kind":"sip-call","ver":7,"name":"Bob","sub":"bob","att":{"a":"b"}}""");

        Assert.True(read.Success, read.Error.ToString());
        Assert.Equal("""{"sub":"bob","name":"Bob","ver":7,"kind":"sip-call","meta":"m","att":{"a":"b"}}""", Loaded.Write(read.Payload!));
    }

    [Fact]
    public void Settable_property_with_an_initializer_keeps_it_when_the_claim_is_absent()
    {
        string json = EverythingJson.Replace(""","ver":3""", "", StringComparison.Ordinal);

        ReadOutcome read = Loaded.Read(Everything, json);

        Assert.True(read.Success, read.Error.ToString());
        Assert.Equal(1, LoadedAssembly.Get(read.Payload!, "Version"));
    }

    [Theory]
    [InlineData(Daily, """{"d":"25df5057-ef0d-4d97-bde6-0cf287276cbb","iat":1}""", "r")]
    [InlineData(Daily, """{"r":"x","iat":1}""", "d")]
    [InlineData(Daily, """{"r":"x","d":"25df5057-ef0d-4d97-bde6-0cf287276cbb"}""", "iat")]
    [InlineData(Positional, """{"att":{}}""", "sub")]
    [InlineData(Positional, """{"sub":"s"}""", "att")]
    [InlineData(Everything, """{}""", "b")]
    [InlineData("Samples.Kitchen.Point", """{"x":1}""", "y")]
    public void Absent_required_claim_is_MissingClaim_with_its_name(string type, string json, string claim)
    {
        ReadOutcome read = Loaded.Read(type, json);

        Assert.False(read.Success);
        Assert.Equal(ClaimReadErrorKind.MissingClaim, read.Error.Kind);
        Assert.Equal(claim, read.Error.Claim);
    }

    [Theory]
    [InlineData("""{"r":"a","r":"b","d":"25df5057-ef0d-4d97-bde6-0cf287276cbb","iat":1}""", "r")]
    [InlineData("""{"r":"a","iat":1,"d":"25df5057-ef0d-4d97-bde6-0cf287276cbb","iat":1}""", "iat")]
    [InlineData("""{"r":"a","\u0072":"b"}""", "r")]
    [InlineData("""{"r":"a","p":{"hp":true,"hp":false}}""", "p.hp")]
    public void Repeated_claim_is_DuplicateClaim_with_its_name(string json, string claim)
    {
        ReadOutcome read = Loaded.Read(Daily, json);

        Assert.False(read.Success);
        Assert.Equal(ClaimReadErrorKind.DuplicateClaim, read.Error.Kind);
        Assert.Equal(claim, read.Error.Claim);
    }

    [Theory]
    [InlineData(Daily, """{"r":5}""", "r")]
    [InlineData(Daily, """{"r":null}""", "r")]
    [InlineData(Daily, """{"d":7}""", "d")]
    [InlineData(Daily, """{"iat":"1548722207"}""", "iat")]
    [InlineData(Daily, """{"o":"yes"}""", "o")]
    [InlineData(Daily, """{"uil":1}""", "uil")]
    [InlineData(Daily, """{"p":true}""", "p")]
    [InlineData(Daily, """{"p":{"hp":"x"}}""", "p.hp")]
    [InlineData(Everything, """{"arr":"a"}""", "arr")]
    [InlineData(Everything, """{"arr":["a",1]}""", "arr")]
    [InlineData(Everything, """{"m":[1]}""", "m")]
    [InlineData(Everything, """{"pts":[{"x":"1"}]}""", "pts.x")]
    [InlineData(Everything, """{"cv":5}""", "cv")]
    public void Value_of_the_wrong_JSON_type_is_WrongType_with_its_name(string type, string json, string claim)
    {
        ReadOutcome read = Loaded.Read(type, json);

        Assert.False(read.Success);
        Assert.Equal(ClaimReadErrorKind.WrongType, read.Error.Kind);
        Assert.Equal(claim, read.Error.Claim);
    }

    [Theory]
    [InlineData(Daily, """{"d":"not-a-uuid"}""", "d")]
    [InlineData(Daily, """{"d":"{25df5057-ef0d-4d97-bde6-0cf287276cbb}"}""", "d")]
    [InlineData(Daily, """{"uil":"klingon"}""", "uil")]
    [InlineData(Daily, """{"uil":"BrazilianPortuguese"}""", "uil")]
    [InlineData(Daily, """{"eje":3000000000}""", "eje")]
    [InlineData(Daily, """{"eje":1.5}""", "eje")]
    [InlineData(Daily, """{"rome":"not a url"}""", "rome")]
    [InlineData(Daily, """{"iat":1e300}""", "iat")]
    [InlineData(Everything, """{"ts":1.5}""", "ts")]
    [InlineData(Everything, """{"f":1e400}""", "f")]
    [InlineData(Everything, """{"m":{"a":1,"a":2}}""", "m")]
    public void Value_the_member_cannot_hold_is_InvalidValue_with_its_name(string type, string json, string claim)
    {
        ReadOutcome read = Loaded.Read(type, json);

        Assert.False(read.Success);
        Assert.Equal(claim == "m" ? ClaimReadErrorKind.DuplicateClaim : ClaimReadErrorKind.InvalidValue, read.Error.Kind);
        Assert.Equal(claim, read.Error.Claim);
    }

    [Fact]
    public void Unknown_claims_of_any_shape_are_skipped()
    {
        string json = """{"zz":{"a":[1,{"r":2}]},"r":"room-0253","yy":[[]],"d":"25df5057-ef0d-4d97-bde6-0cf287276cbb","xx":null,"iat":1548722207,"p":{"q":1}}""";

        ReadOutcome read = Loaded.Read(Daily, json);

        Assert.True(read.Success, read.Error.ToString());
        Assert.Equal(DocumentedJson.TrimEnd('}') + ""","p":{}}""", Loaded.Write(read.Payload!));
    }

    [Fact]
    public void Numeric_date_with_a_fraction_is_truncated_and_null_reads_as_absent()
    {
        ReadOutcome read = Loaded.Read(Daily, """{"r":"x","d":"25df5057-ef0d-4d97-bde6-0cf287276cbb","iat":1548722207.9,"exp":null,"uil":"de"}""");

        Assert.True(read.Success, read.Error.ToString());
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1548722207), LoadedAssembly.Get(read.Payload!, "IssuedAt"));
        Assert.Null(LoadedAssembly.Get(read.Payload!, "Expires"));
        Assert.Equal("de", LoadedAssembly.Get(read.Payload!, "Language")!.ToString());
    }

    [Theory]
    [InlineData("[1]")]
    [InlineData("\"r\"")]
    [InlineData("null")]
    public void Payload_that_is_not_an_object_is_NotAnObject(string json)
    {
        ReadOutcome read = Loaded.Read(Daily, json);

        Assert.False(read.Success);
        Assert.Equal(ClaimReadErrorKind.NotAnObject, read.Error.Kind);
        Assert.Null(read.Error.Claim);
    }

    [Fact]
    public void Converter_reads_every_shape_it_accepts()
    {
        ReadOutcome read = Loaded.Read(Everything, EverythingJson.Replace("\"v,a,sv\"", "true", StringComparison.Ordinal));

        Assert.True(read.Success, read.Error.ToString());
        Assert.Equal(new[] { "*" }, (string[])LoadedAssembly.Get(read.Payload!, "Converted")!);
    }

    [Fact]
    public void Valid_payload_validates_without_allocating()
    {
        object token = Loaded.Call("Samples.Daily.DailySamples", "Full");

        ClaimValidationResult result = LoadedAssembly.Validate(token);
        long allocated = (long)Loaded.GetType("Samples.Daily.DailySamples").GetMethod("ValidateAllocations")!.Invoke(null, new[] { token })!;

        Assert.True(result.IsValid, result.ToString());
        Assert.Empty(result.Problems);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Writing_a_payload_does_not_allocate()
    {
        object token = Loaded.Call("Samples.Daily.DailySamples", "Full");

        long allocated = (long)Loaded.GetType("Samples.Daily.DailySamples").GetMethod("WriteAllocations")!.Invoke(null, new[] { token })!;

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Invalid_payload_lists_every_problem_by_claim_name_in_declaration_order()
    {
        object token = Loaded.Call("Samples.Daily.DailySamples", "Invalid");

        ClaimValidationResult result = LoadedAssembly.Validate(token);

        Assert.False(result.IsValid);
        Assert.Equal(
            new[]
            {
                "'r' is required",
                "'exp' is not after 'nbf'",
                "'exp' is not after 'iat'",
                "'ud' is longer than 36 characters",
                "'rome' is not an http, https or ftp URL",
                "'eje' is not between 1 and 86400",
                "'p.cs' is longer than 10 characters",
                "'p.cs' has an item that is not one of v, a, sv, sa",
            },
            result.Problems.Select(p => p.ToString()));
    }
}
