using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Text.Json;
using TokenSchema.Verification;

namespace TokenSchema;

/// <summary>
/// What <see cref="JwtVerifier"/> learns from a payload's top-level claims while the payload's generated reader reads
/// the typed record, so that a verified payload's JSON is read once: repeated names, the registered claims
/// (<c>exp</c>, <c>nbf</c>, <c>iat</c>, <c>aud</c>'s form, and <c>iss</c> / <c>aud</c>'s value when configured) and, on request, claims the
/// schema does not describe. For generated code; a <see langword="default"/> instance observes nothing.
/// </summary>
/// <remarks>
/// A generated <see cref="IJwtPayload{TSelf}.TryReadAndScanPayload"/> steps from claim to claim with
/// <see cref="NextClaim"/>, calls <see cref="Observe"/> on the value of every top-level claim it describes whose name is
/// one of those registered claims, <see cref="SkipUnknown"/> on the name of every top-level claim it does not describe,
/// and <see cref="Described"/> once at the end. The verifier takes the one pass's word only when those reports account
/// for every top-level claim; otherwise (a hand-written reader that reports nothing, or not everything), and for a
/// token the one pass does not accept, the payload is read again by the verifier's separate scan, which decides the
/// exact error. A hand-written payload is best left to the default, which reads in two passes.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public ref struct ClaimScan
{
    private ClaimNameSet _names;
    private readonly ReadOnlySpan<byte> _json;
    private readonly byte[][]? _issuers;
    private readonly byte[][]? _audiences;
    private readonly bool _active;
    private readonly bool _rejectUnknown;
    private bool _started;
    private bool _complete;
    private int _claims;
    private int _registered;
    private int _observed;
    private int _skipped;
    private int _described;
    internal ScannedClaims Claims;
    internal bool Refused;
    internal bool Unsupported;

    internal ClaimScan(ReadOnlySpan<byte> json, byte[][]? issuers, byte[][]? audiences, bool rejectUnknown)
    {
        _json = json;
        _names = new ClaimNameSet(json);
        _issuers = issuers;
        _audiences = audiences;
        _rejectUnknown = rejectUnknown;
        _active = true;
    }

    /// <summary>The names of the claims a generated reader reports to <see cref="Observe"/> when its payload describes them.</summary>
    public static ReadOnlySpan<string> ObservedClaimNames => RegisteredClaims.Names;

    /// <summary>
    /// The version of what a generated reader reports: <see cref="ObservedClaimNames"/> and the calls it makes
    /// (<see cref="NextClaim"/>, <see cref="Observe"/>, <see cref="SkipUnknown"/>, <see cref="Described"/>). It changes
    /// whenever either does.
    /// </summary>
    public const int ObservedClaimNamesVersion = ObservedClaims.Version;

    /// <summary>
    /// Whether the reader reported every top-level claim: it stepped from the object's start to its end with
    /// <see cref="NextClaim"/>, every claim it stepped onto was either one it described (<see cref="Described"/>) or one it
    /// skipped through <see cref="SkipUnknown"/>, and every registered claim among them went through <see cref="Observe"/>.
    /// Only then does the verifier take the one pass's word for the claims it checks itself.
    /// </summary>
    internal readonly bool SawEveryClaim => _complete && _claims == _described + _skipped && _registered == _observed;

    /// <summary>Whether the reader stepped through the claims with <see cref="NextClaim"/> at all.</summary>
    internal readonly bool Started => _started;

    /// <summary>
    /// Moves the reader to the next top-level claim's name, as <c>reader.Read() &amp;&amp; reader.TokenType != EndObject</c>
    /// does, and counts it; a generated reader steps through every top-level claim this way, from the object's
    /// <see cref="JsonTokenType.StartObject"/> to its end.
    /// </summary>
    /// <param name="reader">The payload reader: on the object's start for the first claim, else on the last token of the previous claim's value.</param>
    /// <returns><see langword="true"/> on a claim's name; <see langword="false"/> at the object's end.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool NextClaim(ref Utf8JsonReader reader)
    {
        if (!reader.Read() || reader.TokenType == JsonTokenType.EndObject)
        {
            if (_active)
            {
                End(ref reader);
            }

            return false;
        }

        if (_active)
        {
            Count(ref reader);
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Count(ref Utf8JsonReader reader)
    {
        // The first claim counted must be the object's first: one read before it would go uncounted.
        if (_claims++ == 0)
        {
            _started = reader.CurrentDepth == 1 && OnlyTheObjectsStartBefore(reader.TokenStartIndex);
        }

        ReadOnlySpan<byte> raw = reader.ValueSpan;
        if (raw.Length == 3 ? !reader.ValueIsEscaped && RegisteredClaims.IsRegistered(raw) : reader.ValueIsEscaped && IsEscapedRegistered(ref reader))
        {
            _registered++;
        }
    }

    private void End(ref Utf8JsonReader reader)
    {
        if (_claims == 0)
        {
            _started = OnlyTheObjectsStartBefore(reader.TokenStartIndex);
        }

        _complete = _started && reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == 0;
    }

    // Whether the payload before offset is the object's '{' and white space only.
    private readonly bool OnlyTheObjectsStartBefore(long offset) =>
        offset == 1 ? _json[0] == (byte)'{' : offset <= _json.Length && _json[..(int)offset].Trim(" \t\r\n"u8).SequenceEqual("{"u8);

    // An escaped spelling of a registered name ("\u0065xp") is at most six bytes a letter.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool IsEscapedRegistered(ref Utf8JsonReader reader)
    {
        if (reader.ValueSpan.Length > 18)
        {
            return false;
        }

        Span<byte> name = stackalloc byte[18];
        return RegisteredClaims.IsRegistered(name[..reader.CopyString(name)]);
    }

    /// <summary>
    /// Reports, once after the last claim, how many of the top-level claims <see cref="NextClaim"/> stepped onto the
    /// payload read as claims it describes (the others went through <see cref="SkipUnknown"/>).
    /// </summary>
    /// <param name="count">The number of described claims read.</param>
    public void Described(int count)
    {
        if (_active)
        {
            _described = count;
        }
    }

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

        _observed++;
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

        _skipped++;

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
