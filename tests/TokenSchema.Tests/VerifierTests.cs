using System;
using System.Collections.Generic;
using System.Text;
using Xunit;

namespace TokenSchema.Tests;

public sealed class VerifierTests
{
    private static readonly byte[] Key = SignerTests.Key;
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
    private static readonly ManualTimeProvider Clock = new(Now);
    // Most tests here are about the token's form, on tokens without exp; the exp default has tests of its own.
    private static readonly JwtVerifierOptions Options = new() { TimeProvider = Clock, ClockSkew = TimeSpan.FromSeconds(30), RequireExpirationTime = false };

    private static JwtError Verify(string token, JwtVerifierOptions? options = null) => Verify(token, out _, options);

    private static JwtError Verify(string token, out TestPayload? payload, JwtVerifierOptions? options = null)
    {
        using var verifier = new JwtVerifier(Key, options ?? Options);
        bool ok = verifier.TryVerify(token.AsSpan(), out payload, out JwtError error);
        Assert.Equal(ok, error == JwtError.None);
        bool okBytes = verifier.TryVerify(Encoding.UTF8.GetBytes(token).AsSpan(), out TestPayload? fromBytes, out JwtError bytesError);
        Assert.Equal(error, bytesError);
        Assert.Equal(ok, okBytes);
        Assert.Equal(payload, fromBytes);
        return error;
    }

    [Fact]
    public void Accepts_a_signed_token_and_reads_its_payload()
    {
        using var signer = new JwtSigner(Key);
        var sent = new TestPayload { Room = "standup", DomainId = "d-1", IssuedAt = Now.ToUnixTimeSeconds(), Expires = Now.ToUnixTimeSeconds() + 60, IsOwner = true };
        Assert.Equal(JwtError.None, Verify(signer.Sign(sent), out TestPayload? received));
        Assert.Equal(sent, received);
    }

    [Fact]
    public void Accepts_a_token_whose_header_has_no_typ_and_extra_parameters()
    {
        Assert.Equal(JwtError.None, Verify(Forge.Token("""{"alg":"HS256"}""", """{"r":"a"}""", Key)));
        Assert.Equal(JwtError.None, Verify(Forge.Token("""{"typ":"JWT","cty":"twilio-fpa;v=1","alg":"HS256"}""", """{"r":"a"}""", Key)));
        Assert.Equal(JwtError.None, Verify(Forge.Token("""{"alg":"HS256","typ":"jwt"}""", """{"r":"a"}""", Key)));
        Assert.Equal(JwtError.None, Verify(Forge.Token("""{"alg":"HS256","typ":"application/JWT"}""", """{"r":"a"}""", Key)));
    }

    [Theory]
    [InlineData("none")]
    [InlineData("None")]
    [InlineData("NONE")]
    [InlineData("nOnE")]
    [InlineData("HS384")]
    [InlineData("HS512")]
    [InlineData("RS256")]
    [InlineData("hs256")]
    [InlineData("HS256 ")]
    [InlineData("")]
    public void Refuses_any_alg_but_HS256_even_with_a_valid_MAC(string alg)
    {
        Assert.Equal(JwtError.UnsupportedAlgorithm, Verify(Forge.Token($$"""{"alg":"{{alg}}","typ":"JWT"}""", """{"r":"a"}""", Key)));
    }

    [Theory]
    [InlineData("""{"typ":"JWT"}""")]
    [InlineData("""{"alg":null}""")]
    [InlineData("""{"alg":256}""")]
    [InlineData("""{"alg":["HS256"]}""")]
    public void Refuses_a_missing_or_non_string_alg(string header)
    {
        Assert.Equal(JwtError.UnsupportedAlgorithm, Verify(Forge.Token(header, """{"r":"a"}""", Key)));
    }

    [Fact]
    public void Refuses_unsigned_tokens_with_alg_none()
    {
        string unsigned = Forge.Base64Url("""{"alg":"none"}""") + "." + Forge.Base64Url("""{"r":"a"}""") + ".";
        Assert.Equal(JwtError.UnsupportedAlgorithm, Verify(unsigned));
        string unsignedHs256 = Forge.Base64Url("""{"alg":"HS256"}""") + "." + Forge.Base64Url("""{"r":"a"}""") + ".";
        Assert.Equal(JwtError.Malformed, Verify(unsignedHs256));
    }

