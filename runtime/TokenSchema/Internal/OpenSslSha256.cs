using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace TokenSchema.Internal;

/// <summary>
/// The system OpenSSL libcrypto's SHA-256 primitive (<c>SHA256_Init</c> / <c>SHA256_Update</c> / <c>SHA256_Final</c>),
/// bound once per process. Its <c>SHA256_CTX</c> is a plain 112-byte struct that can be copied byte for byte, which is
/// what lets <see cref="HmacSha256Key"/> save the keyed HMAC state once and resume from a stack copy on every call.
/// </summary>
/// <remarks>
/// <para>
/// The primitive is used only on Linux, only when <c>libcrypto.so.3</c> (or <c>libcrypto.so.1.1</c>, or
/// <c>libcrypto.so</c>) loads, exports all three functions, does not run in FIPS mode, keeps its context within
/// <see cref="ContextSize"/> bytes and passes a known-answer test; otherwise <see cref="IsAvailable"/> is
/// <see langword="false"/>, <see cref="UnavailableReason"/> says why, and callers use the BCL.
/// </para>
/// <para>
/// The library is loaded with <see cref="NativeLibrary.TryLoad(string, out IntPtr)"/> and handed to the runtime
/// through a DllImport resolver, and the functions are called as <c>DllImport</c>s rather than through
/// <c>delegate* unmanaged</c> pointers: the JIT puts a <c>vzeroupper</c> before a P/Invoke from a method that uses
/// 256-bit vectors, but not before an unmanaged function-pointer call. OpenSSL's SHA-NI code is legacy-SSE encoded,
/// and entered with the upper vector state dirty (by the JIT's AVX / AVX-512 copies, Base64 or JSON code just before)
/// it ran 2–2.5 times slower on this project's benchmark machine.
/// </para>
/// </remarks>
internal static unsafe class OpenSslSha256
{
    /// <summary>The size of OpenSSL's <c>SHA256_CTX</c>: h[8], Nl, Nh, data[16], num, md_len, all 32-bit.</summary>
    public const int ContextSize = 112;

    /// <summary>The SHA-256 block size.</summary>
    public const int BlockSize = 64;

    /// <summary>The SHA-256 digest size.</summary>
    public const int DigestSize = 32;

    /// <summary>
    /// Inputs up to this many bytes are hashed through the entry point marked
    /// <see cref="SuppressGCTransitionAttribute"/> (a few microseconds at most, even without SHA instructions);
    /// longer ones take the ordinary transition so a GC is never held up for long.
    /// </summary>
    public const int SuppressTransitionLimit = 1024;

    // A private name that only the resolver below maps, to the library loaded at start-up.
    private const string LibraryName = "TokenSchema.SystemLibcrypto";

    private static readonly IntPtr s_library;

    /// <summary>
    /// The <see cref="AppContext"/> switch that keeps the MAC on the .NET HMAC (for example where OpenSSL runs with a
    /// FIPS provider, which the low-level SHA-256 functions bypass).
    /// </summary>
    internal const string DisableSwitch = "TokenSchema.DisableSystemLibcrypto";

    static OpenSslSha256()
    {
        if (!OperatingSystem.IsLinux())
        {
            UnavailableReason = "the fast path binds the system libcrypto on Linux only";
            return;
        }

        if (AppContext.TryGetSwitch(DisableSwitch, out bool disabled) && disabled)
        {
            UnavailableReason = "the AppContext switch " + DisableSwitch + " is set";
            return;
        }

        try
        {
            if (!NativeLibrary.TryLoad("libcrypto.so.3", out s_library) && !NativeLibrary.TryLoad("libcrypto.so.1.1", out s_library) &&
                !NativeLibrary.TryLoad("libcrypto.so", out s_library))
            {
                UnavailableReason = "no libcrypto.so.3, libcrypto.so.1.1 or libcrypto.so loads";
                return;
            }

            if (!NativeLibrary.TryGetExport(s_library, "SHA256_Init", out _)
                || !NativeLibrary.TryGetExport(s_library, "SHA256_Update", out _)
                || !NativeLibrary.TryGetExport(s_library, "SHA256_Final", out _))
            {
                UnavailableReason = "the libcrypto found does not export SHA256_Init, SHA256_Update and SHA256_Final";
                return;
            }

            // The low-level SHA-256 functions bypass OpenSSL's providers: under a FIPS provider the .NET HMAC, which goes
            // through them, is the one to use.
            if (IsFipsEnabled(s_library))
            {
                UnavailableReason = "OpenSSL runs in FIPS mode";
                return;
            }

            NativeLibrary.SetDllImportResolver(typeof(OpenSslSha256).Assembly, Resolve);
            IsAvailable = SelfTest();
            UnavailableReason = IsAvailable ? null : "the libcrypto found failed the known-answer self-test";
        }
        // A library that fails to bind or fails its self-test leaves the BCL in charge; never a type-initialization failure.
        // (InvalidOperationException: a DllImport resolver was already set for this assembly by someone else.)
        catch (Exception exception)
        {
            IsAvailable = false;
            UnavailableReason = "binding the system libcrypto failed (" + exception.GetType().Name + ")";
        }
    }

