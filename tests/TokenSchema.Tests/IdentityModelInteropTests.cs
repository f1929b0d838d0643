using System;
using System.Collections.Generic;
using System.Text;
using System.Threading.Tasks;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Xunit;

namespace TokenSchema.Tests;

/// <summary>Interop with Microsoft.IdentityModel.JsonWebTokens, an independent JWT implementation for .NET.</summary>
public sealed class IdentityModelInteropTests
{
    private static readonly byte[] Key = SignerTests.Key;

    private static TokenValidationParameters Parameters(byte[] key) => new()
    {
        IssuerSigningKey = new SymmetricSecurityKey(key),
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ValidateIssuer = false,
        ValidateAudience = false,
        ValidateLifetime = true,
        RequireExpirationTime = false,
    };

    [Fact]
    public async Task IdentityModel_validates_a_token_JwtSigner_signed_with_the_same_claims()
    {
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using var signer = new JwtSigner(Key);
        string token = signer.Sign(new TestPayload { Room = "room-0253", DomainId = "domain", IssuedAt = now, Expires = now + 600, IsOwner = true });

        TokenValidationResult result = await new JsonWebTokenHandler().ValidateTokenAsync(token, Parameters(Key));
        Assert.True(result.IsValid, result.Exception?.Message);
        var jwt = (JsonWebToken)result.SecurityToken;
        Assert.Equal("HS256", jwt.Alg);
        Assert.Equal("JWT", jwt.Typ);
        Assert.Equal("room-0253", jwt.GetPayloadValue<string>("r"));
        Assert.Equal("domain", jwt.GetPayloadValue<string>("d"));
        Assert.True(jwt.GetPayloadValue<bool>("o"));
        Assert.Equal(now + 600, jwt.GetPayloadValue<long>("exp"));
    }

    [Fact]
    public async Task IdentityModel_rejects_a_JwtSigner_token_under_another_key()
    {
        using var signer = new JwtSigner(Key);
        string token = signer.Sign(new TestPayload { Room = "a" });
        TokenValidationResult result = await new JsonWebTokenHandler().ValidateTokenAsync(token, Parameters(Encoding.UTF8.GetBytes("another-key-another-key-another-key!")));
        Assert.False(result.IsValid);
    }

    [Fact]
    public void JwtVerifier_reads_a_token_IdentityModel_signed_into_the_typed_record()
    {
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var descriptor = new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object> { ["r"] = "standup", ["d"] = "domain-1", ["o"] = false },
            IssuedAt = DateTimeOffset.FromUnixTimeSeconds(now).UtcDateTime,
            NotBefore = DateTimeOffset.FromUnixTimeSeconds(now).UtcDateTime,
            Expires = DateTimeOffset.FromUnixTimeSeconds(now + 300).UtcDateTime,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Key), SecurityAlgorithms.HmacSha256),
        };
        string token = new JsonWebTokenHandler().CreateToken(descriptor);

        using var verifier = new JwtVerifier(Key);
        Assert.True(verifier.TryVerify(token.AsSpan(), out TestPayload? payload, out JwtError error), error.ToString());
        Assert.Equal(new TestPayload { Room = "standup", DomainId = "domain-1", IsOwner = false, IssuedAt = now, NotBefore = now, Expires = now + 300 }, payload);
    }

    [Fact]
    public void JwtVerifier_refuses_an_IdentityModel_token_signed_with_HS512()
    {
        var descriptor = new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object> { ["r"] = "standup" },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(new byte[64]), SecurityAlgorithms.HmacSha512),
        };
        string token = new JsonWebTokenHandler().CreateToken(descriptor);
        using var verifier = new JwtVerifier(new byte[64]);
        Assert.False(verifier.TryVerify(token.AsSpan(), out TestPayload? _, out JwtError error));
        Assert.Equal(JwtError.UnsupportedAlgorithm, error);
    }
}
