using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using JWT;
using JWT.Algorithms;
using JWT.Serializers;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TokenSchema.Benchmarks;

/// <summary>Verifying one 8-claim Daily token (signature, expiry) and reading its claims.</summary>
[MemoryDiagnoser]
public class VerifyBenchmarks
{
    private string _token = null!;
    private JwtVerifier _verifier = null!;
    private JsonWebTokenHandler _handler = null!;
    private TokenValidationParameters _parameters = null!;
    private JwtDecoder _jwtDecoder = null!;

    /// <summary>Signs the token once and builds every verifier; checks that each accepts it.</summary>
    [GlobalSetup]
    public void Setup()
    {
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
        if (!_verifier.TryVerify(_token, out Daily.DailyToken? read, out _) || read != Fixture.TokenSchemaPayload)
        {
            throw new InvalidOperationException("TokenSchema rejects the token or reads different claims.");
        }

        if (!_verifier.TryVerify(_token, out HandWrittenDailyToken? handRead, out _) || handRead != Fixture.HandWrittenPayload)
        {
            throw new InvalidOperationException("TokenSchema (hand-written payload) rejects the token or reads different claims.");
        }

        if (!IdentityModel_ValidateTokenAsync().GetAwaiter().GetResult())
        {
            throw new InvalidOperationException("IdentityModel rejects the token.");
        }

        if (JwtDotNet_DecodeVerify()["r"] is not string room || room != Fixture.Room)
        {
            throw new InvalidOperationException("JWT rejects the token.");
        }
    }

    /// <summary>Releases the verifier.</summary>
    [GlobalCleanup]
    public void Cleanup() => _verifier.Dispose();

    /// <summary>Microsoft.IdentityModel.JsonWebTokens 8.16.0.</summary>
    [Benchmark(Baseline = true, Description = "IdentityModel JsonWebTokenHandler.ValidateTokenAsync")]
    public async Task<bool> IdentityModel_ValidateTokenAsync() =>
        (await _handler.ValidateTokenAsync(_token, _parameters).ConfigureAwait(false)).IsValid;

    /// <summary>JWT 7.3.1: decode to a dictionary with signature and expiry checks.</summary>
    [Benchmark(Description = "JWT 7.3.1 DecodeToObject (verify)")]
    public IDictionary<string, object> JwtDotNet_DecodeVerify() =>
        _jwtDecoder.DecodeToObject<Dictionary<string, object>>(_token, Fixture.Key, verify: true);

    /// <summary>TokenSchema: strict verification into the built-in generated <see cref="Daily.DailyToken"/>.</summary>
    [Benchmark(Description = "TokenSchema JwtVerifier.TryVerify")]
    public bool TokenSchema_TryVerify() => _verifier.TryVerify<Daily.DailyToken>(_token, out _, out _);

    /// <summary>TokenSchema: strict verification into the hand-written 8-claim payload (reference row).</summary>
    [Benchmark(Description = "TokenSchema JwtVerifier.TryVerify, hand-written IJwtPayload")]
    public bool TokenSchema_TryVerify_HandWritten() => _verifier.TryVerify<HandWrittenDailyToken>(_token, out _, out _);
}
