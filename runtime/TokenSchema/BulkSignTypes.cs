using System;
using System.Collections.Generic;
using System.Text;

namespace TokenSchema;

/// <summary>
/// How <see cref="JwtSigner.SignAllAsync{T}(IAsyncEnumerable{T}, System.IO.Pipelines.PipeWriter, BulkSignOptions?, System.Threading.CancellationToken)"/>
/// and its overloads split the work, separate the tokens and handle invalid payloads.
/// </summary>
/// <remarks>
/// <para>
/// The memory a run holds is about <see cref="MaxChunksInFlight"/> × <see cref="ChunkSize"/> tokens (a token is a few
/// hundred bytes), whatever the number of payloads: with the defaults on two cores, about 1 MB.
/// </para>
/// <para>Which <see cref="JwtSigner"/> member to pick:</para>
/// <list type="bullet">
/// <item><description>
/// Tokens to a byte destination you own, one after the other with a delimiter (a file, a socket, an HTTP response):
/// <c>SignAllAsync(payloads, destination, …)</c> with a <see cref="System.IO.Pipelines.PipeWriter"/>, a <see cref="System.IO.Stream"/> or an
/// <see cref="System.Buffers.IBufferWriter{T}"/>. Nothing is allocated per token, memory stays flat whatever the input's length, and a
/// slow destination slows the run down instead of making it buffer.
/// </description></item>
/// <item><description>
/// Each token next to its own input row (a CSV with each user's e-mail and join link):
/// <see cref="JwtSigner.SignEachAsync{T}(IAsyncEnumerable{T}, BulkSignOptions?, System.Threading.CancellationToken)"/>, which yields the index and
/// the token's bytes or the problems, one item at a time, in input order.
/// </description></item>
/// <item><description>
/// A list in memory to an array of strings: <see cref="JwtSigner.SignAll{T}(IReadOnlyList{T}, int, System.Threading.CancellationToken)"/>.
/// </description></item>
/// </list>
/// <para>All of them sign chunks of consecutive payloads on all cores and keep the input order.</para>
/// </remarks>
public sealed class BulkSignOptions
{
    internal static readonly BulkSignOptions Default = new();

    /// <summary>The most chunks signed at once; -1 (the default) for one per core.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>How many payloads one worker signs in a row before handing the chunk on; 256 by default.</summary>
    public int ChunkSize { get; init; } = 256;

    /// <summary>
    /// How many chunks may be read, signed or waiting to be written at once; 0 (the default) for four per worker.
    /// When the destination is slow, reading stops once this many chunks are waiting: a slow consumer slows the run
    /// down instead of making it buffer.
    /// </summary>
    public int MaxChunksInFlight { get; init; }

    /// <summary>
    /// What is written after every token on the byte-sink overloads; <c>"\n"</c> by default. It must not be empty and
    /// must not contain a character a compact token can contain (<c>A–Z a–z 0–9 - _ .</c>), so that the output can be
    /// split back into tokens. Written as UTF-8.
    /// </summary>
    public string Delimiter { get; init; } = "\n";

    /// <summary>
    /// Stops at the first invalid payload (by index) instead of reporting it and signing the rest; off by default.
    /// When set, every token before that payload is written and none after it.
    /// </summary>
    public bool StopOnFirstError { get; init; }

    /// <summary>
    /// How many <see cref="BulkSignError"/>s a <see cref="BulkSignResult"/> keeps, the first ones by index; 1,000 by
    /// default. <see cref="BulkSignResult.Refused"/> counts every one. The error that ends a
    /// <see cref="StopOnFirstError"/> run is always kept.
    /// </summary>
    public int MaxRecordedErrors { get; init; } = 1000;

    /// <summary>Receives the counts as the run goes, at most once per <see cref="ProgressInterval"/> and once at the end.</summary>
    /// <remarks>Reported from the thread that writes to the destination, between chunks; a slow handler slows the run.</remarks>
    public IProgress<BulkSignProgress>? Progress { get; init; }

    /// <summary>The least time between two progress reports; 100 ms by default, <see cref="TimeSpan.Zero"/> for one report per chunk.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The clock <see cref="ProgressInterval"/> is measured with; <see cref="TimeProvider.System"/> by default.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    internal int ResolveWorkers()
    {
        if (MaxDegreeOfParallelism == 0 || MaxDegreeOfParallelism < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism, "Use -1 for one worker per core, or a positive number.");
        }

        return MaxDegreeOfParallelism == -1 ? Environment.ProcessorCount : MaxDegreeOfParallelism;
    }

    internal byte[] Check(bool needsDelimiter)
    {
        ResolveWorkers();
        if (ChunkSize < 1 || ChunkSize > 65_536)
        {
            throw new ArgumentOutOfRangeException(nameof(ChunkSize), ChunkSize, "The chunk size must be between 1 and 65,536 payloads.");
        }

        if (MaxChunksInFlight < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxChunksInFlight), MaxChunksInFlight, "Use 0 for four chunks per worker, or a positive number.");
        }

        if (MaxRecordedErrors < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxRecordedErrors), MaxRecordedErrors, "The number of recorded errors cannot be negative.");
        }

        if (ProgressInterval < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(ProgressInterval), ProgressInterval, "The progress interval cannot be negative.");
        }

        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
        if (!needsDelimiter)
        {
            return Array.Empty<byte>();
        }

        if (string.IsNullOrEmpty(Delimiter))
        {
            throw new ArgumentException("The delimiter is empty; the tokens written to the destination would run together.", nameof(Delimiter));
        }

        foreach (char c in Delimiter)
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            {
                throw new ArgumentException(
                    $"The delimiter contains '{c}', a character of compact tokens (A–Z a–z 0–9 - _ .); the output could not be split back into tokens.",
                    nameof(Delimiter));
            }
        }

        return Encoding.UTF8.GetBytes(Delimiter);
    }
}

