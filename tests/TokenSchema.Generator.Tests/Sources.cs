namespace TokenSchema.Generator.Tests;

/// <summary>Payload sources compiled by the tests, with sample factories the tests call by reflection.</summary>
internal static class Sources
{
    /// <summary>A Daily-like record: r, d, iat in that order, as in Daily's documented token.</summary>
    public const string Daily = """
        using System;
        using System.ComponentModel.DataAnnotations;
        using TokenSchema;

        namespace Samples.Daily;

        public enum Language
        {
            [ClaimValue("en")] English,
            [ClaimValue("pt-BR")] BrazilianPortuguese,
            de,
        }

        [TokenPayload(ClaimVocabulary.Daily)]
        public sealed partial record DailyToken
        {
            [Claim("r"), Required, MaxLength(128)]
            public required string Room { get; init; }

            [Claim("d")]
            public required Guid DomainId { get; init; }

            [Claim("iat")]
            public required DateTimeOffset IssuedAt { get; init; }

            [Claim("exp")]
            public DateTimeOffset? Expires { get; init; }

            [Claim("nbf")]
            public long? NotBefore { get; init; }

            [Claim("ud"), StringLength(36, MinimumLength = 2)]
            public string? UserId { get; init; }

            [Claim("o")]
            public bool? IsOwner { get; init; }

            [Claim("uil")]
            public Language? Language { get; init; }

            [Claim("rome"), Url]
            public Uri? RedirectOnExit { get; init; }

            [Claim("eje"), Range(1, 86400)]
            public int? EjectAfterSeconds { get; init; }

            [Claim("p")]
            public Permissions? Permissions { get; init; }
        }

        [TokenPayload(ClaimVocabulary.Daily)]
        public sealed partial record Permissions
        {
            [Claim("hp")]
            public bool? HasPresence { get; init; }

            [Claim("cs"), MaxLength(10)]
            public string? CanSend { get; init; }
        }

        public static class DailySamples
        {
            public static DailyToken Documented() => new()
            {
                Room = "room-0253",
                DomainId = Guid.Parse("25df5057-ef0d-4d97-bde6-0cf287276cbb"),
                IssuedAt = DateTimeOffset.FromUnixTimeSeconds(1548722207),
            };

            public static DailyToken Full() => Documented() with
            {
                Expires = DateTimeOffset.FromUnixTimeSeconds(1548725807),
                NotBefore = 1548722200,
                UserId = "user-42",
                IsOwner = true,
                Language = Samples.Daily.Language.BrazilianPortuguese,
                RedirectOnExit = new Uri("https://example.com/bye"),
                EjectAfterSeconds = 3600,
                Permissions = new Permissions { HasPresence = false, CanSend = "v,a" },
            };

            public static DailyToken Invalid() => Documented() with
            {
                Room = "",
                Expires = DateTimeOffset.FromUnixTimeSeconds(1548722207),
                NotBefore = 1548722300,
                UserId = new string('u', 37),
                RedirectOnExit = new Uri("mailto:someone@example.com"),
                EjectAfterSeconds = 0,
                Permissions = new Permissions { CanSend = "v,a,sv,sa,extra" },
            };

            public static long ValidateAllocations(DailyToken token)
            {
                token.Validate();
                long before = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < 100; i++)
                {
                    token.Validate();
                }

                return GC.GetAllocatedBytesForCurrentThread() - before;
            }

            public static long WriteAllocations(DailyToken token)
            {
                var buffer = new System.Buffers.ArrayBufferWriter<byte>(4096);
                using var writer = new System.Text.Json.Utf8JsonWriter(buffer);
                token.WritePayload(writer);
                writer.Flush();
                long before = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < 100; i++)
                {
                    buffer.ResetWrittenCount();
                    writer.Reset();
                    token.WritePayload(writer);
                    writer.Flush();
                }

                return GC.GetAllocatedBytesForCurrentThread() - before;
            }
        }
        """;

