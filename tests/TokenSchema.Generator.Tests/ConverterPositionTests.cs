using System;
using System.Collections.Generic;
using Xunit;

namespace TokenSchema.Generator.Tests;

/// <summary>The sources of <see cref="ConverterPositionTests"/>, compiled, generated and loaded once.</summary>
public sealed class CompiledConverterSamples : IDisposable
{
    public const string Source = """"
        using System;
        using System.Collections.Generic;
        using System.Text;
        using System.Text.Json;
        using TokenSchema;

        namespace Samples.Converters
        {
            // ---- converters that misplace the reader

            /// <summary>Returns true on an object without reading it.</summary>
            public sealed class LeavesObjectUnread : IClaimConverter<string>
            {
                public static void Write(Utf8JsonWriter writer, string value) => writer.WriteStringValue(value);

                public static bool TryRead(ref Utf8JsonReader reader, out string value)
                {
                    value = "object";
                    return true;
                }
            }

            /// <summary>Reads a primitive and then one token more.</summary>
            public sealed class ReadsOnePastPrimitive : IClaimConverter<string>
            {
                public static void Write(Utf8JsonWriter writer, string value) => writer.WriteStringValue(value);

                public static bool TryRead(ref Utf8JsonReader reader, out string value)
                {
                    value = reader.GetString()!;
                    reader.Read();
                    return true;
                }
            }

            /// <summary>Reads an object and then one token more.</summary>
            public sealed class ReadsOnePastObject : IClaimConverter<string>
            {
                public static void Write(Utf8JsonWriter writer, string value) => writer.WriteStringValue(value);

                public static bool TryRead(ref Utf8JsonReader reader, out string value)
                {
                    value = "object";
                    reader.Skip();
                    reader.Read();
                    return true;
                }
            }

            /// <summary>Reads its object and the next claim with it, stopping on that claim's EndObject (the same depth and token type as its own).</summary>
            public sealed class SwallowsNextClaim : IClaimConverter<string>
            {
                public static void Write(Utf8JsonWriter writer, string value) => writer.WriteStringValue(value);

                public static bool TryRead(ref Utf8JsonReader reader, out string value)
                {
                    value = "object";
                    reader.Skip();
                    reader.Read();
                    reader.Read();
                    reader.Skip();
                    return true;
                }
            }

            /// <summary>Reads an array but stops on its last element.</summary>
            public sealed class StopsInsideArray : IClaimConverter<string>
            {
                public static void Write(Utf8JsonWriter writer, string value) => writer.WriteStringValue(value);

                public static bool TryRead(ref Utf8JsonReader reader, out string value)
                {
                    value = "array";
                    reader.Read();
                    return true;
                }
            }

            [TokenPayload]
            public sealed partial record Unread
            {
                [Claim("c"), ClaimConverter(typeof(LeavesObjectUnread))] public string? Converted { get; init; }
                [Claim("sub")] public string? Subject { get; init; }
            }

            [TokenPayload]
            public sealed partial record PastPrimitive
            {
                [Claim("c"), ClaimConverter(typeof(ReadsOnePastPrimitive))] public string? Converted { get; init; }
                [Claim("sub")] public string? Subject { get; init; }
            }

            [TokenPayload]
            public sealed partial record PastObject
            {
                [Claim("c"), ClaimConverter(typeof(ReadsOnePastObject))] public string? Converted { get; init; }
                [Claim("sub")] public string? Subject { get; init; }
            }

            [TokenPayload]
            public sealed partial record Swallowed
            {
                [Claim("c"), ClaimConverter(typeof(SwallowsNextClaim))] public string? Converted { get; init; }
                [Claim("m")] public IReadOnlyDictionary<string, string>? Map { get; init; }
            }

            [TokenPayload]
            public sealed partial record ShortArray
            {
                [Claim("c"), ClaimConverter(typeof(StopsInsideArray))] public string? Converted { get; init; }
                [Claim("sub")] public string? Subject { get; init; }
            }

            // ---- converters that leave the reader on their value's last token

            public sealed record Limits(int Low, int High);

            /// <summary>An object, read property by property; unknown properties (of any shape) are skipped.</summary>
            public sealed class LimitsConverter : IClaimConverter<Limits>
            {
                public static void Write(Utf8JsonWriter writer, Limits value)
                {
                    writer.WriteStartObject();
                    writer.WriteNumber("lo", value.Low);
                    writer.WriteNumber("hi", value.High);
                    writer.WriteEndObject();
                }

                public static bool TryRead(ref Utf8JsonReader reader, out Limits value)
                {
                    value = null!;
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        return false;
                    }

                    int low = 0, high = 0;
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                    {
                        bool isLow = reader.ValueTextEquals("lo"u8), isHigh = reader.ValueTextEquals("hi"u8);
                        reader.Read();
                        if (isLow || isHigh)
                        {
                            if (reader.TokenType != JsonTokenType.Number)
                            {
                                return false;
                            }

                            if (isLow) { low = reader.GetInt32(); } else { high = reader.GetInt32(); }
                        }
                        else
                        {
                            reader.Skip();
                        }
                    }

                    value = new Limits(low, high);
                    return true;
                }
            }

            public readonly record struct Pair(int First, int Second);

            /// <summary>A two-number array.</summary>
            public sealed class PairConverter : IClaimConverter<Pair>
            {
                public static void Write(Utf8JsonWriter writer, Pair value)
                {
                    writer.WriteStartArray();
                    writer.WriteNumberValue(value.First);
                    writer.WriteNumberValue(value.Second);
                    writer.WriteEndArray();
                }

                public static bool TryRead(ref Utf8JsonReader reader, out Pair value)
                {
                    value = default;
                    if (reader.TokenType != JsonTokenType.StartArray
                        || !reader.Read() || !reader.TryGetInt32(out int first)
                        || !reader.Read() || !reader.TryGetInt32(out int second)
                        || !reader.Read() || reader.TokenType != JsonTokenType.EndArray)
                    {
                        return false;
                    }

                    value = new Pair(first, second);
                    return true;
                }
            }

            /// <summary>An int written as a string of its digits.</summary>
            public sealed class DigitsConverter : IClaimConverter<int>
            {
                public static void Write(Utf8JsonWriter writer, int value)
                {
                    Span<byte> digits = stackalloc byte[11];
                    System.Buffers.Text.Utf8Formatter.TryFormat(value, digits, out int written);
                    writer.WriteStringValue(digits[..written]);
                }

                public static bool TryRead(ref Utf8JsonReader reader, out int value)
                {
                    value = 0;
                    return reader.TokenType == JsonTokenType.String
                        && System.Buffers.Text.Utf8Parser.TryParse(reader.ValueSpan, out value, out int consumed)
                        && consumed == reader.ValueSpan.Length;
                }
            }

            [TokenPayload]
            public sealed partial record WellBehaved
            {
                [Claim("o"), ClaimConverter(typeof(LimitsConverter))] public Limits? Limits { get; init; }
                [Claim("a"), ClaimConverter(typeof(PairConverter))] public Pair Pair { get; init; }
                [Claim("p"), ClaimConverter(typeof(DigitsConverter))] public int Number { get; init; }
                [Claim("sub")] public string? Subject { get; init; }
            }

            [TokenPayload]
            public partial record struct Compact
            {
                [Claim("a"), ClaimConverter(typeof(PairConverter))] public Pair Pair { get; set; }
                [Claim("p"), ClaimConverter(typeof(DigitsConverter))] public int Number { get; set; }
            }

            public static class ConverterSamples
            {
                public static WellBehaved WellBehaved() => new()
                {
                    Limits = new Limits(-3, 7),
                    Pair = new Pair(1, 2),
                    Number = 42,
                    Subject = "user",
                };

                /// <summary>Bytes allocated by reading a <see cref="Compact"/> (after one warm-up read).</summary>
                public static long ReadAllocations()
                {
                    byte[] json = Encoding.UTF8.GetBytes("""{"a":[1,2],"p":"42"}""");
                    Read(json);
                    long before = GC.GetAllocatedBytesForCurrentThread();
                    bool ok = Read(json);
                    long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                    return ok ? allocated : -1;
                }

                private static bool Read(byte[] json)
                {
                    var reader = new Utf8JsonReader(json);
                    return Compact.TryReadPayload(ref reader, out Compact payload, out _) && payload.Number == 42 && payload.Pair.Second == 2;
                }
            }
        }
        """";

