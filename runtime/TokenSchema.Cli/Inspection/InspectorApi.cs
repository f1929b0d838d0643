using System;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TokenSchema.Inspection;

/// <summary>
/// The inspector page and its API, one implementation for <c>tokenschema serve</c> and the DI package's
/// <c>MapTokenInspector</c>: the static page (HTML, CSS, a script; nothing loaded from elsewhere, relative addresses so
/// it works under any path) and <c>POST api/inspect</c>, which answers with the <see cref="TokenInspection"/> of
/// <c>inspect --json</c>. The API takes only <c>application/json</c> (no form can post to it) and a bounded body, and
/// keeps and logs nothing.
/// </summary>
internal static class InspectorApi
{
    /// <summary>The largest request body: a token at <see cref="TokenInspection.MaxLength"/>, a secret and the JSON around them.</summary>
    public const int MaxBody = TokenInspection.MaxLength + (64 << 10);

    /// <summary>The page's Content-Security-Policy: its own script and style only, nothing fetched but its own API.</summary>
    public const string ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /// <summary>A file of the page (<c>index.html</c>, <c>app.js</c>, <c>app.css</c>) and its content type; <see langword="null"/> for any other name.</summary>
    public static (byte[] Content, string ContentType)? Page(string name)
    {
        string? type = name switch
        {
            "index.html" => "text/html; charset=utf-8",
            "app.js" => "text/javascript; charset=utf-8",
            "app.css" => "text/css; charset=utf-8",
            _ => null,
        };
        if (type is null)
        {
            return null;
        }

        using Stream stream = typeof(InspectorApi).Assembly.GetManifestResourceStream("TokenSchema.Inspection.Page." + name)
            ?? throw new InvalidOperationException("The inspector page is missing from the assembly: " + name);
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return (bytes, type);
    }

    /// <summary>The answer to <c>GET api/platforms</c>.</summary>
    public static byte[] Platforms() => JsonSerializer.SerializeToUtf8Bytes(InspectionPlatform.Names, InspectorJson.Default.StringArray);

    /// <summary>
    /// The answer to <c>POST api/inspect</c>: the status and the JSON body. The caller checks the content type and the
    /// body's length (<see cref="MaxBody"/>) before reading it.
    /// </summary>
    /// <param name="body">The request's body.</param>
    /// <param name="clock">The clock for the times and the verdict.</param>
    public static (int Status, byte[] Body) Inspect(ReadOnlySpan<byte> body, TimeProvider clock)
    {
        InspectRequest? given;
        try
        {
            given = JsonSerializer.Deserialize(body, InspectorJson.Default.InspectRequest);
        }
        catch (JsonException)
        {
            given = null;
        }

        if (given?.Token is not { } token)
        {
            return (400, Error("The request is not {\"token\": \"…\", \"secret\": \"…\" or null, \"platform\": \"…\" or null}."));
        }

        try
        {
            // A short secret is accepted here: the page only verifies.
            TokenInspection inspection = TokenInspection.Of(token, Normalize(given.Secret), clock, allowShortKey: true, given.Platform);
            return (200, Encoding.UTF8.GetBytes(inspection.ToJson()));
        }
        catch (InspectionException refused)
        {
            return (400, Error(refused.Message));
        }
    }

    /// <summary>An answer that is not an inspection.</summary>
    public static byte[] Error(string message) => JsonSerializer.SerializeToUtf8Bytes(new InspectError(message), InspectorJson.Default.InspectError);

    /// <summary>Whether a request's content type is JSON.</summary>
    public static bool IsJson(string? contentType) => contentType is { } type && type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase);

    private static string? Normalize(string? secret) => SecretText.Normalize(secret);
}

/// <summary>The one normalisation of a secret, whatever its source: without a leading byte-order mark and trailing CR or LF.</summary>
internal static class SecretText
{
    /// <summary><paramref name="secret"/> without a leading U+FEFF and trailing CR/LF; <see langword="null"/> for nothing.</summary>
    public static string? Normalize(string? secret)
    {
        if (secret is null)
        {
            return null;
        }

        secret = secret.StartsWith('\uFEFF') ? secret[1..] : secret;
        secret = secret.TrimEnd('\r', '\n');
        return secret.Length == 0 ? null : secret;
    }
}

/// <summary>What the page sends: the token, and optionally the secret and the platform.</summary>
internal sealed record InspectRequest(string? Token, string? Secret, string? Platform);

/// <summary>An answer that is not an inspection.</summary>
internal sealed record InspectError(string Error);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(InspectRequest))]
[JsonSerializable(typeof(InspectError))]
[JsonSerializable(typeof(string[]), TypeInfoPropertyName = "StringArray")]
internal sealed partial class InspectorJson : JsonSerializerContext;
