using System;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace TokenSchema.Benchmarks;

/// <summary>
/// A Daily meeting token with only the benchmark's eight claims, implemented by hand the way the source generator
/// implements a payload: <c>r</c> (room), <c>d</c> (domain id), <c>iat</c>, <c>exp</c>, <c>ud</c> (user id),
/// <c>u</c> (user name), <c>o</c> (owner) and <c>ss</c> (screen share), with strings and longs instead of
/// <see cref="Guid"/> and <see cref="DateTimeOffset"/>.
/// </summary>
/// <remarks>
/// Kept as a reference row beside the built-in <see cref="Daily.DailyToken"/> (25 claims, typed values): the
/// difference between the two rows is the cost of the built-in schema's breadth and typed claims.
/// </remarks>
public sealed record HandWrittenDailyToken : IJwtPayload<HandWrittenDailyToken>
{
    private static readonly JsonEncodedText RoomName = JsonEncodedText.Encode("r");
    private static readonly JsonEncodedText DomainName = JsonEncodedText.Encode("d");
    private static readonly JsonEncodedText IssuedAtName = JsonEncodedText.Encode("iat");
    private static readonly JsonEncodedText ExpiresName = JsonEncodedText.Encode("exp");
    private static readonly JsonEncodedText UserIdName = JsonEncodedText.Encode("ud");
    private static readonly JsonEncodedText UserNameName = JsonEncodedText.Encode("u");
    private static readonly JsonEncodedText OwnerName = JsonEncodedText.Encode("o");
    private static readonly JsonEncodedText ScreenShareName = JsonEncodedText.Encode("ss");

    /// <summary>The room name (<c>r</c>).</summary>
    public string? Room { get; init; }

    /// <summary>The domain id (<c>d</c>).</summary>
    public string? Domain { get; init; }

    /// <summary>Issued at, seconds since the epoch (<c>iat</c>).</summary>
    public long? IssuedAt { get; init; }

    /// <summary>Expires at, seconds since the epoch (<c>exp</c>).</summary>
    public long? Expires { get; init; }

    /// <summary>The user id (<c>ud</c>).</summary>
    public string? UserId { get; init; }

    /// <summary>The user name (<c>u</c>).</summary>
    public string? UserName { get; init; }

    /// <summary>Whether the user owns the meeting (<c>o</c>).</summary>
    public bool? IsOwner { get; init; }

    /// <summary>Whether the user may share a screen (<c>ss</c>).</summary>
    public bool? EnableScreenShare { get; init; }

    /// <inheritdoc/>
    public void WritePayload(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        if (Room is not null)
        {
            writer.WriteString(RoomName, Room);
        }

        if (Domain is not null)
        {
            writer.WriteString(DomainName, Domain);
        }

        if (IssuedAt is { } iat)
        {
            writer.WriteNumber(IssuedAtName, iat);
        }

        if (Expires is { } exp)
        {
            writer.WriteNumber(ExpiresName, exp);
        }

        if (UserId is not null)
        {
            writer.WriteString(UserIdName, UserId);
        }

        if (UserName is not null)
        {
            writer.WriteString(UserNameName, UserName);
        }

        if (IsOwner is { } o)
        {
            writer.WriteBoolean(OwnerName, o);
        }

        if (EnableScreenShare is { } ss)
        {
            writer.WriteBoolean(ScreenShareName, ss);
        }

        writer.WriteEndObject();
    }

    /// <inheritdoc/>
    public ClaimValidationResult Validate()
    {
        var problems = new ClaimProblemCollector();
        if (Room is null)
        {
            problems.Add("r", "is required");
        }

        if (Expires is { } exp && IssuedAt is { } iat && exp <= iat)
        {
            problems.Add("exp", "is not after 'iat'");
        }

        return problems.ToResult();
    }

    /// <inheritdoc/>
    public static bool TryReadPayload(ref Utf8JsonReader reader, [MaybeNullWhen(false)] out HandWrittenDailyToken payload, out ClaimReadError error)
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

        string? room = null, domain = null, userId = null, userName = null;
        long? iat = null, exp = null;
        bool? owner = null, screenShare = null;
        int seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            int bit;
            string claim;
            if (reader.ValueTextEquals("r"u8)) { bit = 1; claim = "r"; }
            else if (reader.ValueTextEquals("d"u8)) { bit = 2; claim = "d"; }
            else if (reader.ValueTextEquals("iat"u8)) { bit = 4; claim = "iat"; }
            else if (reader.ValueTextEquals("exp"u8)) { bit = 8; claim = "exp"; }
            else if (reader.ValueTextEquals("ud"u8)) { bit = 16; claim = "ud"; }
            else if (reader.ValueTextEquals("u"u8)) { bit = 32; claim = "u"; }
            else if (reader.ValueTextEquals("o"u8)) { bit = 64; claim = "o"; }
            else if (reader.ValueTextEquals("ss"u8)) { bit = 128; claim = "ss"; }
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
                case 16: ok = reader.TokenType == JsonTokenType.String; userId = ok ? reader.GetString() : null; break;
                case 32: ok = reader.TokenType == JsonTokenType.String; userName = ok ? reader.GetString() : null; break;
                case 64: ok = reader.TokenType is JsonTokenType.True or JsonTokenType.False; owner = ok ? reader.GetBoolean() : null; break;
                case 128: ok = reader.TokenType is JsonTokenType.True or JsonTokenType.False; screenShare = ok ? reader.GetBoolean() : null; break;
                default:
                    long value = 0;
                    ok = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out value);
                    if (bit == 4) { iat = value; } else { exp = value; }
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

        payload = new HandWrittenDailyToken
        {
            Room = room, Domain = domain, IssuedAt = iat, Expires = exp,
            UserId = userId, UserName = userName, IsOwner = owner, EnableScreenShare = screenShare,
        };
        error = default;
        return true;
    }
}
