using System;
using System.Buffers.Text;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace TokenSchema.Cli;

/// <summary>What the <c>tokenschema</c> commands do, writing to the given output so that tests can read it.</summary>
internal static class TokenCommands
{
    /// <summary>A public key for the demo only: printed, labelled, and useless against any real platform.</summary>
    internal const string DemoKey = "tokenschema-DEMO-KEY-public-never-use-in-production";

    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Signs and inspects demo tokens with the demo key; returns the exit code.</summary>
    public static int Demo(TextWriter output, TimeProvider clock)
    {
        DateTimeOffset now = clock.GetUtcNow();
        long iat = now.ToUnixTimeSeconds();
        output.WriteLine("TokenSchema demo: self-signed meeting tokens (HS256).");
        output.WriteLine($"DEMO KEY (public, for this demo only; never use it for a real platform): \"{DemoKey}\"");
        output.WriteLine();

        using var signer = JwtSigner.FromSecret(DemoKey);
        using var verifier = JwtVerifier.FromSecret(DemoKey, new JwtVerifierOptions { TimeProvider = clock });

        string owner = signer.Sign(JsonClaims.Parse($$"""{"r":"standup","d":"25df5057-ef0d-4d97-bde6-0cf287276cbb","iat":{{iat}},"exp":{{iat + 3600}},"o":true,"u":"Ada (host)"}"""));
        string guest = signer.Sign(JsonClaims.Parse($$"""{"r":"standup","d":"25df5057-ef0d-4d97-bde6-0cf287276cbb","iat":{{iat}},"exp":{{iat + 900}},"u":"Grace","ud":"guest-42","ctoe":true}"""));

        output.WriteLine("1. A Daily owner token for room \"standup\", valid for one hour:");
        Describe(output, owner, verifier, "   ");
        output.WriteLine("2. A Daily guest token, valid for 15 minutes, that closes the tab on exit:");
        Describe(output, guest, verifier, "   ");

        string[] parts = owner.Split('.');
        string tampered = parts[0] + "." + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Decode(parts[1]).Replace("\"o\":true", "\"o\":false"))) + "." + parts[2];
        output.WriteLine("3. The owner token with its payload edited (\"o\":false) and the old signature:");
        output.WriteLine($"   rejected: {Check(verifier, tampered)}");
        string unsigned = Base64Url.EncodeToString("""{"alg":"none","typ":"JWT"}"""u8) + "." + parts[1] + "." + parts[2];
        output.WriteLine("4. The owner token relabelled \"alg\":\"none\":");
        output.WriteLine($"   rejected: {Check(verifier, unsigned)}");
        output.WriteLine();
        output.WriteLine("Sign your own: TOKENSCHEMA_SECRET=<api key> tokenschema sign --claims '{\"r\":\"room\",\"d\":\"<domain id>\",\"iat\":" + iat + "}'");
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
    public static int Inspect(TextWriter output, TextWriter error, string token, string? secret, TimeProvider clock, bool allowShortKey)
    {
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
            JwtError result = Check(verifier, token);
            output.WriteLine(result == JwtError.None ? "signature: verified (HS256); token accepted" : $"signature: token rejected: {result}");
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
        JwtError result = Check(verifier, token);
        output.WriteLine($"{indent}verify:  {(result == JwtError.None ? "accepted" : "rejected: " + result)}");
        output.WriteLine();
    }

    private static JwtError Check(JwtVerifier verifier, string token)
    {
        verifier.TryVerify(token.AsSpan(), out JsonClaims? _, out JwtError result);
        return result;
    }

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
