using System;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Xunit;

namespace TokenSchema.Tests;

/// <summary>
/// Rules of the verifier that close holes a signed token could slip through: a future <c>iat</c> that would stretch the
/// lifetime, an <c>aud</c> that is not a string or an array of strings, a repeated header parameter, and a one-pass read
/// that did not see every claim.
/// </summary>
public sealed class VerifierRulesTests
{
    private static readonly byte[] Key = SignerTests.Key;
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
    private static readonly long NowSeconds = Now.ToUnixTimeSeconds();
    private static readonly long TenYears = 10L * 365 * 24 * 3600;

    private static JwtVerificationFailure Verify<T>(string payloadJson, JwtVerifierOptions options, string header = """{"alg":"HS256","typ":"JWT"}""")
        where T : IJwtPayload<T>
    {
        using var verifier = new JwtVerifier(Key, options);
        using var twoPasses = new JwtVerifier(Key, options) { ReadInTwoPasses = true };
        string token = Forge.Token(header, payloadJson, Key);
        verifier.TryVerifyDetailed(token.AsSpan(), out T? _, out JwtVerificationFailure failure);
        verifier.TryVerify(token.AsSpan(), out T? _, out JwtError error);
        twoPasses.TryVerifyDetailed(token.AsSpan(), out T? _, out JwtVerificationFailure other);
        Assert.Equal(failure.Error, error);
        Assert.Equal((failure.Error, failure.Claim), (other.Error, other.Claim));
        return failure;
    }

    private static JwtVerificationFailure Verify(string payloadJson, JwtVerifierOptions options, string header = """{"alg":"HS256","typ":"JWT"}""") =>
        Verify<TestPayload>(payloadJson, options, header);

    private static JwtVerifierOptions Options(TimeSpan? maxLifetime = null, bool requireExp = true, bool rejectFutureIat = false, string[]? audiences = null) => new()
    {
        TimeProvider = new ManualTimeProvider(Now),
        MaxLifetime = maxLifetime,
        RequireExpirationTime = requireExp,
        RejectFutureIssuedAt = rejectFutureIat,
        ValidAudiences = audiences,
    };

    // ---------------------------------------------------------------- iat and the lifetime

    [Fact]
    public void A_future_iat_cannot_stretch_the_maximum_lifetime()
    {
        JwtVerificationFailure failure = Verify($$"""{"r":"a","iat":{{NowSeconds + TenYears - 60}},"exp":{{NowSeconds + TenYears}}}""", Options(TimeSpan.FromHours(1)));

        Assert.Equal((JwtError.IssuedInTheFuture, "iat"), (failure.Error, failure.Claim));
    }

    [Theory]
    [InlineData(30, JwtError.None)]
    [InlineData(31, JwtError.IssuedInTheFuture)]
    public void An_iat_that_starts_the_lifetime_may_be_ahead_by_the_clock_skew_only(int ahead, JwtError expected)
    {
        Assert.Equal(expected, Verify($$"""{"r":"a","iat":{{NowSeconds + ahead}},"exp":{{NowSeconds + 600}}}""", Options(TimeSpan.FromHours(1))).Error);
    }

    [Fact]
    public void With_nbf_starting_the_lifetime_a_future_iat_is_refused_only_when_asked()
    {
        string json = $$"""{"r":"a","nbf":{{NowSeconds - 10}},"iat":{{NowSeconds + 3600}},"exp":{{NowSeconds + 7200}}}""";

        Assert.Equal(JwtError.None, Verify(json, Options(TimeSpan.FromHours(3))).Error);
        Assert.Equal((JwtError.IssuedInTheFuture, "iat"), (Verify(json, Options(rejectFutureIat: true)).Error, Verify(json, Options(rejectFutureIat: true)).Claim));
        Assert.Equal(JwtError.None, Verify(json, Options()).Error);
    }

    [Fact]
    public void A_maximum_lifetime_requires_exp_whatever_RequireExpirationTime_says()
    {
        JwtVerificationFailure failure = Verify($$"""{"r":"a","iat":{{NowSeconds}}}""", Options(TimeSpan.FromHours(1), requireExp: false));

        Assert.Equal((JwtError.MissingExpirationTime, "exp"), (failure.Error, failure.Claim));
        Assert.Equal(JwtError.None, Verify($$"""{"r":"a","iat":{{NowSeconds}}}""", Options(requireExp: false)).Error);
    }

    // ---------------------------------------------------------------- aud

    [Theory]
    [InlineData("""["svc",1]""")]
    [InlineData("""["svc",null]""")]
    [InlineData("""["svc",["svc"]]""")]
    [InlineData("""["svc",{}]""")]
    [InlineData("5")]
    [InlineData("{}")]
    [InlineData("true")]
    [InlineData("null")]
    public void An_aud_that_is_not_a_string_or_an_array_of_strings_is_refused(string aud)
    {
        string json = $$"""{"r":"a","exp":{{NowSeconds + 600}},"aud":{{aud}}}""";

        Assert.Equal((JwtError.InvalidClaims, "aud"), (Verify(json, Options(audiences: ["svc"])).Error, Verify(json, Options(audiences: ["svc"])).Claim));
        Assert.Equal((JwtError.InvalidClaims, "aud"), (Verify(json, Options()).Error, Verify(json, Options()).Claim));
        Assert.Equal((JwtError.InvalidClaims, "aud"), (Verify<EmptyPayload>(json, Options()).Error, Verify<EmptyPayload>(json, Options()).Claim));
    }

