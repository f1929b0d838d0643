using System;
using System.Buffers;
using System.Collections.Generic;
using System.ComponentModel.DataAnnotations;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Xunit;
using Xunit.Abstractions;

namespace TokenSchema.Tests;

/// <summary>The enum of <see cref="EveryType"/>.</summary>
public enum Shade
{
    /// <summary>Light.</summary>
    [ClaimValue("light")] Light,

    /// <summary>Dark.</summary>
    [ClaimValue("dark")] Dark,
}

/// <summary>A nested payload of <see cref="EveryType"/>.</summary>
[TokenPayload]
public sealed partial record Part
{
    /// <summary>A ranged number.</summary>
    [Claim("v"), Range(0, 5)] public int V { get; init; }

    /// <summary>A text.</summary>
    [Claim("s")] public string? S { get; init; }
}

/// <summary>A payload with a claim of every type the generator writes, for the property test.</summary>
[TokenPayload]
public sealed partial record EveryType
{
    /// <summary>Required text.</summary>
    [Claim("str")] public required string Text { get; init; }

    /// <summary>Bounded text.</summary>
    [Claim("short"), StringLength(8)] public string? Short { get; init; }

    /// <summary>A flag.</summary>
    [Claim("flag")] public bool? Flag { get; init; }

    /// <summary>An int.</summary>
    [Claim("i32")] public int? Int { get; init; }

    /// <summary>A long.</summary>
    [Claim("i64")] public long Long { get; init; }

    /// <summary>A double.</summary>
    [Claim("dbl")] public double? Double { get; init; }

    /// <summary>A UUID.</summary>
    [Claim("id")] public Guid? Id { get; init; }

    /// <summary>A URI.</summary>
    [Claim("uri")] public Uri? Link { get; init; }

    /// <summary>A NumericDate.</summary>
    [Claim("when")] public DateTimeOffset? At { get; init; }

    /// <summary>Seconds.</summary>
    [Claim("span")] public TimeSpan? Span { get; init; }

    /// <summary>An enum.</summary>
    [Claim("shade")] public Shade? Shade { get; init; }

    /// <summary>Texts.</summary>
    [Claim("tags")] public string[]? Tags { get; init; }

    /// <summary>Nullable numbers.</summary>
    [Claim("nums")] public IReadOnlyList<double?>? Numbers { get; init; }

    /// <summary>Enums.</summary>
    [Claim("shades")] public Shade[]? Shades { get; init; }

    /// <summary>A map of numbers.</summary>
    [Claim("map")] public IReadOnlyDictionary<string, long>? Map { get; init; }

    /// <summary>A nested payload.</summary>
    [Claim("part")] public Part? Part { get; init; }

    /// <summary>Nested payloads.</summary>
    [Claim("parts")] public Part[]? Parts { get; init; }

    /// <summary>A map of nested payloads.</summary>
    [Claim("byKey")] public IReadOnlyDictionary<string, Part>? ByKey { get; init; }

    /// <summary>Any JSON.</summary>
    [Claim("json")] public JsonElement? Json { get; init; }

    /// <summary>Any JSON items.</summary>
    [Claim("jsons")] public JsonElement[]? Jsons { get; init; }
}

/// <summary>
/// For random values of every claim type: <c>Validate()</c> is valid exactly when no fault was put in the values, valid
/// exactly when signing succeeds, and a signed token carries, and reads back as, the JSON the test writes itself from the
/// same values (not through the generated writer).
/// </summary>
public sealed class ValidSignsAndReadsBackPropertyTests(ITestOutputHelper output)
{
    private const string Secret = "a secret of thirty-two bytes or more, for tests";
    private const int Cases = 4000;

    private static readonly string[] Texts =
    {
        "", " ", "plain", "quote\"back\\slash", "tab\tline\nnul\0", "café ünï", "\ud83d\ude00 emoji", "<script>&amp;",
    };

    private static readonly string[] BadTexts = { "\ud800", "x\udc00y", "\udbff" };

    private static readonly string[] Uris =
    {
        "https://example.com/a?b=c#d", "HTTPS://Example.COM/A", "https://example.com/a b", "mailto:ada@example.com", "urn:isbn:0451450523",
        "file:///tmp/report", "ftp://files.example.com/x",
    };

