using System;
using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace TokenSchema.Daily;

/// <summary>
/// Options that only Daily's REST create-meeting-token call (<c>POST https://api.daily.co/v1/meeting-tokens</c>) accepts:
/// they have no abbreviated claim, so a self-signed token can never carry them. Pass them to
/// <see cref="DailyToken.WriteRestRequestBody"/>, <see cref="DailyToken.ToRestRequestBody"/> or
/// <see cref="DailyTokenIssuer.CreateRestRequestBody"/>; a <see langword="null"/> option is left out of the body.
/// </summary>
/// <example>
/// <code>
/// string body = token.ToRestRequestBody(new DailyRestOptions { EnablePrejoinUi = true });
/// // {"properties":{"room_name":"standup",…,"enable_prejoin_ui":true}}
/// </code>
/// </example>
public sealed record DailyRestOptions
{
    /// <summary>Sends the participant through Daily Prebuilt's camera, microphone and browser check before joining (<c>enable_prejoin_ui</c>).</summary>
    public bool? EnablePrejoinUi { get; init; }

    /// <summary>Shows or hides the closed-captions button in Daily Prebuilt's call tray (<c>enable_live_captions_ui</c>).</summary>
    public bool? EnableLiveCaptionsUi { get; init; }

    /// <summary>Reduces the volume of the participant's log messages, for calls of more than 200 participants (<c>enable_terse_logging</c>).</summary>
    public bool? EnableTerseLogging { get; init; }
}

/// <summary>
/// Writes the body of Daily's REST create-meeting-token call, <c>{"properties":{…}}</c>, from a token's long form
/// (<see cref="ILongFormPayload.WriteLongForm"/>): the long form is written once to a per-thread buffer and copied token
/// by token into the caller's writer (so the caller's indentation and escaping apply), leaving out the claims Daily fills
/// itself and appending the REST-only options inside <c>properties</c>. Allocates nothing once the buffers have grown.
/// </summary>
internal static class DailyRestBody
{
    /// <summary>The long names of the REST-only options, as written inside <c>properties</c>.</summary>
    internal const string EnablePrejoinUi = "enable_prejoin_ui";

    /// <inheritdoc cref="EnablePrejoinUi"/>
    internal const string EnableLiveCaptionsUi = "enable_live_captions_ui";

    /// <inheritdoc cref="EnablePrejoinUi"/>
    internal const string EnableTerseLogging = "enable_terse_logging";

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_longForm;

    [ThreadStatic]
    private static Utf8JsonWriter? t_longFormWriter;

    [ThreadStatic]
    private static byte[]? t_unescaped;

    /// <summary>Whether a top-level long-form property is one the REST call fills itself (<c>domain_id</c>, <c>iat</c>).</summary>
    private static bool IsFilledByDaily(ReadOnlySpan<byte> name) => name.SequenceEqual("domain_id"u8) || name.SequenceEqual("iat"u8);

    internal static void Write(Utf8JsonWriter writer, DailyToken token, DailyRestOptions? options)
    {
        ArrayBufferWriter<byte> longForm = t_longForm ??= new ArrayBufferWriter<byte>(1024);
        longForm.ResetWrittenCount();
        Utf8JsonWriter longFormWriter = t_longFormWriter ??= new Utf8JsonWriter(longForm, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        longFormWriter.Reset(longForm);
        token.WriteLongForm(longFormWriter);
        longFormWriter.Flush();

        var reader = new Utf8JsonReader(longForm.WrittenSpan);
        reader.Read();
        writer.WriteStartObject();
        writer.WritePropertyName("properties"u8);
        writer.WriteStartObject();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            ReadOnlySpan<byte> name = Unescaped(ref reader);
            if (IsFilledByDaily(name))
            {
                reader.Skip();
                continue;
            }

            writer.WritePropertyName(name);
            reader.Read();
            CopyValue(ref reader, writer);
        }

        if (options is not null)
        {
            WriteOption(writer, EnablePrejoinUi, options.EnablePrejoinUi);
            WriteOption(writer, EnableLiveCaptionsUi, options.EnableLiveCaptionsUi);
            WriteOption(writer, EnableTerseLogging, options.EnableTerseLogging);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteOption(Utf8JsonWriter writer, string name, bool? value)
    {
        if (value is { } set)
        {
            writer.WriteBoolean(name, set);
        }
    }

    /// <summary>Copies the value the reader is on (a scalar, or an object or array up to its end) into the writer.</summary>
    private static void CopyValue(ref Utf8JsonReader reader, Utf8JsonWriter writer)
    {
        int depth = reader.CurrentDepth;
        while (true)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    writer.WriteStartObject();
                    break;
                case JsonTokenType.EndObject:
                    writer.WriteEndObject();
                    break;
                case JsonTokenType.StartArray:
                    writer.WriteStartArray();
                    break;
                case JsonTokenType.EndArray:
                    writer.WriteEndArray();
                    break;
                case JsonTokenType.PropertyName:
                    writer.WritePropertyName(Unescaped(ref reader));
                    break;
                case JsonTokenType.String:
                    writer.WriteStringValue(Unescaped(ref reader));
                    break;
                case JsonTokenType.Number when reader.TryGetInt64(out long integer):
                    writer.WriteNumberValue(integer);
                    break;
                case JsonTokenType.Number:
                    writer.WriteRawValue(reader.ValueSpan, skipInputValidation: true);
                    break;
                case JsonTokenType.True:
                case JsonTokenType.False:
                    writer.WriteBooleanValue(reader.TokenType == JsonTokenType.True);
                    break;
                default:
                    writer.WriteNullValue();
                    break;
            }

            bool done = reader.CurrentDepth == depth && reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray);
            if (done || !reader.Read())
            {
                return;
            }
        }
    }

    /// <summary>The UTF-8 text of the current string or property name, unescaped into a per-thread buffer when needed.</summary>
    private static ReadOnlySpan<byte> Unescaped(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return reader.ValueSpan;
        }

        byte[] buffer = t_unescaped is { } existing && existing.Length >= reader.ValueSpan.Length
            ? existing
            : t_unescaped = new byte[Math.Max(256, reader.ValueSpan.Length)];
        int length = reader.CopyString(buffer);
        return buffer.AsSpan(0, length);
    }
}