/// <summary>An invalid payload of a bulk run: its index in the input and every problem by claim name.</summary>
/// <param name="Index">The payload's index in the input, from 0.</param>
/// <param name="Problems">Every problem <see cref="IJwtPayload{TSelf}.Validate"/> found.</param>
public sealed record BulkSignError(long Index, IReadOnlyList<ClaimProblem> Problems)
{
    /// <summary>Returns <c>Payload 12: 'r' is required; …</c>.</summary>
    public override string ToString() => $"Payload {Index}: {string.Join("; ", Problems)}";
}

/// <summary>Why a bulk run ended before the end of its input.</summary>
public enum BulkSignStopReason
{
    /// <summary>The whole input was read.</summary>
    None,

    /// <summary><see cref="BulkSignOptions.StopOnFirstError"/> is set and a payload was invalid.</summary>
    InvalidPayload,

    /// <summary>The <see cref="System.IO.Pipelines.PipeWriter"/>'s reader completed: nobody reads the tokens any more.</summary>
    DestinationCompleted,
}

/// <summary>The counts of a bulk run so far, as reported to <see cref="BulkSignOptions.Progress"/>.</summary>
/// <param name="Signed">Tokens signed and written so far.</param>
/// <param name="Refused">Invalid payloads so far.</param>
/// <param name="BytesWritten">Bytes written to the destination so far, delimiters included (0 for the per-item overloads).</param>
public readonly record struct BulkSignProgress(long Signed, long Refused, long BytesWritten)
{
    /// <summary>Payloads handled so far: <see cref="Signed"/> + <see cref="Refused"/>.</summary>
    public long Processed => Signed + Refused;
}

/// <summary>What a bulk run did.</summary>
public sealed class BulkSignResult
{
    internal BulkSignResult(long signed, long refused, long bytesWritten, IReadOnlyList<BulkSignError> errors, BulkSignStopReason stopReason)
    {
        Signed = signed;
        Refused = refused;
        BytesWritten = bytesWritten;
        Errors = errors;
        StopReason = stopReason;
    }

    /// <summary>How many tokens were signed (and, on the byte-sink overloads, written).</summary>
    public long Signed { get; }

    /// <summary>How many payloads were invalid and not signed.</summary>
    public long Refused { get; }

    /// <summary>The bytes written to the destination, delimiters included; for <see cref="JwtSigner.SignAll{T}(IReadOnlyList{T}, BulkSignOptions?, out BulkSignResult, System.Threading.CancellationToken)"/>, the tokens' total length.</summary>
    public long BytesWritten { get; }

    /// <summary>The invalid payloads in index order, at most <see cref="BulkSignOptions.MaxRecordedErrors"/> of them.</summary>
    public IReadOnlyList<BulkSignError> Errors { get; }

    /// <summary>Why the run ended before the end of its input, or <see cref="BulkSignStopReason.None"/>.</summary>
    public BulkSignStopReason StopReason { get; }

    /// <summary>Returns the counts.</summary>
    public override string ToString() =>
        $"{Signed} signed, {Refused} refused, {BytesWritten} bytes written" + (StopReason == BulkSignStopReason.None ? "" : $", stopped: {StopReason}");
}

/// <summary>
/// One payload's outcome in <see cref="JwtSigner.SignEachAsync{T}(IAsyncEnumerable{T}, BulkSignOptions?, System.Threading.CancellationToken)"/>:
/// its index and either the token's bytes or the problems.
/// </summary>
/// <remarks>
/// <see cref="Token"/> points into a buffer the run reuses: it is valid only until the enumerator moves to the next
/// item. Copy it (or turn it into a string with <see cref="GetTokenString"/>) to keep it.
/// </remarks>
public readonly struct BulkSignItem
{
    private readonly IReadOnlyList<ClaimProblem>? _problems;

    internal BulkSignItem(long index, ReadOnlyMemory<byte> token, IReadOnlyList<ClaimProblem>? problems)
    {
        Index = index;
        Token = token;
        _problems = problems;
    }

    /// <summary>The payload's index in the input, from 0.</summary>
    public long Index { get; }

    /// <summary><see langword="true"/> when the payload was signed; <see langword="false"/> when it was invalid.</summary>
    public bool IsSigned => _problems is null;

    /// <summary>The token's ASCII bytes (<c>header.payload.signature</c>), empty when the payload was invalid; valid until the next item.</summary>
    public ReadOnlyMemory<byte> Token { get; }

    /// <summary>Every problem by claim name when the payload was invalid; empty when it was signed.</summary>
    public IReadOnlyList<ClaimProblem> Problems => _problems ?? Array.Empty<ClaimProblem>();

    /// <summary>The token as a string (allocates), or <see langword="null"/> when the payload was invalid.</summary>
    /// <returns>The token.</returns>
    public string? GetTokenString() => _problems is null ? Encoding.ASCII.GetString(Token.Span) : null;
}
