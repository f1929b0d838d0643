using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace TokenSchema;

public sealed partial class JwtSigner
{
    private const int BulkChunkSize = 256;

    /// <summary>
    /// Signs every payload on all cores and returns the tokens in the same order. Each worker thread reuses its own
    /// buffers and HMAC state, so the cost per token is the single-token cost divided by the number of cores.
    /// </summary>
    /// <typeparam name="T">The payload type.</typeparam>
    /// <param name="payloads">The payloads to sign.</param>
    /// <param name="maxDegreeOfParallelism">The most threads to use; -1 (the default) for one per core.</param>
    /// <param name="cancellationToken">Stops the work between chunks of tokens; then <see cref="OperationCanceledException"/> is thrown.</param>
    /// <returns>The tokens, <c>tokens[i]</c> for <c>payloads[i]</c>.</returns>
    /// <remarks><paramref name="payloads"/> is read from several threads at once; it must allow concurrent reads (arrays and lists do).</remarks>
    /// <exception cref="JwtPayloadValidationException">
    /// A payload is not valid: the exception is the one of the first invalid payload by index, and its message starts
    /// with that index. No token array is returned.
    /// </exception>
    public string[] SignAll<T>(IReadOnlyList<T> payloads, int maxDegreeOfParallelism = -1, CancellationToken cancellationToken = default)
        where T : IJwtPayload<T>
    {
        ArgumentNullException.ThrowIfNull(payloads);
        if (maxDegreeOfParallelism == 0 || maxDegreeOfParallelism < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), maxDegreeOfParallelism, "Use -1 for one thread per core, or a positive number.");
        }

        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var tokens = new string[payloads.Count];
        int chunks = (payloads.Count + BulkChunkSize - 1) / BulkChunkSize;
        int firstFailure = int.MaxValue;
        Exception? failure = null;
        var gate = new object();
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism, CancellationToken = cancellationToken };
        Parallel.For(0, chunks, options, (chunk, state) =>
        {
            int end = Math.Min(payloads.Count, (chunk + 1) * BulkChunkSize);
            for (int i = chunk * BulkChunkSize; i < end; i++)
            {
                if (i > Volatile.Read(ref firstFailure))
                {
                    return;
                }

                try
                {
                    T payload = payloads[i];
                    if (payload is null)
                    {
                        throw new ArgumentException($"The payload at index {i} is null.", nameof(payloads));
                    }

                    tokens[i] = Sign(payload);
                }
                catch (Exception exception) when (exception is JwtPayloadValidationException || (exception is ArgumentException { ParamName: nameof(payloads) }))
                {
                    lock (gate)
                    {
                        if (i < firstFailure)
                        {
                            firstFailure = i;
                            failure = exception;
                        }
                    }

                    state.Break();
                    return;
                }
            }
        });

        if (failure is JwtPayloadValidationException invalid)
        {
            throw new JwtPayloadValidationException(invalid.PayloadType, invalid.Problems, firstFailure);
        }

        if (failure is not null)
        {
            throw failure;
        }

        return tokens;
    }
}
