using System;
using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Xunit;

namespace TokenSchema.Generator.Tests;

/// <summary>The long (REST) form writer generated for payloads of vocabularies with long names.</summary>
public sealed class LongFormTests(CompiledSamples samples) : IClassFixture<CompiledSamples>
{
    private const string Samples = "Samples.LongForm.LongFormSamples";

    private LoadedAssembly Loaded => samples.Loaded;

    private static string WriteLongForm(object payload)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            ((ILongFormPayload)payload).WriteLongForm(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [Fact]
    public void Daily_payload_writes_long_names_with_nested_permissions_in_their_long_form()
    {
        object token = Loaded.Call(Samples, "Minimal");

        Assert.Equal("""{"room_name":"x","close_tab_on_exit":true,"permissions":{"hasPresence":true}}""", WriteLongForm(token));
    }

    [Fact]
    public void Compact_writer_is_unchanged_by_the_long_form()
    {
        object token = Loaded.Call(Samples, "Minimal");

        Assert.Equal("""{"r":"x","ctoe":true,"p":{"hp":true}}""", Loaded.Write(token));
    }

    [Fact]
    public void Long_form_keeps_order_and_seconds_and_claim_names_without_long_names_and_uses_long_form_converters_and_nested_maps()
    {
        object token = Loaded.Call(Samples, "Full");

        Assert.Equal(
            """{"room_name":"x","close_tab_on_exit":true,"exp":1700000000,"user_name":"Ann","enable_prejoin_ui":true,"x-team":"blue",""" + "\"" +
            """permissions":{"hasPresence":true,"canSend":["video","audio"],"canAdmin":true,"canReceive":{"base":false,"byUserId":{"u1":true},"byParticipantId":{"*":{"video":true,"audio":false}}}}}""",
            WriteLongForm(token));
        Assert.Equal(
            """{"r":"x","ctoe":true,"exp":1700000000,"u":"Ann","enable_prejoin_ui":true,"x-team":"blue",""" + "\"" +
            """p":{"hp":true,"cs":"v,a","ca":true,"cr":{"b":false,"u":{"u1":true},"p":{"*":{"v":true,"a":false}}}}}""",
            Loaded.Write(token));
    }

    [Fact]
    public void Long_form_omits_null_claims()
    {
        object token = Loaded.Call(Samples, "Minimal");
        object permissions = LoadedAssembly.Get(token, "Permissions")!;

        Assert.Equal("""{"hasPresence":true}""", WriteLongForm(permissions));
    }

    [Fact]
    public void Hand_written_nested_payload_is_written_with_its_own_long_form_when_it_has_one()
    {
        using LoadedAssembly loaded = TestHelpers.CompileAndLoad("""
            using System.Text.Json;
            using TokenSchema;

            namespace Samples.HandWritten;

            public readonly struct WithLongForm : IJwtPayload<WithLongForm>, ILongFormPayload
            {
                public void WritePayload(Utf8JsonWriter writer) { writer.WriteStartObject(); writer.WriteBoolean("hp"u8, true); writer.WriteEndObject(); }
                public void WriteLongForm(Utf8JsonWriter writer) { writer.WriteStartObject(); writer.WriteBoolean("hasPresence"u8, true); writer.WriteEndObject(); }
                public ClaimValidationResult Validate() => default;
                public static bool TryReadPayload(ref Utf8JsonReader reader, out WithLongForm payload, out ClaimReadError error)
                {
                    reader.Skip();
                    payload = default;
                    error = default;
                    return true;
                }
            }

            public readonly struct CompactOnly : IJwtPayload<CompactOnly>
            {
                public void WritePayload(Utf8JsonWriter writer) { writer.WriteStartObject(); writer.WriteBoolean("v"u8, true); writer.WriteEndObject(); }
                public ClaimValidationResult Validate() => default;
                public static bool TryReadPayload(ref Utf8JsonReader reader, out CompactOnly payload, out ClaimReadError error)
                {
                    reader.Skip();
                    payload = default;
                    error = default;
                    return true;
                }
            }

            [TokenPayload(ClaimVocabulary.Daily)]
            public sealed partial record Holder
            {
                [Claim("p")] public WithLongForm? Permissions { get; init; }
                [Claim("sro")] public CompactOnly? Options { get; init; }

                public static Holder Sample() => new() { Permissions = new WithLongForm(), Options = new CompactOnly() };
            }
            """);
        object holder = loaded.Call("Samples.HandWritten.Holder", "Sample");

        Assert.Equal("""{"permissions":{"hasPresence":true},"start_cloud_recording_opts":{"v":true}}""", WriteLongForm(holder));
    }

    [Fact]
    public void Extension_claims_do_not_decide_which_object_the_long_names_come_from()
    {
        using LoadedAssembly loaded = TestHelpers.CompileAndLoad("""
            using TokenSchema;

            namespace Samples.Extensions;

            [TokenPayload(ClaimVocabulary.Daily)]
            public sealed partial record Token
            {
                [Claim("r")] public string? Room { get; init; }
                [Claim("hp", IsExtension = true)] public bool? Hp { get; init; }
                [Claim("cs", IsExtension = true)] public bool? Cs { get; init; }

                public static Token Sample() => new() { Room = "x", Hp = true, Cs = false };
            }
            """);

        Assert.Equal("""{"room_name":"x","hp":true,"cs":false}""", WriteLongForm(loaded.Call("Samples.Extensions.Token", "Sample")));
    }

    [Fact]
    public void Jwt_vocabulary_payload_gets_no_long_form_writer()
    {
        Type plain = Loaded.GetType("Samples.LongForm.PlainToken");

        Assert.False(typeof(ILongFormPayload).IsAssignableFrom(plain));
        Assert.True(typeof(ILongFormPayload).IsAssignableFrom(Loaded.GetType("Samples.LongForm.MeetingToken")));
        Assert.True(typeof(ILongFormPayload).IsAssignableFrom(Loaded.GetType("Samples.Daily.DailyToken")));
    }

    [Fact]
    public void Writing_the_long_form_allocates_nothing()
    {
        object token = Loaded.Call(Samples, "Full");

        long allocated = (long)Loaded.GetType(Samples).GetMethod("WriteLongFormAllocations")!.Invoke(null, new[] { token })!;

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Long_names_are_carried_in_the_model_as_strings()
    {
        GeneratorRun run = TestHelpers.Run(Sources.LongForm);
        TestHelpers.AssertNoDiagnostics(run);

        string source = run.Sources["Samples.LongForm.MeetingPermissions.TokenPayload.g.cs"];

        Assert.Contains("global::TokenSchema.ILongFormPayload", source, StringComparison.Ordinal);
        Assert.Contains("\"canReceive\"", source, StringComparison.Ordinal);
        Assert.Contains("global::Samples.LongForm.MediaConverter.WriteLongForm(writer, ", source, StringComparison.Ordinal);
        Assert.Contains("global::Samples.LongForm.AdminFlag.Write(writer, ", source, StringComparison.Ordinal);
        Assert.DoesNotContain("ILongFormPayload", run.Sources["Samples.LongForm.PlainToken.TokenPayload.g.cs"], StringComparison.Ordinal);
    }
}