    [Theory]
    [InlineData("""{"alg":"HS256","crit":["exp"]}""")]
    [InlineData("""{"alg":"HS256","zip":"DEF"}""")]
    [InlineData("""{"alg":"HS256","b64":false,"crit":["b64"]}""")]
    [InlineData("""{"alg":"HS256","b64":true}""")]
    public void Refuses_crit_zip_and_b64(string header)
    {
        Assert.Equal(JwtError.UnsupportedHeaderParameter, Verify(Forge.Token(header, """{"r":"a"}""", Key)));
    }

    [Theory]
    [InlineData("""{"alg":"HS256","alg":"HS256"}""")]
    [InlineData("""{"alg":"HS256","typ":"JWT","typ":"JWT"}""")]
    [InlineData("""{"alg":"HS256","typ":"at+jwt"}""")]
    [InlineData("""{"alg":"HS256","typ":7}""")]
    [InlineData("""{"alg":"HS256","kid":7}""")]
    public void Refuses_invalid_header_parameters(string header)
    {
        Assert.Equal(JwtError.InvalidHeader, Verify(Forge.Token(header, """{"r":"a"}""", Key)));
    }

    [Theory]
    [InlineData("""["alg","HS256"]""")]
    [InlineData("""{"alg":"HS256"} x""")]
    [InlineData("""{"alg":"HS256",}""")]
    [InlineData("""{"alg":"HS256"/*c*/}""")]
    [InlineData("""not json""")]
    public void Refuses_a_header_that_is_not_one_JSON_object(string header)
    {
        Assert.Equal(JwtError.Malformed, Verify(Forge.Token(header, """{"r":"a"}""", Key)));
    }

    [Theory]
    [InlineData("""["r","a"]""")]
    [InlineData("""{"r":"a"}{}""")]
    [InlineData("""{"r":"a",}""")]
    [InlineData("""{"r":"a\x"}""")]
    [InlineData("""{"r":"a" """)]
    public void Refuses_a_payload_that_is_not_one_JSON_object(string payload)
    {
        Assert.Equal(JwtError.Malformed, Verify(Forge.Token(payload, Key)));
    }

    [Fact]
    public void Refuses_padding_white_space_and_non_canonical_base64url()
    {
        string good = Forge.Token("""{"r":"ab"}""", Key);
        string[] parts = good.Split('.');
        Assert.Equal(JwtError.None, Verify(good));
        Assert.Equal(JwtError.Malformed, Verify(parts[0] + "=." + parts[1] + "." + parts[2]));
        Assert.Equal(JwtError.Malformed, Verify(parts[0] + "." + parts[1] + "==." + parts[2]));
        Assert.Equal(JwtError.Malformed, Verify(parts[0] + "." + parts[1] + "." + parts[2] + "="));
        Assert.Equal(JwtError.Malformed, Verify(parts[0] + " ." + parts[1] + "." + parts[2]));
        Assert.Equal(JwtError.Malformed, Verify(parts[0] + "." + parts[1] + "\n." + parts[2]));
        Assert.Equal(JwtError.Malformed, Verify(parts[0].Replace('-', '+').Replace('_', '/') + "+." + parts[1] + "." + parts[2]));

        // The signature's last character carries 4 unused bits: flipping one of them keeps the bytes but is not canonical.
        char last = parts[2][^1];
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char sibling = alphabet[alphabet.IndexOf(last) ^ 1];
        Assert.Equal(JwtError.Malformed, Verify(parts[0] + "." + parts[1] + "." + parts[2][..^1] + sibling));
    }

    [Fact]
    public void Refuses_non_ASCII_and_wrong_segment_counts()
    {
        string good = Forge.Token("""{"r":"a"}""", Key);
        string[] parts = good.Split('.');
        Assert.Equal(JwtError.Malformed, Verify(good + "é"));
        Assert.Equal(JwtError.Malformed, Verify(parts[0] + "." + parts[1]));
        Assert.Equal(JwtError.Malformed, Verify(good + "." + parts[2]));
        Assert.Equal(JwtError.Malformed, Verify("." + parts[1] + "." + parts[2]));
        Assert.Equal(JwtError.Malformed, Verify(parts[0] + ".." + parts[2]));
        Assert.Equal(JwtError.Malformed, Verify(""));
        Assert.Equal(JwtError.Malformed, Verify(".."));
    }

