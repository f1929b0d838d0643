using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using TokenSchema.Daily;
using Xunit;
using Xunit.Abstractions;

namespace TokenSchema.Tests;

/// <summary>
/// The verifier reads a generated payload in one pass (the generated reader reports the claims to the verifier's scan);
/// the separate scan followed by the payload's reader is the reference. For every validly signed payload, hostile or
/// not, both ways must accept the same tokens with the same values and reject the others with the same error.
/// </summary>
public sealed class OnePassReadTests(ITestOutputHelper output)
{
    private static readonly byte[] Key = SignerTests.Key;
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    // Fragments of a payload object: known claims of both payload types with right and wrong values, registered claims
    // at their edges, unknown claims of every JSON shape, escaped spellings of all of them, and repeats.
    private static readonly string[] Fragments =
    [
        "\"r\":\"room-1\"", "\"r\":\"\"", "\"r\":7", "\"r\":null", "\"\\u0072\":\"room-2\"", "\"r\":\"\\u00e9t\\u00e9\"",
        "\"d\":\"25df5057-ef0d-4d97-bde6-0cf287276cbb\"", "\"d\":\"not-a-guid\"", "\"d\":1",
        "\"o\":true", "\"o\":\"yes\"", "\"u\":\"Ada\"", "\"ud\":\"user-1\"", "\"ud\":\"x\"", "\"ss\":false", "\"eje\":30", "\"eje\":-1",
        "\"exp\":1800000600", "\"exp\":1799999000", "\"exp\":1800000600.5", "\"exp\":\"1800000600\"", "\"exp\":null", "\"exp\":1e400",
        "\"exp\":253402300800", "\"\\u0065xp\":1800000600", "\"exp\":1800090000",
        "\"nbf\":1799999000", "\"nbf\":1800000500", "\"nbf\":true", "\"nbf\":1e15",
        "\"iat\":1799999990", "\"iat\":\"now\"", "\"iat\":1800000000000", "\"iat\":-5", "\"i\\u0061t\":1799999990",
        "\"iss\":\"issuer-a\"", "\"iss\":\"issuer-b\"", "\"iss\":5", "\"aud\":\"aud-a\"", "\"aud\":[\"x\",\"aud-a\"]", "\"aud\":[\"x\"]", "\"aud\":{}",
        "\"aud\":[\"aud-a\",1]", "\"aud\":[\"aud-a\",null]", "\"iat\":1800100000",
        "\"x\":1", "\"x\":[1,{\"y\":[]}]", "\"\\u0078\":2", "\"y\":{\"r\":1,\"r\":2}", "\"z\":null", "\"p\":{\"cs\":\"v\"}", "\"p\":[]",
        "\"\":0", "\"\\u00e9\":\"e\"", "\"long-unknown-claim-name\":\"v\"",
    ];

    private const string ValidBase =
        "\"r\":\"room-1\",\"d\":\"25df5057-ef0d-4d97-bde6-0cf287276cbb\",\"iat\":1799999990,\"exp\":1800000600,\"iss\":\"issuer-a\",\"aud\":\"aud-a\"";

