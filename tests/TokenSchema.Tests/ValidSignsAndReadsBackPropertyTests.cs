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
/// For random values of every claim type: <c>Validate()</c> is valid exactly when signing succeeds, and a signed token
/// verifies and reads back as the same claims (written again, the same JSON).
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
        int valid = 0, invalid = 0;
        var problemsByKind = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (int seed in new[] { 1, 7, 42, 2026 })
        {
            var random = new Random(seed);
            for (int i = 0; i < Cases / 4; i++)
            {
                // Half the payloads hold only values that must sign; the others have a fault here and there.
                EveryType payload = Next(new Values(random, faulty: random.Next(2) == 0));
                ClaimValidationResult result = payload.Validate();
                if (result.IsValid)
                {
                    valid++;
                    string token = signer.Sign(payload);
                    Assert.True(verifier.TryVerify(token.AsSpan(), out EveryType? read, out JwtError error), $"seed {seed} case {i}: {error}");
                    Assert.Equal(Write(payload), Write(read!));
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

        output.WriteLine($"{valid + invalid} random payloads: {valid} valid (signed, verified, read back equal), {invalid} invalid (refused by Sign with the same problems)");
        foreach (KeyValuePair<string, int> kind in problemsByKind)
        {
            output.WriteLine($"  {kind.Value,5} × {kind.Key}");
        }

        // Both sides of the equivalence are exercised, and every kind of problem the values can have occurs.
        Assert.True(valid > Cases / 10 && invalid > Cases / 10, $"{valid} valid, {invalid} invalid");
        Assert.True(problemsByKind.Count >= 8, string.Join("; ", problemsByKind.Keys));
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

    private static EveryType Next(Values r) => new()
    {
        Text = r.Fault() ? null! : r.Text(),
        Short = r.Maybe(() => r.Fault() ? "longer than eight" : r.Text()),
        Flag = r.Maybe(() => (bool?)(r.Random.Next(2) == 0)),
        Int = r.Maybe(() => (int?)r.Pick(new[] { 0, -1, int.MinValue, int.MaxValue, r.Random.Next() })),
        Long = r.Pick(new[] { 0L, long.MinValue, long.MaxValue, r.Random.NextInt64() }),
        Double = r.Maybe(() => (double?)r.Number()),
        Id = r.Maybe(() => (Guid?)new Guid(r.Random.Next(), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10)),
        Link = r.Maybe(() => new Uri(r.Fault() ? r.Pick(BadUris) : r.Pick(Uris), UriKind.RelativeOrAbsolute)),
        At = r.Maybe(() => (DateTimeOffset?)new DateTimeOffset(
            r.Random.NextInt64(DateTime.MinValue.Ticks + TimeSpan.TicksPerDay, DateTime.MaxValue.Ticks - TimeSpan.TicksPerDay),
            TimeSpan.FromHours(r.Random.Next(-12, 13)))),
        Span = r.Maybe(() => (TimeSpan?)r.Pick(new[] { TimeSpan.Zero, TimeSpan.MinValue, TimeSpan.MaxValue, TimeSpan.FromTicks(r.Random.NextInt64()) })),
        Shade = r.Maybe(() => (Shade?)r.Shade()),
        Tags = r.Maybe(() => r.Items(() => r.Fault() ? null! : r.Text())),
        Numbers = r.Maybe(() => (IReadOnlyList<double?>)r.Items(() => r.Random.Next(4) == 0 ? null : (double?)r.Number())),
        Shades = r.Maybe(() => r.Items(r.Shade)),
        Map = r.Maybe(() => (IReadOnlyDictionary<string, long>)r.Map(() => r.Random.NextInt64())),
        Part = r.Maybe(() => NextPart(r)),
        Parts = r.Maybe(() => r.Items(() => NextPart(r))),
        ByKey = r.Maybe(() => (IReadOnlyDictionary<string, Part>)r.Map(() => NextPart(r))),
        Json = r.Maybe(() => (JsonElement?)r.JsonValue()),
        Jsons = r.Maybe(() => r.Items(r.JsonValue)),
    };

    private static Part NextPart(Values r) => new() { V = r.Fault() ? r.Pick(new[] { -1, 6 }) : r.Random.Next(0, 6), S = r.Maybe(r.Text) };

    /// <summary>Random claim values; with <c>faulty</c>, one value in eight is one the payload must refuse.</summary>
    private sealed class Values(Random random, bool faulty)
    {
        public Random Random { get; } = random;

        public bool Fault() => faulty && Random.Next(8) == 0;

        public string Text() => Fault() ? Pick(BadTexts) : Pick(Texts);

        public Shade Shade() => Fault() ? (Shade)7 : (Shade)Random.Next(2);

        public double Number() => Fault() ? Pick(new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity }) : Random.Next(6) switch
        {
            0 => -0.0,
            1 => double.MaxValue,
            2 => double.Epsilon,
            _ => (Random.NextDouble() - 0.5) * Math.Pow(10, Random.Next(-5, 20)),
        };

        public JsonElement JsonValue() => Fault() ? default : JsonDocument.Parse(Pick(Json)).RootElement.Clone();

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