    public CompiledConverterSamples()
    {
        Loaded = TestHelpers.CompileAndLoad(Source);
    }

    internal LoadedAssembly Loaded { get; }

    public void Dispose() => Loaded.Dispose();
}

/// <summary>
/// A converter that returns <see langword="true"/> must leave the reader on its value's last token; otherwise the generated
/// loop would read the rest of the value (or skip the claims after it) as claims. Reading then fails naming the claim.
/// </summary>
public sealed class ConverterPositionTests(CompiledConverterSamples samples) : IClassFixture<CompiledConverterSamples>
{
    private LoadedAssembly Loaded => samples.Loaded;

    [Fact]
    public void Converter_that_returns_true_without_reading_its_object_fails_naming_the_claim()
    {
        // Without the check the loop would go on inside {"sub":"admin"} and read "admin" as the subject.
        ReadOutcome read = Loaded.Read("Samples.Converters.Unread", """{"c":{"sub":"admin"},"sub":"user"}""");

        Assert.False(read.Success);
        Assert.Null(read.Payload);
        Assert.Equal(ClaimReadErrorKind.WrongType, read.Error.Kind);
        Assert.Equal("c", read.Error.Claim);
    }

    [Fact]
    public void Converter_that_returns_true_without_reading_its_object_still_reads_a_primitive()
    {
        ReadOutcome read = Loaded.Read("Samples.Converters.Unread", """{"c":1,"sub":"user"}""");

        Assert.True(read.Success, read.Error.ToString());
        Assert.Equal("object", LoadedAssembly.Get(read.Payload!, "Converted"));
        Assert.Equal("user", LoadedAssembly.Get(read.Payload!, "Subject"));
    }

