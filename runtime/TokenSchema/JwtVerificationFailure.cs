using System;
using System.Collections.Generic;

namespace TokenSchema;

/// <summary>
/// Why <see cref="JwtVerifier.TryVerifyDetailed{T}(System.ReadOnlySpan{char}, out T, out JwtVerificationFailure)"/> rejected a token, down to the claim: the <see cref="JwtError"/>, the claim concerned
/// and, for a payload that does not read or validate, what is wrong with it. The default value means "accepted"
/// and costs nothing; a rejection allocates only what it reports.
/// </summary>
public readonly struct JwtVerificationFailure
{
    private readonly ClaimProblem[]? _problems;

    internal JwtVerificationFailure(JwtError error, string? claim, ClaimReadErrorKind readError, ClaimProblem[]? problems)
    {
        Error = error;
        Claim = claim;
        ReadError = readError;
        _problems = problems;
    }

    /// <summary>What failed; <see cref="JwtError.None"/> when the token was accepted.</summary>
    public JwtError Error { get; }

    /// <summary>
    /// The claim concerned (<c>exp</c>, <c>iss</c>, <c>aud</c>, a path such as <c>p.cs</c> inside nested objects), or
    /// <see langword="null"/> when the failure is about the token as a whole.
    /// </summary>
    public string? Claim { get; }

    /// <summary>For a payload that does not read into its type, why; <see cref="ClaimReadErrorKind.None"/> otherwise.</summary>
    public ClaimReadErrorKind ReadError { get; }

    /// <summary>For a payload that reads but fails its validation, every problem; empty otherwise.</summary>
    public IReadOnlyList<ClaimProblem> Problems => _problems ?? Array.Empty<ClaimProblem>();

    /// <summary><see langword="true"/> when the token was accepted.</summary>
    public bool IsNone => Error == JwtError.None;

    /// <summary>A sentence naming the error and, where there is one, the claim and its problems.</summary>
    public override string ToString()
    {
        if (_problems is { Length: > 0 })
        {
            return Error + ": " + string.Join("; ", (object[])_problems);
        }

        if (ReadError != ClaimReadErrorKind.None)
        {
            return Error + ": " + new ClaimReadError(ReadError, Claim);
        }

        return Claim is null ? Error.ToString() : Error + " ('" + Claim + "')";
    }
}
