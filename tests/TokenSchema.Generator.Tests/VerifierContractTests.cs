using TokenSchema.Generator;
using Xunit;

namespace TokenSchema.Generator.Tests;

/// <summary>What the generated readers and the runtime's verifier must agree on.</summary>
public sealed class VerifierContractTests
{
    [Fact]
    public void Generated_readers_report_exactly_the_claims_the_verifier_reads_itself()
    {
        // The generator emits a ClaimScan.Observe call for a described claim with one of these names; a name missing
        // on either side would be read by one of the verifier's two passes and not by the other.
        Assert.Equal(ClaimScan.ObservedClaimNames.ToArray(), Emitter.VerifierObservedClaims);

        // The list's version, which generated code passes to ClaimScan.Accepts: the same list, the same version.
        Assert.Equal(ClaimScan.ObservedClaimNamesVersion, Emitter.VerifierObservedClaimsVersion);
    }

    [Fact]
    public void The_generator_compiles_the_runtimes_own_list()
    {
        // One copy: runtime/TokenSchema/Verification/ObservedClaims.cs is linked into the generator, not retyped there.
        System.Type? shared = typeof(Emitter).Assembly.GetType("TokenSchema.Verification.ObservedClaims");
        Assert.NotNull(shared);
        Assert.Same(shared!.GetField("Names")!.GetValue(null), Emitter.VerifierObservedClaims);
    }
}
