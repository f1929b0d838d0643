using System;
using System.Buffers.Text;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using TokenSchema.Daily;
using TokenSchema.DigitalSamba;
using TokenSchema.LiveKit;
using TokenSchema.Twilio;
using TokenSchema.Zoom;

namespace TokenSchema.Cli;

/// <summary>What the <c>tokenschema</c> commands do, writing to the given output so that tests can read it.</summary>
internal static class TokenCommands
{
    /// <summary>A public key for the demo only: printed, labelled, and useless against any real platform.</summary>
    internal const string DemoKey = "tokenschema-DEMO-KEY-public-never-use-in-production";

    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A public domain id for the demo only.</summary>
    internal const string DemoDomainId = "00000000-0000-4000-8000-00000000da11";

    /// <summary>Signs and inspects demo Daily tokens with the demo key; returns the exit code.</summary>
    public static int Demo(TextWriter output, TimeProvider clock)
    {
        output.WriteLine("TokenSchema demo: self-signed Daily meeting tokens (HS256), typed with TokenSchema.Daily.DailyToken.");
        output.WriteLine($"DEMO KEY (public, for this demo only; never use it for a real platform): \"{DemoKey}\"");
        output.WriteLine($"DEMO domain id: {DemoDomainId}");
        output.WriteLine();

        using var daily = new DailyTokenIssuer(DemoKey, DemoDomainId, clock);
        using var verifier = JwtVerifier.FromSecret(DemoKey, new JwtVerifierOptions { TimeProvider = clock });

        // The issuer fills d (domain id), iat (now) and exp (now + 1 hour).
        string owner = daily.Issue(new DailyToken { RoomName = "standup", IsOwner = true, UserName = "Ada (host)" });
        string guest = daily.Issue(new DailyToken
        {
            RoomName = "standup",
            UserName = "Grace",
            UserId = "guest-42",
            CloseTabOnExit = true,
            Expires = clock.GetUtcNow().AddMinutes(15),
            Permissions = new DailyPermissions { CanSend = DailyCanSend.Of(DailyMedia.Video | DailyMedia.Audio), CanAdmin = DailyCanAdmin.None },
        });

        output.WriteLine("1. A Daily owner token for room \"standup\", valid for one hour:");
        Describe(output, owner, verifier, "   ");
        output.WriteLine("2. A Daily guest token, valid for 15 minutes, that may send video and audio and closes the tab on exit:");
        Describe(output, guest, verifier, "   ");

        string[] parts = owner.Split('.');
        string tampered = parts[0] + "." + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Decode(parts[1]).Replace("\"o\":true", "\"o\":false"))) + "." + parts[2];
        output.WriteLine("3. The owner token with its payload edited (\"o\":false) and the old signature:");
        output.WriteLine($"   rejected: {Check<DailyToken>(verifier, tampered)}");
        string unsigned = Base64Url.EncodeToString("""{"alg":"none","typ":"JWT"}"""u8) + "." + parts[1] + "." + parts[2];
        output.WriteLine("4. The owner token relabelled \"alg\":\"none\":");
        output.WriteLine($"   rejected: {Check<DailyToken>(verifier, unsigned)}");
        output.WriteLine("5. A guest token whose user id is longer than Daily's 36 characters is never signed:");
        try
        {
            daily.Issue(new DailyToken { RoomName = "standup", UserId = new string('u', 37) });
            output.WriteLine("   signed (unexpected)");
        }
        catch (JwtPayloadValidationException exception)
        {
            output.WriteLine($"   refused: {exception.Message}");
        }

        output.WriteLine();
        output.WriteLine("Sign your own: TOKENSCHEMA_SECRET=<api key> tokenschema sign --claims '{\"r\":\"room\",\"d\":\"<domain id>\",\"iat\":" + clock.GetUtcNow().ToUnixTimeSeconds() + "}'");
        output.WriteLine("Inspect one:   TOKENSCHEMA_SECRET=<api key> tokenschema inspect <token> --platform daily");
        return 0;
    }

    /// <summary>Signs the JSON claims with the secret; prints the token.</summary>
    public static int Sign(TextWriter output, TextWriter error, string claimsJson, string? secret, string? keyId, bool allowShortKey)
    {
        if (string.IsNullOrEmpty(secret))
        {
            error.WriteLine("No secret: set the environment variable named by --secret-env (TOKENSCHEMA_SECRET by default).");
            return 2;
        }

        JsonClaims claims;
        try
        {
            claims = JsonClaims.Parse(claimsJson);
        }
        catch (JsonException exception)
        {
            error.WriteLine($"--claims is not valid JSON: {exception.Message}");
            return 2;
        }

        try
        {
            using var signer = JwtSigner.FromSecret(secret, new JwtSignerOptions { KeyId = keyId, AllowShortKey = allowShortKey });
            output.WriteLine(signer.Sign(claims));
            return 0;
        }
        catch (Exception exception) when (exception is ArgumentException or JwtPayloadValidationException)
        {
            error.WriteLine(exception.Message);
            return 2;
        }
    }

    /// <summary>Decodes a token for reading and, with a secret, verifies it; returns 1 when verification fails.</summary>
    public static int Inspect(TextWriter output, TextWriter error, string token, string? secret, TimeProvider clock, bool allowShortKey, string platform = "jwt")
    {
        platform = platform.ToLowerInvariant();
        if (Array.IndexOf(Platforms, platform) < 0)
        {
            error.WriteLine($"Unknown platform '{platform}'; use one of: {string.Join(", ", Platforms)}.");
            return 2;
        }

        token = token.Trim();
        string[] parts = token.Split('.');
        if (parts.Length != 3)
        {
            error.WriteLine($"Not a compact JWS: expected 3 segments separated by '.', found {parts.Length}.");
            return 2;
        }

        string header, payload;
        try
        {
            header = Decode(parts[0]);
            payload = Decode(parts[1]);
        }
        catch (FormatException)
        {
            error.WriteLine("A segment is not base64url.");
            return 2;
        }

        output.WriteLine("header:");
        output.WriteLine(Indent(PrettyOrRaw(header), "  "));
        output.WriteLine("payload:");
        output.WriteLine(Indent(PrettyOrRaw(payload), "  "));
        foreach (string line in DescribeTimes(payload))
        {
            output.WriteLine("  " + line);
        }

        if (string.IsNullOrEmpty(secret))
        {
            output.WriteLine("signature: NOT VERIFIED (give a secret through --secret-env to verify)");
            return 0;
        }

        try
        {
            using var verifier = JwtVerifier.FromSecret(secret, new JwtVerifierOptions { TimeProvider = clock, AllowShortKey = allowShortKey });
            (JwtError result, string? record) = VerifyFor(platform, verifier, token);
            output.WriteLine(result == JwtError.None ? "signature: verified (HS256); token accepted" : $"signature: token rejected: {result}");
            if (record is not null)
            {
                output.WriteLine($"read as {platform}: {record}");
            }

            return result == JwtError.None ? 0 : 1;
        }
        catch (ArgumentException exception)
        {
            error.WriteLine(exception.Message);
            return 2;
        }
    }

    private static void Describe(TextWriter output, string token, JwtVerifier verifier, string indent)
    {
        string[] parts = token.Split('.');
        output.WriteLine($"{indent}token:   {token}");
        output.WriteLine($"{indent}header:  {Decode(parts[0])}");
        output.WriteLine($"{indent}payload: {Decode(parts[1])}");
        bool accepted = verifier.TryVerify(token.AsSpan(), out DailyToken? read, out JwtError result);
        output.WriteLine($"{indent}verify:  {(accepted ? "accepted" : "rejected: " + result)}");
        if (accepted)
        {
            output.WriteLine($"{indent}read:    room {read!.RoomName}, owner {read.IsOwner ?? false}, user {read.UserName}, expires {read.Expires?.ToString("u", CultureInfo.InvariantCulture)}");
        }

        output.WriteLine();
    }

    private static JwtError Check<T>(JwtVerifier verifier, string token) where T : IJwtPayload<T>
    {
        verifier.TryVerify(token.AsSpan(), out T? _, out JwtError result);
        return result;
    }

    /// <summary>Verifies the token as <typeparamref name="T"/> and returns the error and the typed record's text.</summary>
    private static (JwtError Error, string? Record) VerifyAs<T>(JwtVerifier verifier, string token) where T : IJwtPayload<T>
    {
        bool accepted = verifier.TryVerify(token.AsSpan(), out T? payload, out JwtError error);
        return (error, accepted ? payload!.ToString() : null);
    }

    /// <summary>The platforms <c>inspect --platform</c> reads into their typed records.</summary>
    internal static readonly string[] Platforms = ["jwt", "daily", "digitalsamba", "livekit", "zoom", "twilio"];

    private static (JwtError Error, string? Record) VerifyFor(string platform, JwtVerifier verifier, string token) => platform switch
    {
        "daily" => VerifyAs<DailyToken>(verifier, token),
        "digitalsamba" => VerifyAs<DigitalSambaToken>(verifier, token),
        "livekit" => VerifyAs<LiveKitToken>(verifier, token),
        "zoom" => VerifyAs<ZoomVideoSdkToken>(verifier, token),
        "twilio" => VerifyAs<TwilioVideoToken>(verifier, token),
        _ => (Check<JsonClaims>(verifier, token), null),
    };

    private static string Decode(string segment) => Encoding.UTF8.GetString(Base64Url.DecodeFromChars(segment));

    private static string PrettyOrRaw(string json)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            return JsonSerializer.Serialize(document.RootElement, Pretty);
        }
        catch (JsonException)
        {
            return json + "   (not valid JSON)";
        }
    }

    private static string[] DescribeTimes(string payload)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(payload);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return [];
            }

            var lines = new System.Collections.Generic.List<string>();
            foreach (string claim in new[] { "iat", "nbf", "exp" })
            {
                if (document.RootElement.TryGetProperty(claim, out JsonElement value) && value.TryGetInt64(out long seconds) &&
                    seconds is > -62135596800 and < 253402300800)
                {
                    lines.Add($"{claim} = {DateTimeOffset.FromUnixTimeSeconds(seconds).ToString("u", CultureInfo.InvariantCulture)}");
                }
            }

            return lines.ToArray();
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static string Indent(string text, string indent) => indent + text.Replace("\n", "\n" + indent);
}