    [Fact]
    public void Refuses_a_tampered_payload_signature_or_key()
    {
        string good = Forge.Token("""{"r":"a"}""", Key);
        string[] parts = good.Split('.');
        Assert.Equal(JwtError.BadSignature, Verify(parts[0] + "." + Forge.Base64Url("""{"r":"b"}""") + "." + parts[2]));
        char first = parts[2][0] == 'A' ? 'B' : 'A';
        Assert.Equal(JwtError.BadSignature, Verify(parts[0] + "." + parts[1] + "." + first + parts[2][1..]));
        Assert.Equal(JwtError.BadSignature, Verify(Forge.Token("""{"r":"a"}""", Encoding.UTF8.GetBytes("another-key-another-key-another-key!"))));
    }

    [Theory]
    [InlineData("""{"r":"a","r":"b"}""")]
    [InlineData("""{"r":"a","\u0072":"b"}""")]
    [InlineData("""{"r":"a","x":1,"y":2,"x":3}""")]
    [InlineData("""{"exp":1900000000,"exp":1900000000,"r":"a"}""")]
    public void Refuses_duplicate_claim_names(string payload)
    {
        Assert.Equal(JwtError.DuplicateClaim, Verify(Forge.Token(payload, Key)));
    }

    [Fact]
    public void Colliding_name_hashes_are_settled_by_the_names_themselves()
    {
        // "k7e827" and "ka4bb0" have the same 32-bit FNV-1a hash.
        Assert.Equal(JwtError.None, Verify(Forge.Token("""{"k7e827":1,"ka4bb0":2,"r":"a"}""", Key)));
        Assert.Equal(JwtError.None, Verify(Forge.Token("""{"\u006b7e827":1,"ka4bb0":2,"r":"a"}""", Key)));
        Assert.Equal(JwtError.DuplicateClaim, Verify(Forge.Token("""{"k7e827":1,"ka4bb0":2,"k7e827":3}""", Key)));
        Assert.Equal(JwtError.DuplicateClaim, Verify(Forge.Token("""{"ka4bb0":1,"k7e827":2,"\u006b7e827":3}""", Key)));
        Assert.Equal(JwtError.DuplicateClaim, Verify(Forge.Token("""{"\u006ba4bb0":1,"k7e827":2,"ka4bb\u0030":3}""", Key)));
    }

    [Fact]
    public void Accepts_many_distinct_claims_past_the_stack_table()
    {
        var json = new StringBuilder("""{"r":"a" """);
        for (int i = 0; i < 200; i++)
        {
            json.Append($",\"c{i}\":{i}");
        }

        Assert.Equal(JwtError.None, Verify(Forge.Token(json.Append('}').ToString(), Key)));
        Assert.Equal(JwtError.DuplicateClaim, Verify(Forge.Token(json.ToString()[..^1] + ",\"c150\":0}", Key)));
    }

    [Fact]
    public void Checks_exp_with_clock_skew()
    {
        long now = Now.ToUnixTimeSeconds();
        Assert.Equal(JwtError.None, Verify(Forge.Token($$"""{"r":"a","exp":{{now + 1}}}""", Key)));
        Assert.Equal(JwtError.None, Verify(Forge.Token($$"""{"r":"a","exp":{{now - 29}}}""", Key)));
        Assert.Equal(JwtError.Expired, Verify(Forge.Token($$"""{"r":"a","exp":{{now - 30}}}""", Key)));
        Assert.Equal(JwtError.Expired, Verify(Forge.Token($$"""{"r":"a","exp":{{now - 31}}}""", Key)));
        Assert.Equal(JwtError.Expired, Verify(Forge.Token($$"""{"r":"a","exp":{{now - 100}}.5}""", Key)));
        Assert.Equal(JwtError.Expired, Verify(Forge.Token("""{"r":"a","exp":-9223372036854775808}""", Key)));
    }

    [Fact]
    public void Checks_nbf_with_clock_skew()
    {
        long now = Now.ToUnixTimeSeconds();
        Assert.Equal(JwtError.None, Verify(Forge.Token($$"""{"r":"a","nbf":{{now + 30}}}""", Key)));
        Assert.Equal(JwtError.NotYetValid, Verify(Forge.Token($$"""{"r":"a","nbf":{{now + 31}}}""", Key)));
        // A NumericDate past the year 3000 can only be milliseconds; it is refused as such, whatever it says.
        Assert.Equal(JwtError.NumericDateInMilliseconds, Verify(Forge.Token("""{"r":"a","nbf":9223372036854775807}""", Key)));
    }

