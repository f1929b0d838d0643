using System;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using TokenSchema.Internal;

namespace TokenSchema.Benchmarks;

/// <summary>The MAC alone over a 200-byte signing input: the library's two paths against the BCL one-shot.</summary>
[MemoryDiagnoser]
public class MacBenchmarks
{
    private readonly byte[] _data = new byte[200];
    private readonly byte[] _mac = new byte[HmacSha256Key.MacSize];
    private HmacSha256Key _fast = null!;
    private HmacSha256Key _fallback = null!;

    /// <summary>Prepares both keys and checks they agree with the BCL.</summary>
    [GlobalSetup]
    public void Setup()
    {
        new Random(200).NextBytes(_data);
        _fast = HmacSha256Key.Create(Fixture.Key, HmacImplementation.OpenSsl);
        _fallback = HmacSha256Key.Create(Fixture.Key, HmacImplementation.Bcl);
        byte[] expected = HMACSHA256.HashData(Fixture.Key, _data);
        if (!_fast.Verify(_data, expected) || !_fallback.Verify(_data, expected))
        {
            throw new InvalidOperationException("The MAC paths disagree with HMACSHA256.");
        }
    }

    /// <summary>Zeroes both keys.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _fast.Dispose();
        _fallback.Dispose();
    }

    /// <summary>The BCL one-shot, which re-keys on every call.</summary>
    [Benchmark(Baseline = true, Description = "HMACSHA256.HashData one-shot")]
    public int HashDataOneShot() => HMACSHA256.HashData(Fixture.Key, _data, _mac);

    /// <summary>The fallback: a keyed IncrementalHash per thread, reused.</summary>
    [Benchmark(Description = "HmacSha256Key fallback (BCL, per-thread IncrementalHash)")]
    public void Fallback() => _fallback.Compute(_data, _mac);

    /// <summary>The fast path: saved keyed SHA-256 states on libcrypto, copied per call.</summary>
    [Benchmark(Description = "HmacSha256Key fast path (saved states, libcrypto)")]
    public void FastPath() => _fast.Compute(_data, _mac);
}
