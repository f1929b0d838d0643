using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using Xunit;

namespace TokenSchema.Tests;

public sealed class SignerTests
{
    internal static readonly byte[] Key = Encoding.UTF8.GetBytes("0123456789abcdef0123456789abcdef");

    private static readonly TestPayload Daily = new() { Room = "room-0253", DomainId = "25df5057-ef0d-4d97-bde6-0cf287276cbb", IssuedAt = 1548722207 };

    [Fact]
    public void Sign_reproduces_the_first_two_segments_of_Daily_example_token()
    {
        using var signer = new JwtSigner(Key);
        string token = signer.Sign(Daily);
        Assert.StartsWith(
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJyIjoicm9vbS0wMjUzIiwiZCI6IjI1ZGY1MDU3LWVmMGQtNGQ5Ny1iZGU2LTBjZjI4NzI3NmNiYiIsImlhdCI6MTU0ODcyMjIwN30.",
            token);
    }

    [Fact]
    public void Signature_is_the_HMAC_SHA256_of_the_signing_input()
    {
        using var signer = new JwtSigner(Key);
        string token = signer.Sign(Daily);
        int lastDot = token.LastIndexOf('.');
        byte[] expected = HMACSHA256.HashData(Key, Encoding.ASCII.GetBytes(token[..lastDot]));
        Assert.Equal(Forge.Base64Url(expected), token[(lastDot + 1)..]);
    }

    [Fact]
    public void FromSecret_signs_with_the_UTF8_bytes_of_the_secret()
    {
        const string secret = "päßwörd-0123456789abcdef0123456789";
        using var fromSecret = JwtSigner.FromSecret(secret);
        using var fromBytes = new JwtSigner(Encoding.UTF8.GetBytes(secret));
        Assert.Equal(fromBytes.Sign(Daily), fromSecret.Sign(Daily));
    }

    [Fact]
    public void Short_key_is_refused_citing_RFC_7518()
    {
        var error = Assert.Throws<ArgumentException>(() => new JwtSigner(new byte[31]));
        Assert.Contains("RFC 7518 §3.2", error.Message);
        Assert.Contains("31 bytes", error.Message);
        Assert.Equal("key", error.ParamName);
    }

    [Fact]
    public void Short_key_is_accepted_when_the_caller_opts_in()
    {
        using var signer = new JwtSigner(new byte[] { 1, 2, 3 }, new JwtSignerOptions { AllowShortKey = true });
        string token = signer.Sign(Daily);
        Assert.Equal(Forge.Token(Forge.DecodeSegment(token.Split('.')[1]), new byte[] { 1, 2, 3 }), token);
    }

    [Fact]
    public void Empty_key_is_refused_even_with_opt_in()
    {
        var error = Assert.Throws<ArgumentException>(() => new JwtSigner(ReadOnlySpan<byte>.Empty, new JwtSignerOptions { AllowShortKey = true }));
        Assert.Contains("empty", error.Message);
    }

    [Fact]
    public void Default_header_is_alg_then_typ()
    {
        using var signer = new JwtSigner(Key);
        Assert.Equal("""{"alg":"HS256","typ":"JWT"}""", Encoding.UTF8.GetString(signer.HeaderJson.Span));
        Assert.Equal("""{"alg":"HS256","typ":"JWT"}""", Forge.DecodeSegment(signer.Sign(Daily).Split('.')[0]));
    }

    [Fact]
    public void Header_carries_kid_and_additional_parameters_in_order()
    {
        var options = new JwtSignerOptions
        {
            KeyId = "key-2026",
            AdditionalHeaderParameters = [new("cty", "twilio-fpa;v=1")],
        };
        using var signer = new JwtSigner(Key, options);
        Assert.Equal("""{"alg":"HS256","typ":"JWT","kid":"key-2026","cty":"twilio-fpa;v=1"}""", Forge.DecodeSegment(signer.Sign(Daily).Split('.')[0]));
    }

    [Fact]
    public void Header_without_typ_when_asked()
    {
        using var signer = new JwtSigner(Key, new JwtSignerOptions { IncludeType = false });
        Assert.Equal("""{"alg":"HS256"}""", Encoding.UTF8.GetString(signer.HeaderJson.Span));
    }

    [Theory]
    [InlineData("alg")]
    [InlineData("typ")]
    [InlineData("kid")]
    [InlineData("crit")]
    [InlineData("zip")]
    [InlineData("b64")]
    public void Reserved_header_parameters_cannot_be_added(string name)
    {
        var options = new JwtSignerOptions { AdditionalHeaderParameters = [new(name, "x")] };
        var error = Assert.Throws<ArgumentException>(() => new JwtSigner(Key, options));
        Assert.Contains($"'{name}'", error.Message);
    }

    [Fact]
    public void Repeated_header_parameter_is_refused()
    {
        var options = new JwtSignerOptions { AdditionalHeaderParameters = [new("cty", "a"), new("cty", "b")] };
        var error = Assert.Throws<ArgumentException>(() => new JwtSigner(Key, options));
        Assert.Contains("'cty' is given twice", error.Message);
    }