    [Fact]
    public void One_pass_and_two_passes_agree_on_every_signed_payload()
    {
        var random = new Random(20261201);
        var configurations = new (string Name, JwtVerifierOptions Options)[]
        {
            ("defaults", new JwtVerifierOptions { TimeProvider = new ManualTimeProvider(Now) }),
            ("issuer, audience, lifetime, no exp required", new JwtVerifierOptions
            {
                TimeProvider = new ManualTimeProvider(Now),
                ValidIssuers = ["issuer-a"],
                ValidAudiences = ["aud-a"],
                MaxLifetime = TimeSpan.FromMinutes(30),
                RequireExpirationTime = false,
            }),
            ("no validation", new JwtVerifierOptions { TimeProvider = new ManualTimeProvider(Now), ValidatePayload = false }),
        };

        var verifiers = configurations.SelectMany(c => new[] { UnknownClaims.Skip, UnknownClaims.Reject }.Select(unknown => (c.Name, Unknown: unknown,
            OnePass: new JwtVerifier(Key, WithUnknownClaims(c.Options, unknown)) { ReadPaths = new JwtVerifier.ReadPathCounts() },
            TwoPasses: new JwtVerifier(Key, WithUnknownClaims(c.Options, unknown)) { ReadInTwoPasses = true }))).ToArray();
        int compared = 0, accepted = 0;
        var disagreements = new List<string>();
        var notInOnePass = new List<string>();
        var errors = new SortedDictionary<JwtError, int>();
        try
        {
            for (int i = 0; i < 4000; i++)
            {
                string json = Payload(random);
                string token = Forge.Token(json, Key);
                foreach ((string name, UnknownClaims unknown, JwtVerifier onePass, JwtVerifier twoPasses) in verifiers)
                {
                    {
                        compared += 3;
                        accepted += Compare<TestPayload>(onePass, twoPasses, token, unknown, json + " / " + name, disagreements, notInOnePass, errors);
                        accepted += Compare<DailyToken>(onePass, twoPasses, token, unknown, json + " / " + name, disagreements, notInOnePass, errors);
                        accepted += Compare<EmptyPayload>(onePass, twoPasses, token, unknown, json + " / " + name, disagreements, notInOnePass, errors);
                    }
                }
            }
        }
        finally
        {
            foreach ((_, _, JwtVerifier onePass, JwtVerifier twoPasses) in verifiers)
            {
                onePass.Dispose();
                twoPasses.Dispose();
            }
        }

        int onePassAccepted = verifiers.Sum(v => v.OnePass.ReadPaths!.OnePassAccepted);
        int onePassDeclined = verifiers.Sum(v => v.OnePass.ReadPaths!.TwoPasses);
        output.WriteLine($"{compared} verifications compared, {accepted} accepted, {disagreements.Count} disagreements");
        output.WriteLine($"one pass: {onePassAccepted} accepted in one pass, {notInOnePass.Count} accepted only after falling back to two passes, {onePassDeclined} read in two passes");
        foreach (KeyValuePair<JwtError, int> entry in errors)
        {
            output.WriteLine($"  {entry.Value,6} × {entry.Key}");
        }

        Assert.True(disagreements.Count == 0, string.Join("\n", disagreements.Take(20)));

        // Every payload type here has a generated one-pass reader: every token accepted must have been accepted by the
        // one pass itself, not by the two passes it falls back to (a one pass that always declined would agree too).
        Assert.True(notInOnePass.Count == 0, $"{notInOnePass.Count} accepted tokens were not accepted in one pass:\n" + string.Join("\n", notInOnePass.Take(20)));
        Assert.Equal(accepted, onePassAccepted);

        // The comparison means something only if both outcomes and many kinds of rejection occur.
        Assert.True(accepted > compared / 10, $"only {accepted} of {compared} accepted");
        Assert.True(errors.Count >= 8, "only " + string.Join(", ", errors.Keys));
    }

    [Fact]
    public void A_payload_type_without_a_one_pass_reader_is_still_scanned_and_read()
    {
        using var verifier = new JwtVerifier(Key, new JwtVerifierOptions { TimeProvider = new ManualTimeProvider(Now) });
        string valid = Forge.Token("{\"r\":\"room\",\"exp\":1800000600}", Key);
        Assert.True(verifier.TryVerify(valid.AsSpan(), out HandWrittenPayload? read, out JwtError error), error.ToString());
        Assert.Equal("room", read.Room);

        // The separate scan still refuses what the hand-written reader would not notice.
        string duplicate = Forge.Token("{\"r\":\"room\",\"x\":1,\"\\u0078\":2,\"exp\":1800000600}", Key);
        Assert.False(verifier.TryVerify(duplicate.AsSpan(), out HandWrittenPayload? _, out error));
        Assert.Equal(JwtError.DuplicateClaim, error);
        string expired = Forge.Token("{\"r\":\"room\",\"exp\":1799999000}", Key);
        Assert.False(verifier.TryVerify(expired.AsSpan(), out HandWrittenPayload? _, out error));
        Assert.Equal(JwtError.Expired, error);
    }

