using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using TokenSchema.Daily;
using Xunit;
using Xunit.Abstractions;

namespace TokenSchema.Tests;

/// <summary>
/// A deterministic, seeded adversarial suite for <see cref="JwtVerifier"/>: every input is rejected with the error it
/// deserves, none is accepted, none throws; and proofs that a shared signer and verifier stay correct under contention
/// and never reveal key material.
/// </summary>
public sealed class AdversarialSuiteTests(ITestOutputHelper output)
{
    private static readonly byte[] Key = SignerTests.Key;
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
    private static readonly long Exp = Now.ToUnixTimeSeconds() + 600;
    private static readonly JwtVerifierOptions Options = new() { TimeProvider = new ManualTimeProvider(Now) };
    private static readonly string Valid = Forge.Token($$"""{"r":"room-0253","d":"25df5057-ef0d-4d97-bde6-0cf287276cbb","iat":1799999990,"exp":{{Exp}},"o":true}""", Key);
    private const string Header = """{"alg":"HS256","typ":"JWT"}""";

    /// <summary>Counts of one run of the suite.</summary>
    private sealed class Tally
    {
        public int Tried;
        public int WronglyAccepted;
        public int Threw;
        public int WrongError;
        public readonly List<string> Failures = new();
        public readonly SortedDictionary<JwtError, int> ByError = new();
    }

