using System;
using System.Buffers.Text;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using JwsAlgorithm = Jose.JwsAlgorithm;
using JWT;
using JWT.Algorithms;
using JWT.Serializers;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TokenSchema.Benchmarks;

/// <summary>Verifying one 8-claim Daily token (signature, expiry) and reading its claims.</summary>
/// <remarks>
/// Run in the three jobs of <see cref="PeerJobs"/>: every Ratio is against IdentityModel 8.23.0's
/// <c>ValidateTokenAsync</c> in the <see cref="PeerJobs.Main"/> job, whatever the row's job.
/// </remarks>
[MemoryDiagnoser]
public class VerifyBenchmarks
{
    private string _token = null!;
    private JwtVerifier _verifier = null!;
    private JsonWebTokenHandler _handler = null!;
    private TokenValidationParameters _parameters = null!;
    private JwtDecoder _jwtDecoder = null!;

    /// <summary>
    /// Signs the token once and builds every verifier; checks that each accepts it and reads the fixture's claims, and
    /// that each rejects the token with its signature changed.
    /// </summary>
    [GlobalSetup]
    public void Setup()
    {
        BuildFlavour.Check();
        using (var signer = new JwtSigner(Fixture.Key))
        {
            _token = signer.Sign(Fixture.TokenSchemaPayload);
        }

        _verifier = new JwtVerifier(Fixture.Key);
        _handler = new JsonWebTokenHandler();
        _parameters = new TokenValidationParameters
        {
            IssuerSigningKey = new SymmetricSecurityKey(Fixture.Key),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = true,
        };
        var serializer = new JsonNetSerializer();
        _jwtDecoder = new JwtDecoder(serializer, new JwtValidator(serializer, new UtcDateTimeProvider()), new JwtBase64UrlEncoder(), new HMACSHA256Algorithm());

        Fixture.CheckClaims(_token, "TokenSchema.Sign");
        string tampered = Fixture.Tampered(_token);

        if (!_verifier.TryVerify(_token, out Daily.DailyToken? read, out _) || read != Fixture.TokenSchemaPayload)
        {
            throw new InvalidOperationException("TokenSchema rejects the token or reads different claims.");
        }

        if (!_verifier.TryVerify(_token, out HandWrittenDailyToken? handRead, out _) || handRead != Fixture.HandWrittenPayload)
        {
            throw new InvalidOperationException("TokenSchema (hand-written payload) rejects the token or reads different claims.");
        }

        if (_verifier.TryVerify<Daily.DailyToken>(tampered, out _, out _) || _verifier.TryVerify<HandWrittenDailyToken>(tampered, out _, out _))
        {
            throw new InvalidOperationException("TokenSchema accepts a token whose signature was changed.");
        }

        string identityModel = "IdentityModel " + BuildFlavour.IdentityModelVersion;
        TokenValidationResult result = _handler.ValidateTokenAsync(_token, _parameters).GetAwaiter().GetResult();
        if (!result.IsValid)
        {
            throw new InvalidOperationException($"{identityModel} rejects the token.", result.Exception);
        }

        Fixture.CheckClaims(result.Claims, identityModel);
        if (_handler.ValidateTokenAsync(tampered, _parameters).GetAwaiter().GetResult().IsValid)
        {
            throw new InvalidOperationException($"{identityModel} accepts a token whose signature was changed.");
        }

        Fixture.CheckClaims(JwtDotNet_DecodeVerify(), "JWT");
        ExpectRejection<JWT.Exceptions.SignatureVerificationException>("JWT", () => _jwtDecoder.DecodeToObject<Dictionary<string, object>>(tampered, Fixture.Key, verify: true));

        Fixture.CheckClaims(JoseJwt_Decode(), "jose-jwt");
        ExpectRejection<Jose.IntegrityException>("jose-jwt", () => Jose.JWT.Decode<Dictionary<string, object>>(tampered, Fixture.Key, JwsAlgorithm.HS256));

        HandPayload? byHand = ByHand_HashData_SystemTextJson();
        if (byHand != Fixture.HandPayload)
        {
            throw new InvalidOperationException("ByHand rejects the token or reads different claims.");
        }

        if (ByHand(tampered) is not null)
        {
            throw new InvalidOperationException("ByHand accepts a token whose signature was changed.");
        }
    }

