using System;
using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using TokenSchema.Daily;

namespace TokenSchema.Fuzz;

/// <summary>
/// The fuzz targets, shared by the coverage-guided fuzzer (<c>Program</c>) and the regression test that replays the
/// corpus and every crash found. A target returns normally for every input; anything else is a bug: an exception out
/// of the verifier or the reader, a token accepted that cannot be signed again with the same claims.
/// </summary>
public static class FuzzTargets
{
    /// <summary>The key every fuzzed token is signed with, so that the fuzzer reaches the payload reader.</summary>
    public static readonly byte[] Key = Encoding.UTF8.GetBytes("the fuzzing key, thirty-two bytes or more");

    private static readonly JwtVerifierOptions Options = new()
    {
        TimeProvider = new FixedTime(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000)),

        // Tokens without exp are verified too, so that the fuzzer reaches the payload reader without finding exp first.
        RequireExpirationTime = false,
    };

    private static readonly JwtSigner Signer = new(Key);
    private static readonly JwtVerifier Verifier = new(Key, Options);

    // The reference for the verifier's one-pass payload read: the separate scan, then the payload's reader.
    private static readonly JwtVerifier TwoPasses = new(Key, Options) { ReadInTwoPasses = true };

    // The same two, refusing claims the schema does not describe.
    private static readonly JwtVerifierOptions RejectingOptions = new()
    {
        TimeProvider = Options.TimeProvider,
        RequireExpirationTime = false,
        UnknownClaims = UnknownClaims.Reject,
    };

    private static readonly JwtVerifier Rejecting = new(Key, RejectingOptions);
    private static readonly JwtVerifier RejectingTwoPasses = new(Key, RejectingOptions) { ReadInTwoPasses = true };

    /// <summary>
    /// Verifies <paramref name="input"/> into a <see cref="DailyToken"/>: with an even first byte the rest is the whole
    /// token; with an odd one the rest is payload JSON that gets a valid header and signature. A token accepted must
    /// sign again, verify again and read back to the same JSON, and the verifier's one-pass payload read must decide as the
    /// separate scan and reader do.
    /// </summary>
    /// <param name="input">The fuzzer's bytes.</param>
    public static void VerifyToken(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            return;
        }

        byte[] token = input[0] % 2 == 0 ? input[1..].ToArray() : Sign(input[1..]);
        bool asBytes = Verifier.TryVerify(token, out DailyToken? fromBytes, out JwtError bytesError);
        bool asChars = Verifier.TryVerify(Encoding.Latin1.GetString(token).AsSpan(), out DailyToken? fromChars, out JwtError charsError);
        if (asBytes != asChars || (!asChars && bytesError != charsError && charsError != JwtError.Malformed))
        {
            throw new InvalidOperationException($"bytes and text disagree: {bytesError} / {charsError}");
        }

        // One pass and two passes must agree on every token, with unknown claims skipped and refused.
        foreach (UnknownClaims unknown in new[] { UnknownClaims.Skip, UnknownClaims.Reject })
        {
            (JwtVerifier first, JwtVerifier second) = unknown == UnknownClaims.Reject ? (Rejecting, RejectingTwoPasses) : (Verifier, TwoPasses);
            bool onePass = first.TryVerifyDetailed(Encoding.Latin1.GetString(token).AsSpan(), out DailyToken? read, out JwtVerificationFailure failure);
            bool twoPasses = second.TryVerifyDetailed(Encoding.Latin1.GetString(token).AsSpan(), out DailyToken? reference, out JwtVerificationFailure expected);
            if (onePass != twoPasses || failure.Error != expected.Error || failure.Claim != expected.Claim ||
                failure.Problems.Count != expected.Problems.Count || (onePass && Write(read!) != Write(reference!)))
            {
                throw new InvalidOperationException($"one pass and two passes disagree ({unknown}): {failure} / {expected}");
            }
        }

        if (asBytes)
        {
            string json = Write(fromBytes!);
            if (json != Write(fromChars!))
            {
                throw new InvalidOperationException("bytes and text read different claims");
            }

            string again = Signer.Sign(fromBytes!);
            if (!Verifier.TryVerify(again.AsSpan(), out DailyToken? reread, out JwtError error) || Write(reread) != json)
            {
                throw new InvalidOperationException($"an accepted token does not sign and read back the same: {error}");
            }
        }
    }

    /// <summary>
    /// Reads <paramref name="json"/> with the generated <see cref="DailyToken.TryReadPayload"/>: it may only return
    /// <see langword="false"/> or throw <see cref="JsonException"/>; a payload read and valid must write without throwing.
    /// </summary>
    /// <param name="json">The fuzzer's bytes, as payload JSON.</param>
    public static void ReadPayload(ReadOnlySpan<byte> json)
    {
        DailyToken? payload;
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
            if (!DailyToken.TryReadPayload(ref reader, out payload, out _))
            {
                return;
            }
        }
        catch (JsonException)
        {
            return;
        }

        if (payload.Validate().IsValid)
        {
            _ = Write(payload);
        }
    }

    private static byte[] Sign(ReadOnlySpan<byte> payloadJson)
    {
        string input = Base64Url("""{"alg":"HS256","typ":"JWT"}"""u8) + "." + Base64Url(payloadJson);
        return Encoding.ASCII.GetBytes(input + "." + Base64Url(HMACSHA256.HashData(Key, Encoding.ASCII.GetBytes(input))));
    }

    private static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Write(DailyToken payload)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            payload.WritePayload(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
