using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TokenSchema.Daily;
using Xunit;

namespace TokenSchema.Tests.Platforms.Daily;

/// <summary>The Daily issuer facade, and Daily tokens read by an independent JWT implementation.</summary>
public sealed class DailyTokenIssuerTests
{
    private const string ApiKey = "test-api-key-test-api-key-test-api-key-0123";

    private static readonly Guid Domain = Guid.Parse(DailyTokenTests.ExampleDomain);

    private static readonly DateTimeOffset Now = DailyTokenTests.Now;

    private static string PayloadOf(string token) => Forge.DecodeSegment(token.Split('.')[1]);

    [Fact]
    public void Issuer_fills_domain_issue_time_and_expiry_from_its_clock()
    {
        var clock = new ManualTimeProvider(Now.AddMilliseconds(900));
        using var daily = new DailyTokenIssuer(new DailyCredentials(ApiKey, Guid.Parse(DailyTokenTests.ExampleDomain)), new DailyTokenIssuerOptions { TimeProvider = clock });
        string token = daily.Issue(new DailyToken { RoomName = "standup", IsOwner = true });
        Assert.Equal("""{"r":"standup","d":"25df5057-ef0d-4d97-bde6-0cf287276cbb","iat":1800000000,"exp":1800003600,"o":true}""", PayloadOf(token));

        clock.Now = Now.AddMinutes(5);
        using var tenMinutes = new DailyTokenIssuer(new DailyCredentials(ApiKey, Domain), new DailyTokenIssuerOptions { TimeProvider = clock, Lifetime = TimeSpan.FromMinutes(10) });
        Assert.Equal(TimeSpan.FromMinutes(10), tenMinutes.Lifetime);
        Assert.Equal(DailyTokenIssuer.DefaultLifetime, daily.Lifetime);
        Assert.Equal("""{"r":"standup","d":"25df5057-ef0d-4d97-bde6-0cf287276cbb","iat":1800000300,"exp":1800000900}""", PayloadOf(tenMinutes.Issue(new DailyToken { RoomName = "standup" })));
    }

    [Fact]
    public void Issuer_keeps_the_claims_it_is_given()
    {
        using var daily = new DailyTokenIssuer(new DailyCredentials(ApiKey, Domain), new DailyTokenIssuerOptions { TimeProvider = new ManualTimeProvider(Now) });
        var token = new DailyToken { RoomName = "r1", DomainId = Domain, IssuedAt = Now.AddSeconds(-60), Expires = Now.AddSeconds(30) };
        Assert.Equal("""{"r":"r1","d":"25df5057-ef0d-4d97-bde6-0cf287276cbb","iat":1799999940,"exp":1800000030}""", PayloadOf(daily.Issue(token)));
        Assert.Equal(token, daily.Complete(token));
        Assert.Equal(Now.AddSeconds(-60).AddHours(1), daily.Complete(token with { Expires = null }).Expires);
    }

