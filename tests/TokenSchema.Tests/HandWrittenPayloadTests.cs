using System;
using Xunit;

namespace TokenSchema.Tests;

public sealed class HandWrittenPayloadTests
{
    [Fact]
    public void A_hand_written_payload_signs_and_verifies_like_the_generated_one()
    {
        using var signer = new JwtSigner(SignerTests.Key);
        using var verifier = new JwtVerifier(SignerTests.Key, new JwtVerifierOptions { TimeProvider = new ManualTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000)) });
        var byHand = new HandWrittenPayload { Room = "standup", DomainId = "d-1", IssuedAt = 1_800_000_000, Expires = 1_800_000_600, IsOwner = true };
        var generated = new TestPayload { Room = "standup", DomainId = "d-1", IssuedAt = 1_800_000_000, Expires = 1_800_000_600, IsOwner = true };

        string token = signer.Sign(byHand);
        Assert.Equal(signer.Sign(generated), token);
        Assert.True(verifier.TryVerify(token.AsSpan(), out HandWrittenPayload? read, out JwtError error), error.ToString());
        Assert.Equal(byHand, read);
    }

    [Fact]
    public void A_hand_written_payload_reports_problems_through_the_same_exception()
    {
        using var signer = new JwtSigner(SignerTests.Key);
        var error = Assert.Throws<JwtPayloadValidationException>(() => signer.Sign(new HandWrittenPayload { IssuedAt = 10, Expires = 5 }));
        Assert.Equal(["r", "exp"], new[] { error.Problems[0].Claim, error.Problems[1].Claim });
    }
}
