using System;
using TokenSchema.LiveKit;
using Xunit;

namespace TokenSchema.Tests.Platforms;

/// <summary>
/// LiveKit's server decodes the claims with Go's encoding/json, which matches field names ignoring case (the last match
/// winning): a case variant of a LiveKit claim name, at the top level or inside a grant, would be read by the server as
/// that claim, so it is refused, naming it, instead of skipped.
/// </summary>
public sealed class LiveKitNameCaseTests
{
    private const string Secret = "livekit-secret-of-at-least-32-bytes-long";
    private static readonly byte[] Key = System.Text.Encoding.UTF8.GetBytes(Secret);
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    private static JwtVerificationFailure Verify(string json)
    {
        var options = new JwtVerifierOptions { TimeProvider = new ManualTimeProvider(Now) };
        using var verifier = new JwtVerifier(Key, options);
        using var twoPasses = new JwtVerifier(Key, options) { ReadInTwoPasses = true };
        string token = Forge.Token(json, Key);
        verifier.TryVerifyDetailed(token.AsSpan(), out LiveKitToken? _, out JwtVerificationFailure failure);
        twoPasses.TryVerifyDetailed(token.AsSpan(), out LiveKitToken? _, out JwtVerificationFailure other);
        Assert.Equal(failure.ToString(), other.ToString());
        return failure;
    }

    private static string Token(string claims) => "{\"iss\":\"APIkey\",\"sub\":\"alice\",\"exp\":1800003600," + claims + "}";

    [Theory]
    [InlineData("\"video\":{\"room\":\"r\",\"ROOMJOIN\":true}", "video.ROOMJOIN")]
    [InlineData("\"video\":{\"room\":\"r\",\"roomJoin\":false,\"roomjoin\":true}", "video.roomjoin")]
    [InlineData("\"video\":{\"room\":\"r\",\"r\\u004fomJoin\":true}", "video.rOomJoin")]
    [InlineData("\"video\":{\"Room\":\"other\",\"roomJoin\":true}", "video.Room")]
    [InlineData("\"video\":{\"room\":\"r\",\"canPublishsources\":[\"camera\"]}", "video.canPublishsources")]
    [InlineData("\"sip\":{\"ADMIN\":true}", "sip.ADMIN")]
    [InlineData("\"agent\":{\"Admin\":true}", "agent.Admin")]
    [InlineData("\"Video\":{\"room\":\"r\",\"roomJoin\":true}", "Video")]
    [InlineData("\"EXP\":1900000000", "EXP")]
    [InlineData("\"\u017Fip\":{\"admin\":true}", "\u017Fip")]
    [InlineData("\"\u212Aind\":\"agent\"", "\u212Aind")]
    public void A_case_variant_of_a_LiveKit_claim_name_is_refused_naming_it(string claims, string claim)
    {
        JwtVerificationFailure failure = Verify(Token(claims));

        Assert.Equal((JwtError.InvalidClaims, claim, ClaimReadErrorKind.CaseVariantName), (failure.Error, failure.Claim, failure.ReadError));
    }

    [Theory]
    [InlineData("\"video\":{\"room\":\"r\",\"roomJoin\":true}")]
    [InlineData("\"video\":{\"room\":\"r\",\"roomJoin\":true,\"futureGrant\":true}")]
    [InlineData("\"custom\":1,\"\u00e9\":2")]
    public void Exact_names_and_unknown_ones_are_read_as_before(string claims)
    {
        Assert.Equal(JwtError.None, Verify(Token(claims)).Error);
    }
}
