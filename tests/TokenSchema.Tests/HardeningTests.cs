using System;
using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using Xunit;

namespace TokenSchema.Tests;

/// <summary>A payload whose own code throws while reading, as a buggy converter or constructor would.</summary>
public sealed class ThrowingPayload : IJwtPayload<ThrowingPayload>
{
    public void WritePayload(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteEndObject();
    }

    public ClaimValidationResult Validate() => default;

    public static bool TryReadPayload(ref Utf8JsonReader reader, [MaybeNullWhen(false)] out ThrowingPayload payload, out ClaimReadError error) =>
        throw new NotSupportedException("a converter bug");
}

/// <summary>A hand-written payload that writes whatever JSON it is given, complete or not.</summary>
public sealed class RawPayload(string json) : IJwtPayload<RawPayload>
{
    public void WritePayload(Utf8JsonWriter writer) => writer.WriteRawValue(json, skipInputValidation: true);

    public ClaimValidationResult Validate() => default;

    public static bool TryReadPayload(ref Utf8JsonReader reader, [MaybeNullWhen(false)] out RawPayload payload, out ClaimReadError error)
    {
        payload = new RawPayload(JsonElement.ParseValue(ref reader).GetRawText());
        error = default;
        return true;
    }
}

public sealed class HardeningTests
{
    [Fact]
    public void Whatever_the_payload_code_throws_TryVerify_reports_invalid_claims()
    {
        using var verifier = new JwtVerifier(SignerTests.Key);
        string token = Forge.Token("""{"r":"a","exp":4102444800}""", SignerTests.Key);
        Assert.False(verifier.TryVerify(token.AsSpan(), out ThrowingPayload? _, out JwtError error));
        Assert.Equal(JwtError.InvalidClaims, error);
        Assert.False(verifier.TryVerify(Encoding.ASCII.GetBytes(token).AsSpan(), out ThrowingPayload? _, out error));
        Assert.Equal(JwtError.InvalidClaims, error);
    }

    [Fact]
    public void Verifying_after_dispose_throws_ObjectDisposedException_for_every_input()
    {
        var verifier = new JwtVerifier(SignerTests.Key);
        verifier.Dispose();
        Assert.Throws<ObjectDisposedException>(() => verifier.TryVerify("x".AsSpan(), out TestPayload? _, out _));
        Assert.Throws<ObjectDisposedException>(() => verifier.TryVerify(Forge.Token("""{"r":"a"}""", SignerTests.Key).AsSpan(), out TestPayload? _, out _));
        Assert.Throws<ObjectDisposedException>(() => verifier.TryVerify("x"u8, out TestPayload? _, out _));
    }

    [Theory]
    [InlineData("""{"a":1""")]
    [InlineData("5")]
    [InlineData("""["a"]""")]
    [InlineData("\"text\"")]
    public void The_signer_refuses_a_payload_that_writes_anything_but_one_JSON_object(string json)
    {
        using var signer = new JwtSigner(SignerTests.Key);
        var error = Assert.Throws<InvalidOperationException>(() => signer.Sign(new RawPayload(json)));
        Assert.Contains("RawPayload.WritePayload did not write one complete JSON object", error.Message);
        Assert.False(signer.TrySign(new RawPayload("{}"), new byte[4], out _));
        Assert.Equal(Forge.Token("{}", SignerTests.Key), signer.Sign(new RawPayload("{}")));
    }
}

/// <summary>
/// Looks inside the process-wide array pool, so it runs alone: any other test (or library, such as Microsoft.IdentityModel)
/// signing tokens at the same time returns arrays holding tokens to that pool.
/// </summary>
[Collection(PoolInspection.Name)]
public sealed class ArrayPoolHygieneTests
{
    [Fact]
    public void A_long_token_does_not_linger_in_the_shared_array_pool()
    {
        // Markers of this token only: other code in the process (Microsoft.IdentityModel, for one) leaves JWTs of its
        // own in the shared pool, so a common prefix would prove nothing.
        string marker = Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N");
        using var verifier = new JwtVerifier(SignerTests.Key);
        string token = Forge.Token($$"""{"r":"a","exp":4102444800,"d":"{{marker}}{{new string('q', 2000)}}"}""", SignerTests.Key);
        Assert.True(verifier.TryVerify(token.AsSpan(), out TestPayload? _, out JwtError error), error.ToString());
        Assert.True(verifier.TryVerify(Encoding.ASCII.GetBytes(token).AsSpan(), out TestPayload? _, out error), error.ToString());

        // The same thread gets its most recently returned arrays back first.
        byte[] signature = Encoding.ASCII.GetBytes(token[^43..]);
        byte[] payloadPiece = Encoding.ASCII.GetBytes(marker);
        for (int i = 0; i < 4; i++)
        {
            byte[] rented = ArrayPool<byte>.Shared.Rent(token.Length);
            Assert.True(rented.AsSpan().IndexOf(signature) < 0, "the token's bytes are still in a pooled array");
            Assert.True(rented.AsSpan().IndexOf(payloadPiece) < 0, "the decoded payload is still in a pooled array");
        }
    }
}

/// <summary>The tests that run without any other test in parallel.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PoolInspection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Pool inspection";
}