    [Fact]
    public void Issuer_without_expiry_reproduces_Daily_example_token()
    {
        // The example has no exp, which the issuer always fills: its completed claims, without exp, signed as they are.
        using var daily = new DailyTokenIssuer(new DailyCredentials(ApiKey, Guid.Parse(DailyTokenTests.ExampleDomain)), new DailyTokenIssuerOptions { TimeProvider = new ManualTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1548722207)) });
        using var signer = JwtSigner.FromSecret(ApiKey);
        string token = signer.Sign(daily.Complete(new DailyToken { RoomName = "room-0253" }) with { Expires = null });
        Assert.Equal(DailyTokenTests.ExampleSegments, token[..token.LastIndexOf('.')]);
    }

    [Fact]
    public void Issued_token_verifies_under_the_api_key()
    {
        using var daily = new DailyTokenIssuer(new DailyCredentials(ApiKey, Domain), new DailyTokenIssuerOptions { TimeProvider = new ManualTimeProvider(Now) });
        string token = daily.Issue(DailyTokenTests.FullToken());
        using var verifier = JwtVerifier.FromSecret(ApiKey, new JwtVerifierOptions { TimeProvider = new ManualTimeProvider(Now) });
        Assert.True(verifier.TryVerify(token.AsSpan(), out DailyToken? read, out JwtError error), error.ToString());
        Assert.Equal(DailyTokenTests.Json(DailyTokenTests.FullToken()), DailyTokenTests.Json(read!));
    }

    [Fact]
    public void Issuer_errors_name_the_claim()
    {
        using var daily = new DailyTokenIssuer(new DailyCredentials(ApiKey, Domain), new DailyTokenIssuerOptions { TimeProvider = new ManualTimeProvider(Now) });
        var invalid = Assert.Throws<JwtPayloadValidationException>(() => daily.Issue(new DailyToken { UserId = new string('x', 40), EjectAfterElapsed = -5 }));
        Assert.Equal(new[] { "eje", "r", "ud" }, invalid.Problems.Select(p => p.Claim).Order(StringComparer.Ordinal));

        var otherDomain = Assert.Throws<ArgumentException>(() => daily.Issue(new DailyToken { RoomName = "a", DomainId = Guid.NewGuid() }));
        Assert.Contains("'d'", otherDomain.Message);

        var badDomain = Assert.Throws<ArgumentException>(() => DailyCredentials.ParseDomainId("my-domain"));
        Assert.Equal("domainId", badDomain.ParamName);
        Assert.Contains("'d'", badDomain.Message);
        Assert.Equal("DomainId", Assert.Throws<ArgumentException>(() => new DailyCredentials(ApiKey, Guid.Empty)).ParamName);
        var shortKey = Assert.Throws<ArgumentException>(() => new DailyTokenIssuer(new DailyCredentials("short", Domain)));
        Assert.Equal("credentials", shortKey.ParamName);
        Assert.Contains("5 bytes", shortKey.Message);
        Assert.Contains("Daily API key", shortKey.Message);
        Assert.Equal("ApiKey", Assert.Throws<ArgumentException>(() => new DailyCredentials("", Domain)).ParamName);
        Assert.Equal("ApiKey", Assert.Throws<ArgumentNullException>(() => new DailyCredentials(null!, Domain)).ParamName);
        Assert.Equal("Lifetime", Assert.Throws<ArgumentOutOfRangeException>(() => new DailyTokenIssuer(new DailyCredentials(ApiKey, Domain), new DailyTokenIssuerOptions { Lifetime = TimeSpan.Zero })).ParamName);
        Assert.Equal("Backdating", Assert.Throws<ArgumentException>(() => new DailyTokenIssuer(new DailyCredentials(ApiKey, Domain), new DailyTokenIssuerOptions { Backdating = TimeSpan.Zero })).ParamName);
        Assert.Equal("KeyId", Assert.Throws<ArgumentException>(() => new DailyTokenIssuer(new DailyCredentials(ApiKey, Domain), new DailyTokenIssuerOptions { KeyId = "k" })).ParamName);
        Assert.DoesNotContain(ApiKey, new DailyCredentials(ApiKey, Domain).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Issuer_reports_tokens_over_Daily_recommended_length()
    {
        using var daily = new DailyTokenIssuer(new DailyCredentials(ApiKey, Domain), new DailyTokenIssuerOptions { TimeProvider = new ManualTimeProvider(Now), RejectOverlongTokens = false });
        string typical = daily.Issue(new DailyToken { RoomName = "standup", UserName = "Ada" });
        Assert.False(DailyTokenIssuer.ExceedsRecommendedLength(typical));

        var large = new DailyToken { RoomName = "standup", UserName = new string('a', 1500) };
        string overlong = daily.Issue(large);
        Assert.True(overlong.Length > DailyTokenIssuer.MaxRecommendedLength);
        Assert.True(DailyTokenIssuer.ExceedsRecommendedLength(overlong));

        using var rejecting = new DailyTokenIssuer(new DailyCredentials(ApiKey, Domain), new DailyTokenIssuerOptions { TimeProvider = new ManualTimeProvider(Now) });
        Assert.True(rejecting.Options.RejectOverlongTokens);
        Assert.Equal(typical, rejecting.Issue(new DailyToken { RoomName = "standup", UserName = "Ada" }));
        var error = Assert.Throws<InvalidOperationException>(() => rejecting.Issue(large));
        Assert.Contains(overlong.Length.ToString(), error.Message);
        Assert.Contains("2048", error.Message);
    }

    [Fact]
    public void Boundary_of_the_recommended_length_is_2048_characters()
    {
        Assert.False(DailyTokenIssuer.ExceedsRecommendedLength(new string('a', 2048)));
        Assert.True(DailyTokenIssuer.ExceedsRecommendedLength(new string('a', 2049)));
    }

    [Fact]
    public void Disposed_issuer_refuses_to_issue()
    {
        var daily = new DailyTokenIssuer(new DailyCredentials(ApiKey, Domain), new DailyTokenIssuerOptions { TimeProvider = new ManualTimeProvider(Now) });
        daily.Dispose();
        Assert.Throws<ObjectDisposedException>(() => daily.Issue(new DailyToken { RoomName = "a" }));
    }

    [Fact]
    public async Task IdentityModel_reads_the_same_claim_values_from_a_Daily_token()
    {
        using var daily = new DailyTokenIssuer(new DailyCredentials(ApiKey, Domain), new DailyTokenIssuerOptions { TimeProvider = new ManualTimeProvider(Now) });
        DailyToken sent = DailyTokenTests.FullToken() with { IssuedAt = null, NotBefore = null, Expires = null };
        string token = daily.Issue(sent);

        TokenValidationResult result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(ApiKey)),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        var jwt = (JsonWebToken)result.SecurityToken;
        Assert.Equal("HS256", jwt.Alg);
        Assert.Equal("JWT", jwt.Typ);
        Assert.Equal(sent.RoomName, jwt.GetPayloadValue<string>("r"));
        Assert.Equal(DailyTokenTests.ExampleDomain, jwt.GetPayloadValue<string>("d"));
        Assert.Equal(Now.ToUnixTimeSeconds(), jwt.GetPayloadValue<long>("iat"));
        Assert.Equal(Now.AddHours(1).ToUnixTimeSeconds(), jwt.GetPayloadValue<long>("exp"));
        Assert.False(jwt.TryGetPayloadValue("nbf", out long _));
        Assert.Equal(sent.UserId, jwt.GetPayloadValue<string>("ud"));
        Assert.Equal(sent.UserName, jwt.GetPayloadValue<string>("u"));
        Assert.False(jwt.GetPayloadValue<bool>("o"));
        Assert.True(jwt.GetPayloadValue<bool>("ss"));
        Assert.Equal("https://example.com/bye", jwt.GetPayloadValue<string>("rome"));
        Assert.Equal(3600, jwt.GetPayloadValue<int>("eje"));
        Assert.Equal("pt-BR", jwt.GetPayloadValue<string>("uil"));
        Assert.True(jwt.TryGetPayloadValue("er", out System.Collections.Generic.List<string>? modes));
        Assert.Equal(new[] { "cloud", "raw-tracks" }, modes);
        Assert.True(jwt.TryGetPayloadValue("p", out System.Text.Json.JsonElement permissions));
        Assert.Equal("v,a", permissions.GetProperty("cs").GetString());
        Assert.Equal("p,s,t", permissions.GetProperty("ca").GetString());
        Assert.True(permissions.GetProperty("cr").GetProperty("u").GetProperty("host").GetBoolean());
    }
}
