using System;
using System.Buffers.Text;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using JWT;
using JWT.Algorithms;
using JWT.Serializers;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TokenSchema.Benchmarks;

/// <summary>One 8-claim Daily token, HS256, the same claims and key for every approach.</summary>
[MemoryDiagnoser]
public class SignBenchmarks
{
    private static readonly string HandHeader = Base64Url.EncodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"u8);

    private readonly byte[] _tokenBuffer = new byte[1024];
    private JwtSigner _signer = null!;
    private JsonWebTokenHandler _handler = null!;
    private SecurityTokenDescriptor _descriptor = null!;
    private JwtEncoder _jwtEncoder = null!;
    private Dictionary<string, object> _claims = null!;

    /// <summary>Builds every signer once and checks that each produces the same claims.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _signer = new JwtSigner(Fixture.Key);
        _handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        _descriptor = new SecurityTokenDescriptor
        {
            Claims = Fixture.Claims(),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Fixture.Key), SecurityAlgorithms.HmacSha256),
        };
        _jwtEncoder = new JwtEncoder(new HMACSHA256Algorithm(), new JsonNetSerializer(), new JwtBase64UrlEncoder());
        _claims = Fixture.Claims();

        using var verifier = new JwtVerifier(Fixture.Key);
        foreach ((string name, string token) in new[]
        {
            ("IdentityModel", IdentityModel_CreateToken()),
            ("JWT", JwtDotNet_Encode()),
            ("ByHand", ByHand_SystemTextJson_HashData()),
            ("TokenSchema.Sign", TokenSchema_Sign()),
            ("TokenSchema.TrySign", Encoding.ASCII.GetString(_tokenBuffer, 0, TokenSchema_TrySign())),
            ("TokenSchema.Sign (hand-written payload)", TokenSchema_Sign_HandWritten()),
        })
        {
            Fixture.CheckClaims(token, name);
            if (!verifier.TryVerify<Daily.DailyToken>(token, out _, out JwtError error))
            {
                throw new InvalidOperationException($"{name}: the token does not verify ({error}).");
            }
        }
    }

    /// <summary>Releases the signer.</summary>
    [GlobalCleanup]
    public void Cleanup() => _signer.Dispose();

    /// <summary>Microsoft.IdentityModel.JsonWebTokens 8.16.0.</summary>
    [Benchmark(Baseline = true, Description = "IdentityModel JsonWebTokenHandler.CreateToken")]
    public string IdentityModel_CreateToken() => _handler.CreateToken(_descriptor);

    /// <summary>JWT 7.3.1 (Newtonsoft.Json serializer).</summary>
    [Benchmark(Description = "JWT 7.3.1 JwtEncoder.Encode")]
    public string JwtDotNet_Encode() => _jwtEncoder.Encode(_claims, Fixture.Key);

    /// <summary>System.Text.Json source generation, one-shot HMACSHA256, Base64Url.</summary>
    [Benchmark(Description = "by hand: STJ + HMACSHA256.HashData + Base64Url")]
    public string ByHand_SystemTextJson_HashData()
    {
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(Fixture.HandPayload, HandJsonContext.Default.HandPayload);
        string signingInput = HandHeader + "." + Base64Url.EncodeToString(json);
        byte[] mac = HMACSHA256.HashData(Fixture.Key, Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + Base64Url.EncodeToString(mac);
    }

    /// <summary>TokenSchema with the built-in generated <see cref="Daily.DailyToken"/>, returning the token as a string.</summary>
    [Benchmark(Description = "TokenSchema JwtSigner.Sign (string)")]
    public string TokenSchema_Sign() => _signer.Sign(Fixture.TokenSchemaPayload);

    /// <summary>TokenSchema with the built-in generated <see cref="Daily.DailyToken"/>, writing the token's bytes into a span.</summary>
    [Benchmark(Description = "TokenSchema JwtSigner.TrySign (span)")]
    public int TokenSchema_TrySign()
    {
        _signer.TrySign(Fixture.TokenSchemaPayload, _tokenBuffer, out int written);
        return written;
    }

    /// <summary>TokenSchema with the hand-written 8-claim payload, returning the token as a string (reference row).</summary>
    [Benchmark(Description = "TokenSchema JwtSigner.Sign (string), hand-written IJwtPayload")]
    public string TokenSchema_Sign_HandWritten() => _signer.Sign(Fixture.HandWrittenPayload);
}