    /// <summary>Every other supported value type and member shape.</summary>
    public const string Kitchen = """
        using System;
        using System.Collections.Generic;
        using System.Text.Json;
        using TokenSchema;

        namespace Samples.Kitchen
        {
            public enum Kind { Standard, Ingress, [ClaimValue("sip-call")] Sip }

            [TokenPayload]
            public partial record struct Point([property: Claim("x")] int X, [property: Claim("y")] int Y);

            public sealed class CommaList : IClaimConverter<string[]>
            {
                public static void Write(Utf8JsonWriter writer, string[] value) => writer.WriteStringValue(string.Join(",", value));

                public static bool TryRead(ref Utf8JsonReader reader, out string[] value)
                {
                    if (reader.TokenType == JsonTokenType.True) { value = new[] { "*" }; return true; }
                    if (reader.TokenType != JsonTokenType.String) { value = null!; return false; }
                    value = reader.GetString()!.Split(',');
                    return true;
                }
            }

            [TokenPayload]
            public partial class Everything
            {
                [Claim("s")] public string? Text { get; set; }
                [Claim("b")] public bool Flag { get; set; }
                [Claim("i")] public int Int { get; set; }
                [Claim("l")] public long Long { get; set; }
                [Claim("f")] public double Double { get; set; }
                [Claim("g")] public Guid Guid { get; set; }
                [Claim("u")] public Uri? Uri { get; set; }
                [Claim("t")] public DateTimeOffset Time { get; set; }
                [Claim("ts")] public TimeSpan Span { get; set; }
                [Claim("k")] public Kind Kind { get; set; }
                [Claim("ni")] public int? NullableInt { get; set; }
                [Claim("arr")] public string[]? Strings { get; set; }
                [Claim("ka")] public IReadOnlyList<Kind>? Kinds { get; set; }
                [Claim("na")] public int?[]? NullableInts { get; set; }
                [Claim("pts")] public IReadOnlyList<Point>? Points { get; set; }
                [Claim("pt")] public Point? Point { get; set; }
                [Claim("m")] public IReadOnlyDictionary<string, long>? Map { get; set; }
                [Claim("mm")] public IReadOnlyDictionary<string, string[]>? Nested { get; set; }
                [Claim("j")] public JsonElement? Json { get; set; }
                [Claim("cv"), ClaimConverter(typeof(CommaList))] public string[]? Converted { get; set; }
                [Claim("ver")] public int Version { get; set; } = 1;
            }

            [TokenPayload]
            public sealed partial record Positional(
                [Claim("sub")] string Subject,
                [Claim("name")] string? Name,
                [Claim("ver")] int Version = 2,
                [Claim("kind")] Kind Kind = Kind.Ingress)
            {
                [Claim("meta")] public string Metadata { get; init; } = "none";
                [Claim("att")] public required IReadOnlyDictionary<string, string> Attributes { get; init; }
            }

            public static class KitchenSamples
            {
                public static Everything Everything() => new()
                {
                    Text = "caf\u00e9 \"quoted\"",
                    Flag = true,
                    Int = -2147483648,
                    Long = 9007199254740993,
                    Double = 0.5,
                    Guid = new Guid("00000000-0000-0000-0000-0000000000ff"),
                    Uri = new Uri("https://example.com/a?b=c"),
                    Time = DateTimeOffset.FromUnixTimeSeconds(1700000000),
                    Span = TimeSpan.FromHours(6),
                    Kind = Kind.Sip,
                    NullableInt = null,
                    Strings = new[] { "a", "b" },
                    Kinds = new[] { Kind.Standard, Kind.Sip },
                    NullableInts = new int?[] { 1, null, 3 },
                    Points = new[] { new Point(1, 2), new Point(3, 4) },
                    Point = new Point(5, 6),
                    Map = new Dictionary<string, long> { ["one"] = 1, ["two"] = 2 },
                    Nested = new Dictionary<string, string[]> { ["x"] = new[] { "y" } },
                    Json = JsonDocument.Parse("{\"any\":[1,true,null]}").RootElement,
                    Converted = new[] { "v", "a", "sv" },
                    Version = 3,
                };

                public static Positional Positional() => new("alice", null)
                {
                    Attributes = new Dictionary<string, string> { ["role"] = "host" },
                };
            }
        }
        """;

    /// <summary>Types declared in unusual places: global namespace, nested in partial types, file-scoped namespaces.</summary>
    public const string Placement = """
        using TokenSchema;

        [TokenPayload]
        public partial struct GlobalPayload
        {
            [Claim("v")] public int? Value { get; init; }
        }

        namespace Samples.Placement
        {
            public static partial class Outer
            {
                public partial record Middle
                {
                    [TokenPayload]
                    public partial record struct Inner
                    {
                        [Claim("event")] public string? @event { get; init; }
                    }
                }
            }
        }
        """;

