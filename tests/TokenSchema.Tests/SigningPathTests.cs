using System;
using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Xunit;

namespace TokenSchema.Tests;

/// <summary>The signer's and verifier's buffers: string, span and buffer-writer outputs agree, at every size.</summary>
public sealed class SigningPathTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    [InlineData(700)]
    [InlineData(1000)]
    [InlineData(5000)]
    public void Sign_TrySign_and_buffer_writer_give_the_same_token_that_verifies(int roomLength)
    {
        using var signer = new JwtSigner(SignerTests.Key);
        using var verifier = new JwtVerifier(SignerTests.Key, new JwtVerifierOptions { MaxTokenLength = 16384 });
        var payload = new TestPayload
        {
            Room = new string('r', Math.Min(roomLength, 128)),
            DomainId = new string('d', roomLength),
            IssuedAt = 1_700_000_000,
            Expires = 4_102_444_800,
            IsOwner = true,
        };

        string token = signer.Sign(payload);
        byte[] span = new byte[token.Length + 16];
        Assert.True(signer.TrySign(payload, span, out int written));
        Assert.Equal(token, Encoding.ASCII.GetString(span, 0, written));
        var writer = new ArrayBufferWriter<byte>();
        Assert.Equal(token.Length, signer.Sign(payload, writer));
        Assert.Equal(token, Encoding.ASCII.GetString(writer.WrittenSpan));
        Assert.False(signer.TrySign(payload, new byte[token.Length - 1], out int none));
        Assert.Equal(0, none);

        // The signature is HMAC-SHA256 over header.payload, as any HS256 implementation computes it.
        int lastDot = token.LastIndexOf('.');
        byte[] expected = HMACSHA256.HashData(SignerTests.Key, Encoding.ASCII.GetBytes(token[..lastDot]));
        Assert.Equal(Convert.ToBase64String(expected).TrimEnd('=').Replace('+', '-').Replace('/', '_'), token[(lastDot + 1)..]);

        Assert.True(verifier.TryVerify<TestPayload>(token, out TestPayload? read, out JwtError error), error.ToString());
        Assert.Equal(payload, read);
        Assert.True(verifier.TryVerify<TestPayload>(Encoding.ASCII.GetBytes(token), out _, out _));
    }

    [Fact]
    public void Consecutive_signatures_on_one_thread_do_not_disturb_each_other()
    {
        using var signer = new JwtSigner(SignerTests.Key);
        string small = signer.Sign(new TestPayload { Room = "a" });
        string large = signer.Sign(new TestPayload { Room = "b", DomainId = new string('x', 3000) });
        Assert.Equal(small, signer.Sign(new TestPayload { Room = "a" }));
        Assert.Equal(large, signer.Sign(new TestPayload { Room = "b", DomainId = new string('x', 3000) }));
    }

    [Theory]
    [InlineData('\u00e9')]
    [InlineData('\u0080')]
    [InlineData('\uffff')]
    public void A_non_ASCII_character_anywhere_is_malformed(char intruder)
    {
        using var signer = new JwtSigner(SignerTests.Key);
        using var verifier = new JwtVerifier(SignerTests.Key);
        string token = signer.Sign(new TestPayload { Room = "room", Expires = 4_102_444_800 });
        foreach (int position in new[] { 0, token.IndexOf('.') + 3, token.Length - 1 })
        {
            string altered = token[..position] + intruder + token[(position + 1)..];
            Assert.False(verifier.TryVerify<TestPayload>(altered, out _, out JwtError error));
            Assert.Equal(JwtError.Malformed, error);
        }
    }

    [Fact]
    public void A_tampered_signature_is_refused()
    {
        using var signer = new JwtSigner(SignerTests.Key);
        using var verifier = new JwtVerifier(SignerTests.Key);
        string token = signer.Sign(new TestPayload { Room = "room", Expires = 4_102_444_800 });
        char last = token[^2];
        string altered = token[..^2] + (last == 'A' ? 'B' : 'A') + token[^1];
        Assert.False(verifier.TryVerify<TestPayload>(altered, out _, out JwtError error));
        Assert.Equal(JwtError.BadSignature, error);
    }

    [Fact]
    public void Signing_into_a_span_allocates_nothing_after_warm_up()
    {
        using var signer = new JwtSigner(SignerTests.Key);
        var payload = new TestPayload { Room = "room", DomainId = "domain", IssuedAt = 1, Expires = 2, IsOwner = false };
        byte[] buffer = new byte[1024];
        for (int i = 0; i < 100; i++)
        {
            signer.TrySign(payload, buffer, out _);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            signer.TrySign(payload, buffer, out _);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