    [Fact]
    public void A_generated_reader_reports_the_registered_claims_and_the_unknown_ones_to_the_scan()
    {
        // Known to DailyToken: exp and iat, read into DateTimeOffsets and reported as seconds.
        (bool read, bool refused, long? exp, long? iat, bool issuer) = Scan<DailyToken>(
            "{\"r\":\"a\",\"d\":\"25df5057-ef0d-4d97-bde6-0cf287276cbb\",\"iat\":1799999990,\"exp\":1800000600.7}");
        Assert.True(read);
        Assert.False(refused);
        Assert.Equal(1_800_000_600, exp);
        Assert.Equal(1_799_999_990, iat);

        // Unknown to TestPayload: iss, reported with the configured issuers; x in two spellings is one repeated claim.
        (read, refused, _, _, issuer) = Scan<TestPayload>("{\"r\":\"a\",\"iss\":\"issuer-a\"}");
        Assert.True(read && !refused && issuer);
        (read, refused, _, _, _) = Scan<TestPayload>("{\"r\":\"a\",\"x\":1,\"\\u0078\":2}");
        Assert.True(!read && refused);
        (read, refused, _, _, _) = Scan<TestPayload>("{\"r\":\"a\",\"x\":1}", rejectUnknown: true);
        Assert.True(!read && refused);

        // A known exp that is not a NumericDate is refused by the scan before the reader's own rules.
        (read, refused, _, _, _) = Scan<TestPayload>("{\"r\":\"a\",\"exp\":null}");
        Assert.True(!read && refused);

        // A reader generated for another list of observed claims is read in two passes.
        var other = new ClaimScan("{}"u8, null, null, rejectUnknown: false);
        Assert.True(other.Accepts(ClaimScan.ObservedClaimNamesVersion));
        Assert.False(other.Unsupported);
        Assert.False(other.Accepts(ClaimScan.ObservedClaimNamesVersion + 1));
        Assert.True(other.Unsupported);
        other.Dispose();

        // The public reader reports nothing: the scan it passes is inactive.
        var reader = new System.Text.Json.Utf8JsonReader("{\"r\":\"a\",\"x\":1,\"x\":2}"u8);
        Assert.True(TestPayload.TryReadPayload(ref reader, out TestPayload? plain, out _));
        Assert.Equal("a", plain.Room);
    }

    [Fact]
    public void A_hand_written_nested_payload_that_reads_past_its_object_cannot_hide_the_claims_after_it()
    {
        using var verifier = new JwtVerifier(Key, new JwtVerifierOptions { TimeProvider = new ManualTimeProvider(Now), RequireExpirationTime = false });

        // The nested reader reads on into "exp": the outer reader notices, so the expired token is refused.
        string token = Forge.Token("{\"r\":\"a\",\"p\":{},\"exp\":1}", Key);
        Assert.False(verifier.TryVerify(token.AsSpan(), out WithOverreader? _, out JwtError error));
        Assert.Equal(JwtError.Expired, error);

        var reader = new System.Text.Json.Utf8JsonReader("{\"r\":\"a\",\"p\":{},\"x\":1}"u8);
        Assert.False(WithOverreader.TryReadPayload(ref reader, out _, out ClaimReadError readError));
        Assert.Equal(new ClaimReadError(ClaimReadErrorKind.WrongType, "p"), readError);

        // Last in the object, it reads past the payload's end: refused too, never an exception.
        string last = Forge.Token("{\"r\":\"a\",\"p\":{}}", Key);
        Assert.False(verifier.TryVerify(last.AsSpan(), out WithOverreader? _, out error));
    }