    [Fact]
    public void Invalid_payload_throws_listing_every_problem_by_claim_name()
    {
        using var signer = new JwtSigner(Key);
        var payload = new TestPayload { Room = null, IssuedAt = 100, Expires = 50 };
        var error = Assert.Throws<JwtPayloadValidationException>(() => signer.Sign(payload));
        Assert.Equal(2, error.Problems.Count);
        Assert.Contains("'r' is required", error.Message);
        Assert.Contains("'exp' is not after 'iat'", error.Message);
        Assert.Contains("TestPayload", error.Message);
        Assert.Equal(typeof(TestPayload), error.PayloadType);
    }

    [Fact]
    public void Invalid_payload_makes_TrySign_throw_and_write_nothing()
    {
        using var signer = new JwtSigner(Key);
        byte[] destination = new byte[512];
        Assert.Throws<JwtPayloadValidationException>(() => signer.TrySign(new TestPayload(), destination, out _));
        Assert.All(destination, b => Assert.Equal(0, b));
    }

    [Fact]
    public void Validation_can_be_turned_off()
    {
        using var signer = new JwtSigner(Key, new JwtSignerOptions { ValidatePayload = false });
        string token = signer.Sign(new TestPayload { IsOwner = true });
        Assert.Equal("""{"o":true}""", Forge.DecodeSegment(token.Split('.')[1]));
    }

    [Fact]
    public void TrySign_writes_the_same_bytes_as_Sign()
    {
        using var signer = new JwtSigner(Key);
        string expected = signer.Sign(Daily);
        byte[] destination = new byte[expected.Length];
        Assert.True(signer.TrySign(Daily, destination, out int written));
        Assert.Equal(expected.Length, written);
        Assert.Equal(expected, Encoding.ASCII.GetString(destination));
    }

    [Fact]
    public void TrySign_into_a_short_destination_returns_false_and_writes_nothing()
    {
        using var signer = new JwtSigner(Key);
        int length = signer.Sign(Daily).Length;
        byte[] destination = new byte[length - 1];
        Assert.False(signer.TrySign(Daily, destination, out int written));
        Assert.Equal(0, written);
        Assert.All(destination, b => Assert.Equal(0, b));
    }

    [Fact]
    public void Sign_appends_to_a_buffer_writer()
    {
        using var signer = new JwtSigner(Key);
        var output = new ArrayBufferWriter<byte>();
        output.Write("prefix:"u8);
        int written = signer.Sign(Daily, output);
        Assert.Equal("prefix:" + signer.Sign(Daily), Encoding.ASCII.GetString(output.WrittenSpan));
        Assert.Equal(output.WrittenCount - 7, written);
    }

    [Fact]
    public void Long_payloads_past_the_stack_buffer_are_signed()
    {
        using var signer = new JwtSigner(Key);
        var payload = new TestPayload { Room = "room", DomainId = new string('d', 5000) };
        string token = signer.Sign(payload);
        Assert.Equal(Forge.Token($$"""{"r":"room","d":"{{new string('d', 5000)}}"}""", Key), token);
    }

    [Fact]
    public void Non_ASCII_claim_values_are_written_as_UTF8_without_escaping()
    {
        using var signer = new JwtSigner(Key);
        string token = signer.Sign(new TestPayload { Room = "café \"x\" <b>" });
        Assert.Equal("""{"r":"café \"x\" <b>"}""", Forge.DecodeSegment(token.Split('.')[1]));
    }

    [Fact]
    public void Signing_after_dispose_throws()
    {
        var signer = new JwtSigner(Key);
        signer.Dispose();
        Assert.Throws<ObjectDisposedException>(() => signer.Sign(Daily));
        signer.Dispose();
    }

    [Fact]
    public void Concurrent_signing_from_many_threads_gives_the_same_tokens()
    {
        using var signer = new JwtSigner(Key);
        var payloads = Enumerable.Range(0, 400).Select(i => new TestPayload { Room = "room-" + i, IssuedAt = 1_700_000_000 + i }).ToArray();
        string[] sequential = payloads.Select(p => Forge.Token(Forge.DecodeSegment(signer.Sign(p).Split('.')[1]), Key)).ToArray();
        string[] parallel = new string[payloads.Length];
        Parallel.For(0, payloads.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => parallel[i] = signer.Sign(payloads[i]));
        Assert.Equal(sequential, parallel);
    }

    [Fact]
    public void TrySign_allocates_nothing_after_warm_up()
    {
        using var signer = new JwtSigner(Key);
        byte[] destination = new byte[1024];
        var payload = new TestPayload { Room = "room-0253", DomainId = "25df5057-ef0d-4d97-bde6-0cf287276cbb", IssuedAt = 1548722207, Expires = 1548725807, IsOwner = true };
        for (int i = 0; i < 100; i++)
        {
            Assert.True(signer.TrySign(payload, destination, out _));
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            signer.TrySign(payload, destination, out _);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Sign_allocates_only_the_returned_string()
    {
        using var signer = new JwtSigner(Key);
        string token = signer.Sign(Daily);
        for (int i = 0; i < 100; i++)
        {
            signer.Sign(Daily);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        string again = new string('x', token.Length);
        long stringSize = GC.GetAllocatedBytesForCurrentThread() - before;

        before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            signer.Sign(Daily);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(100 * stringSize, allocated);
        GC.KeepAlive(again);
    }
}
