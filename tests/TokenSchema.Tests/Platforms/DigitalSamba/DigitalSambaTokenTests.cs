using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.IdentityModel.JsonWebTokens;
using TokenSchema.DigitalSamba;
using Xunit;
using static TokenSchema.Tests.Platforms.PlatformTestSupport;

namespace TokenSchema.Tests.Platforms.DigitalSamba;

public sealed class DigitalSambaTokenTests
{
    private const string DeveloperKey = "digital-samba-demo-developer-key-0123456789";
    private const string Team = "7d5c2a3e-4b1f-4e8a-9c6d-0f1e2d3c4b5a";
    private const string Room = "3a9b8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d";
    private static readonly byte[] Key = KeyOf(DeveloperKey);
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_733_808_124);

    private static DigitalSambaToken Full => new()
    {
        ExternalUserId = "EXT1234",
        UserName = "Mohammed",
        RoomId = Room,
        TeamId = Team,
        Role = "moderator",
        Initials = "JD",
        BreakoutId = "breakout-2",
        AvatarUrl = "https://cdn.example.com/avatars/mohammed.png",
        IssuedAt = Now,
        NotBefore = Now.AddMinutes(-5),
        Expires = Now.AddHours(2),
    };

    [Fact]
    public void OpenAPI_example_payload_is_reproduced_byte_for_byte()
    {
        string expected = """{"ud":"EXT1234","u":"Mohammed","rd":"3a9b8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d","td":"7d5c2a3e-4b1f-4e8a-9c6d-0f1e2d3c4b5a","role":"moderator","initials":"JD","iat":1733808124}""";
        using var signer = new JwtSigner(Key);
        string token = signer.Sign(new DigitalSambaToken
        {
            ExternalUserId = "EXT1234",
            UserName = "Mohammed",
            RoomId = Room,
            TeamId = Team,
            Role = "moderator",
            Initials = "JD",
            IssuedAt = Now,
        });

        Assert.Equal(Forge.Base64Url(expected), token.Split('.')[1]);
        Assert.Equal(expected, PayloadJson(token));
    }

    [Fact]
    public void Every_claim_is_written_in_declaration_order_with_its_JSON_type()
    {
        using var signer = new JwtSigner(Key);
        Assert.Equal(
            """{"ud":"EXT1234","u":"Mohammed","rd":"3a9b8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d","td":"7d5c2a3e-4b1f-4e8a-9c6d-0f1e2d3c4b5a","role":"moderator","initials":"JD","breakoutId":"breakout-2","avatar":"https://cdn.example.com/avatars/mohammed.png","iat":1733808124,"nbf":1733807824,"exp":1733815324}""",
            PayloadJson(signer.Sign(Full)));
        Assert.Equal("""{"rd":"lobby"}""", PayloadJson(signer.Sign(new DigitalSambaToken { RoomId = "lobby" })));
    }

    [Fact]
    public void Round_trip_with_every_claim_set_returns_an_equal_token()
    {
        using var signer = new JwtSigner(Key);
        DigitalSambaToken received = Verify<DigitalSambaToken>(signer.Sign(Full), Key, Now);
        Assert.Equal(Full, received);
    }

    [Theory]
    [InlineData("""{"rd":"lobby","u":5}""", "u")]
    [InlineData("""{"rd":"lobby","td":true}""", "td")]
    [InlineData("""{"rd":["lobby"]}""", "rd")]
    [InlineData("""{"rd":"lobby","breakoutId":{}}""", "breakoutId")]
    [InlineData("""{"rd":"lobby","exp":"tomorrow"}""", "exp")]
    [InlineData("""{"rd":"lobby","iat":null,"nbf":"1"}""", "nbf")]
    public void Reading_refuses_a_wrong_JSON_type_naming_the_claim(string json, string claim) =>
        AssertReadError<DigitalSambaToken>(json, ClaimReadErrorKind.WrongType, claim);

    [Fact]
    public void Reading_requires_the_room_and_refuses_a_repeated_claim()
    {
        AssertReadError<DigitalSambaToken>("""{"td":"team","u":"Ada"}""", ClaimReadErrorKind.MissingClaim, "rd");
        AssertReadError<DigitalSambaToken>("""{"rd":"a","role":"x","role":"y"}""", ClaimReadErrorKind.DuplicateClaim, "role");
        Assert.Equal(new DigitalSambaToken { RoomId = "a", Role = "moderator" }, Read<DigitalSambaToken>("""{"rd":"a","role":"moderator","future":1}"""));
    }

    [Fact]
    public void Validation_lists_every_problem_by_claim_name()
    {
        var token = Full with { RoomId = " ", AvatarUrl = "avatar.png", Expires = Now.AddSeconds(-1) };
        ClaimValidationResult result = token.Validate();
        Assert.Equal(["rd", "avatar", "exp"], result.Problems.Select(p => p.Claim));
        Assert.Equal("'exp' is not after 'iat'", result.Problems[2].ToString());
        Assert.Equal("'rd' is required", result.Problems[0].ToString());
        Assert.True(Full.Validate().IsValid);
        var thrown = Assert.Throws<JwtPayloadValidationException>(() => new JwtSigner(Key).Sign(token));
        Assert.Contains("'avatar'", thrown.Message);
    }

    [Fact]
    public void Issuer_fills_team_issue_time_and_default_expiry_from_its_clock()
    {
        var clock = new ManualTimeProvider(Now.AddMilliseconds(700));
        using var issuer = new DigitalSambaTokenIssuer(new DigitalSambaCredentials(Team, DeveloperKey), new DigitalSambaTokenIssuerOptions { TimeProvider = clock });
        string token = issuer.Issue(new DigitalSambaToken { RoomId = "weekly", Role = "moderator" });

        Assert.Equal("""{"rd":"weekly","td":"7d5c2a3e-4b1f-4e8a-9c6d-0f1e2d3c4b5a","role":"moderator","iat":1733808124,"exp":1733811724}""", PayloadJson(token));
        Assert.Equal("""{"alg":"HS256","typ":"JWT"}""", HeaderJson(token));
        Assert.Equal(TimeSpan.FromHours(1), issuer.Lifetime);

        clock.Now = Now.AddDays(1);
        DigitalSambaToken later = issuer.Complete(new DigitalSambaToken { RoomId = "weekly" });
        Assert.Equal(Now.AddDays(1), later.IssuedAt);
        Assert.Equal(Now.AddDays(1).AddHours(1), later.Expires);
    }

    [Fact]
    public void Issuer_keeps_given_times_honours_its_lifetime_and_refuses_another_team()
    {
        var clock = new ManualTimeProvider(Now);
        using var issuer = new DigitalSambaTokenIssuer(new DigitalSambaCredentials(Team, DeveloperKey), new DigitalSambaTokenIssuerOptions { TimeProvider = clock, Lifetime = TimeSpan.FromMinutes(10) });
        DigitalSambaToken kept = issuer.Complete(new DigitalSambaToken { RoomId = "r", IssuedAt = Now.AddMinutes(-1), Expires = Now.AddDays(1) });
        Assert.Equal(Now.AddMinutes(-1), kept.IssuedAt);
        Assert.Equal(Now.AddDays(1), kept.Expires);
        Assert.Equal(Now.AddMinutes(10), issuer.Complete(new DigitalSambaToken { RoomId = "r" }).Expires);

        var error = Assert.Throws<ArgumentException>(() => issuer.Issue(new DigitalSambaToken { RoomId = "r", TeamId = "another-team" }));
        Assert.Contains("'td'", error.Message);
        Assert.Throws<JwtPayloadValidationException>(() => issuer.Issue(new DigitalSambaToken { RoomId = "" }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DigitalSambaTokenIssuer(new DigitalSambaCredentials(Team, DeveloperKey), new DigitalSambaTokenIssuerOptions { TimeProvider = clock, Lifetime = TimeSpan.Zero }));
        Assert.Throws<ArgumentException>(() => new DigitalSambaTokenIssuer(new DigitalSambaCredentials(" ", DeveloperKey)));
    }

    [Fact]
    public void Room_url_carries_the_token_in_its_query()
    {
        Assert.Equal("https://acme.digitalsamba.com/weekly?token=a.b.c",
            DigitalSambaTokenIssuer.AppendToken(new Uri("https://acme.digitalsamba.com/weekly"), "a.b.c").AbsoluteUri);
        Assert.Equal("https://acme.digitalsamba.com/weekly?lang=en&token=a.b.c",
            DigitalSambaTokenIssuer.AppendToken(new Uri("https://acme.digitalsamba.com/weekly?lang=en"), "a.b.c").AbsoluteUri);
        Assert.Throws<ArgumentException>(() => DigitalSambaTokenIssuer.AppendToken(new Uri("/weekly", UriKind.Relative), "a.b.c"));
    }

    [Fact]
    public async Task IdentityModel_validates_an_issued_token_with_the_same_claims()
    {
        DateTimeOffset now = WholeSecondsNow();
        using var issuer = new DigitalSambaTokenIssuer(new DigitalSambaCredentials(Team, DeveloperKey), new DigitalSambaTokenIssuerOptions { TimeProvider = new ManualTimeProvider(now) });
        string token = issuer.Issue(new DigitalSambaToken { RoomId = Room, ExternalUserId = "EXT1234", UserName = "Mohammed", Role = "moderator", AvatarUrl = "https://cdn.example.com/a.png" });

        JsonWebToken jwt = await ValidateWithIdentityModel(token, Key);
        Assert.Equal(Room, jwt.GetPayloadValue<string>("rd"));
        Assert.Equal(Team, jwt.GetPayloadValue<string>("td"));
        Assert.Equal("EXT1234", jwt.GetPayloadValue<string>("ud"));
        Assert.Equal("Mohammed", jwt.GetPayloadValue<string>("u"));
        Assert.Equal("moderator", jwt.GetPayloadValue<string>("role"));
        Assert.Equal("https://cdn.example.com/a.png", jwt.GetPayloadValue<string>("avatar"));
        Assert.Equal(now.ToUnixTimeSeconds(), jwt.GetPayloadValue<long>("iat"));
        Assert.Equal(now.AddHours(1).ToUnixTimeSeconds(), jwt.GetPayloadValue<long>("exp"));
    }
}
