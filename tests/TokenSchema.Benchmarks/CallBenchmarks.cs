using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;

namespace TokenSchema.Benchmarks;

/// <summary>
/// How to call libcrypto's SHA-256 for the saved-state MAC (200 bytes): the same four calls (update, final, update,
/// final on stack copies of the saved states), made three ways. Linux with libcrypto.so.3 only.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>DllImport with <see cref="SuppressGCTransitionAttribute"/> (what <c>HmacSha256Key</c> does);</item>
/// <item>DllImport with the ordinary GC transition;</item>
/// <item><c>delegate* unmanaged</c> function pointers with <see cref="SuppressGCTransitionAttribute"/>, after the same
/// 256-bit copies: the JIT emits no <c>vzeroupper</c> before such a call, so OpenSSL's SSE-encoded SHA code starts
/// with the upper vector state dirty.</item>
/// </list>
/// </remarks>
[MemoryDiagnoser]
public unsafe class CallBenchmarks
{
    private const string Library = "libcrypto.so.3";
    private const int ContextSize = 112;

    private byte* _states;
    private byte* _data;
    private byte* _mac;
    private delegate* unmanaged[Cdecl, SuppressGCTransition]<byte*, byte*, nuint, int> _update;
    private delegate* unmanaged[Cdecl, SuppressGCTransition]<byte*, byte*, int> _final;

    /// <summary>Saves the keyed states and checks every variant against HMACSHA256.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _states = (byte*)NativeMemory.AlignedAlloc(2 * ContextSize, 64);
        _data = (byte*)NativeMemory.AlignedAlloc(200, 64);
        _mac = (byte*)NativeMemory.AlignedAlloc(32, 64);
        new Random(200).NextBytes(new Span<byte>(_data, 200));
        IntPtr library = NativeLibrary.Load(Library);
        _update = (delegate* unmanaged[Cdecl, SuppressGCTransition]<byte*, byte*, nuint, int>)NativeLibrary.GetExport(library, "SHA256_Update");
        _final = (delegate* unmanaged[Cdecl, SuppressGCTransition]<byte*, byte*, int>)NativeLibrary.GetExport(library, "SHA256_Final");

        byte* block = stackalloc byte[64];
        var blockSpan = new Span<byte>(block, 64);
        for (int pass = 0; pass < 2; pass++)
        {
            blockSpan.Clear();
            Fixture.Key.CopyTo(blockSpan);
            for (int i = 0; i < 64; i++)
            {
                block[i] ^= pass == 0 ? (byte)0x36 : (byte)0x5C;
            }

            SHA256_Init(_states + pass * ContextSize);
            SHA256_Update(_states + pass * ContextSize, block, 64);
        }

        byte[] expected = HMACSHA256.HashData(Fixture.Key, new ReadOnlySpan<byte>(_data, 200));
        foreach (Action variant in new Action[] { DllImportSuppressed, DllImportWithTransition, FunctionPointerSuppressed })
        {
            new Span<byte>(_mac, 32).Clear();
            variant();
            if (!expected.AsSpan().SequenceEqual(new ReadOnlySpan<byte>(_mac, 32)))
            {
                throw new InvalidOperationException("A call variant computes a wrong MAC.");
            }
        }
    }

    /// <summary>Frees the buffers.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        NativeMemory.AlignedFree(_states);
        NativeMemory.AlignedFree(_data);
        NativeMemory.AlignedFree(_mac);
    }

    /// <summary>DllImport, no GC transition.</summary>
    [Benchmark(Baseline = true, Description = "DllImport + SuppressGCTransition")]
    [SkipLocalsInit]
    public void DllImportSuppressed()
    {
        byte* context = stackalloc byte[ContextSize];
        byte* inner = stackalloc byte[32];
        Copy(_states, context);
        SHA256_Update_Suppressed(context, _data, 200);
        SHA256_Final_Suppressed(inner, context);
        Copy(_states + ContextSize, context);
        SHA256_Update_Suppressed(context, inner, 32);
        SHA256_Final_Suppressed(_mac, context);
    }

    /// <summary>DllImport with the GC transition.</summary>
    [Benchmark(Description = "DllImport, ordinary transition")]
    [SkipLocalsInit]
    public void DllImportWithTransition()
    {
        byte* context = stackalloc byte[ContextSize];
        byte* inner = stackalloc byte[32];
        Copy(_states, context);
        SHA256_Update(context, _data, 200);
        SHA256_Final(inner, context);
        Copy(_states + ContextSize, context);
        SHA256_Update(context, inner, 32);
        SHA256_Final(_mac, context);
    }

    /// <summary>Function pointers, no GC transition, no vzeroupper.</summary>
    [Benchmark(Description = "delegate* unmanaged + SuppressGCTransition")]
    [SkipLocalsInit]
    public void FunctionPointerSuppressed()
    {
        byte* context = stackalloc byte[ContextSize];
        byte* inner = stackalloc byte[32];
        Copy(_states, context);
        _update(context, _data, 200);
        _final(inner, context);
        Copy(_states + ContextSize, context);
        _update(context, inner, 32);
        _final(_mac, context);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Copy(byte* source, byte* destination)
    {
        Vector256.Store(Vector256.Load(source), destination);
        Vector256.Store(Vector256.Load(source + 32), destination + 32);
        Vector256.Store(Vector256.Load(source + 64), destination + 64);
        Vector128.Store(Vector128.Load(source + 96), destination + 96);
    }

    [DllImport(Library, ExactSpelling = true)]
    private static extern int SHA256_Init(byte* context);

    [DllImport(Library, ExactSpelling = true)]
    private static extern int SHA256_Update(byte* context, byte* data, nuint length);

    [DllImport(Library, ExactSpelling = true)]
    private static extern int SHA256_Final(byte* digest, byte* context);

    [DllImport(Library, EntryPoint = "SHA256_Update", ExactSpelling = true), SuppressGCTransition]
    private static extern int SHA256_Update_Suppressed(byte* context, byte* data, nuint length);

    [DllImport(Library, EntryPoint = "SHA256_Final", ExactSpelling = true), SuppressGCTransition]
    private static extern int SHA256_Final_Suppressed(byte* digest, byte* context);
}