    /// <summary>Whether the primitive was found and passed its self-test in this process.</summary>
    public static bool IsAvailable { get; }

    /// <summary>Why <see cref="IsAvailable"/> is <see langword="false"/>, or <see langword="null"/> when it is true.</summary>
    public static string? UnavailableReason { get; }

    /// <summary>
    /// Whether OpenSSL's FIPS mode is on: <c>EVP_default_properties_is_fips_enabled(NULL)</c> on OpenSSL 3,
    /// <c>FIPS_mode()</c> on 1.1. Called once, at start-up, through a function pointer.
    /// </summary>
    private static bool IsFipsEnabled(IntPtr library)
    {
        if (NativeLibrary.TryGetExport(library, "EVP_default_properties_is_fips_enabled", out IntPtr isFipsEnabled))
        {
            return ((delegate* unmanaged<IntPtr, int>)isFipsEnabled)(IntPtr.Zero) != 0;
        }

        return NativeLibrary.TryGetExport(library, "FIPS_mode", out IntPtr fipsMode) && ((delegate* unmanaged<int>)fipsMode)() != 0;
    }

    /// <summary>Initializes the context at <paramref name="context"/> (at least <see cref="ContextSize"/> bytes).</summary>
    public static void Init(byte* context)
    {
        if (SHA256_Init(context) != 1)
        {
            ThrowFailure();
        }
    }

    /// <summary>Absorbs <paramref name="length"/> bytes at <paramref name="data"/> into the context.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Update(byte* context, byte* data, int length)
    {
        int result = length <= SuppressTransitionLimit
            ? SHA256_Update_Short(context, data, (nuint)length)
            : SHA256_Update(context, data, (nuint)length);
        if (result != 1)
        {
            ThrowFailure();
        }
    }

    /// <summary>Writes the 32-byte digest to <paramref name="digest"/>; the context is spent afterwards.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Final(byte* digest, byte* context)
    {
        if (SHA256_Final(digest, context) != 1)
        {
            ThrowFailure();
        }
    }

    private static IntPtr Resolve(string libraryName, System.Reflection.Assembly assembly, DllImportSearchPath? searchPath) =>
        libraryName == LibraryName ? s_library : IntPtr.Zero;

    [DllImport(LibraryName, EntryPoint = "SHA256_Init", ExactSpelling = true)]
    private static extern int SHA256_Init(byte* context);

    [DllImport(LibraryName, EntryPoint = "SHA256_Update", ExactSpelling = true)]
    private static extern int SHA256_Update(byte* context, byte* data, nuint length);

    [DllImport(LibraryName, EntryPoint = "SHA256_Update", ExactSpelling = true)]
    [SuppressGCTransition]
    private static extern int SHA256_Update_Short(byte* context, byte* data, nuint length);

    // Final hashes at most two blocks: always short enough to skip the GC transition.
    [DllImport(LibraryName, EntryPoint = "SHA256_Final", ExactSpelling = true)]
    [SuppressGCTransition]
    private static extern int SHA256_Final(byte* digest, byte* context);

    /// <summary>
    /// Checks that the context stays within <see cref="ContextSize"/> bytes and that HMAC built on the primitive
    /// gives RFC 4231's answer for test case 2, so a mismatched library is never used.
    /// </summary>
    private static bool SelfTest()
    {
        const int Guard = 256;
        byte* context = stackalloc byte[Guard];
        new Span<byte>(context, Guard).Fill(0xA5);
        Init(context);
        byte* sample = stackalloc byte[200];
        new Span<byte>(sample, 200).Fill(0x61);
        Update(context, sample, 200);
        byte* digest = stackalloc byte[DigestSize];
        Final(digest, context);
        if (new ReadOnlySpan<byte>(context + ContextSize, Guard - ContextSize).IndexOfAnyExcept((byte)0xA5) >= 0)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[DigestSize];
        SHA256.HashData(new ReadOnlySpan<byte>(sample, 200), expected);
        if (!expected.SequenceEqual(new ReadOnlySpan<byte>(digest, DigestSize)))
        {
            return false;
        }

        // RFC 4231 test case 2 through the saved-state construction itself.
        using var key = new HmacSha256Key("Jefe"u8, HmacImplementation.OpenSsl, skipAvailabilityCheck: true);
        Span<byte> mac = stackalloc byte[DigestSize];
        key.Compute("what do ya want for nothing?"u8, mac);
        ReadOnlySpan<byte> rfc4231Case2 =
        [
            0x5b, 0xdc, 0xc1, 0x46, 0xbf, 0x60, 0x75, 0x4e, 0x6a, 0x04, 0x24, 0x26, 0x08, 0x95, 0x75, 0xc7,
            0x5a, 0x00, 0x3f, 0x08, 0x9d, 0x27, 0x39, 0x83, 0x9d, 0xec, 0x58, 0xb9, 0x64, 0xec, 0x38, 0x43,
        ];
        return mac.SequenceEqual(rfc4231Case2);
    }

    private static void ThrowFailure() =>
        throw new CryptographicException("The system libcrypto's SHA-256 primitive reported a failure.");
}
