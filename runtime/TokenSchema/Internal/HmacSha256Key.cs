using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Security.Cryptography;
using System.Threading;

namespace TokenSchema.Internal;

/// <summary>Which code computes an <see cref="HmacSha256Key"/>'s MACs.</summary>
internal enum HmacImplementation
{
    /// <summary>The fastest one available in this process: <see cref="OpenSsl"/> where present, else <see cref="Bcl"/>.</summary>
    Auto,

    /// <summary>
    /// The BCL's HMAC: keyed <see cref="IncrementalHash"/> objects in a small pool (about two per core), each rented for
    /// one MAC and returned, so that a MAC never re-keys and no object outlives the threads that used it.
    /// </summary>
    Bcl,

    /// <summary>
    /// Saved keyed SHA-256 states (after the <c>key ⊕ ipad</c> and <c>key ⊕ opad</c> blocks) on the system libcrypto's
    /// SHA-256 primitive, copied to the stack and finished on every call.
    /// </summary>
    OpenSsl,
}

/// <summary>
/// A thread-safe HMAC-SHA256 (RFC 2104) key prepared once, so that no MAC re-keys.
/// </summary>
/// <remarks>
/// <para>
/// HMAC is <c>SHA-256((K ⊕ opad) || SHA-256((K ⊕ ipad) || m))</c>, and the first block of both runs depends on the key
/// alone. Where the system's SHA-256 primitive allows it (<see cref="OpenSslSha256"/>), the SHA-256 states after those
/// two blocks are computed once, held read-only in a pinned array, and every call copies them to the stack and
/// finishes: no locks, no allocation, the cost of the compressions alone. Elsewhere keyed BCL
/// <see cref="IncrementalHash"/> objects are kept in a fixed-size pool: a call rents one (or keys a new one when all
/// are in use) and puts it back (or releases it when the pool is full), so the number kept is bounded by the pool's
/// size, not by the number of threads that ever signed. The choice is made once per process.
/// </para>
/// <para>
/// <see cref="Dispose"/> zeroes the key bytes and the saved states; the stack copies are zeroed after every call.
/// </para>
/// </remarks>
internal sealed class HmacSha256Key : IDisposable
{
    public const int MacSize = 32;

    private const int BlockSize = 64;
    private const byte InnerPad = 0x36;
    private const byte OuterPad = 0x5C;

    // OpenSsl: the inner state, then the outer state, each OpenSslSha256.ContextSize bytes. Pinned, so the GC never
    // leaves a copy behind that Dispose cannot zero.
    private readonly byte[]? _states;

    // Bcl: the key bytes (pinned for the same reason) and the pool of keyed HMACs; a null slot is free.
    private readonly byte[]? _key;
    private readonly IncrementalHash?[]? _pool;

    private int _disposed;

    /// <summary>Prepares <paramref name="key"/> (copied) with the fastest implementation available.</summary>
    public HmacSha256Key(ReadOnlySpan<byte> key)
        : this(key, HmacImplementation.Auto, skipAvailabilityCheck: false)
    {
    }

    internal HmacSha256Key(ReadOnlySpan<byte> key, HmacImplementation implementation, bool skipAvailabilityCheck)
    {
        if (implementation == HmacImplementation.Auto)
        {
            implementation = DefaultImplementation;
        }
        else if (implementation == HmacImplementation.OpenSsl && !skipAvailabilityCheck && !OpenSslSha256.IsAvailable)
        {
            throw new PlatformNotSupportedException("The system libcrypto's SHA-256 primitive is not available in this process.");
        }

        Implementation = implementation;
        if (implementation == HmacImplementation.OpenSsl)
        {
            _states = GC.AllocateArray<byte>(2 * OpenSslSha256.ContextSize, pinned: true);
            PrepareStates(key, _states);
        }
        else
        {
            _key = GC.AllocateUninitializedArray<byte>(key.Length, pinned: true);
            key.CopyTo(_key);
            _pool = new IncrementalHash?[Math.Max(2, 2 * Environment.ProcessorCount)];
        }
    }

    /// <summary>The implementation <see cref="HmacImplementation.Auto"/> resolves to in this process.</summary>
    public static HmacImplementation DefaultImplementation =>
        OpenSslSha256.IsAvailable ? HmacImplementation.OpenSsl : HmacImplementation.Bcl;

    /// <summary>The implementation this key computes with (never <see cref="HmacImplementation.Auto"/>).</summary>
    public HmacImplementation Implementation { get; }

