using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using TokenSchema.Internal;
using Xunit;

namespace TokenSchema.Tests;

/// <summary>
/// The HS256 MAC, on both implementations: the saved-state fast path on the system libcrypto and the BCL fallback.
/// </summary>
public sealed class HmacSha256KeyTests
{
    /// <summary>
    /// Every implementation to test. The fast path is always listed on Linux, so a machine where it is missing fails
    /// loudly instead of testing the fallback twice.
    /// </summary>
    public static TheoryData<string> Implementations() => new(ImplementationNames());

    private static string[] ImplementationNames() =>
        OperatingSystem.IsLinux() || OpenSslSha256.IsAvailable
            ? [nameof(HmacImplementation.Bcl), nameof(HmacImplementation.OpenSsl)]
            : [nameof(HmacImplementation.Bcl)];

    public static TheoryData<string, int> WycheproofCases()
    {
        var data = new TheoryData<string, int>();
        foreach (string implementation in ImplementationNames())
        {
            foreach (int id in WycheproofVectors.Value.Keys)
            {
                data.Add(implementation, id);
            }
        }

        return data;
    }

    [Fact]
    public void The_fast_path_is_selected_on_Linux()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        Assert.True(OpenSslSha256.IsAvailable, "libcrypto's SHA256_Init/Update/Final were not found or failed the self-test: HS256 would silently run on the slower BCL fallback.");
        Assert.Equal(HmacImplementation.OpenSsl, HmacSha256Key.DefaultImplementation);
        using var key = new HmacSha256Key(SignerTests.Key);
        Assert.Equal(HmacImplementation.OpenSsl, key.Implementation);
    }

    [Fact]
    public void Wycheproof_file_holds_all_174_vectors()
    {
        Assert.Equal(174, WycheproofVectors.Value.Count);
        Assert.Contains(WycheproofVectors.Value.Values, v => v.Valid);
        Assert.Contains(WycheproofVectors.Value.Values, v => !v.Valid);
        Assert.Contains(WycheproofVectors.Value.Values, v => v.TagSize < MacSize);
        Assert.Contains(WycheproofVectors.Value.Values, v => v.Key.Length > 64);
    }

    [Theory]
    [MemberData(nameof(WycheproofCases))]
    public void Wycheproof_vector(string implementation, int id)
    {
        WycheproofVector vector = WycheproofVectors.Value[id];
        using HmacSha256Key key = Create(vector.Key, implementation);
        Span<byte> mac = stackalloc byte[MacSize];
        key.Compute(vector.Message, mac);
        bool matches = mac[..vector.TagSize].SequenceEqual(vector.Tag);
        Assert.Equal(vector.Valid, matches);
        if (vector.TagSize == MacSize)
        {
            Assert.Equal(vector.Valid, key.Verify(vector.Message, vector.Tag));
        }
    }

    [Fact]
    public void The_MAC_comparison_finds_a_difference_in_any_bit_and_refuses_other_lengths()
    {
        byte[] mac = RandomNumberGenerator.GetBytes(MacSize);
        Assert.True(HmacSha256Key.FixedTimeEquals(mac, (byte[])mac.Clone()));
        for (int bit = 0; bit < MacSize * 8; bit++)
        {
            byte[] other = (byte[])mac.Clone();
            other[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.False(HmacSha256Key.FixedTimeEquals(mac, other), "bit " + bit);
        }

        Assert.False(HmacSha256Key.FixedTimeEquals(mac, mac.AsSpan(0, MacSize - 1)));
        Assert.False(HmacSha256Key.FixedTimeEquals(mac.AsSpan(0, 16), mac.AsSpan(0, 16)));
        Assert.False(HmacSha256Key.FixedTimeEquals(ReadOnlySpan<byte>.Empty, ReadOnlySpan<byte>.Empty));
    }

    public static TheoryData<string, int> Rfc4231Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (string implementation in ImplementationNames())
        {
            for (int number = 1; number <= 7; number++)
            {
                data.Add(implementation, number);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Rfc4231Cases))]
    public void Rfc4231_test_case(string implementation, int number)
    {
        (byte[] keyBytes, byte[] message, string expected) = number switch
        {
            1 => (Repeat(0x0b, 20), Encoding.ASCII.GetBytes("Hi There"),
                "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
            2 => (Encoding.ASCII.GetBytes("Jefe"), Encoding.ASCII.GetBytes("what do ya want for nothing?"),
                "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
            3 => (Repeat(0xaa, 20), Repeat(0xdd, 50),
                "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
            4 => (Enumerable.Range(1, 25).Select(i => (byte)i).ToArray(), Repeat(0xcd, 50),
                "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
            5 => (Repeat(0x0c, 20), Encoding.ASCII.GetBytes("Test With Truncation"),
                "a3b6167473100ee06e0c796c2955552b"),
            6 => (Repeat(0xaa, 131), Encoding.ASCII.GetBytes("Test Using Larger Than Block-Size Key - Hash Key First"),
                "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
            7 => (Repeat(0xaa, 131), Encoding.ASCII.GetBytes(
                    "This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm."),
                "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
            _ => throw new ArgumentOutOfRangeException(nameof(number)),
        };

        using HmacSha256Key key = Create(keyBytes, implementation);
        byte[] mac = new byte[MacSize];
        key.Compute(message, mac);
        byte[] tag = Convert.FromHexString(expected);
        Assert.Equal(expected, Convert.ToHexStringLower(mac[..tag.Length]));
        Assert.Equal(tag.Length == MacSize, key.Verify(message, tag));
    }

    [Theory]
    [MemberData(nameof(Implementations))]
    public void Matches_HMACSHA256_on_2000_random_keys_and_messages(string implementation)
    {
        var random = new Random(20261122);
        byte[] expected = new byte[MacSize];
        byte[] actual = new byte[MacSize];
        for (int i = 0; i < 2000; i++)
        {
            byte[] keyBytes = new byte[random.Next(1, 201)];
            byte[] message = new byte[random.Next(0, 1001)];
            random.NextBytes(keyBytes);
            random.NextBytes(message);
            HMACSHA256.HashData(keyBytes, message, expected);
            using HmacSha256Key key = Create(keyBytes, implementation);
            key.Compute(message, actual);
            Assert.True(expected.AsSpan().SequenceEqual(actual), $"Case {i}: key of {keyBytes.Length} bytes, message of {message.Length} bytes.");

            // The same key again: the saved state must not have been consumed by the first MAC.
            Array.Clear(actual);
            key.Compute(message, actual);
            Assert.True(expected.AsSpan().SequenceEqual(actual), $"Case {i}, second MAC.");
            Assert.True(key.Verify(message, expected));
        }
    }

    [Theory]
    [MemberData(nameof(Implementations))]
    public void Long_messages_past_the_transition_limit_match_HMACSHA256(string implementation)
    {
        byte[] keyBytes = Repeat(0x42, 32);
        using HmacSha256Key key = Create(keyBytes, implementation);
        foreach (int length in new[] { OpenSslSha256.SuppressTransitionLimit, OpenSslSha256.SuppressTransitionLimit + 1, 100_000 })
        {
            byte[] message = new byte[length];
            new Random(length).NextBytes(message);
            byte[] mac = new byte[MacSize];
            key.Compute(message, mac);
            Assert.Equal(HMACSHA256.HashData(keyBytes, message), mac);
        }
    }

    [Theory]
    [MemberData(nameof(Implementations))]
    public void Empty_key_matches_HMACSHA256(string implementation)
    {
        using HmacSha256Key key = Create([], implementation);
        byte[] mac = new byte[MacSize];
        key.Compute("data"u8, mac);
        Assert.Equal(HMACSHA256.HashData(Array.Empty<byte>(), "data"u8.ToArray()), mac);
    }

    [Theory]
    [MemberData(nameof(Implementations))]
    public void Four_threads_sharing_one_key_all_get_correct_MACs(string implementation)
    {
        byte[] keyBytes = Encoding.ASCII.GetBytes("a shared key for four threads, 32+ bytes long");
        using HmacSha256Key key = Create(keyBytes, implementation);
        byte[][] messages = Enumerable.Range(0, 64).Select(i => Encoding.ASCII.GetBytes(new string((char)('a' + (i % 26)), i * 7))).ToArray();
        byte[][] expected = messages.Select(m => HMACSHA256.HashData(keyBytes, m)).ToArray();
        int failures = 0;
        using var start = new Barrier(4);
        Thread[] threads = Enumerable.Range(0, 4).Select(t => new Thread(() =>
        {
            Span<byte> mac = stackalloc byte[MacSize];
            start.SignalAndWait();
            for (int i = 0; i < 5000; i++)
            {
                int index = (i * 31 + t * 17) % messages.Length;
                key.Compute(messages[index], mac);
                if (!mac.SequenceEqual(expected[index]) || !key.Verify(messages[index], expected[index]))
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })).ToArray();

        foreach (Thread thread in threads)
        {
            thread.Start();
        }

        foreach (Thread thread in threads)
        {
            thread.Join();
        }

        Assert.Equal(0, failures);
    }

    [Theory]
    [MemberData(nameof(Implementations))]
    public void Compute_after_Dispose_throws(string implementation)
    {
        HmacSha256Key key = Create(Repeat(0x11, 32), implementation);
        key.Compute("x"u8, new byte[MacSize]);
        key.Dispose();
        key.Dispose();
        Assert.Throws<ObjectDisposedException>(() => key.Compute("x"u8, new byte[MacSize]));
        Assert.Throws<ObjectDisposedException>(() => key.Verify("x"u8, new byte[MacSize]));
    }

    [Theory]
    [MemberData(nameof(Implementations))]
    public void Destination_shorter_than_32_bytes_is_refused(string implementation)
    {
        using HmacSha256Key key = Create(Repeat(0x11, 32), implementation);
        Assert.Throws<ArgumentException>(() => key.Compute("x"u8, new byte[MacSize - 1]));
    }

    [Theory]
    [MemberData(nameof(Implementations))]
    public void Verify_refuses_a_wrong_or_truncated_MAC(string implementation)
    {
        byte[] keyBytes = Repeat(0x22, 40);
        using HmacSha256Key key = Create(keyBytes, implementation);
        byte[] message = Encoding.ASCII.GetBytes("header.payload");
        byte[] mac = HMACSHA256.HashData(keyBytes, message);
        Assert.True(key.Verify(message, mac));
        Assert.False(key.Verify(message, mac.AsSpan(0, 31)));
        Assert.False(key.Verify(message, []));
        for (int i = 0; i < MacSize; i++)
        {
            byte[] altered = (byte[])mac.Clone();
            altered[i] ^= 0x01;
            Assert.False(key.Verify(message, altered));
        }
    }

    [Theory]
    [MemberData(nameof(Implementations))]
    public void Compute_allocates_nothing_after_warm_up(string implementation)
    {
        using HmacSha256Key key = Create(Repeat(0x33, 32), implementation);
        byte[] message = new byte[200];
        byte[] mac = new byte[MacSize];
        for (int i = 0; i < 100; i++)
        {
            key.Compute(message, mac);
            key.Verify(message, mac);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            key.Compute(message, mac);
        }

        long after = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal(0, after - before);
    }

    [Fact]
    public void Fast_path_keys_hold_no_key_bytes_and_zero_their_states_on_Dispose()
    {
        if (!OpenSslSha256.IsAvailable)
        {
            return;
        }

        HmacSha256Key key = HmacSha256Key.Create(Repeat(0x44, 32), HmacImplementation.OpenSsl);
        byte[] states = (byte[])typeof(HmacSha256Key)
            .GetField("_states", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
            .GetValue(key)!;
        Assert.Contains(states, b => b != 0);
        key.Dispose();
        Assert.All(states, b => Assert.Equal(0, b));
    }

    [Fact]
    public void Fallback_zeroes_its_key_copy_on_Dispose()
    {
        HmacSha256Key key = HmacSha256Key.Create(Repeat(0x55, 32), HmacImplementation.Bcl);
        key.Compute("x"u8, new byte[MacSize]);
        byte[] copy = (byte[])typeof(HmacSha256Key)
            .GetField("_key", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
            .GetValue(key)!;
        Assert.All(copy, b => Assert.Equal(0x55, b));
        key.Dispose();
        Assert.All(copy, b => Assert.Equal(0, b));
    }

    [Fact]
    public void Fallback_keeps_a_bounded_number_of_keyed_states_however_many_threads_used_it()
    {
        byte[] keyBytes = Repeat(0x66, 40);
        HmacSha256Key key = HmacSha256Key.Create(keyBytes, HmacImplementation.Bcl);
        byte[] message = Encoding.ASCII.GetBytes("header.payload-signed-by-threads-that-end");
        byte[] expected = HMACSHA256.HashData(keyBytes, message);
        var macs = new System.Collections.Concurrent.ConcurrentBag<byte[]>();
        using var start = new Barrier(8);
        for (int round = 0; round < 25; round++)
        {
            Thread[] threads = Enumerable.Range(0, 8).Select(_ => new Thread(() =>
            {
                start.SignalAndWait();
                var mac = new byte[MacSize];
                key.Compute(message, mac);
                macs.Add(mac);
            })).ToArray();
            foreach (Thread thread in threads)
            {
                thread.Start();
            }

            foreach (Thread thread in threads)
            {
                thread.Join();
            }
        }

        // 200 threads computed a MAC, eight at a time, and ended: the key keeps at most its pool, not one state each.
        Assert.Equal(200, macs.Count);
        Assert.All(macs, mac => Assert.Equal(expected, mac));
        Assert.InRange(key.PooledStateCount, 1, key.PoolCapacity);
        Assert.True(key.PoolCapacity <= Math.Max(2, 2 * Environment.ProcessorCount));

        key.Dispose();
        Assert.Equal(0, key.PooledStateCount);
        Assert.Throws<ObjectDisposedException>(() => key.Compute(message, new byte[MacSize]));
    }

    [Fact]
    public void Fallback_pool_gives_correct_MACs_under_contention()
    {
        byte[] keyBytes = Repeat(0x77, 64);
        using HmacSha256Key key = HmacSha256Key.Create(keyBytes, HmacImplementation.Bcl);
        int wrong = 0;
        Parallel.For(0, 4000, new ParallelOptions { MaxDegreeOfParallelism = 4 * Environment.ProcessorCount }, i =>
        {
            byte[] message = Encoding.ASCII.GetBytes("message-" + i);
            var mac = new byte[MacSize];
            key.Compute(message, mac);
            if (!mac.AsSpan().SequenceEqual(HMACSHA256.HashData(keyBytes, message)))
            {
                Interlocked.Increment(ref wrong);
            }
        });
        Assert.Equal(0, wrong);
        Assert.InRange(key.PooledStateCount, 1, key.PoolCapacity);
    }

    private const int MacSize = HmacSha256Key.MacSize;

    private static readonly Lazy<Dictionary<int, WycheproofVector>> WycheproofVectors = new(LoadWycheproof);

    private static HmacSha256Key Create(byte[] key, string implementation) =>
        HmacSha256Key.Create(key, Enum.Parse<HmacImplementation>(implementation));

    private static byte[] Repeat(byte value, int count) => Enumerable.Repeat(value, count).ToArray();

    private static Dictionary<int, WycheproofVector> LoadWycheproof()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "TestVectors", "wycheproof-hmac_sha256_test.json");
        using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(path));
        var vectors = new Dictionary<int, WycheproofVector>();
        foreach (JsonElement group in document.RootElement.GetProperty("testGroups").EnumerateArray())
        {
            int tagSize = group.GetProperty("tagSize").GetInt32() / 8;
            foreach (JsonElement test in group.GetProperty("tests").EnumerateArray())
            {
                string result = test.GetProperty("result").GetString()!;
                Assert.True(result is "valid" or "invalid", $"Unexpected result '{result}'.");
                vectors.Add(test.GetProperty("tcId").GetInt32(), new WycheproofVector(
                    Convert.FromHexString(test.GetProperty("key").GetString()!),
                    Convert.FromHexString(test.GetProperty("msg").GetString()!),
                    Convert.FromHexString(test.GetProperty("tag").GetString()!),
                    tagSize,
                    result == "valid"));
            }
        }

        return vectors;
    }

    private sealed record WycheproofVector(byte[] Key, byte[] Message, byte[] Tag, int TagSize, bool Valid);
}