    [Fact]
    public void Ten_thousand_hostile_inputs_are_each_rejected_with_the_right_error_and_none_throws()
    {
        using var verifier = new JwtVerifier(Key, Options);
        using var rotating = new JwtVerifier(new[] { new KeyValuePair<string, byte[]>("k1", Key) }, Options);
        Assert.True(verifier.TryVerify(Valid.AsSpan(), out TestPayload? _, out JwtError baseline), baseline.ToString());
        var tally = new Tally();
        var random = new Random(20261201);

        // Tampering: a token whose bytes changed anywhere is never accepted, and the error is the one the change
        // deserves (see Tampered: the segments, base64url, the header's JSON, then the signature).
        byte[] valid = Encoding.ASCII.GetBytes(Valid);
        for (int i = 0; i < 6000; i++)
        {
            byte[] mutated = (byte[])valid.Clone();
            int at = random.Next(mutated.Length);
            mutated[at] ^= (byte)(1 << random.Next(8));
            Check(tally, verifier, mutated, Tampered(Encoding.Latin1.GetString(mutated)), "bit flip at " + at + " (" + Segment(at) + ")");
        }

        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ \t\n\0\u00e9";
        for (int i = 0; i < 4000; i++)
        {
            char[] mutated = Valid.ToCharArray();
            int at = random.Next(mutated.Length);
            char replacement = alphabet[random.Next(alphabet.Length)];
            if (replacement == mutated[at])
            {
                continue;
            }

            mutated[at] = replacement;
            Check(tally, verifier, new string(mutated), Tampered(new string(mutated)), "substitution at " + at + " (" + Segment(at) + ")");
        }

        for (int length = 0; length < Valid.Length; length++)
        {
            Check(tally, verifier, Valid[..length], Tampered(Valid[..length]), "truncated to " + length);
        }

        // Structure: segments reordered, repeated, emptied; padding; non-canonical trailing bits; non-ASCII.
        string[] parts = Valid.Split('.');
        foreach (string shape in new[] { "0.1", "0.1.2.2", "0.1.2.", ".1.2", "0..2", "0.2.1", "2.1.0", "0.1.1", "0.1.2.0.1", "0", "0.1.2.3.4" })
        {
            Check(tally, verifier, Segments(parts, shape), JwtError.Malformed, "segments " + shape);
        }

        // Segments that are well-formed in another place: the header is then the payload's JSON, or the payload the header's.
        Check(tally, verifier, Segments(parts, "1.0.2"), JwtError.UnsupportedAlgorithm, "segments 1.0.2");
        Check(tally, verifier, Segments(parts, "0.0.2"), JwtError.BadSignature, "segments 0.0.2");

        foreach (string padded in new[] { parts[0] + "=." + parts[1] + "." + parts[2], parts[0] + "." + parts[1] + "==." + parts[2], Valid + "=", " " + Valid, Valid + "\n" })
        {
            Check(tally, verifier, padded, JwtError.Malformed, "padding or white space");
        }

        Check(tally, verifier, parts[0] + "." + parts[1] + "." + NonCanonical(parts[2]), JwtError.Malformed, "non-canonical signature bits");
        Check(tally, verifier, Valid.Replace('e', 'é'), JwtError.Malformed, "non-ASCII");
        Check(tally, verifier, valid.Concat(new byte[] { 0xFF }).ToArray(), JwtError.Malformed, "invalid UTF-8 after the token");

        // Size: up to 10 MB, refused before any work.
        foreach (int size in new[] { 8193, 65536, 1 << 20, 10 << 20 })
        {
            Check(tally, verifier, new string('a', size), JwtError.TooLarge, "oversized " + size);
        }

        // Validly signed, hostile headers.
        foreach (string alg in new[] { "\"none\"", "\"None\"", "\"NONE\"", "\"nOnE\"", "\"HS384\"", "\"HS512\"", "\"RS256\"", "\"ES256\"", "\"hs256\"", "\"HS256 \"", "1", "null", "[\"HS256\"]", "{}" })
        {
            Check(tally, verifier, Forge.Token("{\"alg\":" + alg + ",\"typ\":\"JWT\"}", Payload(), Key), JwtError.UnsupportedAlgorithm, "alg " + alg);
        }

        Check(tally, verifier, Forge.Token("""{"typ":"JWT"}""", Payload(), Key), JwtError.UnsupportedAlgorithm, "alg missing");
        foreach (string parameter in new[] { "\"crit\":[\"exp\"]", "\"zip\":\"DEF\"", "\"b64\":false", "\"crit\":[]" })
        {
            Check(tally, verifier, Forge.Token("{\"alg\":\"HS256\"," + parameter + "}", Payload(), Key), JwtError.UnsupportedHeaderParameter, parameter);
        }

        Check(tally, verifier, Forge.Token("""{"alg":"HS256","alg":"HS256"}""", Payload(), Key), JwtError.InvalidHeader, "alg twice");
        Check(tally, verifier, Forge.Token("""{"alg":"HS256","typ":"JOSE+JSON"}""", Payload(), Key), JwtError.InvalidHeader, "typ other");
        Check(tally, rotating, Forge.Token("""{"alg":"HS256","kid":"k2"}""", Payload(), Key), JwtError.UnknownKey, "unknown kid");
        Check(tally, rotating, Forge.Token(Header, Payload(), Key), JwtError.UnknownKey, "no kid");
        Check(tally, rotating, Forge.Token("""{"alg":"HS256","kid":1}""", Payload(), Key), JwtError.InvalidHeader, "numeric kid");
        Check(tally, rotating, Forge.Token("""{"alg":"HS256","kid":"\u006b1"}""", Payload(), Key), JwtError.None, "escaped kid");

        // Validly signed, hostile payloads.
        Check(tally, verifier, Forge.Token(Header, new string('[', 200) + new string(']', 200), Key), JwtError.Malformed, "deep nesting");
        Check(tally, verifier, Forge.Token(Header, "{\"r\":" + new string('[', 100) + new string(']', 100) + "}", Key), JwtError.Malformed, "deep claim");
        foreach (string duplicate in new[] { "\"r\":\"a\",\"r\":\"b\"", "\"r\":\"a\",\"\\u0072\":\"b\"", "\"\\u0072\":\"a\",\"r\":\"b\"", "\"x\":1,\"x\":1" })
        {
            Check(tally, verifier, Forge.Token(Header, "{" + duplicate + ",\"exp\":" + Exp + "}", Key), JwtError.DuplicateClaim, "duplicate " + duplicate);
        }

        foreach (string wrong in new[] { "\"r\":7", "\"r\":null", "\"r\":[\"a\"]", "\"r\":\"a\",\"o\":\"yes\"", "\"r\":\"a\",\"iat\":\"now\"", "\"d\":\"only\"" })
        {
            Check(tally, verifier, Forge.Token(Header, "{" + wrong + ",\"exp\":" + Exp + "}", Key), JwtError.InvalidClaims, "wrong type " + wrong);
        }

        foreach (string json in new[] { "[]", "\"x\"", "1", "null", "{", "{\"r\":\"a\"", "{\"r\":\"a\"}{}", "{\"r\":\"a\",}", "{'r':'a'}", "{\"r\":\"a\"} //" })
        {
            Check(tally, verifier, Forge.Token(Header, json, Key), JwtError.Malformed, "payload " + json);
        }

        // Repeated header parameters, any parameter, escaped spellings included.
        foreach (string header in new[]
        {
            """{"alg":"HS256","foo":1,"foo":2}""", """{"alg":"HS256","foo":1,"f\u006fo":2}""",
            """{"alg":"HS256","typ":"JWT","cty":"twilio-fpa;v=1","twr":"us1","tw\u0072":"ie1"}""",
            """{"alg":"HS256","crit":["exp"],"crit":["exp"]}""", """{"alg":"HS256","c\u0074y":"a","cty":"b"}""",
        })
        {
            Check(tally, verifier, Forge.Token(header, Payload(), Key), JwtError.InvalidHeader, "repeated header parameter " + header);
        }

        // aud must be a string or an array of strings (RFC 7519 §4.1.3), with or without audiences configured.
        using var audienceVerifier = new JwtVerifier(Key, new JwtVerifierOptions { TimeProvider = Options.TimeProvider, ValidAudiences = ["svc"] });
        foreach (string aud in new[] { "[\"svc\",1]", "[\"svc\",null]", "[\"svc\",[\"svc\"]]", "[\"svc\",{}]", "[\"svc\",true]", "5", "{}", "null", "false" })
        {
            string token = Forge.Token(Header, "{\"r\":\"a\",\"exp\":" + Exp + ",\"aud\":" + aud + "}", Key);
            Check(tally, verifier, token, JwtError.InvalidClaims, "aud " + aud);
            Check(tally, audienceVerifier, token, JwtError.InvalidClaims, "aud " + aud + " with audiences");
        }

        // A future iat that would stretch a limited lifetime, and a limited lifetime without exp.
        using var lifetimeVerifier = new JwtVerifier(Key, new JwtVerifierOptions { TimeProvider = Options.TimeProvider, MaxLifetime = TimeSpan.FromHours(1), RequireExpirationTime = false });
        long now = Now.ToUnixTimeSeconds(), tenYears = 10L * 365 * 86400;
        foreach (long iat in new[] { now + 31, now + 3600, now + tenYears - 60, 32503680000 - 3600 })
        {
            Check(tally, lifetimeVerifier, Forge.Token(Header, "{\"r\":\"a\",\"iat\":" + iat + ",\"exp\":" + (iat + 60) + "}", Key), JwtError.IssuedInTheFuture, "future iat " + iat);
        }

        Check(tally, lifetimeVerifier, Forge.Token(Header, "{\"r\":\"a\",\"iat\":" + now + "}", Key), JwtError.MissingExpirationTime, "lifetime limited, no exp");

        // A one-pass reader that reports nothing to the scan: the verifier's own rules still decide.
        using var lenient = new JwtVerifier(Key, new JwtVerifierOptions { TimeProvider = Options.TimeProvider, RequireExpirationTime = false });
        foreach ((string json, JwtError expected) in new[]
        {
            ("{\"r\":\"a\",\"exp\":1799999000}", JwtError.Expired), ("{\"r\":\"a\",\"x\":1,\"x\":2}", JwtError.DuplicateClaim),
            ("{\"r\":\"a\",\"x\":1,\"\\u0078\":2}", JwtError.DuplicateClaim), ("{\"r\":\"a\",\"nbf\":1900000000}", JwtError.NotYetValid),
            ("{\"r\":\"a\",\"aud\":[1]}", JwtError.InvalidClaims),
        })
        {
            string token = Forge.Token(Header, json, Key);
            Record(tally, expected, "silent one-pass reader " + json, () => { lenient.TryVerify(token.AsSpan(), out SilentScanPayload? _, out JwtError error); return error; });
        }

        // A case variant of a LiveKit claim name, which LiveKit's server would read as that claim.
        using var liveKit = new JwtVerifier(Key, Options);
        foreach (string claims in new[] { "\"video\":{\"ROOMJOIN\":true}", "\"video\":{\"roomJoin\":false,\"roomjoin\":true}", "\"Video\":{}", "\"EXP\":1", "\"\u017Fip\":{}", "\"sip\":{\"Admin\":true}" })
        {
            string token = Forge.Token(Header, "{\"iss\":\"k\",\"sub\":\"a\",\"exp\":" + Exp + "," + claims + "}", Key);
            Record(tally, JwtError.InvalidClaims, "LiveKit case variant " + claims, () => { liveKit.TryVerify(token.AsSpan(), out TokenSchema.LiveKit.LiveKitToken? _, out JwtError error); return error; });
        }

        // A token an issuer's Complete would refuse to sign (another domain, same secret) is refused by its TryVerify.
        const string secret = "platform-issuer-secret-of-at-least-32-bytes";
        using (var daily = new DailyTokenIssuer(new DailyCredentials(secret, Guid.Parse("25df5057-ef0d-4d97-bde6-0cf287276cbb")), new DailyTokenIssuerOptions { TimeProvider = Options.TimeProvider }))
        using (var otherDomain = new DailyTokenIssuer(new DailyCredentials(secret, Guid.Parse("7c1e5057-ef0d-4d97-bde6-0cf287276cbb")), new DailyTokenIssuerOptions { TimeProvider = Options.TimeProvider }))
        {
            string foreign = otherDomain.Issue(new DailyToken { RoomName = "standup" });
            Record(tally, JwtError.InvalidClaims, "Daily token of another domain", () => { daily.TryVerifyDetailed(foreign, out DailyToken? _, out JwtVerificationFailure failure); return failure.Error; });
        }

        // NumericDate edges.
        var dates = new (string Claims, JwtError Expected)[]
        {
            ("\"exp\":0", JwtError.Expired), ("\"exp\":-1", JwtError.Expired), ("\"exp\":-9223372036854775808", JwtError.Expired),
            ("\"exp\":" + Exp + ".999", JwtError.None), ("\"exp\":1.8000006e9", JwtError.None), ("\"exp\":1e400", JwtError.InvalidClaims),
            ("\"exp\":253402300800", JwtError.NumericDateInMilliseconds), ("\"exp\":99999999999999999999999", JwtError.InvalidClaims),
            ("\"exp\":\"" + Exp + "\"", JwtError.InvalidClaims), ("\"exp\":true", JwtError.InvalidClaims), ("\"exp\":null", JwtError.InvalidClaims),
            ("\"exp\":" + Exp + ",\"nbf\":1800000031", JwtError.NotYetValid), ("\"exp\":" + Exp + ",\"nbf\":-5", JwtError.None),
            ("\"exp\":" + Exp + ",\"nbf\":1e15", JwtError.NumericDateInMilliseconds), ("\"exp\":" + Exp + ",\"nbf\":1e20", JwtError.InvalidClaims),
            ("\"exp\":" + Exp + ",\"iat\":1800000000000", JwtError.NumericDateInMilliseconds),
            ("\"nbf\":0", JwtError.MissingExpirationTime),
        };
        foreach ((string claims, JwtError expected) in dates)
        {
            // Read into a payload without claims, so that only the verifier's own NumericDate rules decide.
            string token = Forge.Token(Header, "{\"r\":\"a\"," + claims + "}", Key);
            Record(tally, expected, "dates " + claims, () => { verifier.TryVerify(token.AsSpan(), out EmptyPayload? _, out JwtError error); return error; });
        }

        output.WriteLine($"{tally.Tried} hostile inputs: {tally.WronglyAccepted} wrongly accepted, {tally.Threw} threw, {tally.WrongError} with another error than expected");
        foreach (KeyValuePair<JwtError, int> entry in tally.ByError)
        {
            output.WriteLine($"  {entry.Value,6} × {entry.Key}");
        }

        Assert.True(tally.Tried >= 10_000, $"only {tally.Tried} inputs");
        Assert.True(tally.Failures.Count == 0, string.Join("\n", tally.Failures.Take(20)));
    }