    /// <summary>Prepares <paramref name="key"/> with the given implementation, for tests and benchmarks.</summary>
    /// <exception cref="PlatformNotSupportedException"><see cref="HmacImplementation.OpenSsl"/> is not available.</exception>
    public static HmacSha256Key Create(ReadOnlySpan<byte> key, HmacImplementation implementation) =>
        new(key, implementation, skipAvailabilityCheck: false);

    /// <summary>Computes the MAC of <paramref name="data"/> into the first 32 bytes of <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than 32 bytes.</exception>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public void Compute(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (destination.Length < MacSize)
        {
            ThrowDestinationTooShort();
        }

        if (_states is not null)
        {
            ComputeFromStates(_states, data, destination);

            // A Dispose that raced with the copy may have handed out zeroed states: never return that MAC. The full
            // fence keeps the loads of the states from being satisfied after this check on weakly ordered CPUs.
            Interlocked.MemoryBarrier();
            if (Volatile.Read(ref _disposed) != 0)
            {
                CryptographicOperations.ZeroMemory(destination[..MacSize]);
                throw new ObjectDisposedException(nameof(HmacSha256Key));
            }
        }
        else
        {
            IncrementalHash state = RentState();
            bool done = false;
            try
            {
                state.AppendData(data);
                done = state.TryGetHashAndReset(destination, out int written) && written == MacSize;
            }
            finally
            {
                // A state that failed mid-MAC may hold part of a message: released, never reused.
                if (done)
                {
                    ReturnState(state);
                }
                else
                {
                    state.Dispose();
                }
            }

            if (!done)
            {
                throw new CryptographicException("The HMAC-SHA256 state did not produce a 32-byte MAC.");
            }
        }
    }

    /// <summary>Compares the MAC of <paramref name="data"/> with <paramref name="mac"/> in constant time.</summary>
    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> mac)
    {
        Span<byte> computed = stackalloc byte[MacSize];
        Compute(data, computed);
        bool equal = FixedTimeEquals(computed, mac);
        CryptographicOperations.ZeroMemory(computed);
        return equal;
    }

    /// <summary>
    /// Compares two MACs in time that depends only on their lengths: the four 8-byte words of the difference are ORed
    /// together with no branch on the data. (<see cref="CryptographicOperations.FixedTimeEquals"/> does the same for any
    /// length, but runs unoptimized by design, byte by byte through the span indexer: about a tenth of a verification.)
    /// </summary>
    /// <param name="left">A MAC.</param>
    /// <param name="right">The other MAC.</param>
    /// <returns>Whether both are <see cref="MacSize"/> bytes long and equal.</returns>
    internal static bool FixedTimeEquals(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        if (left.Length != MacSize || right.Length != MacSize)
        {
            return false;
        }

        ref byte a = ref MemoryMarshal.GetReference(left);
        ref byte b = ref MemoryMarshal.GetReference(right);
        ulong difference =
            (Unsafe.ReadUnaligned<ulong>(ref a) ^ Unsafe.ReadUnaligned<ulong>(ref b)) |
            (Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref a, 8)) ^ Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref b, 8))) |
            (Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref a, 16)) ^ Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref b, 16))) |
            (Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref a, 24)) ^ Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref b, 24)));
        return difference == 0;
    }

    /// <summary>Zeroes the key bytes and saved states and releases the pooled HMAC objects.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_states is not null)
        {
            CryptographicOperations.ZeroMemory(_states);
        }

        if (_pool is not null)
        {
            ReleasePooled();
        }

        if (_key is not null)
        {
            CryptographicOperations.ZeroMemory(_key);
        }
    }

    [SkipLocalsInit]
    private static unsafe void PrepareStates(ReadOnlySpan<byte> key, byte[] states)
    {
        byte* block = stackalloc byte[BlockSize];
        var blockSpan = new Span<byte>(block, BlockSize);
        blockSpan.Clear();
        if (key.Length > BlockSize)
        {
            SHA256.HashData(key, blockSpan);
        }
        else
        {
            key.CopyTo(blockSpan);
        }

        try
        {
            fixed (byte* saved = states)
            {
                XorBlock(blockSpan, InnerPad);
                OpenSslSha256.Init(saved);
                OpenSslSha256.Update(saved, block, BlockSize);

                XorBlock(blockSpan, InnerPad ^ OuterPad);
                byte* outer = saved + OpenSslSha256.ContextSize;
                OpenSslSha256.Init(outer);
                OpenSslSha256.Update(outer, block, BlockSize);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(blockSpan);
        }
    }

    private static void XorBlock(Span<byte> block, byte pad)
    {
        for (int i = 0; i < block.Length; i++)
        {
            block[i] ^= pad;
        }
    }

    [SkipLocalsInit]
    private static unsafe void ComputeFromStates(byte[] states, ReadOnlySpan<byte> data, Span<byte> destination)
    {
        byte* context = stackalloc byte[OpenSslSha256.ContextSize];
        byte* inner = stackalloc byte[MacSize];
        try
        {
            fixed (byte* saved = states)
            fixed (byte* message = data)
            fixed (byte* mac = destination)
            {
                CopyContext(saved, context);
                OpenSslSha256.Update(context, message, data.Length);
                OpenSslSha256.Final(inner, context);

                CopyContext(saved + OpenSslSha256.ContextSize, context);
                OpenSslSha256.Update(context, inner, MacSize);
                OpenSslSha256.Final(mac, context);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(new Span<byte>(context, OpenSslSha256.ContextSize));
            CryptographicOperations.ZeroMemory(new Span<byte>(inner, MacSize));
        }
    }

    /// <summary>Copies one saved SHA-256 context (112 bytes = 3 × 32 + 16) to the stack with inline moves.</summary>
    /// <remarks>
    /// The 256-bit moves are deliberate: a method that uses them gets a <c>vzeroupper</c> from the JIT before each
    /// P/Invoke, so libcrypto's SSE-encoded SHA-NI code never starts with a dirty upper vector state.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void CopyContext(byte* source, byte* destination)
    {
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256.Store(Vector256.Load(source), destination);
            Vector256.Store(Vector256.Load(source + 32), destination + 32);
            Vector256.Store(Vector256.Load(source + 64), destination + 64);
            Vector128.Store(Vector128.Load(source + 96), destination + 96);
        }
        else
        {
            Unsafe.CopyBlockUnaligned(destination, source, OpenSslSha256.ContextSize);
        }
    }

    private static void ThrowDestinationTooShort() =>
        throw new ArgumentException("The destination is shorter than the 32-byte MAC.", "destination");

    /// <summary>The keyed HMAC objects the pool holds now (for tests).</summary>
    internal int PooledStateCount
    {
        get
        {
            int count = 0;
            foreach (IncrementalHash? state in _pool ?? Array.Empty<IncrementalHash?>())
            {
                count += state is null ? 0 : 1;
            }

            return count;
        }
    }

    /// <summary>The most keyed HMAC objects the pool keeps between calls.</summary>
    internal int PoolCapacity => _pool?.Length ?? 0;

    /// <summary>Takes a keyed HMAC from the pool, or keys a new one when every pooled one is in use.</summary>
    private IncrementalHash RentState()
    {
        IncrementalHash?[] pool = _pool!;
        int start = (int)((uint)Environment.CurrentManagedThreadId % (uint)pool.Length);
        for (int i = 0; i < pool.Length; i++)
        {
            int slot = start + i < pool.Length ? start + i : start + i - pool.Length;
            if (Volatile.Read(ref pool[slot]) is not null && Interlocked.Exchange(ref pool[slot], null) is { } state)
            {
                return state;
            }
        }

        return IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key!);
    }

    /// <summary>Puts a keyed HMAC back, or releases it when the pool is full or the key disposed.</summary>
    private void ReturnState(IncrementalHash state)
    {
        IncrementalHash?[] pool = _pool!;
        if (Volatile.Read(ref _disposed) == 0)
        {
            int start = (int)((uint)Environment.CurrentManagedThreadId % (uint)pool.Length);
            for (int i = 0; i < pool.Length; i++)
            {
                int slot = start + i < pool.Length ? start + i : start + i - pool.Length;
                if (Volatile.Read(ref pool[slot]) is null && Interlocked.CompareExchange(ref pool[slot], state, null) is null)
                {
                    // A Dispose that ran meanwhile may have emptied the pool already: release what is there now.
                    if (Volatile.Read(ref _disposed) != 0)
                    {
                        ReleasePooled();
                    }

                    return;
                }
            }
        }

        state.Dispose();
    }

    private void ReleasePooled()
    {
        IncrementalHash?[] pool = _pool!;
        for (int i = 0; i < pool.Length; i++)
        {
            Interlocked.Exchange(ref pool[i], null)?.Dispose();
        }
    }
}