    private static readonly string[] BadUris = { "/tmp/report", "relative/path", "//example.com/x" };

    private static readonly string[] Json = { "null", "1", "-0.5e3", "\"s\"", "[1,[2]]", "{\"a\":{\"b\":[true,false]}}", "{}", "[]" };

    [Fact]
    public void Valid_if_and_only_if_signable_and_a_signed_token_reads_back_equal()
    {
        using JwtSigner signer = JwtSigner.FromSecret(Secret);
        using JwtVerifier verifier = JwtVerifier.FromSecret(Secret, new JwtVerifierOptions { RequireExpirationTime = false }); // the payload has no exp
        int valid = 0, invalid = 0, faultFree = 0, direct = 0;
        var problemsByKind = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (int seed in new[] { 1, 7, 42, 2026 })
        {
            var random = new Random(seed);
            for (int i = 0; i < Cases / 4; i++)
            {
                // Half the payloads hold only values that must sign; the others have a fault here and there. A payload
                // is valid exactly when none was put in (a faulty one may draw none).
                var values = new Values(random, faulty: random.Next(2) == 0);
                // One in four has only claims the signer's direct writer writes, so that both of its writers are checked.
                EveryType payload = Next(values, directOnly: random.Next(4) == 0);

                ClaimValidationResult result = payload.Validate();
                if (result.IsValid != (values.Faults == 0))
                {
                    Assert.Fail($"seed {seed} case {i}: {values.Faults} faults (lines {string.Join(", ", values.FaultLines)}), problems: {string.Join("; ", result.Problems)}; {payload}");
                }
                if (values.Faults == 0)
                {
                    faultFree++;
                }

                if (result.IsValid)
                {
                    valid++;
                    string token = signer.Sign(payload);
                    Assert.True(verifier.TryVerify(token.AsSpan(), out EveryType? read, out JwtError error), $"seed {seed} case {i}: {error}");

                    // The token's payload (whichever writer the signer used) and the payload read back, written again,
                    // are the JSON written here from the values.
                    string expected = Expected(payload);
                    string signed = Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(token.Split('.')[1]));
                    AssertSameJson(expected, signed, $"seed {seed} case {i}: the signed payload");
                    AssertSameJson(expected, Write(read!), $"seed {seed} case {i}: the payload read back");
                    if (((IDirectPayloadWriter)payload).TryWritePayloadUtf8(new byte[8192], out _))
                    {
                        direct++;
                    }
                }
                else
                {
                    invalid++;
                    JwtPayloadValidationException thrown = Assert.Throws<JwtPayloadValidationException>(() => signer.Sign(payload));
                    Assert.Equal(result.Problems, thrown.Problems);
                    foreach (ClaimProblem problem in result.Problems)
                    {
                        problemsByKind[problem.Message] = problemsByKind.GetValueOrDefault(problem.Message) + 1;
                    }
                }
            }
        }

        output.WriteLine($"{valid + invalid} random payloads: {valid} valid (signed, verified, token and read-back payload equal to the JSON written from the values), {invalid} invalid (refused by Sign with the same problems)");
        output.WriteLine($"  {faultFree} built without faults, all valid; {direct} valid ones signed by the direct writer, {valid - direct} by Utf8JsonWriter");
        foreach (KeyValuePair<string, int> kind in problemsByKind)
        {
            output.WriteLine($"  {kind.Value,5} × {kind.Key}");
        }