    [Fact]
    public void Uses_the_configured_clock()
    {
        var clock = new ManualTimeProvider(Now);
        var options = new JwtVerifierOptions { TimeProvider = clock, ClockSkew = TimeSpan.Zero, RequireExpirationTime = false };
        string token = Forge.Token($$"""{"r":"a","exp":{{Now.ToUnixTimeSeconds() + 60}}}""", Key);
        Assert.Equal(JwtError.None, Verify(token, options));
        clock.Now = Now.AddSeconds(60);
        Assert.Equal(JwtError.Expired, Verify(token, options));
    }

    [Theory]
    [InlineData("""{"r":"a","exp":"1900000000"}""")]
    [InlineData("""{"r":"a","exp":true}""")]
    [InlineData("""{"r":"a","nbf":null}""")]
    [InlineData("""{"r":"a","nbf":1e400}""")]
    public void Refuses_exp_or_nbf_that_are_not_NumericDates(string payload)
    {
        Assert.Equal(JwtError.InvalidClaims, Verify(Forge.Token(payload, Key)));
    }

    [Fact]
    public void Requires_exp_by_default_unless_opted_out()
    {
        var defaults = new JwtVerifierOptions { TimeProvider = Clock };
        Assert.True(defaults.RequireExpirationTime);
        Assert.Equal(JwtError.MissingExpirationTime, Verify(Forge.Token("""{"r":"a"}""", Key), defaults));
        Assert.Equal(JwtError.None, Verify(Forge.Token($$"""{"r":"a","exp":{{Now.ToUnixTimeSeconds() + 5}}}""", Key), defaults));
        Assert.Equal(JwtError.None, Verify(Forge.Token("""{"r":"a"}""", Key), new JwtVerifierOptions { TimeProvider = Clock, RequireExpirationTime = false }));
    }

    [Theory]
    [InlineData("""{"r":7}""")]
    [InlineData("""{"r":"a","o":"yes"}""")]
    [InlineData("""{"d":"no room"}""")]
    [InlineData("""{"r":"a","iat":1900000000,"exp":1800000010}""")]
    public void Refuses_claims_the_payload_type_rejects(string payload)
    {
        Assert.Equal(JwtError.InvalidClaims, Verify(Forge.Token(payload, Key)));
    }

    [Fact]
    public void Payload_validation_can_be_turned_off()
    {
        var options = new JwtVerifierOptions { TimeProvider = Clock, ValidatePayload = false, RequireExpirationTime = false };
        string token = Forge.Token("""{"r":"a","iat":1900000000,"exp":1800000010}""", Key);
        Assert.Equal(JwtError.None, Verify(token, out TestPayload? payload, options));
        Assert.Equal(1800000010, payload!.Expires);
    }

    [Fact]
    public void Ignores_unknown_claims()
    {
        Assert.Equal(JwtError.None, Verify(Forge.Token("""{"x":{"deep":[1,2,{"r":3}]},"r":"a","y":null}""", Key), out TestPayload? payload));
        Assert.Equal("a", payload!.Room);
    }

    [Fact]
    public void Refuses_tokens_longer_than_the_limit()
    {
        var options = new JwtVerifierOptions { TimeProvider = Clock, MaxTokenLength = 100, RequireExpirationTime = false };
        string token = Forge.Token($$"""{"r":"a","d":"{{new string('a', 200)}}"}""", Key);
        Assert.Equal(JwtError.TooLarge, Verify(token, options));
        Assert.Equal(JwtError.None, Verify(token));
    }

    [Fact]
    public void Long_tokens_past_the_stack_buffer_are_verified()
    {
        string token = Forge.Token($$"""{"r":"x","d":"{{new string('a', 3000)}}"}""", Key);
        Assert.Equal(JwtError.None, Verify(token, out TestPayload? payload));
        Assert.Equal(3000, payload!.DomainId!.Length);
    }

