using System;
using System.Collections.Generic;
using System.Text;

namespace TokenSchema;

/// <summary>One problem with one claim of a payload.</summary>
/// <param name="Claim">The claim's name as written in the token (for example <c>ud</c>).</param>
/// <param name="Message">What is wrong, phrased to follow the claim's name (for example "is required").</param>
public sealed record ClaimProblem(string Claim, string Message)
{
    /// <summary>Returns <c>'claim' message</c>.</summary>
    public override string ToString() => $"'{Claim}' {Message}";
}

/// <summary>
/// The outcome of <see cref="IJwtPayload{TSelf}.Validate"/>: valid, or every problem found.
/// The default value is a valid result and costs no allocation.
/// </summary>
public readonly struct ClaimValidationResult
{
    private readonly ClaimProblem[]? _problems;

    internal ClaimValidationResult(ClaimProblem[] problems)
    {
        _problems = problems;
    }

    /// <summary>A valid result.</summary>
    public static ClaimValidationResult Valid => default;

    /// <summary><see langword="true"/> when no problem was found.</summary>
    public bool IsValid => _problems is null;

    /// <summary>Every problem found, in claim declaration order; empty when valid.</summary>
    public IReadOnlyList<ClaimProblem> Problems => _problems ?? Array.Empty<ClaimProblem>();

    /// <summary>Throws <see cref="JwtPayloadValidationException"/> listing every problem when the result is not valid.</summary>
    /// <param name="payloadType">The payload type, named in the exception's message.</param>
    public void ThrowIfInvalid(Type payloadType)
    {
        if (_problems is not null)
        {
            throw new JwtPayloadValidationException(payloadType, _problems);
        }
    }

    /// <summary>Returns "valid" or the problems separated by "; ".</summary>
    public override string ToString() => _problems is null ? "valid" : string.Join("; ", (object[])_problems);
}

/// <summary>
/// Collects claim problems while a payload validates itself; allocates only when the first problem is added.
/// Used by generated <see cref="IJwtPayload{TSelf}.Validate"/> implementations.
/// </summary>
public struct ClaimProblemCollector
{
    private List<ClaimProblem>? _problems;

    /// <summary>Records that <paramref name="claim"/> <paramref name="message"/>.</summary>
    /// <param name="claim">The claim's name as written in the token.</param>
    /// <param name="message">What is wrong, phrased to follow the claim's name.</param>
    public void Add(string claim, string message)
    {
        (_problems ??= new List<ClaimProblem>()).Add(new ClaimProblem(claim, message));
    }

    /// <summary><see langword="true"/> while no problem was added.</summary>
    public readonly bool IsValid => _problems is null;

    /// <summary>Whether a problem was already added for <paramref name="claim"/>; lets a later check avoid repeating it.</summary>
    /// <param name="claim">The claim's name as written in the token.</param>
    /// <returns><see langword="true"/> when at least one problem names <paramref name="claim"/>.</returns>
    public readonly bool HasProblem(string claim)
    {
        if (_problems is not null)
        {
            foreach (ClaimProblem problem in _problems)
            {
                if (problem.Claim == claim)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The result: valid when nothing was added.</summary>
    public readonly ClaimValidationResult ToResult() =>
        _problems is null ? default : new ClaimValidationResult(_problems.ToArray());
}

/// <summary>Thrown when a payload that fails validation is signed; the message lists every problem by claim name.</summary>
public sealed class JwtPayloadValidationException : Exception
{
    /// <summary>Creates the exception for <paramref name="payloadType"/> with <paramref name="problems"/>.</summary>
    /// <param name="payloadType">The payload type.</param>
    /// <param name="problems">Every problem found.</param>
    public JwtPayloadValidationException(Type payloadType, IReadOnlyList<ClaimProblem> problems)
        : base(BuildMessage(payloadType, problems, null))
    {
        PayloadType = payloadType;
        Problems = problems;
    }

    /// <summary>Creates the exception for the payload at <paramref name="index"/> of a bulk operation.</summary>
    /// <param name="payloadType">The payload type.</param>
    /// <param name="problems">Every problem found.</param>
    /// <param name="index">The payload's index in the bulk input.</param>
    public JwtPayloadValidationException(Type payloadType, IReadOnlyList<ClaimProblem> problems, int index)
        : base(BuildMessage(payloadType, problems, index))
    {
        PayloadType = payloadType;
        Problems = problems;
        Index = index;
    }

    /// <summary>The payload's index in a bulk operation such as <see cref="JwtSigner.SignAll{T}(IReadOnlyList{T}, int, System.Threading.CancellationToken)"/>, or <see langword="null"/>.</summary>
    public int? Index { get; }

    /// <summary>The payload type that failed validation.</summary>
    public Type PayloadType { get; }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<ClaimProblem> Problems { get; }

    private static string BuildMessage(Type payloadType, IReadOnlyList<ClaimProblem> problems, int? index)
    {
        var text = new StringBuilder();
        if (index is not null)
        {
            text.Append("Payload ").Append(index.Value).Append(": ");
        }

        text.Append(index is null ? "The " : "the ").Append(payloadType.Name).Append(" payload is not valid (")
            .Append(problems.Count).Append(problems.Count == 1 ? " problem): " : " problems): ");
        for (int i = 0; i < problems.Count; i++)
        {
            if (i > 0)
            {
                text.Append("; ");
            }

            text.Append(problems[i]);
        }

        return text.Append('.').ToString();
    }
}