    private static (bool Read, bool Refused, long? Expires, long? IssuedAt, bool IssuerMatches) Scan<T>(string json, bool rejectUnknown = false)
        where T : IJwtPayload<T>
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(json);
        var scan = new ClaimScan(utf8, [Encoding.UTF8.GetBytes("issuer-a")], null, rejectUnknown);
        try
        {
            var reader = new System.Text.Json.Utf8JsonReader(utf8);
            bool read = T.TryReadAndScanPayload(ref reader, ref scan, out _, out _);
            Assert.False(scan.Unsupported);
            return (read, scan.Refused, scan.Claims.Expires, scan.Claims.IssuedAt, scan.Claims.HasIssuer && scan.Claims.IssuerMatches);
        }
        finally
        {
            scan.Dispose();
        }
    }

    private static int Compare<T>(JwtVerifier onePass, JwtVerifier twoPasses, string token, UnknownClaims unknown, string what,
        List<string> disagreements, List<string> notInOnePass, SortedDictionary<JwtError, int> errors)
        where T : class, IJwtPayload<T>, IClaimSchema, IEquatable<T>
    {
        _ = unknown; // the verifiers' UnknownClaims option
        int inOnePass = onePass.ReadPaths!.OnePassAccepted;
        bool a = onePass.TryVerifyDetailed(token.AsSpan(), out T? first, out JwtVerificationFailure firstFailure);
        bool acceptedInOnePass = onePass.ReadPaths.OnePassAccepted == inOnePass + 1;
        if (a != acceptedInOnePass)
        {
            notInOnePass.Add($"{typeof(T).Name} {unknown} {what}: accepted {a}, in one pass {acceptedInOnePass}");
        }

        bool b = twoPasses.TryVerifyDetailed(token.AsSpan(), out T? second, out JwtVerificationFailure secondFailure);
        string left = Describe(a, first, firstFailure);
        string right = Describe(b, second, secondFailure);
        if (left != right || (a && !first!.Equals(second)))
        {
            disagreements.Add($"{typeof(T).Name} {unknown} {what}: one pass {left}, two passes {right}");
        }

        errors[firstFailure.Error] = errors.GetValueOrDefault(firstFailure.Error) + 1;
        return a ? 1 : 0;
    }

    private static string Describe<T>(bool accepted, T? payload, JwtVerificationFailure failure) =>
        accepted
            ? "accepted " + payload
            : $"{failure.Error} {failure.Claim} {failure.ReadError} [{string.Join("; ", failure.Problems.Select(p => p.Claim + " " + p.Message))}]";

    private static string Payload(Random random)
    {
        // Mostly objects of a few fragments (repeats included), sometimes not an object or with something after it.
        int shape = random.Next(40);
        var json = new StringBuilder();
        if (shape == 0)
        {
            return random.Next(3) switch { 0 => "[]", 1 => "\"x\"", _ => "null" };
        }

        // Half of them start as a payload every configuration accepts, so that one added fragment decides.
        json.Append('{');
        if (shape == 2)
        {
            // Many unknown claims, past the name table's first 16 (it moves to a pooled table), sometimes one repeated
            // in an escaped spelling.
            json.Append(ValidBase);
            int unknown = random.Next(17, 60);
            for (int i = 0; i < unknown; i++)
            {
                json.Append(",\"u").Append(i).Append("\":").Append(i);
            }

            if (random.Next(2) == 0)
            {
                json.Append(",\"\\u0075").Append(random.Next(unknown)).Append("\":0");
            }

            return json.Append('}').ToString();
        }

        bool valid = random.Next(2) == 0;
        if (valid)
        {
            json.Append(ValidBase);
        }

        int count = random.Next(0, valid ? 3 : 9);
        for (int i = 0; i < count; i++)
        {
            json.Append(i == 0 && !valid ? "" : ",").Append(Fragments[random.Next(Fragments.Length)]);
        }

        json.Append('}');
        if (shape == 1)
        {
            json.Append(random.Next(2) == 0 ? "{}" : " ");
        }

        return json.ToString();
    }

    /// <summary>A copy of <paramref name="options"/> with <see cref="JwtVerifierOptions.UnknownClaims"/> set.</summary>
    internal static JwtVerifierOptions WithUnknownClaims(JwtVerifierOptions options, UnknownClaims unknown) => new()
    {
        TimeProvider = options.TimeProvider,
        ClockSkew = options.ClockSkew,
        MaxTokenLength = options.MaxTokenLength,
        RequireExpirationTime = options.RequireExpirationTime,
        MaxLifetime = options.MaxLifetime,
        RejectFutureIssuedAt = options.RejectFutureIssuedAt,
        ValidIssuers = options.ValidIssuers,
        ValidAudiences = options.ValidAudiences,
        ValidatePayload = options.ValidatePayload,
        AllowShortKey = options.AllowShortKey,
        UnknownClaims = unknown,
    };
}

/// <summary>A payload with a nested hand-written payload type whose reader reads past its own object.</summary>
[TokenPayload]
public sealed partial record WithOverreader
{
    [Claim("r")]
    public string? Room { get; init; }

    [Claim("p")]
    public Overreader? Nested { get; init; }
}

/// <summary>A hand-written nested payload whose reader reads one claim too far.</summary>
public sealed record Overreader : IJwtPayload<Overreader>
{
    public void WritePayload(System.Text.Json.Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteEndObject();
    }

    public ClaimValidationResult Validate() => default;

    public static bool TryReadPayload(ref System.Text.Json.Utf8JsonReader reader, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out Overreader payload, out ClaimReadError error)
    {
        reader.Skip();
        reader.Read();
        reader.Read();
        payload = new Overreader();
        error = default;
        return true;
    }

}
