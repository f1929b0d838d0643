namespace TokenSchema;

/// <summary>Why a payload could not be read into its type.</summary>
public enum ClaimReadErrorKind
{
    /// <summary>No error.</summary>
    None = 0,

    /// <summary>The payload is not a JSON object.</summary>
    NotAnObject,

    /// <summary>The claim appears more than once.</summary>
    DuplicateClaim,

    /// <summary>The claim's JSON value has the wrong JSON type (for example a string where a boolean is due).</summary>
    WrongType,

    /// <summary>The claim's JSON value has the right type but a value the member cannot hold (out of range, unknown enum value, malformed UUID or URL).</summary>
    InvalidValue,

    /// <summary>A required claim is absent.</summary>
    MissingClaim,

    /// <summary>
    /// The claim's name equals one of the object's claim names in another letter case (<c>"ROOMJOIN"</c> for
    /// <c>roomJoin</c>), for a platform that matches names ignoring case (LiveKit): the platform would read it as that
    /// claim, so it is refused rather than skipped.
    /// </summary>
    CaseVariantName,
}

/// <summary>
/// Why <see cref="IJwtPayload{TSelf}.TryReadPayload"/> failed, naming the claim. A value type: reporting it allocates nothing.
/// </summary>
public readonly struct ClaimReadError
{
    /// <summary>Creates an error of <paramref name="kind"/> about <paramref name="claim"/>.</summary>
    /// <param name="kind">What went wrong.</param>
    /// <param name="claim">The claim's name (a path such as <c>p.cs</c> inside nested objects), or <see langword="null"/> for the payload as a whole.</param>
    public ClaimReadError(ClaimReadErrorKind kind, string? claim)
    {
        Kind = kind;
        Claim = claim;
    }

    /// <summary>What went wrong.</summary>
    public ClaimReadErrorKind Kind { get; }

    /// <summary>The claim concerned, or <see langword="null"/> for the payload as a whole.</summary>
    public string? Claim { get; }

    /// <summary><see langword="true"/> when there is no error.</summary>
    public bool IsNone => Kind == ClaimReadErrorKind.None;

    /// <summary>A sentence naming the claim and the problem.</summary>
    public override string ToString() => Kind switch
    {
        ClaimReadErrorKind.None => "no error",
        ClaimReadErrorKind.NotAnObject => "the payload is not a JSON object",
        ClaimReadErrorKind.DuplicateClaim => $"claim '{Claim}' appears more than once",
        ClaimReadErrorKind.WrongType => $"claim '{Claim}' has the wrong JSON type",
        ClaimReadErrorKind.InvalidValue => $"claim '{Claim}' has a value its member cannot hold",
        ClaimReadErrorKind.MissingClaim => $"required claim '{Claim}' is missing",
        ClaimReadErrorKind.CaseVariantName => $"claim '{Claim}' differs from a known claim only in letter case",
        _ => $"claim '{Claim}': {Kind}",
    };
}