    [Theory]
    [InlineData("Samples.Converters.PastPrimitive", """{"c":"x","sub":"user"}""")]
    [InlineData("Samples.Converters.PastPrimitive", """{"sub":"user","c":"x"}""")]
    [InlineData("Samples.Converters.PastObject", """{"c":{"sub":"admin"},"sub":"user"}""")]
    [InlineData("Samples.Converters.PastObject", """{"sub":"user","c":{}}""")]
    [InlineData("Samples.Converters.Swallowed", """{"c":{},"m":{"k":"v"}}""")]
    [InlineData("Samples.Converters.ShortArray", """{"c":["sub"],"sub":"user"}""")]
    public void Converter_that_stops_anywhere_but_its_value_s_last_token_fails_naming_the_claim(string type, string json)
    {
        ReadOutcome read = Loaded.Read(type, json);

        Assert.False(read.Success);
        Assert.Null(read.Payload);
        Assert.Equal(ClaimReadErrorKind.WrongType, read.Error.Kind);
        Assert.Equal("c", read.Error.Claim);
    }

    [Fact]
    public void Converters_of_objects_arrays_and_primitives_round_trip()
    {
        object sample = Loaded.Call("Samples.Converters.ConverterSamples", "WellBehaved");

        string json = Loaded.Write(sample);
        ReadOutcome read = Loaded.Read("Samples.Converters.WellBehaved", json);

        Assert.Equal("""{"o":{"lo":-3,"hi":7},"a":[1,2],"p":"42","sub":"user"}""", json);
        Assert.True(read.Success, read.Error.ToString());
        Assert.Equal(sample, read.Payload);
        Assert.Equal(System.Text.Json.JsonTokenType.EndObject, read.FinalToken);
    }

    [Fact]
    public void Converter_values_with_nested_values_and_white_space_are_read_and_the_claims_after_them_too()
    {
        ReadOutcome read = Loaded.Read(
            "Samples.Converters.WellBehaved",
            """{ "o" : { "x" : { "sub" : "admin", "y" : [ {}, [] ] }, "lo" : 1, "hi" : 2 } , "a" : [ 3 , 4 ] , "p" : "5" , "sub" : "user" }""");

        Assert.True(read.Success, read.Error.ToString());
        Assert.Equal("user", LoadedAssembly.Get(read.Payload!, "Subject"));
        Assert.Equal(5, LoadedAssembly.Get(read.Payload!, "Number"));
        Assert.Equal("Limits { Low = 1, High = 2 }", LoadedAssembly.Get(read.Payload!, "Limits")!.ToString());
        Assert.Equal("Pair { First = 3, Second = 4 }", LoadedAssembly.Get(read.Payload!, "Pair")!.ToString());
    }

    [Fact]
    public void Checking_the_converter_s_position_allocates_nothing()
    {
        long allocated = (long)Loaded.Call("Samples.Converters.ConverterSamples", "ReadAllocations");

        Assert.Equal(0, allocated);
    }
}
