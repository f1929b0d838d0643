using System;
using System.Reflection;
using Xunit;

namespace TokenSchema.Generator.Tests;

/// <summary>Generated payloads signed and verified by the runtime's signer and verifier.</summary>
public sealed class SignerIntegrationTests(CompiledSamples samples) : IClassFixture<CompiledSamples>
{
    // Daily's REST-issued token for {"r":"room-0253","d":"25df5057-…","iat":1548722207}: header and payload segments.
    private const string DocumentedSigningInput =
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9." +
        "eyJyIjoicm9vbS0wMjUzIiwiZCI6IjI1ZGY1MDU3LWVmMGQtNGQ5Ny1iZGU2LTBjZjI4NzI3NmNiYiIsImlhdCI6MTU0ODcyMjIwN30.";

    private const string Secret = "a-daily-api-key-of-at-least-32-bytes!";

    [Fact]
    public void Signed_Daily_record_reproduces_the_documented_header_and_payload_segments()
    {
        object token = samples.Loaded.Call("Samples.Daily.DailySamples", "Documented");

        (string jwt, _, _) = SignAndVerify(token);

        Assert.StartsWith(DocumentedSigningInput, jwt, StringComparison.Ordinal);
    }

    [Fact]
    public void Verifier_reads_a_signed_generated_payload_back_into_an_equal_record()
    {
        object token = samples.Loaded.Call("Samples.Daily.DailySamples", "Full");

        (_, object? verified, JwtError error) = SignAndVerify(token);

        Assert.Equal(JwtError.None, error);
        Assert.Equal(token, verified);
    }

    [Fact]
    public void Signer_refuses_a_payload_whose_generated_validation_fails()
    {
        object token = samples.Loaded.Call("Samples.Daily.DailySamples", "Invalid");

        TargetInvocationException thrown = Assert.Throws<TargetInvocationException>(() => SignAndVerify(token));

        JwtPayloadValidationException validation = Assert.IsType<JwtPayloadValidationException>(thrown.InnerException);
        Assert.Contains("'r' is required", validation.Message, StringComparison.Ordinal);
        Assert.Equal(8, validation.Problems.Count);
    }

    private static (string Token, object? Payload, JwtError Error) SignAndVerify(object payload) =>
        ((string, object?, JwtError))typeof(SignerIntegrationTests)
            .GetMethod(nameof(SignAndVerifyCore), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(payload.GetType())
            .Invoke(null, new[] { payload })!;

    private static (string, object?, JwtError) SignAndVerifyCore<T>(T payload) where T : IJwtPayload<T>
    {
        using JwtSigner signer = JwtSigner.FromSecret(Secret);
        using JwtVerifier verifier = JwtVerifier.FromSecret(Secret, new JwtVerifierOptions { TimeProvider = new FixedTime(DateTimeOffset.FromUnixTimeSeconds(1548723000)) });
        string token = signer.Sign(payload);
        verifier.TryVerify<T>(token.AsSpan(), out T? verified, out JwtError error);
        return (token, verified, error);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
