using System;
using System.Buffers;
using System.Buffers.Text;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using TokenSchema.Internal;

namespace TokenSchema;

/// <summary>
/// Signs JWT payloads with HS256 (HMAC-SHA256, RFC 7518 §3.2). Thread-safe: one instance per key serves every
/// thread. The keyed HMAC state is prepared once and reused; the header is encoded once, at construction.
/// </summary>
/// <example>
/// <code>
/// using var signer = JwtSigner.FromSecret(apiKey);
/// string token = signer.Sign(new MeetingToken { RoomName = "standup" });
/// </code>
/// </example>
public sealed partial class JwtSigner : IDisposable
{
    /// <summary>
    /// Which HMAC code this process uses, chosen once at start-up: <see cref="JwtMacImplementation.SavedStateLibcrypto"/>
    /// where the system libcrypto allows it, else <see cref="JwtMacImplementation.DotNetHmac"/>; see
    /// <see cref="MacImplementationReason"/>. Set the <c>TokenSchema.DisableSystemLibcrypto</c> <c>AppContext</c> switch
    /// (for example <c>&lt;RuntimeHostConfigurationOption Include="TokenSchema.DisableSystemLibcrypto" Value="true" /&gt;</c>)
    /// to keep every MAC on .NET's HMAC.
    /// </summary>
    public static JwtMacImplementation MacImplementation =>
        Internal.OpenSslSha256.IsAvailable ? JwtMacImplementation.SavedStateLibcrypto : JwtMacImplementation.DotNetHmac;

    /// <summary>Why <see cref="MacImplementation"/> is <see cref="JwtMacImplementation.DotNetHmac"/> (FIPS mode, no libcrypto, the switch…); <see langword="null"/> on the fast path.</summary>
    public static string? MacImplementationReason => Internal.OpenSslSha256.UnavailableReason;

    /// <summary>The length of an HS256 signature in base64url characters.</summary>
    internal const int SignatureLength = 43;

    private const int MinimumKeyLength = 32;

    private readonly HmacSha256Key _key;
    private readonly byte[] _encodedHeader;
    private readonly bool _validatePayload;
    private int _disposed;

    /// <summary>Creates a signer for <paramref name="key"/>; the bytes are copied.</summary>
    /// <param name="key">The HMAC key. At least 32 bytes unless <see cref="JwtSignerOptions.AllowShortKey"/> is set.</param>
    /// <param name="options">Header and validation options; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentException">The key is empty, or shorter than 32 bytes without opting in, or a header parameter is invalid.</exception>
    public JwtSigner(ReadOnlySpan<byte> key, JwtSignerOptions? options = null)
    {
        options ??= JwtSignerOptions.Default;
        CheckKey(key.Length, options.AllowShortKey, nameof(key));
        HeaderJson = BuildHeader(options);
        _encodedHeader = new byte[Base64Url.GetEncodedLength(HeaderJson.Length) + 1];
        int written = Base64Url.EncodeToUtf8(HeaderJson.Span, _encodedHeader);
        _encodedHeader[written] = (byte)'.';
        _validatePayload = options.ValidatePayload;
        _key = new HmacSha256Key(key);
    }