    [Theory]
    [InlineData("\"svc\"")]
    [InlineData("""["x","svc"]""")]
    [InlineData("""["svc"]""")]
    public void An_aud_that_is_a_string_or_an_array_of_strings_is_read(string aud)
    {
        string json = $$"""{"r":"a","exp":{{NowSeconds + 600}},"aud":{{aud}}}""";

        Assert.Equal(JwtError.None, Verify(json, Options(audiences: ["svc"])).Error);
        Assert.Equal(JwtError.None, Verify(json, Options()).Error);
    }

    // ---------------------------------------------------------------- header

    [Theory]
    [InlineData("""{"alg":"HS256","foo":1,"foo":2}""")]
    [InlineData("""{"alg":"HS256","foo":1,"f\u006fo":2}""")]
    [InlineData("""{"alg":"HS256","typ":"JWT","cty":"twilio-fpa;v=1","twr":"us1","tw\u0072":"ie1"}""")]
    [InlineData("""{"alg":"HS256","t\u0079p":"JWT","typ":"JWT"}""")]
    [InlineData("""{"alg":"HS256","crit":["exp"],"crit":["exp"]}""")]
    public void A_repeated_header_parameter_is_refused_in_any_spelling(string header)
    {
        Assert.Equal(JwtError.InvalidHeader, Verify($$"""{"r":"a","exp":{{NowSeconds + 600}}}""", Options(), header).Error);
    }

    [Fact]
    public void Header_parameters_that_do_not_repeat_are_accepted()
    {
        Assert.Equal(JwtError.None, Verify($$"""{"r":"a","exp":{{NowSeconds + 600}}}""", Options(),
            """{"alg":"HS256","typ":"JWT","cty":"twilio-fpa;v=1","twr":"us1","foo":1,"bar":{"foo":1,"foo":2}}""").Error);
    }

    // ---------------------------------------------------------------- the one pass must see every claim

    [Fact]
    public void A_one_pass_reader_that_reports_nothing_to_the_scan_does_not_turn_off_the_verifiers_checks()
    {
        using var verifier = new JwtVerifier(Key, new JwtVerifierOptions { TimeProvider = new ManualTimeProvider(Now), RequireExpirationTime = false });
        string expired = Forge.Token("{\"r\":\"room\",\"exp\":1799999000}", Key);
        Assert.False(verifier.TryVerify(expired.AsSpan(), out SilentScanPayload? _, out JwtError error));
        Assert.Equal(JwtError.Expired, error);

        string duplicate = Forge.Token("{\"r\":\"room\",\"x\":1,\"\\u0078\":2,\"exp\":1800000600}", Key);
        Assert.False(verifier.TryVerify(duplicate.AsSpan(), out SilentScanPayload? _, out error));
        Assert.Equal(JwtError.DuplicateClaim, error);

        string valid = Forge.Token("{\"r\":\"room\",\"x\":1,\"exp\":1800000600}", Key);
        Assert.True(verifier.TryVerify(valid.AsSpan(), out SilentScanPayload? read, out error), error.ToString());
        Assert.Equal("room", read.Inner.Room);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"r\":\"a\",\"x\":[1,{\"y\":2}],\"\\u0065xp\":1800000600,\"iss\":\"i\",\"aud\":[\"a\"]}")]
    [InlineData(" { \"r\" : \"a\" , \"exp\" : 1800000600 } ")]
    public void A_generated_reader_reports_every_top_level_claim(string json)
    {
        Assert.True(ScanSawEveryClaim<TestPayload>(json));
        Assert.True(ScanSawEveryClaim<EmptyPayload>(json));
        Assert.True(ScanSawEveryClaim<TokenSchema.LiveKit.LiveKitToken>(json.Replace("\"r\"", "\"name\"", StringComparison.Ordinal)));
        Assert.False(ScanSawEveryClaim<SilentScanPayload>(json.Replace("{}", "{\"r\":\"a\"}", StringComparison.Ordinal)));
    }

    private static bool ScanSawEveryClaim<T>(string json) where T : IJwtPayload<T>
    {
        byte[] utf8 = System.Text.Encoding.UTF8.GetBytes(json);
        var scan = new ClaimScan(utf8, null, null, rejectUnknown: false);
        try
        {
            var reader = new Utf8JsonReader(utf8);
            return T.TryReadAndScanPayload(ref reader, ref scan, out _, out _) && scan.SawEveryClaim;
        }
        finally
        {
            scan.Dispose();
        }
    }
}

/// <summary>A hand-written payload whose one-pass reader reads the claims but reports none of them to the verifier's scan.</summary>
public sealed record SilentScanPayload(HandWrittenPayload Inner) : IJwtPayload<SilentScanPayload>
{
    public void WritePayload(Utf8JsonWriter writer) => Inner.WritePayload(writer);

    public ClaimValidationResult Validate() => Inner.Validate();

    public static bool TryReadPayload(ref Utf8JsonReader reader, [MaybeNullWhen(false)] out SilentScanPayload payload, out ClaimReadError error)
    {
        bool read = HandWrittenPayload.TryReadPayload(ref reader, out HandWrittenPayload? inner, out error);
        payload = read ? new SilentScanPayload(inner!) : null;
        return read;
    }

    static bool IJwtPayload<SilentScanPayload>.TryReadAndScanPayload(ref Utf8JsonReader reader, ref ClaimScan scan, [MaybeNullWhen(false)] out SilentScanPayload payload, out ClaimReadError error) =>
        TryReadPayload(ref reader, out payload, out error);
}
