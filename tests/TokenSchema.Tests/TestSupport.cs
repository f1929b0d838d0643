using System;
using System.Security.Cryptography;
using System.Text;

namespace TokenSchema.Tests;

/// <summary>A clock the tests set by hand.</summary>
public sealed class ManualTimeProvider : TimeProvider
{
    public ManualTimeProvider(DateTimeOffset now)
    {
        Now = now;
    }

    public DateTimeOffset Now { get; set; }

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>Builds tokens by hand, independently of <see cref="JwtSigner"/>, so the verifier can be fed anything.</summary>
public static class Forge
{
    public static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Base64Url(string text) => Base64Url(Encoding.UTF8.GetBytes(text));

    /// <summary>A token over the given header and payload JSON, signed with HMAC-SHA256 under <paramref name="key"/>.</summary>
    public static string Token(string headerJson, string payloadJson, byte[] key)
    {
        string signingInput = Base64Url(headerJson) + "." + Base64Url(payloadJson);
        return signingInput + "." + Base64Url(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(signingInput)));
    }

    public static string Token(string payloadJson, byte[] key) => Token("""{"alg":"HS256","typ":"JWT"}""", payloadJson, key);

    public static string DecodeSegment(string segment)
    {
        string padded = segment.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - padded.Length % 4) % 4);
        return Encoding.UTF8.GetString(Convert.FromBase64String(padded));
    }
}
