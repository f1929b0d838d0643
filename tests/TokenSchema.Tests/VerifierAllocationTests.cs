using System;
using System.Text;
using TokenSchema.Daily;
using Xunit;

namespace TokenSchema.Tests;

/// <summary>
/// Verifying a token allocates the payload's own object graph (the record and its strings) and nothing else: the
/// verifier's buffers, the scan and the reader live on the stack.
/// </summary>
public sealed class VerifierAllocationTests
{
    private const int Rounds = 200;
    private static readonly byte[] Key = SignerTests.Key;
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    private static readonly DailyToken Daily = new()
    {
        RoomName = "standup-7f3a9c",
        DomainId = Guid.Parse("25df5057-ef0d-4d97-bde6-0cf287276cbb"),
        IssuedAt = Now.AddSeconds(-10),
        Expires = Now.AddMinutes(10),
        UserId = "user-8412",
        UserName = "Ada Lovelace",
        IsOwner = true,
        EnableScreenshare = true,
    };

    [Fact]
    public void TryVerify_into_a_generated_payload_allocates_only_the_record_and_its_strings()
    {
        using var signer = new JwtSigner(Key);
        using var verifier = new JwtVerifier(Key, new JwtVerifierOptions { TimeProvider = new ManualTimeProvider(Now) }) { ReadPaths = new JwtVerifier.ReadPathCounts() };
        string token = signer.Sign(Daily);
        byte[] bytes = Encoding.ASCII.GetBytes(token);
        for (int i = 0; i < 20; i++)
        {
            Assert.True(verifier.TryVerify(token.AsSpan(), out DailyToken? read, out JwtError error), error.ToString());
            Assert.Equal(Daily, read);
            Assert.True(verifier.TryVerify(bytes, out DailyToken? _, out _));
            Rebuild(Daily);
        }

        long graph = PerCall(() => Rebuild(Daily));
        Assert.True(graph > 0);
        Assert.Equal(graph, PerCall(() => verifier.TryVerify(token.AsSpan(), out DailyToken? _, out JwtError _)));
        Assert.Equal(graph, PerCall(() => verifier.TryVerify(bytes, out DailyToken? _, out JwtError _)));
        using var rejecting = new JwtVerifier(Key, new JwtVerifierOptions { TimeProvider = new ManualTimeProvider(Now), UnknownClaims = UnknownClaims.Reject }) { ReadPaths = new JwtVerifier.ReadPathCounts() };
        Assert.True(rejecting.TryVerifyDetailed(token.AsSpan(), out DailyToken? _, out JwtVerificationFailure _));
        Assert.Equal(graph, PerCall(() => rejecting.TryVerifyDetailed(token.AsSpan(), out DailyToken? _, out JwtVerificationFailure _)));

        // What was measured is the one pass: a one pass that declined would fall back to the two passes unnoticed.
        Assert.Equal(0, verifier.ReadPaths.TwoPasses);
        Assert.Equal(0, rejecting.ReadPaths.TwoPasses);
        Assert.True(verifier.ReadPaths.OnePassAccepted > 0 && rejecting.ReadPaths.OnePassAccepted > 0);
    }

    [Fact]
    public void TryVerify_of_a_payload_without_claims_allocates_only_the_record()
    {
        using var verifier = new JwtVerifier(Key, new JwtVerifierOptions { TimeProvider = new ManualTimeProvider(Now) }) { ReadPaths = new JwtVerifier.ReadPathCounts() };

        // Unknown claims, an escaped one among them, go through the repeated-name table without allocating.
        string token = Forge.Token("{\"exp\":1800000600,\"a\":1,\"\\u0062\":[2],\"c\":{\"d\":3}}", Key);
        for (int i = 0; i < 20; i++)
        {
            Assert.True(verifier.TryVerify(token.AsSpan(), out EmptyPayload? _, out JwtError error), error.ToString());
        }

        long record = PerCall(() => GC.KeepAlive(new EmptyPayload()));
        Assert.Equal(record, PerCall(() => verifier.TryVerify(token.AsSpan(), out EmptyPayload? _, out JwtError _)));
        Assert.Equal(0, verifier.ReadPaths.TwoPasses); // measured in one pass
        Assert.True(verifier.ReadPaths.OnePassAccepted > 0);
    }

    // The same graph as the verifier builds: a new record and a new copy of each of its strings.
    private static DailyToken Rebuild(DailyToken token) => token with
    {
        RoomName = new string(token.RoomName.AsSpan()),
        UserId = new string(token.UserId.AsSpan()),
        UserName = new string(token.UserName.AsSpan()),
    };

    /// <summary>
    /// The bytes one call allocates. A measurement that is not a whole multiple of the rounds saw a one-off allocation
    /// (the runtime's own, such as tiered compilation replacing a method on this thread), not a per-call cost: it is taken
    /// again, up to three times; a per-call allocation shows in every measurement and still counts.
    /// </summary>
    private static long PerCall(Action action)
    {
        action();
        long total = 0;
        for (int attempt = 0; attempt < 3; attempt++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < Rounds; i++)
            {
                action();
            }

            total = GC.GetAllocatedBytesForCurrentThread() - before;
            if (total % Rounds == 0)
            {
                return total / Rounds;
            }
        }

        Assert.Equal(0, total % Rounds);
        return total / Rounds;
    }
}
