using System;
using System.Buffers;
using System.Linq;
using System.Text;
using System.Text.Json;
using TokenSchema.Internal;
using Xunit;

namespace TokenSchema.Tests;

/// <summary>Every shape the direct writer writes, under plain names and under names the encoder escapes.</summary>
[TokenPayload]
public sealed partial record DirectShapes
{
    [Claim("s")] public string? Text { get; init; }

    [Claim("x-y.z_1")] public string? Plain { get; init; }

    [Claim("q\"uote")] public string? Quoted { get; init; }

    [Claim("ñame")] public long? NonAscii { get; init; }

    [Claim("$id")] public Guid? Id { get; init; }

    [Claim("id2")] public Guid? Id2 { get; init; }

    [Claim("i64")] public long? Long { get; init; }

    [Claim("i32")] public int? Int { get; init; }

    [Claim("when")] public DateTimeOffset? At { get; init; }

    [Claim("span")] public TimeSpan? Span { get; init; }

    [Claim("flag")] public bool? Flag { get; init; }

    [Claim("<b>")] public bool? Flag2 { get; init; }

    [Claim("shade")] public Shade? Shade { get; init; }

    [Claim("uri")] public Uri? Link { get; init; }

    [Claim("dbl")] public double? Double { get; init; }
}

/// <summary>
/// The direct writer of generated payloads writes exactly the bytes <see cref="IJwtPayload{TSelf}.WritePayload"/> writes
/// through the signer's <see cref="Utf8JsonWriter"/>, or refuses; the signer's per-thread buffer is cleared after every token.
/// </summary>
public sealed class DirectPayloadWriterTests
{
    private static readonly long[] Longs = new long[] { 1_763_800_000, 4_102_444_800, long.MaxValue, long.MinValue, long.MinValue + 1, int.MaxValue, int.MinValue, uint.MaxValue, uint.MaxValue + 1L }
        .Concat(Enumerable.Range(0, 19).SelectMany(k => { long p = (long)Math.Pow(10, k); return new[] { p - 1, p, p + 1, -p, 1 - p }; }))
        .ToArray();

    private static string RandomText(Random random)
    {
        int length = random.Next(4) == 0 ? random.Next(0, 2000) : random.Next(0, 40);
        var text = new StringBuilder(length);
        int kind = random.Next(4);
        for (int i = 0; i < length; i++)
        {
            switch (kind)
            {
                case 0:
                    text.Append((char)random.Next(0x20, 0x7F)); // printable ASCII only: mostly written directly
                    break;
                case 1:
                    text.Append((char)random.Next(0, 0x80)); // any ASCII: controls, quotes, DEL
                    break;
                case 2:
                    text.Append(random.Next(20) == 0 ? new[] { "é", "\ud83d\ude00", "\u2028" }[random.Next(3)] : ((char)random.Next(0x20, 0x7F)).ToString());
                    break;
                default:
                    const string Specials = "\"\\<>&'+`~\u007f\u001f ";
                    text.Append(Specials[random.Next(Specials.Length)]);
                    break;
            }
        }

        return text.ToString();
    }

    private static DirectShapes RandomPayload(Random random)
    {
        T? Maybe<T>(Func<T> make) where T : struct => random.Next(3) == 0 ? null : make();
        string? MaybeText() => random.Next(3) == 0 ? null : RandomText(random);
        return new DirectShapes
        {
            Text = MaybeText(),
            Plain = MaybeText(),
            Quoted = MaybeText(),
            NonAscii = Maybe(() => Longs[random.Next(Longs.Length)]),
            Id = Maybe(() => Guid.NewGuid()),
            Id2 = Maybe(() => random.Next(2) == 0 ? Guid.Empty : Guid.NewGuid()),
            Long = Maybe(() => random.Next(2) == 0 ? Longs[random.Next(Longs.Length)] : random.NextInt64(long.MinValue, long.MaxValue)),
            Int = Maybe(() => random.Next(int.MinValue, int.MaxValue)),
            At = Maybe(() => DateTimeOffset.FromUnixTimeSeconds(random.NextInt64(-62_135_596_800, 253_402_300_799))),
            Span = Maybe(() => TimeSpan.FromTicks(random.NextInt64(long.MinValue, long.MaxValue))),
            Flag = Maybe(() => random.Next(2) == 0),
            Flag2 = Maybe(() => random.Next(2) == 0),
            Shade = Maybe(() => random.Next(2) == 0 ? Tests.Shade.Light : Tests.Shade.Dark),
            Link = random.Next(3) == 0 ? null : new Uri(random.Next(2) == 0 ? "https://example.com/a?b=c#d" : "https://example.com/é x", UriKind.Absolute),
            Double = random.Next(6) == 0 ? random.NextDouble() : null,
        };
    }

