using System;
using System.Buffers.Text;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TokenSchema.Benchmarks;

/// <summary>The one key and the one set of claims every approach signs.</summary>
internal static class Fixture
{
    /// <summary>A 40-byte HS256 key, the UTF-8 bytes of a platform secret.</summary>
    public static readonly byte[] Key = Encoding.UTF8.GetBytes("benchmark-secret-0123456789-abcdefghijkl");

    public const string Room = "standup-7f3a9c";
    public const string Domain = "25df5057-ef0d-4d97-bde6-0cf287276cbb";
    public const long IssuedAt = 1_763_800_000;

    /// <summary>2100-01-01, so every verifier accepts the token whatever the clock.</summary>
    public const long Expires = 4_102_444_800;

    public const string UserId = "user-8412";
    public const string UserName = "Ada Lovelace";
    public const bool IsOwner = true;
    public const bool ScreenShare = true;

    /// <summary>The claims in the library's built-in, generated Daily schema: what users call.</summary>
    public static Daily.DailyToken TokenSchemaPayload { get; } = new()
    {
        RoomName = Room,
        DomainId = Guid.Parse(Domain),
        IssuedAt = DateTimeOffset.FromUnixTimeSeconds(IssuedAt),
        Expires = DateTimeOffset.FromUnixTimeSeconds(Expires),
        UserId = UserId,
        UserName = UserName,
        IsOwner = IsOwner,
        EnableScreenshare = ScreenShare,
    };

    /// <summary>The claims in the hand-written 8-claim payload (strings and longs), for the reference rows.</summary>
    public static HandWrittenDailyToken HandWrittenPayload { get; } = new()
    {
        Room = Room, Domain = Domain, IssuedAt = IssuedAt, Expires = Expires,
        UserId = UserId, UserName = UserName, IsOwner = IsOwner, EnableScreenShare = ScreenShare,
    };

    public static HandPayload HandPayload { get; } = new(Room, Domain, IssuedAt, Expires, UserId, UserName, IsOwner, ScreenShare);

    /// <summary>The claims as a dictionary, in the same order, for the libraries that take one.</summary>
    public static Dictionary<string, object> Claims() => new()
    {
        ["r"] = Room,
        ["d"] = Domain,
        ["iat"] = IssuedAt,
        ["exp"] = Expires,
        ["ud"] = UserId,
        ["u"] = UserName,
        ["o"] = IsOwner,
        ["ss"] = ScreenShare,
    };

    /// <summary>Throws unless <paramref name="token"/> carries exactly the fixture's claims, whatever their order.</summary>
    public static void CheckClaims(string token, string approach)
    {
        string[] parts = token.Split('.');
        if (parts.Length != 3)
        {
            throw new InvalidOperationException($"{approach}: not a compact JWS.");
        }

        CheckPayloadJson(Base64Url.DecodeFromChars(parts[1]), approach);
    }

    /// <summary>Throws unless the claims a verifier read are exactly the fixture's, whatever their order.</summary>
    public static void CheckClaims(IDictionary<string, object> claims, string approach) =>
        CheckPayloadJson(JsonSerializer.SerializeToUtf8Bytes(claims), approach);

    /// <summary>
    /// <paramref name="token"/> with the first character of its signature changed: every verifier must reject it, so
    /// that a row that skips the signature check cannot pass its setup.
    /// </summary>
    public static string Tampered(string token)
    {
        int signature = token.LastIndexOf('.') + 1;
        char replacement = token[signature] == 'A' ? 'B' : 'A';
        return string.Concat(token.AsSpan(0, signature), new string(replacement, 1), token.AsSpan(signature + 1));
    }

    /// <summary>Throws unless the payload JSON carries exactly the fixture's claims, whatever their order.</summary>
    public static void CheckPayloadJson(ReadOnlySpan<byte> json, string approach)
    {
        var reader = new Utf8JsonReader(json);
        using JsonDocument payload = JsonDocument.ParseValue(ref reader);
        JsonElement root = payload.RootElement;
        int count = 0;
        foreach (JsonProperty _ in root.EnumerateObject())
        {
            count++;
        }

        bool same = count == 8
            && root.GetProperty("r").GetString() == Room
            && root.GetProperty("d").GetString() == Domain
            && root.GetProperty("iat").GetInt64() == IssuedAt
            && root.GetProperty("exp").GetInt64() == Expires
            && root.GetProperty("ud").GetString() == UserId
            && root.GetProperty("u").GetString() == UserName
            && root.GetProperty("o").GetBoolean() == IsOwner
            && root.GetProperty("ss").GetBoolean() == ScreenShare;
        if (!same)
        {
            throw new InvalidOperationException($"{approach}: the payload differs from the fixture's claims.");
        }
    }
}

/// <summary>The claims as a plain record for System.Text.Json's source generator.</summary>
public sealed record HandPayload(
    [property: JsonPropertyName("r")] string Room,
    [property: JsonPropertyName("d")] string Domain,
    [property: JsonPropertyName("iat")] long IssuedAt,
    [property: JsonPropertyName("exp")] long Expires,
    [property: JsonPropertyName("ud")] string UserId,
    [property: JsonPropertyName("u")] string UserName,
    [property: JsonPropertyName("o")] bool IsOwner,
    [property: JsonPropertyName("ss")] bool ScreenShare);

/// <summary>The source-generated serializer for <see cref="HandPayload"/>.</summary>
[JsonSerializable(typeof(HandPayload))]
internal sealed partial class HandJsonContext : JsonSerializerContext
{
}
