using System;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Threading;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TokenSchema.Extensions.DependencyInjection;

/// <summary>
/// A platform's issuer made from configuration, the one to inject: it signs with the current settings' key and, after
/// a configuration change (<see cref="IOptionsMonitor{TOptions}"/>), swaps in an issuer for the new key atomically — a
/// thread that signs or verifies sees the old issuer or the new one, never a mix. Tokens signed with the previous key
/// still verify for <see cref="TokenIssuerSettings.RotationGracePeriod"/>. A change that makes invalid settings is not
/// applied (the previous issuer stays, and a warning without any value is logged). Thread-safe; a singleton.
/// </summary>
/// <typeparam name="TToken">The platform's token record.</typeparam>
public sealed class ConfiguredTokenIssuer<TToken> : IDisposable, IIssuerProbe where TToken : IJwtPayload<TToken>
{
    private readonly object _rotation = new();
    private readonly List<PlatformTokenIssuer<TToken>> _retired = [];
    private readonly Func<TokenIssuerSettings<TToken>, PlatformTokenIssuer<TToken>> _create;
    private readonly TimeProvider _clock;
    private readonly ILogger? _logger;
    private readonly IDisposable? _subscription;
    private State _state;

    private sealed record State(PlatformTokenIssuer<TToken> Current, string Fingerprint, PlatformTokenIssuer<TToken>? Previous, DateTimeOffset PreviousUntil);

    internal ConfiguredTokenIssuer(string name, TokenIssuerSettings<TToken> settings, Func<Action<TokenIssuerSettings<TToken>>, IDisposable?> subscribe,
        TimeProvider clock, ILogger? logger)
    {
        Name = name;
        Platform = settings.Platform;
        _clock = clock;
        _logger = logger;
        _create = s => s.CreateIssuer(clock);
        _state = new State(_create(settings), settings.Fingerprint(), null, DateTimeOffset.MinValue);
        ProbeToken = settings.ProbeToken();
        _subscription = subscribe(Rotate);
    }

    /// <summary>The configuration name of this issuer (<see cref="Options.DefaultName"/> for the unnamed one).</summary>
    public string Name { get; }

    /// <summary>The platform, for messages and the health check.</summary>
    public string Platform { get; }

    /// <summary>The issuer of the current key.</summary>
    public PlatformTokenIssuer<TToken> Current => Volatile.Read(ref _state).Current;

    /// <summary>The token the health check signs.</summary>
    private TToken ProbeToken { get; }

    /// <inheritdoc />
    string? IIssuerProbe.Probe()
    {
        try
        {
            string token = Issue(ProbeToken);
            return TryVerifyDetailed(token.AsSpan(), out _, out JwtVerificationFailure failure) ? null : "a token it signed does not verify: " + failure;
        }
        catch (JwtPayloadValidationException exception)
        {
            return "it cannot sign: " + exception.Message;
        }
        catch (ObjectDisposedException)
        {
            return "it was disposed";
        }
    }

    /// <summary>Completes and signs <paramref name="token"/> with the current key; see <see cref="PlatformTokenIssuer{TToken}.Issue(TToken)"/>.</summary>
    /// <exception cref="JwtPayloadValidationException">A claim is not valid; the message names it.</exception>
    public string Issue(TToken token) => Current.Issue(token);

    /// <summary>Completes and signs <paramref name="token"/> into <paramref name="destination"/>; see <see cref="PlatformTokenIssuer{TToken}.TryIssue"/>.</summary>
    public bool TryIssue(TToken token, Span<byte> destination, out int bytesWritten) => Current.TryIssue(token, destination, out bytesWritten);

    /// <summary>Completes and signs <paramref name="token"/>, appending its bytes to <paramref name="output"/>.</summary>
    public int Issue(TToken token, IBufferWriter<byte> output) => Current.Issue(token, output);

