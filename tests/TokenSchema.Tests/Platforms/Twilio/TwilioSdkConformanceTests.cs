using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using TokenSchema.Twilio;
using Twilio.Jwt.AccessToken;
using Xunit;
using static TokenSchema.Tests.Platforms.PlatformTestSupport;

namespace TokenSchema.Tests.Platforms.Twilio;

/// <summary>
/// Conformance with Twilio's own .NET library (NuGet <c>Twilio</c> 8.2.0), both ways: a token its
/// <c>Twilio.Jwt.AccessToken.Token</c> makes with a <c>VideoGrant</c> reads into <see cref="TwilioVideoToken"/> with every
/// field equal, and <see cref="TwilioVideoTokenIssuer"/> writes the header and claims it writes for the same inputs.
/// </summary>
public sealed class TwilioSdkConformanceTests
{
    private const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    private const string ApiKeySid = "SKfedcba9876543210fedcba9876543210";
    private const string Secret = "twilio-conformance-api-key-secret-0123456789";
    private static readonly byte[] Key = KeyOf(Secret);

    private static string SdkToken(DateTime expires, DateTime? notBefore = null, string? room = "DailyStandup", string? profile = null, string? region = null)
    {
#pragma warning disable CS0618 // The library marks ConfigurationProfileSid deprecated but still writes it.
        var grant = new VideoGrant { Room = room, ConfigurationProfileSid = profile };
#pragma warning restore CS0618
        var token = new Token(AccountSid, ApiKeySid, Secret, identity: "alice", expiration: expires, nbf: notBefore,
            grants: new HashSet<IGrant> { grant }, region: region);
        return token.ToJwt();
    }

    private static JsonNode Json(string json) => JsonNode.Parse(json)!;

    [Fact]
    public void A_token_the_Twilio_library_makes_has_no_iat_and_reads_with_every_field_equal()
    {
        DateTimeOffset now = WholeSecondsNow();
        string sdk = SdkToken(now.AddMinutes(30).UtcDateTime, now.AddSeconds(-5).UtcDateTime, profile: "VS0123456789abcdef0123456789abcdef");
        JsonNode payload = Json(PayloadJson(sdk));
        Assert.Null(payload["iat"]);

        TwilioVideoToken read = Verify<TwilioVideoToken>(sdk, Key, now);
        Assert.Equal(new TwilioVideoToken
        {
            TokenId = payload["jti"]!.GetValue<string>(),
            ApiKeySid = ApiKeySid,
            AccountSid = AccountSid,
            Expires = now.AddMinutes(30),
            NotBefore = now.AddSeconds(-5),
            Grants = new TwilioGrants
            {
                Identity = "alice",
                Video = new TwilioVideoGrant { Room = "DailyStandup", ConfigurationProfileSid = "VS0123456789abcdef0123456789abcdef" },
            },
        }, read);
        Assert.StartsWith(ApiKeySid + "-", read.TokenId);
        // Written back by the generated writer, the record is the SDK's payload: nothing was dropped.
        Assert.True(JsonNode.DeepEquals(payload, Json(Cli.TokenCommands.Rewrite(read))), Cli.TokenCommands.Rewrite(read));
    }

    [Fact]
    public void A_token_the_Twilio_library_makes_with_a_region_and_an_empty_video_grant_verifies()
    {
        DateTimeOffset now = WholeSecondsNow();
        string sdk = SdkToken(now.AddHours(1).UtcDateTime, room: null, region: "au1");
        Assert.Equal("au1", Json(HeaderJson(sdk))["twr"]!.GetValue<string>());
        TwilioVideoToken read = Verify<TwilioVideoToken>(sdk, Key, now);
        Assert.Equal(new TwilioVideoGrant(), read.Grants.Video);
        Assert.Null(read.IssuedAt);
    }

    [Fact]
    public void The_issuer_writes_the_header_and_claims_the_Twilio_library_writes_for_the_same_inputs_plus_iat()
    {
        DateTimeOffset now = WholeSecondsNow();
        string sdk = SdkToken(now.AddHours(1).UtcDateTime, now.UtcDateTime, region: "ie1");
        using var issuer = new TwilioVideoTokenIssuer(new TwilioCredentials(AccountSid, ApiKeySid, Secret), new TwilioVideoTokenIssuerOptions { TimeProvider = new ManualTimeProvider(now), Region = "ie1" });
        string ours = issuer.Issue(new TwilioVideoToken
        {
            NotBefore = now,
            Grants = new TwilioGrants { Identity = "alice", Video = new TwilioVideoGrant { Room = "DailyStandup" } },
        });

        Assert.Equal(HeaderJson(sdk), HeaderJson(ours));
        JsonObject expected = Json(PayloadJson(sdk)).AsObject();
        JsonObject actual = Json(PayloadJson(ours)).AsObject();
        Assert.Equal(now.ToUnixTimeSeconds(), actual["iat"]!.GetValue<long>());
        actual.Remove("iat");
        // The library's jti is "<API key SID>-<its clock>": compare the SID part and the clock within a few seconds.
        string sdkJti = expected["jti"]!.GetValue<string>(), ourJti = actual["jti"]!.GetValue<string>();
        Assert.Equal(ApiKeySid + "-" + now.ToUnixTimeSeconds(), ourJti);
        Assert.InRange(long.Parse(sdkJti[(ApiKeySid.Length + 1)..]) - now.ToUnixTimeSeconds(), -5, 5);
        expected["jti"] = ourJti;
        Assert.True(JsonNode.DeepEquals(expected, actual), $"{expected.ToJsonString()} != {actual.ToJsonString()}");
        Assert.Equal(expected.Select(p => p.Key).Order(), actual.Select(p => p.Key).Order());
    }

    [Fact]
    public void A_Twilio_library_token_signed_with_another_secret_or_over_a_day_long_is_refused()
    {
        DateTimeOffset now = WholeSecondsNow();
        string sdk = SdkToken(now.AddHours(1).UtcDateTime);
        using var verifier = JwtVerifier.FromSecret(Secret + "!", new JwtVerifierOptions { TimeProvider = new ManualTimeProvider(now) });
        Assert.False(verifier.TryVerify(sdk.AsSpan(), out TwilioVideoToken? _, out JwtError error));
        Assert.Equal(JwtError.BadSignature, error);

        string tooLong = SdkToken(now.AddHours(25).UtcDateTime, now.UtcDateTime);
        AssertVerifyRefusesClaims<TwilioVideoToken>(tooLong, Key, now);
    }
}
