using System;
using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace TokenSchema.LiveKit;

/// <summary>Why a LiveKit webhook was refused.</summary>
public enum LiveKitWebhookError
{
    /// <summary>The webhook was accepted.</summary>
    None,

    /// <summary>The request has no <c>Authorization</c> header (or an empty one).</summary>
    MissingAuthorization,

    /// <summary>The header's token does not verify: another key, expired, not signed by the API key's secret…; <see cref="LiveKitWebhookFailure.Token"/> says why.</summary>
    InvalidToken,

    /// <summary>The token's <c>sha256</c> claim is not the base64 SHA-256 of the body (or the token has none): the body was changed.</summary>
    BodyHashMismatch,

    /// <summary>The body is longer than <see cref="LiveKitWebhookReceiverOptions.MaxBodyLength"/>.</summary>
    BodyTooLarge,

    /// <summary>The body verified but is not a webhook event's JSON; <see cref="LiveKitWebhookFailure.Detail"/> says where.</summary>
    MalformedBody,
}

/// <summary>Why a webhook was refused: the error and, for <see cref="LiveKitWebhookError.InvalidToken"/>, the verifier's failure.</summary>
/// <param name="Error">What failed.</param>
/// <param name="Token">The token's verification failure, when the token was verified.</param>
/// <param name="Detail">For a body that does not read, where it failed (no body text).</param>
public readonly record struct LiveKitWebhookFailure(LiveKitWebhookError Error, JwtVerificationFailure Token = default, string? Detail = null)
{
    /// <inheritdoc />
    public override string ToString() => Error switch
    {
        LiveKitWebhookError.InvalidToken => "InvalidToken: " + Token,
        LiveKitWebhookError.MalformedBody when Detail is not null => "MalformedBody: " + Detail,
        _ => Error.ToString(),
    };
}

/// <summary>The receiver's settings.</summary>
public sealed class LiveKitWebhookReceiverOptions
{
    /// <summary>The clock for the token's <c>exp</c> and <c>nbf</c>; <see cref="TimeProvider.System"/> by default.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The tolerance of the time checks; 30 seconds by default.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest body read, in bytes; 1 MiB by default (LiveKit's events are a few kilobytes).</summary>
    public int MaxBodyLength { get; init; } = 1 << 20;

    /// <summary>Accept an API secret shorter than the 32 bytes RFC 7518 §3.2 requires (a local development server's).</summary>
    public bool AllowShortKey { get; init; }
}

/// <summary>
/// Receives LiveKit's webhooks: the server POSTs a <see cref="LiveKitWebhookEvent"/> as JSON with an <c>Authorization</c>
/// header holding an HS256 token signed with the API secret, whose <c>iss</c> is the API key and whose <c>sha256</c> claim
/// is the base64 SHA-256 of the body. The token is verified by the library's strict <see cref="JwtVerifier"/> (the
/// algorithm, the signature in constant time, <c>exp</c>, <c>nbf</c>, <c>iss</c>), the body's hash is compared in constant
/// time, and only then is the body read. Thread-safe; dispose it to zero the secret.
/// </summary>
/// <example>
/// <code>
/// using var webhooks = new LiveKitWebhookReceiver(apiKey, apiSecret);
/// if (webhooks.TryReceive(body, request.Headers.Authorization, out LiveKitWebhookEvent? e, out LiveKitWebhookFailure failure))
/// {
///     if (e.Event == LiveKitWebhookEvents.ParticipantJoined) { /* e.Participant.Identity … */ }
/// }
/// </code>
/// </example>
public sealed class LiveKitWebhookReceiver : IDisposable
{
    private const int HashLength = 44; // base64 of 32 bytes, padded

    private readonly JwtVerifier _verifier;
    private readonly int _maxBodyLength;

    /// <summary>Creates a receiver for the webhooks of the API key <paramref name="apiKey"/>.</summary>
    /// <param name="apiKey">The API key the server signs webhooks with (their <c>iss</c>).</param>
    /// <param name="apiSecret">The key's secret; its UTF-8 bytes are the HMAC key.</param>
    /// <param name="options">The clock, the skew, the body's bound; the defaults when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The key is empty, or the secret is empty or shorter than 32 bytes.</exception>
    public LiveKitWebhookReceiver(string apiKey, string apiSecret, LiveKitWebhookReceiverOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(apiKey);
        ArgumentNullException.ThrowIfNull(apiSecret);
        options ??= new LiveKitWebhookReceiverOptions();
        if (options.MaxBodyLength < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxBodyLength, "The maximum body length must be at least 1 byte.");
        }

