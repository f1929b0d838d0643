using System;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace TokenSchema.Tests;

/// <summary>
/// A payload implemented by hand, the way the generator implements it: the contract can be implemented without the
/// generator, and the same claims give the same token as the generated <see cref="TestPayload"/>.
/// </summary>
public sealed record HandWrittenPayload : IJwtPayload<HandWrittenPayload>
{
    private static readonly JsonEncodedText RoomName = JsonEncodedText.Encode("r");
    private static readonly JsonEncodedText Domain = JsonEncodedText.Encode("d");
    private static readonly JsonEncodedText IssuedAtName = JsonEncodedText.Encode("iat");
    private static readonly JsonEncodedText ExpiresName = JsonEncodedText.Encode("exp");
    private static readonly JsonEncodedText NotBeforeName = JsonEncodedText.Encode("nbf");
    private static readonly JsonEncodedText OwnerName = JsonEncodedText.Encode("o");

    public string? Room { get; init; }

    public string? DomainId { get; init; }

    public long? IssuedAt { get; init; }

    public long? Expires { get; init; }

    public long? NotBefore { get; init; }

    public bool? IsOwner { get; init; }

    public void WritePayload(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        if (Room is not null)
        {
            writer.WriteString(RoomName, Room);
        }

        if (DomainId is not null)
        {
            writer.WriteString(Domain, DomainId);
        }

        if (IssuedAt is { } iat)
        {
            writer.WriteNumber(IssuedAtName, iat);
        }

        if (Expires is { } exp)
        {
            writer.WriteNumber(ExpiresName, exp);
        }

        if (NotBefore is { } nbf)
        {
            writer.WriteNumber(NotBeforeName, nbf);
        }

        if (IsOwner is { } o)
        {
            writer.WriteBoolean(OwnerName, o);
        }

        writer.WriteEndObject();
    }

    public ClaimValidationResult Validate()
    {
        var problems = new ClaimProblemCollector();
        if (Room is null)
        {
            problems.Add("r", "is required");
        }
        else if (Room.Length > 128)
        {
            problems.Add("r", "is longer than 128 characters");
        }

        if (Expires is { } exp && IssuedAt is { } iat && exp <= iat)
        {
            problems.Add("exp", "is not after 'iat'");
        }

        return problems.ToResult();
    }

    public static bool TryReadPayload(ref Utf8JsonReader reader, [MaybeNullWhen(false)] out HandWrittenPayload payload, out ClaimReadError error)
    {
        payload = null;
        if (reader.TokenType == JsonTokenType.None)
        {
            reader.Read();
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            error = new ClaimReadError(ClaimReadErrorKind.NotAnObject, null);
            return false;
        }

        string? room = null, domain = null;
        long? iat = null, exp = null, nbf = null;
        bool? owner = null;
        int seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            int bit;
            string claim;
            if (reader.ValueTextEquals("r"u8)) { bit = 1; claim = "r"; }
            else if (reader.ValueTextEquals("d"u8)) { bit = 2; claim = "d"; }
            else if (reader.ValueTextEquals("iat"u8)) { bit = 4; claim = "iat"; }
            else if (reader.ValueTextEquals("exp"u8)) { bit = 8; claim = "exp"; }
            else if (reader.ValueTextEquals("nbf"u8)) { bit = 16; claim = "nbf"; }
            else if (reader.ValueTextEquals("o"u8)) { bit = 32; claim = "o"; }
            else
            {
                reader.Read();
                reader.Skip();
                continue;
            }

            if ((seen & bit) != 0)
            {
                error = new ClaimReadError(ClaimReadErrorKind.DuplicateClaim, claim);
                return false;
            }

            seen |= bit;
            reader.Read();
            bool ok;
            switch (bit)
            {
                case 1: ok = reader.TokenType == JsonTokenType.String; room = ok ? reader.GetString() : null; break;
                case 2: ok = reader.TokenType == JsonTokenType.String; domain = ok ? reader.GetString() : null; break;
                case 32: ok = reader.TokenType is JsonTokenType.True or JsonTokenType.False; owner = ok ? reader.GetBoolean() : null; break;
                default:
                    ok = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out long n);
                    long value = ok ? reader.GetInt64() : 0;
                    if (bit == 4) { iat = value; } else if (bit == 8) { exp = value; } else { nbf = value; }
                    break;
            }

            if (!ok)
            {
                error = new ClaimReadError(ClaimReadErrorKind.WrongType, claim);
                return false;
            }
        }

        if (room is null)
        {
            error = new ClaimReadError(ClaimReadErrorKind.MissingClaim, "r");
            return false;
        }

        payload = new HandWrittenPayload { Room = room, DomainId = domain, IssuedAt = iat, Expires = exp, NotBefore = nbf, IsOwner = owner };
        error = default;
        return true;
    }
}
