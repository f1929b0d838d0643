using System;
using System.ComponentModel;
using System.Text.Json;
using TokenSchema.Verification;

namespace TokenSchema;

/// <summary>
/// What <see cref="JwtVerifier"/> learns from a payload's top-level claims while the payload's generated reader reads
/// the typed record, so that a verified payload's JSON is read once: repeated names, the registered claims
/// (<c>exp</c>, <c>nbf</c>, <c>iat</c>, and <c>iss</c> / <c>aud</c> when configured) and, on request, claims the
/// schema does not describe. For generated code; a <see langword="default"/> instance observes nothing.
/// </summary>
/// <remarks>
/// A generated <see cref="IJwtPayload{TSelf}.TryReadAndScanPayload"/> calls <see cref="Observe"/> on the value of every
/// top-level claim it describes whose name is one of those registered claims, and <see cref="SkipUnknown"/> on the name
/// of every top-level claim it does not describe. A token the one pass does not accept is read again by the verifier's
/// separate scan, which decides the exact error. A hand-written implementation takes on the same duty: a claim it
/// does not report is not checked in the one pass, so a hand-written payload is best left to the default, which reads
/// in two passes.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public ref struct ClaimScan
{
    private ClaimNameSet _names;
    private readonly byte[][]? _issuers;
    private readonly byte[][]? _audiences;
    private readonly bool _active;
    private readonly bool _rejectUnknown;
    internal ScannedClaims Claims;
    internal bool Refused;
    internal bool Unsupported;

    internal ClaimScan(ReadOnlySpan<byte> json, byte[][]? issuers, byte[][]? audiences, bool rejectUnknown)
    {
        _names = new ClaimNameSet(json);
        _issuers = issuers;
        _audiences = audiences;
        _rejectUnknown = rejectUnknown;
        _active = true;
    }

    /// <summary>The names of the claims a generated reader reports to <see cref="Observe"/> when its payload describes them.</summary>
    public static ReadOnlySpan<string> ObservedClaimNames => RegisteredClaims.Names;

    /// <summary>The version of <see cref="ObservedClaimNames"/>: it changes whenever the list does.</summary>
    public const int ObservedClaimNamesVersion = 1;

    /// <summary>
    /// Whether a reader that reports the claims of list version <paramref name="observedClaimNamesVersion"/> may read in
    /// one pass; when it may not (generated against another list), the verifier reads the type in two passes.
    /// </summary>
    /// <param name="observedClaimNamesVersion">The <see cref="ObservedClaimNamesVersion"/> the reader was generated for.</param>
    public bool Accepts(int observedClaimNamesVersion)
    {
        if (observedClaimNamesVersion != ObservedClaimNamesVersion)
        {
            Unsupported = true;
            return false;
        }

        return true;
    }

    /// <summary>
    /// Reports the value of a top-level claim the payload describes whose name is one of <see cref="ObservedClaimNames"/>.
    /// The reader is on the value's first token and is not moved.
    /// </summary>
    /// <param name="name">The claim's name.</param>
    /// <param name="reader">The payload reader, on the claim's value.</param>
    /// <returns><see langword="false"/> when the verifier refuses the value (an <c>exp</c> that is not a NumericDate).</returns>
    public bool Observe(scoped ReadOnlySpan<byte> name, ref Utf8JsonReader reader)
    {
        if (!_active)
        {
            return true;
        }

        if (RegisteredClaims.Observe(name, ref reader, _issuers, _audiences, ref Claims, out _) != JwtError.None)
        {
            Refused = true;
            return false;
        }

        return true;
    }

    /// <summary>
    /// Reports a top-level claim the payload does not describe and moves the reader past its value (to the value's last
    /// token, where <see cref="Utf8JsonReader.Skip"/> stops).
    /// </summary>
    /// <param name="reader">The payload reader, on the claim's name.</param>
    /// <returns><see langword="false"/> when the verifier refuses the claim (a repeated name, an unknown claim when those are refused, a malformed registered claim).</returns>
    public bool SkipUnknown(ref Utf8JsonReader reader)
    {
        if (!_active)
        {
            reader.Read();
            reader.Skip();
            return true;
        }

        if (_rejectUnknown || !_names.TryAdd(ref reader, out ReadOnlySpan<byte> name))
        {
            Refused = true;
            return false;
        }

        reader.Read();
        if (RegisteredClaims.IsRegistered(name) && !Observe(name, ref reader))
        {
            return false;
        }

        reader.Skip();
        return true;
    }

    /// <summary>Says that the payload type reads in two passes: the default of <see cref="IJwtPayload{TSelf}.TryReadAndScanPayload"/>.</summary>
    internal void MarkUnsupported() => Unsupported = true;

    internal void Dispose() => _names.Dispose();
}