    /// <summary>
    /// Creates a signer whose key is the UTF-8 bytes of <paramref name="secret"/>, the way the platforms use
    /// their API key, developer key or API secret.
    /// </summary>
    /// <param name="secret">The platform's secret.</param>
    /// <param name="options">Header and validation options; <see langword="null"/> for the defaults.</param>
    /// <returns>A signer that owns a copy of the key.</returns>
    public static JwtSigner FromSecret(string secret, JwtSignerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(secret);
        // A pinned copy, so that the garbage collector cannot leave a moved copy of the secret behind.
        byte[] bytes = GC.AllocateUninitializedArray<byte>(Encoding.UTF8.GetByteCount(secret), pinned: true);
        Encoding.UTF8.GetBytes(secret, bytes);
        try
        {
            return new JwtSigner(bytes, options);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>The header's JSON text, as signed (for example <c>{"alg":"HS256","typ":"JWT"}</c>).</summary>
    public ReadOnlyMemory<byte> HeaderJson { get; }

    /// <summary>
    /// Signs <paramref name="payload"/> and returns the compact token. Allocates nothing but the returned string.
    /// </summary>
    /// <typeparam name="T">The payload type.</typeparam>
    /// <param name="payload">The claims to sign.</param>
    /// <returns>The token: <c>header.payload.signature</c>.</returns>
    /// <exception cref="JwtPayloadValidationException">The payload is not valid; the message lists every problem by claim name.</exception>
    public string Sign<T>(T payload) where T : IJwtPayload<T>
    {
        JsonScratch json = WritePayload(payload);
        try
        {
            // The token is assembled in the same per-thread buffer, right after the payload's JSON: no stack buffer
            // to clear, no pool to rent from.
            Span<byte> token = json.GetSpan(GetTokenLength(json.WrittenSpan.Length));
            int written = Assemble(json.WrittenSpan, token);
            return Encoding.ASCII.GetString(token[..written]);
        }
        finally
        {
            json.Return();
        }
    }

    /// <summary>
    /// Signs <paramref name="payload"/> into <paramref name="destination"/> as ASCII bytes. Allocates nothing.
    /// </summary>
    /// <typeparam name="T">The payload type.</typeparam>
    /// <param name="payload">The claims to sign.</param>
    /// <param name="destination">Where the token's bytes go.</param>
    /// <param name="bytesWritten">The token's length, or 0 when <paramref name="destination"/> is too small.</param>
    /// <returns><see langword="false"/> when <paramref name="destination"/> is too small; nothing is then written.</returns>
    /// <exception cref="JwtPayloadValidationException">The payload is not valid; the message lists every problem by claim name.</exception>
    public bool TrySign<T>(T payload, Span<byte> destination, out int bytesWritten) where T : IJwtPayload<T>
    {
        JsonScratch json = WritePayload(payload);
        try
        {
            if (destination.Length < GetTokenLength(json.WrittenSpan.Length))
            {
                bytesWritten = 0;
                return false;
            }

            bytesWritten = Assemble(json.WrittenSpan, destination);
            return true;
        }
        finally
        {
            json.Return();
        }
    }

    /// <summary>
    /// Signs <paramref name="payload"/> and appends the token's ASCII bytes to <paramref name="output"/>, for callers
    /// that stream many tokens and never need UTF-16 strings.
    /// </summary>
    /// <typeparam name="T">The payload type.</typeparam>
    /// <param name="payload">The claims to sign.</param>
    /// <param name="output">The buffer writer the token is appended to.</param>
    /// <returns>The number of bytes appended.</returns>
    /// <exception cref="JwtPayloadValidationException">The payload is not valid; the message lists every problem by claim name.</exception>
    public int Sign<T>(T payload, IBufferWriter<byte> output) where T : IJwtPayload<T>
    {
        ArgumentNullException.ThrowIfNull(output);
        JsonScratch json = WritePayload(payload);
        try
        {
            int length = GetTokenLength(json.WrittenSpan.Length);
            int written = Assemble(json.WrittenSpan, output.GetSpan(length));
            output.Advance(written);
            return written;
        }
        finally
        {
            json.Return();
        }
    }

    /// <summary>Zeroes the key bytes and releases the HMAC states. Signing afterwards throws <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        Volatile.Write(ref _disposed, 1);
        _key.Dispose();
    }

    internal static void CheckKey(int length, bool allowShortKey, string parameterName)
    {
        if (length == 0)
        {
            throw new ArgumentException("The HS256 key is empty.", parameterName);
        }

        if (length < MinimumKeyLength && !allowShortKey)
        {
            throw new ArgumentException(
                $"The HS256 key is {length} bytes long; RFC 7518 §3.2 requires a key of at least {MinimumKeyLength} bytes (256 bits) for HS256. " +
                "Use a longer key, or set AllowShortKey in the options if the platform issued a shorter one.",
                parameterName);
        }
    }

    private int GetTokenLength(int payloadJsonLength) =>
        _encodedHeader.Length + Base64Url.GetEncodedLength(payloadJsonLength) + 1 + SignatureLength;

    private JsonScratch WritePayload<T>(T payload) where T : IJwtPayload<T>
    {
        if (payload is null)
        {
            throw new ArgumentNullException(nameof(payload));
        }

        if (_validatePayload)
        {
            payload.Validate().ThrowIfInvalid(typeof(T));
        }

        return WritePayloadJson(payload);
    }

    /// <summary>Writes the payload's JSON into a rented per-thread buffer, without validating it.</summary>
    private static JsonScratch WritePayloadJson<T>(T payload) where T : IJwtPayload<T>
    {
        JsonScratch json = JsonScratch.Rent();
        try
        {
            // A generated payload writes its JSON straight into the buffer when every claim present is simple: the same
            // bytes as through the writer, without its state, checks and copies. Only for the generated type itself (a
            // derived type may write differently), and only for classes, which need no boxing to be asked.
            if (!typeof(T).IsValueType && payload is IDirectPayloadWriter direct && payload.GetType() == typeof(T))
            {
                Span<byte> free = json.FreeSpan;
                bool complete;
                int length;
                try
                {
                    complete = direct.TryWritePayloadUtf8(free, out length);
                }
                catch
                {
                    // Return clears only what was advanced over: the claims written so far are cleared here.
                    CryptographicOperations.ZeroMemory(free);
                    throw;
                }

                if (complete && length >= 2 && length <= free.Length && free[0] == (byte)'{' && free[length - 1] == (byte)'}')
                {
                    json.Advance(length);
                    return json;
                }

                // Refused part-way (or wrong): nothing of it is kept, the writer writes the payload from the start.
                CryptographicOperations.ZeroMemory(complete || (uint)length > (uint)free.Length ? free : free[..length]);
            }

            Utf8JsonWriter writer = json.Writer;
            payload.WritePayload(writer);
            writer.Flush();
            ReadOnlySpan<byte> written = json.WrittenSpan;
            if (writer.CurrentDepth != 0 || written.Length < 2 || written[0] != (byte)'{' || written[^1] != (byte)'}')
            {
                throw new InvalidOperationException(
                    $"{typeof(T).Name}.WritePayload did not write one complete JSON object; a JWT payload must be a JSON object.");
            }

            return json;
        }
        catch
        {
            json.Return();
            throw;
        }
    }

    /// <summary>Writes header, payload and signature into <paramref name="destination"/>, which is large enough.</summary>
    [SkipLocalsInit]
    private int Assemble(ReadOnlySpan<byte> payloadJson, Span<byte> destination)
    {
        _encodedHeader.CopyTo(destination);
        int position = _encodedHeader.Length;
        position += Base64Url.EncodeToUtf8(payloadJson, destination[position..]);
        Span<byte> mac = stackalloc byte[HmacSha256Key.MacSize];
        _key.Compute(destination[..position], mac);
        destination[position++] = (byte)'.';
        position += Base64Url.EncodeToUtf8(mac, destination[position..]);
        return position;
    }

    private static ReadOnlyMemory<byte> BuildHeader(JwtSignerOptions options)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer, JsonScratch.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("alg"u8, "HS256"u8);
            if (options.IncludeType)
            {
                writer.WriteString("typ"u8, "JWT"u8);
            }

            if (options.KeyId is not null)
            {
                writer.WriteString("kid"u8, options.KeyId);
            }

            if (options.AdditionalHeaderParameters is { } extra)
            {
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (KeyValuePair<string, string> parameter in extra)
                {
                    CheckHeaderParameter(parameter, seen);
                    writer.WriteString(parameter.Key, parameter.Value);
                }
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenMemory.ToArray();
    }

    private static void CheckHeaderParameter(KeyValuePair<string, string> parameter, HashSet<string> seen)
    {
        string name = parameter.Key;
        if (string.IsNullOrEmpty(name))
        {
            throw new ArgumentException("A header parameter name is empty.", nameof(JwtSignerOptions.AdditionalHeaderParameters));
        }

        if (name is "alg" or "typ" or "kid" or "crit" or "zip" or "b64")
        {
            throw new ArgumentException(
                $"The header parameter '{name}' cannot be set through AdditionalHeaderParameters: 'alg' is always HS256, 'typ' and 'kid' have their own options, and 'crit', 'zip' and 'b64' are not supported.",
                nameof(JwtSignerOptions.AdditionalHeaderParameters));
        }

        if (parameter.Value is null)
        {
            throw new ArgumentException($"The header parameter '{name}' has a null value.", nameof(JwtSignerOptions.AdditionalHeaderParameters));
        }

        if (!seen.Add(name))
        {
            throw new ArgumentException($"The header parameter '{name}' is given twice.", nameof(JwtSignerOptions.AdditionalHeaderParameters));
        }
    }
}
