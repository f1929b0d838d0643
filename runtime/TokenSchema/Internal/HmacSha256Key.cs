using System;
using System.Security.Cryptography;
using System.Threading;

namespace TokenSchema.Internal;

/// <summary>
/// A thread-safe HMAC-SHA256 key prepared once: each thread keeps its own keyed HMAC state, reused for every
/// MAC, so no call re-keys. The key bytes live in a pinned array that is zeroed on <see cref="Dispose"/>.
/// </summary>
internal sealed class HmacSha256Key : IDisposable
{
    public const int MacSize = 32;

    private readonly byte[] _key;
    private readonly ThreadLocal<IncrementalHash> _states;
    private int _disposed;

    public HmacSha256Key(ReadOnlySpan<byte> key)
    {
        _key = GC.AllocateUninitializedArray<byte>(key.Length, pinned: true);
        key.CopyTo(_key);
        _states = new ThreadLocal<IncrementalHash>(CreateState, trackAllValues: true);
    }

    /// <summary>Computes the MAC of <paramref name="data"/> into the first 32 bytes of <paramref name="destination"/>.</summary>
    public void Compute(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        IncrementalHash state = _states.Value!;
        state.AppendData(data);
        if (!state.TryGetHashAndReset(destination, out int written) || written != MacSize)
        {
            throw new CryptographicException("The HMAC-SHA256 state did not produce a 32-byte MAC.");
        }
    }

    /// <summary>Compares the MAC of <paramref name="data"/> with <paramref name="mac"/> in constant time.</summary>
    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> mac)
    {
        Span<byte> computed = stackalloc byte[MacSize];
        Compute(data, computed);
        bool equal = CryptographicOperations.FixedTimeEquals(computed, mac);
        CryptographicOperations.ZeroMemory(computed);
        return equal;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        foreach (IncrementalHash state in _states.Values)
        {
            state.Dispose();
        }

        _states.Dispose();
        CryptographicOperations.ZeroMemory(_key);
    }

    private IncrementalHash CreateState() => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key);
}
