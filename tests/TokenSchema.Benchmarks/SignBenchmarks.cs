using System;
using System.Buffers.Text;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using JwsAlgorithm = Jose.JwsAlgorithm;
using JWT;
using JWT.Algorithms;
using JWT.Serializers;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TokenSchema.Internal;

namespace TokenSchema.Benchmarks;

/// <summary>One 8-claim Daily token, HS256, the same claims and key for every approach.</summary>
/// <remarks>
/// Run in the three jobs of <see cref="PeerJobs"/>: every Ratio is against IdentityModel 8.23.0's
/// <c>CreateToken</c> in the <see cref="PeerJobs.Main"/> job, whatever the row's job.
/// </remarks>
[MemoryDiagnoser]
public class SignBenchmarks
{
    private static readonly string HandHeader = Base64Url.EncodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"u8);

    private readonly byte[] _tokenBuffer = new byte[1024];
    private readonly byte[] _mac = new byte[HmacSha256Key.MacSize];
    private JwtSigner _signer = null!;
    private JsonWebTokenHandler _handler = null!;
    private SecurityTokenDescriptor _descriptor = null!;
    private JwtEncoder _jwtEncoder = null!;
    private Dictionary<string, object> _claims = null!;
    private byte[] _signingInput = null!;
    private HmacSha256Key? _floorKey;

    /// <summary>Builds every signer once and checks that each produces the same claims, and a token that verifies.</summary>
    [GlobalSetup]
    public void Setup()
    {
        BuildFlavour.Check();
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
            ("IdentityModel " + BuildFlavour.IdentityModelVersion, IdentityModel_CreateToken()),
            ("JWT", JwtDotNet_Encode()),
            ("jose-jwt", JoseJwt_Encode()),
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

        // The floor: the MAC alone over the very signing input (header.payload) TrySign produced, on the saved-state
        // fast path. Not in the BclMac job, where the fast path is switched off.
        string trySigned = Encoding.ASCII.GetString(_tokenBuffer, 0, TokenSchema_TrySign());
        int dot = trySigned.LastIndexOf('.');
        _signingInput = Encoding.ASCII.GetBytes(trySigned[..dot]);
        if (JwtSigner.MacImplementation == JwtMacImplementation.SavedStateLibcrypto)
        {
            _floorKey = HmacSha256Key.Create(Fixture.Key, HmacImplementation.OpenSsl);
            Floor_MacOfTheSigningInput();
            byte[] signature = Base64Url.DecodeFromChars(trySigned.AsSpan(dot + 1));
            if (!_mac.AsSpan().SequenceEqual(signature) || !_mac.AsSpan().SequenceEqual(HMACSHA256.HashData(Fixture.Key, _signingInput)))
            {
                throw new InvalidOperationException("Floor: the MAC differs from the TrySign token's signature or from HMACSHA256.");
            }
        }
    }

    /// <summary>Releases the signer and the floor's key.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _signer.Dispose();
        _floorKey?.Dispose();
    }

    /// <summary>Microsoft.IdentityModel.JsonWebTokens: 8.23.0 in the Main job (the baseline), 8.16.0 in its own job.</summary>
    [Benchmark(Baseline = true, Description = "IdentityModel JsonWebTokenHandler.CreateToken")]
    public string IdentityModel_CreateToken() => _handler.CreateToken(_descriptor);

    /// <summary>JWT 7.3.1 (Newtonsoft.Json serializer).</summary>
    [Benchmark(Description = "JWT 7.3.1 JwtEncoder.Encode")]
    public string JwtDotNet_Encode() => _jwtEncoder.Encode(_claims, Fixture.Key);

    /// <summary>jose-jwt 5.3.0 (its System.Text.Json mapper), the claims dictionary.</summary>
    [Benchmark(Description = "jose-jwt 5.3.0 JWT.Encode")]
    public string JoseJwt_Encode() => Jose.JWT.Encode(_claims, Fixture.Key, JwsAlgorithm.HS256);

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
    [AlsoOnBclMac]
    [Benchmark(Description = "TokenSchema JwtSigner.Sign (string)")]
    public string TokenSchema_Sign() => _signer.Sign(Fixture.TokenSchemaPayload);

    /// <summary>TokenSchema with the built-in generated <see cref="Daily.DailyToken"/>, writing the token's bytes into a span.</summary>
    [AlsoOnBclMac]
    [Benchmark(Description = "TokenSchema JwtSigner.TrySign (span)")]
    public int TokenSchema_TrySign()
    {
        _signer.TrySign(Fixture.TokenSchemaPayload, _tokenBuffer, out int written);
        return written;
    }

    /// <summary>TokenSchema with the hand-written 8-claim payload, returning the token as a string (reference row).</summary>
    [Benchmark(Description = "TokenSchema JwtSigner.Sign (string), hand-written IJwtPayload")]
    public string TokenSchema_Sign_HandWritten() => _signer.Sign(Fixture.HandWrittenPayload);

    /// <summary>
    /// The floor: the saved-state MAC alone (<c>HmacSha256Key</c> fast path) over the header.payload bytes
    /// <see cref="TokenSchema_TrySign"/> produced; what signing costs with no JSON and no base64url at all.
    /// </summary>
    [Benchmark(Description = "floor: HmacSha256Key fast path over TrySign's header.payload")]
    public void Floor_MacOfTheSigningInput() => _floorKey!.Compute(_signingInput, _mac);
}