    /// <summary>
    /// Verifies <paramref name="token"/> with the current key and, within the grace period after a rotation, with the
    /// previous one when the current refuses it for its key (another key's signature, or a <c>kid</c> naming another key,
    /// refused before any MAC work): at most two tries. The failure is the current key's when neither accepts it.
    /// </summary>
    public bool TryVerifyDetailed(ReadOnlySpan<char> token, [NotNullWhen(true)] out TToken? payload, out JwtVerificationFailure failure)
    {
        State state = Volatile.Read(ref _state);
        if (state.Current.TryVerifyDetailed(token, out payload, out failure))
        {
            return true;
        }

        if (Fallback(state, failure) is { } previous && previous.TryVerifyDetailed(token, out payload, out JwtVerificationFailure _))
        {
            failure = default;
            return true;
        }

        payload = default;
        return false;
    }

    /// <summary>Like <see cref="TryVerifyDetailed(ReadOnlySpan{char}, out TToken, out JwtVerificationFailure)"/>, for the token's ASCII bytes.</summary>
    public bool TryVerifyDetailed(ReadOnlySpan<byte> token, [NotNullWhen(true)] out TToken? payload, out JwtVerificationFailure failure)
    {
        State state = Volatile.Read(ref _state);
        if (state.Current.TryVerifyDetailed(token, out payload, out failure))
        {
            return true;
        }

        if (Fallback(state, failure) is { } previous && previous.TryVerifyDetailed(token, out payload, out JwtVerificationFailure _))
        {
            failure = default;
            return true;
        }

        payload = default;
        return false;
    }

    /// <summary>Verifies with the current key, then the previous one in its grace period; <paramref name="error"/> says why not.</summary>
    public bool TryVerify(ReadOnlySpan<char> token, [NotNullWhen(true)] out TToken? payload, out JwtError error)
    {
        bool verified = TryVerifyDetailed(token, out payload, out JwtVerificationFailure failure);
        error = failure.Error;
        return verified;
    }

    /// <summary>Verifies the token's ASCII bytes with the current key, then the previous one in its grace period.</summary>
    public bool TryVerify(ReadOnlySpan<byte> token, [NotNullWhen(true)] out TToken? payload, out JwtError error)
    {
        bool verified = TryVerifyDetailed(token, out payload, out JwtVerificationFailure failure);
        error = failure.Error;
        return verified;
    }

    /// <summary>The previous key's issuer, when a token the current key refused for its key may be the previous key's.</summary>
    private PlatformTokenIssuer<TToken>? Fallback(State state, JwtVerificationFailure failure) =>
        state.Previous is { } previous && _clock.GetUtcNow() < state.PreviousUntil && failure.Error is JwtError.BadSignature or JwtError.UnknownKey
            ? previous
            : null;

    /// <summary>Applies new settings: a new issuer for a new key, the current one kept as the previous for the grace period.</summary>
    internal void Rotate(TokenIssuerSettings<TToken> settings)
    {
        lock (_rotation)
        {
            State state = _state;
            string fingerprint = settings.Fingerprint();
            if (fingerprint == state.Fingerprint)
            {
                return; // A reload that changed nothing of this issuer keeps the grace period of the last real change.
            }

            PlatformTokenIssuer<TToken> created;
            try
            {
                created = _create(settings);
            }
            catch (ArgumentException exception)
            {
                // The platform's words never hold the key.
                _logger?.LogWarning("The new configuration of the {Platform} issuer '{Name}' is not valid and was not applied: {Problem}", Platform, Name, exception.Message);
                return;
            }

            if (state.Previous is { } dropped)
            {
                _retired.Add(dropped);
            }

            Volatile.Write(ref _state, new State(created, fingerprint, state.Current, _clock.GetUtcNow() + settings.RotationGracePeriod));
        }
    }

    /// <summary>Stops following the configuration and zeroes every key this issuer held.</summary>
    public void Dispose()
    {
        _subscription?.Dispose();
        lock (_rotation)
        {
            State state = _state;
            state.Current.Dispose();
            state.Previous?.Dispose();
            foreach (PlatformTokenIssuer<TToken> retired in _retired)
            {
                retired.Dispose();
            }
        }
    }
}
