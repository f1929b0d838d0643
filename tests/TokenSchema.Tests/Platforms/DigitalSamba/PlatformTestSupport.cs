using System;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Xunit;

namespace TokenSchema.Tests.Platforms;

/// <summary>Helpers shared by the built-in platform schema tests.</summary>
internal static class PlatformTestSupport
{
    /// <summary>The payload segment of <paramref name="token"/>, decoded.</summary>
    public static string PayloadJson(string token) => Forge.DecodeSegment(token.Split('.')[1]);

    /// <summary>The header segment of <paramref name="token"/>, decoded.</summary>
    public static string HeaderJson(string token) => Forge.DecodeSegment(token.Split('.')[0]);

    /// <summary>Reads <paramref name="json"/> with the generated reader and returns the payload, failing on any error.</summary>
    public static T Read<T>(string json) where T : IJwtPayload<T>
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        Assert.True(T.TryReadPayload(ref reader, out T? payload, out ClaimReadError error), error.ToString());
        return payload!;
    }

    /// <summary>Reads <paramref name="json"/> with the generated reader, which must refuse it, and returns why.</summary>
    public static ClaimReadError ReadError<T>(string json) where T : IJwtPayload<T>
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        Assert.False(T.TryReadPayload(ref reader, out _, out ClaimReadError error));
        return error;
    }

    /// <summary>Asserts that reading <paramref name="json"/> fails with <paramref name="kind"/> naming <paramref name="claim"/>.</summary>
    public static void AssertReadError<T>(string json, ClaimReadErrorKind kind, string claim) where T : IJwtPayload<T>
    {
        ClaimReadError error = ReadError<T>(json);
        Assert.Equal(kind, error.Kind);
        Assert.Equal(claim, error.Claim);
    }

    /// <summary>Verifies <paramref name="token"/> with <paramref name="key"/> at <paramref name="now"/>, failing on any error.</summary>
    public static T Verify<T>(string token, byte[] key, DateTimeOffset now) where T : IJwtPayload<T>
    {
        using var verifier = new JwtVerifier(key, new JwtVerifierOptions { TimeProvider = new ManualTimeProvider(now) });
        Assert.True(verifier.TryVerify(token.AsSpan(), out T? payload, out JwtError error), error.ToString());
        return payload!;
    }

    /// <summary>Validates <paramref name="token"/> with Microsoft.IdentityModel.JsonWebTokens, an independent implementation.</summary>
    public static async Task<JsonWebToken> ValidateWithIdentityModel(string token, byte[] key)
    {
        var parameters = new TokenValidationParameters
        {
            IssuerSigningKey = new SymmetricSecurityKey(key),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = true,
            RequireExpirationTime = true,
        };
        TokenValidationResult result = await new JsonWebTokenHandler().ValidateTokenAsync(token, parameters);
        Assert.True(result.IsValid, result.Exception?.ToString());
        return (JsonWebToken)result.SecurityToken;
    }

    /// <summary>The UTF-8 bytes of <paramref name="secret"/>, the HMAC key every platform derives from its secret.</summary>
    public static byte[] KeyOf(string secret) => Encoding.UTF8.GetBytes(secret);

    /// <summary>Now, truncated to whole seconds as NumericDates are.</summary>
    public static DateTimeOffset WholeSecondsNow() => DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
}
