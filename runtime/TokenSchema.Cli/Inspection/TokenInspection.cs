using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace TokenSchema.Inspection;

/// <summary>
/// What <c>inspect</c> finds in a token, computed once for every front end (the terminal, <c>--json</c>, the page of
/// <c>tokenschema serve</c>): the header and payload, the platform (chosen or guessed), every claim explained with the
/// platform's schema, the findings, and with a secret the verdict and the typed record. Every text in it that comes from
/// the token, but the raw <see cref="Header"/> and <see cref="Payload"/>, is already escaped for a terminal.
/// </summary>
internal sealed record TokenInspection(
    string Header,
    string Payload,
    string Platform,
    string? GuessedFrom,
    IReadOnlyList<InspectedClaim>? Claims,
    IReadOnlyList<string> Findings,
    bool Verified,
    string Verdict,
    string? Record)
{
    /// <summary>The longest token inspected: far above any platform's limit, far below what would exhaust memory.</summary>
    public const int MaxLength = 1 << 20;

    /// <summary>Inspects <paramref name="token"/>; a token that cannot be inspected is a <see cref="InspectionException"/> naming why.</summary>
    /// <exception cref="InspectionException">An unknown platform, a token too long, not three segments, not base64url; a key the verifier refuses.</exception>
    public static TokenInspection Of(string token, string? secret, TimeProvider clock, bool allowShortKey, string? platform)
    {
        platform = platform?.ToLowerInvariant();
        if (platform is not null && Array.IndexOf(InspectionPlatform.Names, platform) < 0)
        {
            throw new InspectionException($"Unknown platform '{TerminalText.Escape(platform)}'; use one of: {string.Join(", ", InspectionPlatform.Names)}.");
        }

        token = token.Trim();
        if (token.Length > MaxLength)
        {
            throw new InspectionException($"The token is over {MaxLength:N0} characters; inspect reads at most that much (a verifier refuses any token over {new JwtVerifierOptions().MaxTokenLength:N0}).");
        }

        string[] parts = token.Split('.');
        if (parts.Length != 3)
        {
            throw new InspectionException($"Not a compact JWS: expected 3 segments separated by '.', found {parts.Length}.");
        }

        string header, payload;
        try
        {
            header = Decode(parts[0]);
            payload = Decode(parts[1]);
        }
        catch (FormatException)
        {
            throw new InspectionException("A segment is not base64url.");
        }

        string? guessedFrom = null;
        if (platform is null)
        {
            (platform, guessedFrom) = InspectionPlatform.Guess(payload);
        }

        var findings = new List<string>();
        List<InspectedClaim>? claims = null;
        try
        {
            claims = SchemaInspection.Explain(platform, payload, token.Length, clock.GetUtcNow(), findings);
        }
        catch (JsonException)
        {
            // The payload is not JSON: the renderers say so.
        }

        if (string.IsNullOrEmpty(secret))
        {
            return new TokenInspection(header, payload, platform, guessedFrom, claims, findings, false, "not verified", null);
        }

        try
        {
            using var verifier = JwtVerifier.FromSecret(secret, new JwtVerifierOptions { TimeProvider = clock, AllowShortKey = allowShortKey });
            // A guessed platform explains the claims; only a chosen one decides whether the token is accepted.
            (JwtVerificationFailure failure, string? record) = InspectionPlatform.VerifyFor(guessedFrom is null ? platform : "jwt", verifier, token);
            bool verified = failure.Error == JwtError.None;
            return new TokenInspection(header, payload, platform, guessedFrom, claims, findings, verified,
                verified ? "verified" : "rejected: " + TerminalText.Escape(failure.ToString()), record);
        }
        catch (ArgumentException exception)
        {
            // The key: too short, or empty. Said as it is, without the key.
            throw new InspectionException(TerminalText.Escape(exception.Message));
        }
    }

    /// <summary>The inspection as text for a terminal: every line laid out by the tool, every character a terminal acts on escaped.</summary>
    public void WriteText(TextWriter output)
    {
        var text = new StringWriter();
        text.WriteLine("header:");
        text.WriteLine(Indent(PrettyOrRaw(Header), "  "));
        text.WriteLine("payload:");
        text.WriteLine(Indent(PrettyOrRaw(Payload), "  "));
        text.WriteLine(GuessedFrom is null ? $"platform: {Platform}" : $"platform: {Platform} (guessed from the claims {TerminalText.Escape(GuessedFrom)}; --platform chooses)");
        if (Claims is not null)
        {
            SchemaInspection.WriteClaims(text, Claims);
            SchemaInspection.WriteFindings(text, Findings);
        }

        text.WriteLine(Verdict switch
        {
            "not verified" => "signature: NOT VERIFIED (give the secret with --secret-env, --secret-file or --secret-stdin to verify)",
            "verified" => "signature: verified (HS256); token accepted",
            _ => "signature: token " + Verdict,
        });
        if (Record is not null)
        {
            text.WriteLine($"read as {Platform}: {TerminalText.Escape(Record)}");
        }

        // Token values were escaped with their line breaks where they were laid out, so no line below comes from the token.
        output.Write(TerminalText.Escape(text.ToString(), keepLineFeeds: true));
    }

    /// <summary>
    /// The inspection as one JSON object: <c>header</c>, <c>payload</c> and <c>record</c> as JSON (or strings when they are
    /// not), <c>platform</c>, <c>platformGuessed</c>, <c>claims</c>, <c>findings</c>, <c>signature</c>, <c>verified</c>.
    /// JSON escapes every control character; the bidirectional controls are escaped too, so the text is inert in a terminal.
    /// </summary>
    public string ToJson()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            WriteRawOrString(writer, "header", Header);
            WriteRawOrString(writer, "payload", Payload);
            writer.WriteString("platform", Platform);
            writer.WriteBoolean("platformGuessed", GuessedFrom is not null);
            if (Claims is not null)
            {
                writer.WriteStartArray("claims");
                foreach (InspectedClaim claim in Claims)
                {
                    writer.WriteStartObject();
                    writer.WriteNumber("depth", claim.Depth);
                    writer.WriteString("path", claim.Path);
                    WriteIfAny(writer, "longName", claim.LongName);
                    WriteIfAny(writer, "description", claim.Description);
                    WriteIfAny(writer, "value", claim.Value);
                    WriteIfAny(writer, "longValues", claim.LongValues);
                    WriteIfAny(writer, "time", claim.Time);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            writer.WriteStartArray("findings");
            foreach (string finding in Findings)
            {
                writer.WriteStringValue(finding);
            }

            writer.WriteEndArray();
            writer.WriteString("signature", Verdict);
            writer.WriteBoolean("verified", Verified);
            if (Record is not null)
            {
                WriteRawOrString(writer, "record", Record);
            }

            // For a page: the same texts the terminal shows, escaped, to be set as text.
            writer.WriteString("headerText", TerminalText.Escape(PrettyOrRaw(Header), keepLineFeeds: true));
            writer.WriteString("payloadText", TerminalText.Escape(PrettyOrRaw(Payload), keepLineFeeds: true));
            if (Record is not null)
            {
                writer.WriteString("recordText", TerminalText.Escape(Record));
            }

            writer.WriteEndObject();
        }

        return TerminalText.EscapeJson(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    private static void WriteIfAny(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteRawOrString(Utf8JsonWriter writer, string name, string json)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            writer.WritePropertyName(name);
            document.RootElement.WriteTo(writer);
        }
        catch (JsonException)
        {
            writer.WriteString(name, json);
        }
    }

    private static string Decode(string segment) => Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(segment));

    private static string PrettyOrRaw(string json)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            var buffer = new System.Buffers.ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                document.RootElement.WriteTo(writer);
            }

            return Encoding.UTF8.GetString(buffer.WrittenSpan);
        }
        catch (JsonException)
        {
            return TerminalText.Escape(json) + "   (not valid JSON)";
        }
    }

    private static string Indent(string text, string indent) => indent + text.Replace("\n", "\n" + indent);
}