    [Fact]
    public void Selects_the_key_by_kid_for_rotation()
    {
        byte[] oldKey = Encoding.UTF8.GetBytes("old-key-old-key-old-key-old-key-!");
        var keys = new Dictionary<string, byte[]> { ["2025"] = oldKey, ["2026"] = Key };
        using var verifier = new JwtVerifier(keys, Options);
        using var signer2025 = new JwtSigner(oldKey, new JwtSignerOptions { KeyId = "2025" });
        using var signer2026 = new JwtSigner(Key, new JwtSignerOptions { KeyId = "2026" });
        using var unnamed = new JwtSigner(Key);
        using var wrongId = new JwtSigner(Key, new JwtSignerOptions { KeyId = "2025" });
        var payload = new TestPayload { Room = "a" };

        Assert.True(verifier.TryVerify(signer2025.Sign(payload).AsSpan(), out TestPayload? _, out _));
        Assert.True(verifier.TryVerify(signer2026.Sign(payload).AsSpan(), out TestPayload? _, out _));
        Assert.False(verifier.TryVerify(unnamed.Sign(payload).AsSpan(), out TestPayload? _, out JwtError missing));
        Assert.Equal(JwtError.UnknownKey, missing);
        Assert.False(verifier.TryVerify(wrongId.Sign(payload).AsSpan(), out TestPayload? _, out JwtError mismatch));
        Assert.Equal(JwtError.BadSignature, mismatch);
        string escaped = Forge.Token("""{"alg":"HS256","kid":"20\u00326"}""", """{"r":"a"}""", Key);
        Assert.True(verifier.TryVerify(escaped.AsSpan(), out TestPayload? _, out JwtError escapedError), escapedError.ToString());
        string unknown = Forge.Token("""{"alg":"HS256","kid":"2024"}""", """{"r":"a"}""", Key);
        Assert.False(verifier.TryVerify(unknown.AsSpan(), out TestPayload? _, out JwtError unknownError));
        Assert.Equal(JwtError.UnknownKey, unknownError);
    }

    [Fact]
    public void Verifier_refuses_short_keys_unless_opted_in()
    {
        Assert.Contains("RFC 7518 §3.2", Assert.Throws<ArgumentException>(() => new JwtVerifier(new byte[16])).Message);
        using var verifier = new JwtVerifier(new byte[16], new JwtVerifierOptions { AllowShortKey = true });
    }

    [Fact]
    public void Never_throws_on_mutated_tokens()
    {
        using var signer = new JwtSigner(Key);
        string good = signer.Sign(new TestPayload { Room = "room", DomainId = "domain", IssuedAt = 1, Expires = 1_900_000_000, IsOwner = false });
        using var verifier = new JwtVerifier(Key, Options);
        var random = new Random(20261122);
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ é\0";
        int accepted = 0;
        for (int i = 0; i < 5000; i++)
        {
            char[] token = good.ToCharArray();
            int edits = random.Next(1, 4);
            for (int e = 0; e < edits; e++)
            {
                token[random.Next(token.Length)] = alphabet[random.Next(alphabet.Length)];
            }

            string mutated = random.Next(10) == 0 ? new string(token)[..random.Next(token.Length)] : new string(token);
            bool ok = verifier.TryVerify(mutated.AsSpan(), out TestPayload? _, out JwtError error);
            Assert.Equal(ok, error == JwtError.None);
            if (ok)
            {
                accepted++;
                Assert.Equal(good, mutated);
            }
        }

        Assert.True(accepted < 50);
    }

    [Fact]
    public void Never_throws_on_signed_garbage_payloads()
    {
        using var verifier = new JwtVerifier(Key, Options);
        var random = new Random(7);
        string[] pieces = ["{", "}", "[", "]", "\"r\"", "\"exp\"", ":", ",", "1", "-1e999", "\"a\"", "true", "null", "\"\\u0072\"", "\"\\ud800\"", " "];
        for (int i = 0; i < 3000; i++)
        {
            var json = new StringBuilder();
            int count = random.Next(1, 12);
            for (int p = 0; p < count; p++)
            {
                json.Append(pieces[random.Next(pieces.Length)]);
            }

            string token = Forge.Token(json.ToString(), Key);
            bool ok = verifier.TryVerify(token.AsSpan(), out TestPayload? _, out JwtError error);
            Assert.Equal(ok, error == JwtError.None);
        }
    }
}