    [Fact]
    public void Twice_as_many_threads_as_cores_share_one_signer_and_one_verifier_for_a_million_tokens()
    {
        const int Total = 1_000_000;
        using var signer = new JwtSigner(Key);
        using var verifier = new JwtVerifier(Key, Options);
        int threads = Environment.ProcessorCount * 2, wrong = 0, verified = 0;
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, thread =>
        {
            Span<byte> buffer = stackalloc byte[512];
            for (int i = thread; i < Total; i += threads)
            {
                var payload = new TestPayload { Room = "room-" + i, IssuedAt = i, Expires = Exp };
                if (!signer.TrySign(payload, buffer, out int written) ||
                    !verifier.TryVerify(buffer[..written], out TestPayload? read, out _) || read.Room != payload.Room || read.IssuedAt != i)
                {
                    Interlocked.Increment(ref wrong);
                }
                else
                {
                    Interlocked.Increment(ref verified);
                }
            }
        });

        output.WriteLine($"{threads} threads: {verified} tokens signed and verified with their own payload, {wrong} wrong");
        Assert.Equal((Total, 0), (verified, wrong));
    }

    [Fact]
    public void No_string_or_exception_message_reveals_key_material()
    {
        const string secret = "s3cret-Key-Material-0123456789-abcdef";
        var texts = new List<string>();
        using (var signer = JwtSigner.FromSecret(secret))
        using (var verifier = JwtVerifier.FromSecret(secret, Options))
        {
            texts.Add(signer.ToString()!);
            texts.Add(verifier.ToString()!);
            texts.Add(Assert.Throws<JwtPayloadValidationException>(() => signer.Sign(new TestPayload())).Message);
        }

        texts.Add(Assert.Throws<ArgumentException>(() => JwtSigner.FromSecret(secret[..10])).Message);
        texts.Add(Assert.Throws<ArgumentException>(() => JwtVerifier.FromSecret(secret[..10])).Message);
        texts.Add(Assert.ThrowsAny<ArgumentException>(() => new JwtVerifier(new[] { new KeyValuePair<string, byte[]>("a", Encoding.UTF8.GetBytes(secret)), new("a", Encoding.UTF8.GetBytes(secret)) })).Message);
        using (var daily = new DailyTokenIssuer(new DailyCredentials(secret, Guid.NewGuid())))
        {
            texts.Add(daily.ToString()!);
            texts.Add(Assert.Throws<JwtPayloadValidationException>(() => daily.Issue(new DailyToken { RoomName = null })).Message);
        }

        var cli = new System.IO.StringWriter();
        var cliErrors = new System.IO.StringWriter();
        Cli.TokenCommands.Inspect(cli, cliErrors, Forge.Token("""{"r":"a"}""", Encoding.UTF8.GetBytes(secret + "!")), secret, Options.TimeProvider, allowShortKey: false, platform: "daily");
        texts.Add(cli.ToString());
        texts.Add(cliErrors.ToString());

        string base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(secret));
        Assert.All(texts, text =>
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            Assert.DoesNotContain(secret[..12], text, StringComparison.Ordinal);
            Assert.DoesNotContain(base64[..12], text, StringComparison.Ordinal);
        });
    }

    /// <summary>
    /// The error a token deserves that differs from <see cref="Valid"/> by one changed character or by a cut, worked out
    /// without the verifier: anything but three non-empty base64url segments (canonical: no padding, no other
    /// characters, unused bits zero) is <see cref="JwtError.Malformed"/>; a changed header is then judged by its JSON
    /// (read with <see cref="System.Text.Json.JsonDocument"/>); a signature of another length is malformed; whatever is
    /// left was signed for other bytes: <see cref="JwtError.BadSignature"/>.
    /// </summary>
    private static JwtError Tampered(string token)
    {
        if (token == Valid)
        {
            return JwtError.None;
        }

        string[] segments = token.Split('.');
        if (segments.Length != 3 || segments.Any(segment => segment.Length == 0 || Base64Url(segment) is null))
        {
            return JwtError.Malformed;
        }

        if (segments[0] != Valid.Split('.')[0])
        {
            JwtError header = HeaderError(Base64Url(segments[0])!);
            if (header != JwtError.None)
            {
                return header;
            }
        }

        return segments[2].Length == 43 ? JwtError.BadSignature : JwtError.Malformed;
    }

    private static byte[]? Base64Url(string text)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        if (text.Length % 4 == 1 || text.Any(c => !Alphabet.Contains(c, StringComparison.Ordinal)))
        {
            return null;
        }

        byte[] bytes = Convert.FromBase64String(text.Replace('-', '+').Replace('_', '/') + new string('=', (4 - text.Length % 4) % 4));
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_') == text ? bytes : null; // unused bits zero
    }

    /// <summary>RFC 7515's rules for the header, from its parsed JSON: the most telling error first.</summary>
    private static JwtError HeaderError(byte[] json)
    {
        if (!System.Text.Unicode.Utf8.IsValid(json))
        {
            return JwtError.Malformed;
        }

        System.Text.Json.JsonDocument document;
        try
        {
            document = System.Text.Json.JsonDocument.Parse(json, new System.Text.Json.JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (Exception exception) when (exception is System.Text.Json.JsonException or ArgumentException)
        {
            return JwtError.Malformed;
        }

        using (document)
        {
            System.Text.Json.JsonElement root = document.RootElement;
            if (root.ValueKind != System.Text.Json.JsonValueKind.Object)
            {
                return JwtError.Malformed;
            }

            var members = root.EnumerateObject().ToList();
            if (members.Select(m => m.Name).Distinct(StringComparer.Ordinal).Count() != members.Count)
            {
                return JwtError.InvalidHeader;
            }

            bool IsString(string name, Func<string, bool> good) =>
                members.All(m => m.Name != name || (m.Value.ValueKind == System.Text.Json.JsonValueKind.String && good(m.Value.GetString()!)));
            if (!members.Any(m => m.Name == "alg") || !IsString("alg", alg => alg == "HS256"))
            {
                return JwtError.UnsupportedAlgorithm;
            }

            if (members.Any(m => m.Name is "crit" or "zip" or "b64"))
            {
                return JwtError.UnsupportedHeaderParameter;
            }

            bool typ = IsString("typ", t => t.Equals("JWT", StringComparison.OrdinalIgnoreCase) || t.Equals("application/jwt", StringComparison.OrdinalIgnoreCase));
            return typ && IsString("kid", _ => true) ? JwtError.None : JwtError.InvalidHeader;
        }
    }

    private static string Segment(int at) =>
        at < Valid.IndexOf('.', StringComparison.Ordinal) ? "header" : at < Valid.LastIndexOf('.') ? "payload" : "signature";

    private static string Segments(string[] parts, string shape) =>
        string.Join(".", shape.Split('.').Select(p => p.Length == 0 ? "" : p is "3" or "4" ? "AAAA" : parts[p[0] - '0']));

    private static string Payload() => "{\"r\":\"a\",\"exp\":" + Exp + "}";

    private static string NonCanonical(string signature)
    {
        // The last of 43 characters carries 4 bits and 2 unused ones, which must be zero.
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int last = alphabet.IndexOf(signature[^1], StringComparison.Ordinal);
        return signature[..^1] + alphabet[last | 1];
    }

    private static void Check(Tally tally, JwtVerifier verifier, string token, JwtError expected, string what) =>
        Record(tally, expected, what, () => { verifier.TryVerify(token.AsSpan(), out TestPayload? _, out JwtError error); return error; });

    private static void Check(Tally tally, JwtVerifier verifier, byte[] token, JwtError expected, string what) =>
        Record(tally, expected, what, () => { verifier.TryVerify(token.AsSpan(), out TestPayload? _, out JwtError error); return error; });

    private static void Record(Tally tally, JwtError expected, string what, Func<JwtError> verify)
    {
        tally.Tried++;
        JwtError error;
        try
        {
            error = verify();
        }
        catch (Exception exception)
        {
            tally.Threw++;
            tally.Failures.Add($"{what}: threw {exception.GetType().Name}: {exception.Message}");
            return;
        }

        tally.ByError[error] = tally.ByError.GetValueOrDefault(error) + 1;
        if (error != expected)
        {
            if (error == JwtError.None)
            {
                tally.WronglyAccepted++;
            }
            else
            {
                tally.WrongError++;
            }

            tally.Failures.Add($"{what}: {error}, expected {expected}");
        }
    }
}