    /// <summary>Daily payloads with nested objects and converters, written in the long (REST) form too; a plain JWT payload.</summary>
    public const string LongForm = """
        using System;
        using System.Collections.Generic;
        using System.Text.Json;
        using TokenSchema;

        namespace Samples.LongForm;

        [Flags]
        public enum Media
        {
            None = 0,
            Video = 1,
            Audio = 2,
        }

        /// <summary>A comma string in the token, an array of names in the REST body.</summary>
        public sealed class MediaConverter : ILongFormClaimConverter<Media>
        {
            public static void Write(Utf8JsonWriter writer, Media value) =>
                writer.WriteStringValue(value switch { Media.Video => "v", Media.Audio => "a", Media.Video | Media.Audio => "v,a", _ => "" });

            public static void WriteLongForm(Utf8JsonWriter writer, Media value)
            {
                writer.WriteStartArray();
                if ((value & Media.Video) != 0) writer.WriteStringValue("video"u8);
                if ((value & Media.Audio) != 0) writer.WriteStringValue("audio"u8);
                writer.WriteEndArray();
            }

            public static bool TryRead(ref Utf8JsonReader reader, out Media value)
            {
                value = Media.None;
                return reader.TokenType == JsonTokenType.String;
            }
        }

        /// <summary>A converter with no long form: both forms write the same value.</summary>
        public sealed class AdminFlag : IClaimConverter<bool>
        {
            public static void Write(Utf8JsonWriter writer, bool value) => writer.WriteBooleanValue(value);

            public static bool TryRead(ref Utf8JsonReader reader, out bool value)
            {
                value = reader.TokenType == JsonTokenType.True;
                return reader.TokenType is JsonTokenType.True or JsonTokenType.False;
            }
        }

        [TokenPayload(ClaimVocabulary.Daily)]
        public sealed partial record MeetingToken
        {
            [Claim("r")]
            public required string Room { get; init; }

            [Claim("ctoe")]
            public bool? CloseTabOnExit { get; init; }

            [Claim("exp")]
            public DateTimeOffset? Expires { get; init; }

            [Claim("u")]
            public string? UserName { get; init; }

            [Claim("enable_prejoin_ui")]
            public bool? EnablePrejoinUi { get; init; }

            [Claim("x-team", IsExtension = true)]
            public string? Team { get; init; }

            [Claim("p")]
            public MeetingPermissions? Permissions { get; init; }
        }

        [TokenPayload(ClaimVocabulary.Daily)]
        public sealed partial record MeetingPermissions
        {
            [Claim("hp")]
            public bool? HasPresence { get; init; }

            [Claim("cs"), ClaimConverter(typeof(MediaConverter))]
            public Media? CanSend { get; init; }

            [Claim("ca"), ClaimConverter(typeof(AdminFlag))]
            public bool? CanAdmin { get; init; }

            [Claim("cr")]
            public Receive? CanReceive { get; init; }
        }

        [TokenPayload(ClaimVocabulary.Daily)]
        public sealed partial record Receive
        {
            [Claim("b")]
            public bool? Base { get; init; }

            [Claim("u")]
            public IReadOnlyDictionary<string, bool>? ByUserId { get; init; }

            [Claim("p")]
            public IReadOnlyDictionary<string, MediaSettings>? ByParticipantId { get; init; }
        }

        [TokenPayload(ClaimVocabulary.Daily)]
        public sealed partial record MediaSettings
        {
            [Claim("v")]
            public bool? Video { get; init; }

            [Claim("a")]
            public bool? Audio { get; init; }
        }

        [TokenPayload]
        public sealed partial record PlainToken
        {
            [Claim("sub")]
            public string? Subject { get; init; }
        }

        public static class LongFormSamples
        {
            public static MeetingToken Minimal() => new()
            {
                Room = "x",
                CloseTabOnExit = true,
                Permissions = new MeetingPermissions { HasPresence = true },
            };

            public static MeetingToken Full() => new()
            {
                Room = "x",
                CloseTabOnExit = true,
                Expires = DateTimeOffset.FromUnixTimeSeconds(1700000000),
                UserName = "Ann",
                EnablePrejoinUi = true,
                Team = "blue",
                Permissions = new MeetingPermissions
                {
                    HasPresence = true,
                    CanSend = Media.Video | Media.Audio,
                    CanAdmin = true,
                    CanReceive = new Receive
                    {
                        Base = false,
                        ByUserId = new Dictionary<string, bool> { ["u1"] = true },
                        ByParticipantId = new Dictionary<string, MediaSettings> { ["*"] = new MediaSettings { Video = true, Audio = false } },
                    },
                },
            };

            public static PlainToken Plain() => new() { Subject = "s" };

            public static long WriteLongFormAllocations(MeetingToken token)
            {
                var buffer = new System.Buffers.ArrayBufferWriter<byte>(4096);
                using var writer = new Utf8JsonWriter(buffer);
                token.WriteLongForm(writer);
                writer.Flush();
                long before = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < 100; i++)
                {
                    buffer.ResetWrittenCount();
                    writer.Reset();
                    token.WriteLongForm(writer);
                    writer.Flush();
                }

                return GC.GetAllocatedBytesForCurrentThread() - before;
            }
        }
        """;

    public static readonly string[] All = { Daily, Kitchen, Placement, LongForm };
}