    /// <summary>Releases the verifier.</summary>
    [GlobalCleanup]
    public void Cleanup() => _verifier.Dispose();

    /// <summary>Microsoft.IdentityModel.JsonWebTokens: 8.23.0 in the Main job (the baseline), 8.16.0 in its own job.</summary>
    [Benchmark(Baseline = true, Description = "IdentityModel JsonWebTokenHandler.ValidateTokenAsync")]
    public async Task<bool> IdentityModel_ValidateTokenAsync() =>
        (await _handler.ValidateTokenAsync(_token, _parameters).ConfigureAwait(false)).IsValid;

    /// <summary>JWT 7.3.1: decode to a dictionary with signature and expiry checks.</summary>
    [Benchmark(Description = "JWT 7.3.1 DecodeToObject (verify)")]
    public IDictionary<string, object> JwtDotNet_DecodeVerify() =>
        _jwtDecoder.DecodeToObject<Dictionary<string, object>>(_token, Fixture.Key, verify: true);

    /// <summary>
    /// jose-jwt 5.3.0: decode to a dictionary with the signature check, then the expiry check, which jose-jwt leaves to
    /// the caller.
    /// </summary>
    [Benchmark(Description = "jose-jwt 5.3.0 JWT.Decode (verify) + exp check")]
    public Dictionary<string, object> JoseJwt_Decode()
    {
        Dictionary<string, object> claims = Jose.JWT.Decode<Dictionary<string, object>>(_token, Fixture.Key, JwsAlgorithm.HS256);
        long exp = claims.TryGetValue("exp", out object? value)
            ? value switch
            {
                long seconds => seconds,
                int seconds => seconds,
                JsonElement { ValueKind: JsonValueKind.Number } number => number.GetInt64(),
                _ => throw new InvalidOperationException($"jose-jwt: exp is a {value?.GetType().Name ?? "null"}."),
            }
            : throw new InvalidOperationException("jose-jwt: no exp.");
        return exp > DateTimeOffset.UtcNow.ToUnixTimeSeconds() ? claims : throw new InvalidOperationException("jose-jwt: expired.");
    }

    /// <summary>By hand: one-shot HMACSHA256 over header.payload, then System.Text.Json source generation, then the expiry.</summary>
    [Benchmark(Description = "by hand: HMACSHA256.HashData + STJ + exp check")]
    public HandPayload? ByHand_HashData_SystemTextJson() => ByHand(_token);

    /// <summary>TokenSchema: strict verification into the built-in generated <see cref="Daily.DailyToken"/>.</summary>
    [AlsoOnBclMac]
    [Benchmark(Description = "TokenSchema JwtVerifier.TryVerify")]
    public bool TokenSchema_TryVerify() => _verifier.TryVerify<Daily.DailyToken>(_token, out _, out _);

    /// <summary>TokenSchema: strict verification into the hand-written 8-claim payload (reference row).</summary>
    [Benchmark(Description = "TokenSchema JwtVerifier.TryVerify, hand-written IJwtPayload")]
    public bool TokenSchema_TryVerify_HandWritten() => _verifier.TryVerify<HandWrittenDailyToken>(_token, out _, out _);

    private static HandPayload? ByHand(string token)
    {
        int first = token.IndexOf('.');
        int last = token.LastIndexOf('.');
        if (first < 0 || last == first)
        {
            return null;
        }

        byte[] mac = HMACSHA256.HashData(Fixture.Key, Encoding.ASCII.GetBytes(token, 0, last));
        if (!CryptographicOperations.FixedTimeEquals(mac, Base64Url.DecodeFromChars(token.AsSpan(last + 1))))
        {
            return null;
        }

        byte[] json = Base64Url.DecodeFromChars(token.AsSpan(first + 1, last - first - 1));
        HandPayload? payload = JsonSerializer.Deserialize(json, HandJsonContext.Default.HandPayload);
        return payload is not null && payload.Expires > DateTimeOffset.UtcNow.ToUnixTimeSeconds() ? payload : null;
    }

    /// <summary>Throws unless <paramref name="verify"/> rejects its token for its signature.</summary>
    private static void ExpectRejection<TSignatureException>(string approach, Action verify)
        where TSignatureException : Exception
    {
        try
        {
            verify();
        }
        catch (TSignatureException)
        {
            return;
        }

        throw new InvalidOperationException($"{approach} accepts a token whose signature was changed.");
    }
}