        // Both sides of the equivalence are exercised, and every kind of problem the values can have occurs.
        Assert.True(valid > Cases / 10 && invalid > Cases / 10, $"{valid} valid, {invalid} invalid");
        Assert.True(problemsByKind.Count >= 8, string.Join("; ", problemsByKind.Keys));
        Assert.True(direct > valid / 20 && valid - direct > valid / 20, $"{direct} of {valid} written by the direct writer");
    }

    private static void AssertSameJson(string expected, string actual, string what)
    {
        using JsonDocument left = JsonDocument.Parse(expected), right = JsonDocument.Parse(actual);
        Assert.True(JsonElement.DeepEquals(left.RootElement, right.RootElement), $"{what}:\n  expected {expected}\n  actual   {actual}");
    }

    /// <summary>
    /// The JSON of <paramref name="p"/> by the rules of the README, written here claim by claim from the values: absent
    /// claims for nulls, NumericDates and TimeSpans in whole seconds, URIs as given, enums by their claim values.
    /// </summary>
    private static string Expected(EveryType p)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            if (p.Text is not null) w.WriteString("str", p.Text);
            if (p.Short is not null) w.WriteString("short", p.Short);
            if (p.Flag is { } flag) w.WriteBoolean("flag", flag);
            if (p.Int is { } int32) w.WriteNumber("i32", int32);
            w.WriteNumber("i64", p.Long);
            if (p.Double is { } number) w.WriteNumber("dbl", number);
            if (p.Id is { } id) w.WriteString("id", id.ToString("D"));
            if (p.Link is { } link) w.WriteString("uri", link.OriginalString);
            if (p.At is { } at) w.WriteNumber("when", at.UtcTicks / TimeSpan.TicksPerSecond - DateTime.UnixEpoch.Ticks / TimeSpan.TicksPerSecond);
            if (p.Span is { } span) w.WriteNumber("span", span.Ticks / TimeSpan.TicksPerSecond);
            if (p.Shade is { } shade) w.WriteString("shade", ShadeName(shade));
            if (p.Tags is { } tags) Array(w, "tags", tags, (t, _) => w.WriteStringValue(t));
            if (p.Numbers is { } numbers) Array(w, "nums", numbers, (n, _) => { if (n is { } v) w.WriteNumberValue(v); else w.WriteNullValue(); });
            if (p.Shades is { } shades) Array(w, "shades", shades, (v, _) => w.WriteStringValue(ShadeName(v)));
            if (p.Map is { } map)
            {
                w.WriteStartObject("map");
                foreach (KeyValuePair<string, long> entry in map) w.WriteNumber(entry.Key, entry.Value);
                w.WriteEndObject();
            }

            if (p.Part is { } part) { w.WritePropertyName("part"); PartJson(w, part); }
            if (p.Parts is { } parts) Array(w, "parts", parts, (v, _) => PartJson(w, v));
            if (p.ByKey is { } byKey)
            {
                w.WriteStartObject("byKey");
                foreach (KeyValuePair<string, Part> entry in byKey) { w.WritePropertyName(entry.Key); PartJson(w, entry.Value); }
                w.WriteEndObject();
            }

            if (p.Json is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } json) { w.WritePropertyName("json"); json.WriteTo(w); }
            if (p.Jsons is { } jsons) Array(w, "jsons", jsons, (v, _) => v.WriteTo(w));
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);

        static string ShadeName(Shade shade) => shade switch { Shade.Light => "light", Shade.Dark => "dark", _ => throw new ArgumentOutOfRangeException(nameof(shade)) };

        static void PartJson(Utf8JsonWriter w, Part part)
        {
            w.WriteStartObject();
            w.WriteNumber("v", part.V);
            if (part.S is not null) w.WriteString("s", part.S);
            w.WriteEndObject();
        }

        static void Array<T>(Utf8JsonWriter w, string name, IEnumerable<T> items, Action<T, int> item)
        {
            w.WriteStartArray(name);
            int i = 0;
            foreach (T value in items) item(value, i++);
            w.WriteEndArray();
        }
    }

    private static string Write(EveryType payload)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            payload.WritePayload(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static EveryType Next(Values r, bool directOnly) => new()
    {
        Text = r.Fault() ? null! : r.Text(),
        Short = r.Maybe(() => r.Fault() ? "longer than eight" : r.ShortText()),
        Flag = r.Maybe(() => (bool?)(r.Random.Next(2) == 0)),
        Int = r.Maybe(() => (int?)r.Pick(new[] { 0, -1, int.MinValue, int.MaxValue, r.Random.Next() })),
        Long = r.Pick(new[] { 0L, long.MinValue, long.MaxValue, r.Random.NextInt64() }),
        Double = directOnly ? null : r.Maybe(() => (double?)r.Number()),
        Id = r.Maybe(() => (Guid?)new Guid(r.Random.Next(), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10)),
        Link = r.Maybe(() => new Uri(r.Fault() ? r.Pick(BadUris) : r.Pick(Uris), UriKind.RelativeOrAbsolute)),
        At = r.Maybe(() => (DateTimeOffset?)new DateTimeOffset(
            r.Random.NextInt64(DateTime.MinValue.Ticks + TimeSpan.TicksPerDay, DateTime.MaxValue.Ticks - TimeSpan.TicksPerDay),
            TimeSpan.FromHours(r.Random.Next(-12, 13)))),
        Span = r.Maybe(() => (TimeSpan?)r.Pick(new[] { TimeSpan.Zero, TimeSpan.MinValue, TimeSpan.MaxValue, TimeSpan.FromTicks(r.Random.NextInt64()) })),
        Shade = r.Maybe(() => (Shade?)r.Shade()),
        Tags = directOnly ? null : r.Maybe(() => r.Items(() => r.Fault() ? null! : r.Text())),
        Numbers = directOnly ? null : r.Maybe(() => (IReadOnlyList<double?>)r.Items(() => r.Random.Next(4) == 0 ? null : (double?)r.Number())),
        Shades = directOnly ? null : r.Maybe(() => r.Items(r.Shade)),
        Map = directOnly ? null : r.Maybe(() => (IReadOnlyDictionary<string, long>)r.Map(() => r.Random.NextInt64())),
        Part = directOnly ? null : r.Maybe(() => NextPart(r)),
        Parts = directOnly ? null : r.Maybe(() => r.Items(() => NextPart(r))),
        ByKey = directOnly ? null : r.Maybe(() => (IReadOnlyDictionary<string, Part>)r.Map(() => NextPart(r))),
        Json = directOnly ? null : r.Maybe(() => (JsonElement?)r.JsonValue(canFault: false)), // an undefined JsonElement? is an absent claim, not a fault
        Jsons = directOnly ? null : r.Maybe(() => r.Items(r.JsonValue)),
    };

    private static Part NextPart(Values r) => new() { V = r.Fault() ? r.Pick(new[] { -1, 6 }) : r.Random.Next(0, 6), S = r.Maybe(r.Text) };

    /// <summary>Random claim values; with <c>faulty</c>, one value in eight is one the payload must refuse.</summary>
    private sealed class Values(Random random, bool faulty)
    {
        public Random Random { get; } = random;

        /// <summary>How many faults were put in so far.</summary>
        public int Faults { get; private set; }

        /// <summary>Where the faults were put in (the lines of this file), for failure messages.</summary>
        public List<int> FaultLines { get; } = new();

        public bool Fault([System.Runtime.CompilerServices.CallerLineNumber] int line = 0)
        {
            bool fault = faulty && Random.Next(8) == 0;
            if (fault)
            {
                Faults++;
                FaultLines.Add(line);
            }

            return fault;
        }

        public string Text() => Fault() ? Pick(BadTexts) : Pick(Texts);

        /// <summary>A text for <c>[StringLength(8)]</c>: one of the texts of at most 8 UTF-16 characters.</summary>
        public string ShortText() => Fault() ? Pick(BadTexts) : Pick(System.Array.FindAll(Texts, t => t.Length <= 8));

        public Shade Shade() => Fault() ? (Shade)7 : (Shade)Random.Next(2);

        public double Number() => Fault() ? Pick(new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity }) : Random.Next(6) switch
        {
            0 => -0.0,
            1 => double.MaxValue,
            2 => double.Epsilon,
            _ => (Random.NextDouble() - 0.5) * Math.Pow(10, Random.Next(-5, 20)),
        };

        public JsonElement JsonValue() => JsonValue(canFault: true);

        public JsonElement JsonValue(bool canFault) => canFault && Fault() ? default : JsonDocument.Parse(Pick(Json)).RootElement.Clone();

        public T[] Items<T>(Func<T> item)
        {
            var items = new T[Random.Next(4)];
            for (int i = 0; i < items.Length; i++)
            {
                items[i] = item();
            }

            return items;
        }

        public Dictionary<string, T> Map<T>(Func<T> value)
        {
            var map = new Dictionary<string, T>(StringComparer.Ordinal);
            for (int i = Random.Next(3); i > 0; i--)
            {
                map[Text() + i] = value();
            }

            return map;
        }

        public T Pick<T>(T[] values) => values[Random.Next(values.Length)];

        public T? Maybe<T>(Func<T> value) => Random.Next(3) == 0 ? default : value();
    }
}
