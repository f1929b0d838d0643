using System;
using System.ComponentModel.DataAnnotations;
using Xunit;

namespace TokenSchema.Tests;

[TokenPayload(ClaimVocabulary.Daily)]
public partial record MeetingToken
{
    [Claim("r")] public required string RoomName { get; init; }

    [Claim("d")] public required Guid DomainId { get; init; }

    [Claim("iat")] public required DateTimeOffset IssuedAt { get; init; }

    [Claim("exp")] public DateTimeOffset? Expires { get; init; }

    [Claim("ud")]
    [MaxLength(36)]
    public string? UserId { get; init; }

    [Claim("ctoe")] public bool? CloseTabOnExit { get; init; }
}

/// <summary>The runtime driven by generated payloads, the way users use it.</summary>
public sealed class GeneratedPayloadTests
{
    private static readonly Guid Domain = Guid.Parse("25df5057-ef0d-4d97-bde6-0cf287276cbb");

    [Fact]
    public void Generated_payload_reproduces_Daily_example_token()
    {
        using var signer = new JwtSigner(SignerTests.Key);
        string token = signer.Sign(new MeetingToken { RoomName = "room-0253", DomainId = Domain, IssuedAt = DateTimeOffset.FromUnixTimeSeconds(1548722207) });
        Assert.StartsWith(
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJyIjoicm9vbS0wMjUzIiwiZCI6IjI1ZGY1MDU3LWVmMGQtNGQ5Ny1iZGU2LTBjZjI4NzI3NmNiYiIsImlhdCI6MTU0ODcyMjIwN30.",
            token);
    }

    [Fact]
    public void Generated_payload_round_trips_through_signer_and_verifier()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
        var sent = new MeetingToken { RoomName = "standup", DomainId = Domain, IssuedAt = now, Expires = now.AddHours(1), UserId = "u-1", CloseTabOnExit = true };
        using var signer = new JwtSigner(SignerTests.Key);
        using var verifier = new JwtVerifier(SignerTests.Key, new JwtVerifierOptions { TimeProvider = new ManualTimeProvider(now) });
        string token = signer.Sign(sent);
        Assert.Equal("""{"r":"standup","d":"25df5057-ef0d-4d97-bde6-0cf287276cbb","iat":1800000000,"exp":1800003600,"ud":"u-1","ctoe":true}""", Forge.DecodeSegment(token.Split('.')[1]));
        Assert.True(verifier.TryVerify(token.AsSpan(), out MeetingToken? received, out JwtError error), error.ToString());
        Assert.Equal(sent, received);
    }

    [Fact]
    public void Generated_validation_lists_every_problem_by_claim_name()
    {
        using var signer = new JwtSigner(SignerTests.Key);
        var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
        var payload = new MeetingToken { RoomName = "r", DomainId = Domain, IssuedAt = now, Expires = now.AddSeconds(-1), UserId = new string('u', 37) };
        var error = Assert.Throws<JwtPayloadValidationException>(() => signer.Sign(payload));
        Assert.Equal(2, error.Problems.Count);
        Assert.Contains(error.Problems, p => p.Claim == "ud");
        Assert.Contains(error.Problems, p => p.Claim == "exp");
    }

    [Fact]
    public void Verifier_reports_wrong_types_and_missing_required_claims_as_invalid_claims()
    {
        using var verifier = new JwtVerifier(SignerTests.Key);
        Assert.False(verifier.TryVerify(Forge.Token("""{"r":"a","d":"not-a-guid","iat":1,"exp":4102444800}""", SignerTests.Key).AsSpan(), out MeetingToken? _, out JwtError badGuid));
        Assert.Equal(JwtError.InvalidClaims, badGuid);
        Assert.False(verifier.TryVerify(Forge.Token("""{"r":"a","iat":1,"exp":4102444800}""", SignerTests.Key).AsSpan(), out MeetingToken? _, out JwtError missing));
        Assert.Equal(JwtError.InvalidClaims, missing);
        Assert.False(verifier.TryVerify(Forge.Token("""{"r":"a","d":"25df5057-ef0d-4d97-bde6-0cf287276cbb","iat":1,"exp":4102444800,"ctoe":"yes"}""", SignerTests.Key).AsSpan(), out MeetingToken? _, out JwtError wrongType));
        Assert.Equal(JwtError.InvalidClaims, wrongType);
    }

    [Fact]
    public void TrySign_of_a_generated_payload_allocates_nothing_after_warm_up()
    {
        using var signer = new JwtSigner(SignerTests.Key);
        var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
        var payload = new MeetingToken { RoomName = "standup", DomainId = Domain, IssuedAt = now, Expires = now.AddHours(1), UserId = "u-1", CloseTabOnExit = true };
        byte[] destination = new byte[1024];
        for (int i = 0; i < 100; i++)
        {
            Assert.True(signer.TrySign(payload, destination, out _));
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            signer.TrySign(payload, destination, out _);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