    private static byte[] WrittenByUtf8JsonWriter<T>(T payload) where T : IJwtPayload<T>
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, JsonScratch.WriterOptions))
        {
            payload.WritePayload(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    [Fact]
    public void Writes_the_bytes_of_WritePayload_or_refuses()
    {
        var random = new Random(20261201);
        int direct = 0;
        for (int i = 0; i < 20000; i++)
        {
            DirectShapes payload = RandomPayload(random);
            byte[] expected = WrittenByUtf8JsonWriter(payload);
            byte[] actual = new byte[4096];
            if (((IDirectPayloadWriter)payload).TryWritePayloadUtf8(actual, out int written))
            {
                direct++;
                Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(actual, 0, written));
            }
            else
            {
                Assert.InRange(written, 0, actual.Length);
                Assert.True(actual.AsSpan(written).IndexOfAnyExcept((byte)0) < 0, "a byte beyond the reported length was written");
            }
        }

        // A good share of the random payloads has only text that needs no escaping: the direct path is exercised.
        Assert.InRange(direct, 500, 20000);
    }

    [Fact]
    public void Refuses_a_destination_that_is_too_small_and_reports_what_it_touched()
    {
        var payload = new DirectShapes { Text = "standup", Quoted = "x", NonAscii = -5, Id = Guid.NewGuid(), Long = long.MinValue, Flag = false, Shade = Shade.Dark };
        byte[] expected = WrittenByUtf8JsonWriter(payload);
        Assert.True(((IDirectPayloadWriter)payload).TryWritePayloadUtf8(new byte[expected.Length], out int exact));
        Assert.Equal(expected.Length, exact);
        for (int length = 0; length < expected.Length; length++)
        {
            byte[] destination = new byte[length + 64];
            Assert.False(((IDirectPayloadWriter)payload).TryWritePayloadUtf8(destination.AsSpan(0, length), out int touched));
            Assert.InRange(touched, 0, length);
            Assert.True(destination.AsSpan(touched).IndexOfAnyExcept((byte)0) < 0);
        }

        Assert.True(((IDirectPayloadWriter)new DirectShapes()).TryWritePayloadUtf8(new byte[2], out int empty));
        Assert.Equal(2, empty);
    }

    [Fact]
    public void The_built_in_Daily_token_is_written_directly_with_the_same_bytes()
    {
        var payload = new Daily.DailyToken
        {
            RoomName = "standup-7f3a9c",
            DomainId = Guid.Parse("25df5057-ef0d-4d97-bde6-0cf287276cbb"),
            IssuedAt = DateTimeOffset.FromUnixTimeSeconds(1_763_800_000),
            Expires = DateTimeOffset.FromUnixTimeSeconds(4_102_444_800),
            UserId = "user-8412",
            UserName = "Ada Lovelace",
            IsOwner = true,
            EnableScreenshare = true,
        };
        byte[] actual = new byte[1024];
        Assert.True(((IDirectPayloadWriter)payload).TryWritePayloadUtf8(actual, out int written));
        Assert.Equal(
            "{\"r\":\"standup-7f3a9c\",\"d\":\"25df5057-ef0d-4d97-bde6-0cf287276cbb\",\"iat\":1763800000,\"exp\":4102444800,\"ud\":\"user-8412\",\"u\":\"Ada Lovelace\",\"o\":true,\"ss\":true}",
            Encoding.UTF8.GetString(actual, 0, written));
        Assert.Equal(WrittenByUtf8JsonWriter(payload), actual.AsSpan(0, written).ToArray());
    }

    [Fact]
    public void The_per_thread_buffer_is_clear_after_every_token()
    {
        using var signer = new JwtSigner(SignerTests.Key);
        using var unchecked_ = new JwtSigner(SignerTests.Key, new JwtSignerOptions { ValidatePayload = false });
        var direct = new DirectShapes { Text = "secret-room", Long = 42 };
        var fallback = new DirectShapes { Text = "secret-röom", Long = 42 };
        var refusedLate = new DirectShapes { Text = "secret-room", Long = 42, Double = 0.5 };
        var throwing = new DirectShapes { Text = "secret-room", Shade = (Shade)42 };
        byte[] token = new byte[4096];

        foreach (DirectShapes payload in new[] { direct, fallback, refusedLate })
        {
            signer.Sign(payload);
            AssertClear();
            Assert.True(signer.TrySign(payload, token, out _));
            AssertClear();
            Assert.False(signer.TrySign(payload, new byte[8], out _));
            AssertClear();
            signer.Sign(payload, new ArrayBufferWriter<byte>());
            AssertClear();
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => unchecked_.Sign(throwing));
        AssertClear();
        Assert.Throws<ArgumentOutOfRangeException>(() => unchecked_.Sign(throwing with { Text = "secret-röom" }));
        AssertClear();

        static void AssertClear()
        {
            byte[]? buffer = JsonScratch.CachedBuffer;
            Assert.NotNull(buffer);
            Assert.True(buffer.AsSpan().IndexOfAnyExcept((byte)0) < 0, "the per-thread buffer still holds part of a token");
        }
    }

    [Fact]
    public void Tokens_are_the_same_whichever_path_writes_the_payload()
    {
        using var signer = new JwtSigner(SignerTests.Key, new JwtSignerOptions { ValidatePayload = false });
        var random = new Random(7);
        for (int i = 0; i < 2000; i++)
        {
            DirectShapes payload = RandomPayload(random);
            string token = signer.Sign(payload);
            string payloadPart = token.Split('.')[1];
            Assert.Equal(WrittenByUtf8JsonWriter(payload), System.Buffers.Text.Base64Url.DecodeFromChars(payloadPart));
        }
    }

    [Fact]
    public void A_character_that_needs_escaping_is_refused_at_every_position_of_every_length()
    {
        byte[] actual = new byte[256];
        foreach (char intruder in "\"\\\u0000\u001f\u007f\u0080é\u2028\uffff")
        {
            for (int length = 1; length <= 40; length++)
            {
                // Printable ASCII in a spread of values, without the two that need escaping.
                string plain = new string(Enumerable.Range(0, length).Select(i => (char)(' ' + i * 7 % 95)).Select(c => c is '"' or '\\' ? 'x' : c).ToArray());
                var accepted = new DirectShapes { Text = plain };
                Assert.True(((IDirectPayloadWriter)accepted).TryWritePayloadUtf8(actual, out int written));
                Assert.Equal(WrittenByUtf8JsonWriter(accepted), actual.AsSpan(0, written).ToArray());
                for (int position = 0; position < length; position++)
                {
                    var refused = new DirectShapes { Text = plain[..position] + intruder + plain[(position + 1)..] };
                    Assert.False(((IDirectPayloadWriter)refused).TryWritePayloadUtf8(actual, out _));
                }
            }
        }
    }

    [Fact]
    public void The_verbatim_characters_are_those_the_encoder_leaves_alone()
    {
        for (char c = '\0'; c < 0x100; c++)
        {
            var payload = new DirectShapes { Text = "a" + c + "b" };
            bool written = ((IDirectPayloadWriter)payload).TryWritePayloadUtf8(new byte[64], out _);
            Assert.Equal(c is >= ' ' and <= '~' and not '"' and not '\\' && !JsonScratch.WriterOptions.Encoder!.WillEncode(c), written);
        }

        Assert.Equal(Enumerable.Range(' ', '~' - ' ' + 1).Count(c => c is not '"' and not '\\'), Enumerable.Range(' ', '~' - ' ' + 1).Count(c => ((IDirectPayloadWriter)new DirectShapes { Text = ((char)c).ToString() }).TryWritePayloadUtf8(new byte[64], out _)));
    }
}
