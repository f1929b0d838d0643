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

    /// <summary>Signs <paramref name="payload"/> with HS256 and <paramref name="key"/> without validating it, as another issuer might.</summary>
    public static string SignWithoutValidating<T>(T payload, byte[] key) where T : IJwtPayload<T>
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            payload.WritePayload(writer);
        }

        return Forge.Token(Encoding.UTF8.GetString(buffer.WrittenSpan), key);
    }

    /// <summary>Asserts that <paramref name="token"/>, correctly signed with <paramref name="key"/>, is refused at <paramref name="now"/> for its claims.</summary>
    public static void AssertVerifyRefusesClaims<T>(string token, byte[] key, DateTimeOffset now) where T : IJwtPayload<T>
    {
        using var verifier = new JwtVerifier(key, new JwtVerifierOptions { TimeProvider = new ManualTimeProvider(now) });
        Assert.False(verifier.TryVerify(token.AsSpan(), out T? _, out JwtError error));
        Assert.Equal(JwtError.InvalidClaims, error);
    }

    /// <summary>Asserts that signing <paramref name="payload"/> throws a validation exception naming <paramref name="claim"/>.</summary>
    public static void AssertSignRefuses<T>(T payload, byte[] key, string claim) where T : IJwtPayload<T>
    {
        using var signer = new JwtSigner(key);
        var exception = Assert.Throws<JwtPayloadValidationException>(() => signer.Sign(payload));
        Assert.Contains(exception.Problems, p => p.Claim == claim);
        Assert.Contains("'" + claim + "'", exception.Message, StringComparison.Ordinal);
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
