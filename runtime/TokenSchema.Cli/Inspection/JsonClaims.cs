using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace TokenSchema.Inspection;

/// <summary>An untyped payload for the command line: any JSON object, written and read as it is.</summary>
internal sealed class JsonClaims : IJwtPayload<JsonClaims>
{
    public JsonClaims(JsonElement root)
    {
        Root = root;
    }

    public JsonElement Root { get; }

    public static JsonClaims Parse(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return new JsonClaims(document.RootElement.Clone());
    }

    public void WritePayload(Utf8JsonWriter writer) => Root.WriteTo(writer);

    public ClaimValidationResult Validate()
    {
        var problems = new ClaimProblemCollector();
        if (Root.ValueKind != JsonValueKind.Object)
        {
            problems.Add("(payload)", $"is a JSON {Root.ValueKind.ToString().ToLowerInvariant()}, not an object");
        }

        return problems.ToResult();
    }

    public static bool TryReadPayload(ref Utf8JsonReader reader, [MaybeNullWhen(false)] out JsonClaims payload, out ClaimReadError error)
    {
        JsonElement root = JsonElement.ParseValue(ref reader);
        if (root.ValueKind != JsonValueKind.Object)
        {
            payload = null;
            error = new ClaimReadError(ClaimReadErrorKind.NotAnObject, null);
            return false;
        }

        payload = new JsonClaims(root);
        error = default;
        return true;
    }
}
