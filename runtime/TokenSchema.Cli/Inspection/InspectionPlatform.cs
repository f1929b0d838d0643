using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using TokenSchema.Daily;
using TokenSchema.DigitalSamba;
using TokenSchema.Hms;
using TokenSchema.Jitsi;
using TokenSchema.LiveKit;
using TokenSchema.StreamVideo;
using TokenSchema.Twilio;
using TokenSchema.Zoom;

namespace TokenSchema.Inspection;

/// <summary>
/// What the inspection knows of each platform: its schema's claims, how a token verifies into its typed record, and what
/// its validation says of a payload. One list, read by <c>tokenschema inspect</c>, <c>tokenschema serve</c> and the
/// DI package's <c>MapTokenInspector</c> (these files are compiled into the tool and into that package).
/// </summary>
/// <param name="Name">The platform's name (<c>daily</c>).</param>
/// <param name="Claims">The schema's claims.</param>
/// <param name="Verify">Verifies a token into the typed record; the failure and the record as its writer writes it.</param>
/// <param name="Problems">Reads payload JSON into the typed record and validates it.</param>
internal sealed record InspectionPlatform(
    string Name,
    IReadOnlyList<ClaimDescriptor> Claims,
    Func<JwtVerifier, string, (JwtVerificationFailure Failure, string? Record)> Verify,
    Func<string, IReadOnlyList<ClaimProblem>> Problems)
{
    /// <summary>Every platform, in the order help lists them.</summary>
    public static readonly InspectionPlatform[] All =
    [
        Of<DailyToken>("daily"), Of<DigitalSambaToken>("digitalsamba"), Of<LiveKitToken>("livekit"), Of<ZoomVideoSdkToken>("zoom"),
        Of<TwilioVideoToken>("twilio"), Of<HmsToken>("hms"), Of<StreamVideoToken>("stream"), Of<JitsiToken>("jitsi"),
    ];

    /// <summary>The names an inspection takes: <c>jwt</c> (no schema) and every platform's.</summary>
    public static readonly string[] Names = ["jwt", .. Array.ConvertAll(All, p => p.Name)];

    /// <summary>The platform named <paramref name="name"/>, or <see langword="null"/>.</summary>
    public static InspectionPlatform? Find(string name) => Array.Find(All, p => p.Name == name);

    /// <summary>A platform from its token type.</summary>
    public static InspectionPlatform Of<T>(string name) where T : IJwtPayload<T> =>
        new(name, T.ClaimDescriptors,
            (verifier, token) => verifier.TryVerifyDetailed(token.AsSpan(), out T? payload, out JwtVerificationFailure failure)
                ? (failure, Rewrite(payload))
                : (failure, null),
            ProblemsOf<T>);

    /// <summary>The platform whose schema knows most of the payload's own claims (registered claims do not count), or jwt.</summary>
    public static (string Platform, string? Because) Guess(string payload)
    {
        var names = new List<string>();
        try
        {
            using JsonDocument document = JsonDocument.Parse(payload);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (JsonProperty claim in document.RootElement.EnumerateObject())
                {
                    if (claim.Name is not ("iss" or "sub" or "aud" or "exp" or "nbf" or "iat" or "jti"))
                    {
                        names.Add(claim.Name);
                    }
                }
            }
        }
        catch (JsonException)
        {
            return ("jwt", null);
        }

        (InspectionPlatform? best, int score, bool tie) = (null, 0, false);
        foreach (InspectionPlatform candidate in All)
        {
            int known = names.FindAll(n => candidate.Claims.Any(c => c.Name == n)).Count;
            if (known > score)
            {
                (best, score, tie) = (candidate, known, false);
            }
            else if (known == score && known > 0)
            {
                tie = true;
            }
        }

        return best is null || tie ? ("jwt", null) : (best.Name, string.Join(", ", names.FindAll(n => best.Claims.Any(c => c.Name == n))));
    }

    /// <summary>Verifies <paramref name="token"/> into the platform's record, or as a plain JWT for <c>jwt</c>.</summary>
    public static (JwtVerificationFailure Failure, string? Record) VerifyFor(string platform, JwtVerifier verifier, string token)
    {
        if (Find(platform) is { } known)
        {
            return known.Verify(verifier, token);
        }

        verifier.TryVerifyDetailed(token.AsSpan(), out JsonClaims? _, out JwtVerificationFailure failure);
        return (failure, null);
    }

    /// <summary>The payload as its generated writer writes it: what the typed record holds, as JSON on one line.</summary>
    public static string Rewrite<T>(T payload) where T : IJwtPayload<T>
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            payload.WritePayload(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Reads the payload into the platform's record and validates it; a payload that does not read is one problem.</summary>
    private static IReadOnlyList<ClaimProblem> ProblemsOf<T>(string payloadJson) where T : IJwtPayload<T>
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(payloadJson));
        try
        {
            if (!T.TryReadPayload(ref reader, out T? payload, out ClaimReadError error))
            {
                return new[] { new ClaimProblem(error.Claim ?? "(payload)", "does not read: " + error) };
            }

            return payload.Validate().Problems;
        }
        catch (JsonException exception)
        {
            return new[] { new ClaimProblem("(payload)", "is not valid JSON: " + exception.Message) };
        }
    }
}

/// <summary>A token that cannot be inspected (not a token, too long, an unknown platform, a key the verifier refuses), said in one line.</summary>
internal sealed class InspectionException(string message) : Exception(message);