        ApiKey = apiKey;
        _maxBodyLength = options.MaxBodyLength;
        _verifier = JwtVerifier.FromSecret(apiSecret, new JwtVerifierOptions
        {
            TimeProvider = options.TimeProvider,
            ClockSkew = options.ClockSkew,
            ValidIssuers = [apiKey],
            AllowShortKey = options.AllowShortKey,
        });
    }

    /// <summary>The API key whose webhooks this receiver accepts.</summary>
    public string ApiKey { get; }

    /// <summary>The longest body read, in bytes.</summary>
    public int MaxBodyLength => _maxBodyLength;

    /// <summary>
    /// Verifies a webhook and reads its event: the <c>Authorization</c> header's token, then the body's hash, then the body.
    /// Never throws for what a request holds.
    /// </summary>
    /// <param name="body">The request's body, exactly as received.</param>
    /// <param name="authorization">The <c>Authorization</c> header's value: the token itself, as LiveKit sends it.</param>
    /// <param name="webhookEvent">The event, when accepted.</param>
    /// <param name="failure">Why it was refused; <see cref="LiveKitWebhookError.None"/> when accepted.</param>
    /// <returns><see langword="true"/> when the webhook is LiveKit's for this key and its body is intact.</returns>
    public bool TryReceive(ReadOnlySpan<byte> body, string? authorization, [NotNullWhen(true)] out LiveKitWebhookEvent? webhookEvent, out LiveKitWebhookFailure failure)
    {
        webhookEvent = null;
        if (string.IsNullOrEmpty(authorization))
        {
            failure = new LiveKitWebhookFailure(LiveKitWebhookError.MissingAuthorization);
            return false;
        }

        if (body.Length > _maxBodyLength)
        {
            failure = new LiveKitWebhookFailure(LiveKitWebhookError.BodyTooLarge);
            return false;
        }

        if (!_verifier.TryVerifyDetailed(authorization.AsSpan(), out LiveKitToken? token, out JwtVerificationFailure tokenFailure))
        {
            failure = new LiveKitWebhookFailure(LiveKitWebhookError.InvalidToken, tokenFailure);
            return false;
        }

        return TryAccept(body, token, out webhookEvent, out failure);
    }

    /// <summary>
    /// The steps after the token verified, shared with the ASP.NET Core endpoint (which verifies the token with the
    /// configured, rotating issuer): the body's hash in constant time, then the event.
    /// </summary>
    internal static bool TryAccept(ReadOnlySpan<byte> body, LiveKitToken token, [NotNullWhen(true)] out LiveKitWebhookEvent? webhookEvent, out LiveKitWebhookFailure failure)
    {
        webhookEvent = null;
        if (!HashMatches(body, token.Sha256))
        {
            failure = new LiveKitWebhookFailure(LiveKitWebhookError.BodyHashMismatch);
            return false;
        }

        try
        {
            webhookEvent = JsonSerializer.Deserialize(body, LiveKitWebhookJson.Default.LiveKitWebhookEvent);
        }
        catch (JsonException exception)
        {
            // The path and position, never the body's text.
            failure = new LiveKitWebhookFailure(LiveKitWebhookError.MalformedBody, Detail: $"at {exception.Path ?? "$"}, line {exception.LineNumber}, byte {exception.BytePositionInLine}");
            return false;
        }

        if (webhookEvent is null)
        {
            failure = new LiveKitWebhookFailure(LiveKitWebhookError.MalformedBody, Detail: "the body is null");
            return false;
        }

        failure = default;
        return true;
    }

    /// <summary>Like <see cref="TryReceive"/>, throwing <see cref="LiveKitWebhookException"/> for a refused webhook.</summary>
    /// <param name="body">The request's body, exactly as received.</param>
    /// <param name="authorization">The <c>Authorization</c> header's value.</param>
    /// <returns>The event.</returns>
    /// <exception cref="LiveKitWebhookException">The webhook was refused; <see cref="LiveKitWebhookException.Failure"/> says why.</exception>
    public LiveKitWebhookEvent Receive(ReadOnlySpan<byte> body, string? authorization) =>
        TryReceive(body, authorization, out LiveKitWebhookEvent? webhookEvent, out LiveKitWebhookFailure failure)
            ? webhookEvent
            : throw new LiveKitWebhookException(failure);

    /// <summary>
    /// The value of the <c>sha256</c> claim for <paramref name="body"/>: its SHA-256 in standard, padded base64, as
    /// LiveKit writes it; for signing a webhook (in tests, or to forward one) with <see cref="LiveKitTokenIssuer"/>.
    /// </summary>
    /// <param name="body">The body.</param>
    public static string BodyHash(ReadOnlySpan<byte> body) => Convert.ToBase64String(SHA256.HashData(body));

    /// <inheritdoc />
    public void Dispose() => _verifier.Dispose();

    private static bool HashMatches(ReadOnlySpan<byte> body, string? claimed)
    {
        if (claimed is null || claimed.Length != HashLength)
        {
            return false;
        }

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(body, hash);
        Span<byte> expected = stackalloc byte[HashLength];
        Base64.EncodeToUtf8(hash, expected, out _, out _);
        Span<byte> given = stackalloc byte[HashLength];
        for (int i = 0; i < HashLength; i++)
        {
            char c = claimed[i];
            given[i] = c < 0x80 ? (byte)c : (byte)0;
        }

        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
}

/// <summary>A LiveKit webhook was refused; <see cref="Failure"/> says why.</summary>
public sealed class LiveKitWebhookException : Exception
{
    /// <summary>Creates the exception for <paramref name="failure"/>.</summary>
    /// <param name="failure">Why the webhook was refused.</param>
    public LiveKitWebhookException(LiveKitWebhookFailure failure)
        : base("The LiveKit webhook was refused: " + failure)
    {
        Failure = failure;
    }

    /// <summary>Why the webhook was refused.</summary>
    public LiveKitWebhookFailure Failure { get; }
}
