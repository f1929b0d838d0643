using System;
using System.Buffers;
using System.IO;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TokenSchema.LiveKit;

namespace TokenSchema.Extensions.DependencyInjection;

/// <summary>LiveKit's webhooks as an ASP.NET Core endpoint.</summary>
public static class LiveKitWebhookEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>POST <paramref name="pattern"/></c> to LiveKit's webhooks for the LiveKit issuer registered with
    /// <see cref="TokenSchemaBuilder.AddLiveKit(Microsoft.Extensions.Configuration.IConfiguration)"/> (named
    /// <paramref name="name"/>): the body is read once, up to <paramref name="maxBodyLength"/> bytes (413 past it), the
    /// <c>Authorization</c> header's token is verified with that issuer's current key (or the previous one in its grace
    /// period), the body's SHA-256 is compared with the token's <c>sha256</c> in constant time, and only then is the event
    /// read and <paramref name="handler"/> called. A missing or bad token and a changed body are 401, a body that is not an
    /// event 400; nothing of the request is logged.
    /// </summary>
    /// <param name="endpoints">The application's endpoints.</param>
    /// <param name="pattern">The route, e.g. <c>/livekit/webhook</c>.</param>
    /// <param name="handler">Called with each accepted event; the response is 200 unless it sets another.</param>
    /// <param name="name">The LiveKit issuer's configuration name; the default one when <see langword="null"/>.</param>
    /// <param name="maxBodyLength">The longest body read, in bytes; 1 MiB by default.</param>
    public static IEndpointConventionBuilder MapLiveKitWebhook(this IEndpointRouteBuilder endpoints, string pattern,
        Func<LiveKitWebhookEvent, HttpContext, Task> handler, string? name = null, int maxBodyLength = 1 << 20)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBodyLength, 1);
        name ??= Options.DefaultName;
        return endpoints.MapPost(pattern, async context =>
        {
            ConfiguredTokenIssuer<LiveKitToken> issuer = context.RequestServices.GetRequiredKeyedService<ConfiguredTokenIssuer<LiveKitToken>>(name);
            if (context.Request.ContentLength > maxBodyLength)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return;
            }

            byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Min(maxBodyLength + 1, (int)(context.Request.ContentLength ?? 16 << 10) + 1));
            try
            {
                int length = 0;
                while (true)
                {
                    if (length == buffer.Length)
                    {
                        if (length > maxBodyLength)
                        {
                            break;
                        }

                        byte[] larger = ArrayPool<byte>.Shared.Rent(Math.Min(maxBodyLength + 1, buffer.Length * 2));
                        buffer.AsSpan(0, length).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
                        buffer = larger;
                    }

                    int read = await context.Request.Body.ReadAsync(buffer.AsMemory(length, Math.Min(buffer.Length, maxBodyLength + 1) - length), context.RequestAborted);
                    if (read == 0)
                    {
                        break;
                    }

                    length += read;
                }

                if (length > maxBodyLength)
                {
                    context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                    return;
                }

                string? authorization = context.Request.Headers.Authorization;
                if (string.IsNullOrEmpty(authorization) || !issuer.TryVerify(authorization.AsSpan(), out LiveKitToken? token, out _))
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return;
                }

                if (!LiveKitWebhookReceiver.TryAccept(buffer.AsSpan(0, length), token, out LiveKitWebhookEvent? received, out LiveKitWebhookFailure failure))
                {
                    context.Response.StatusCode = failure.Error == LiveKitWebhookError.MalformedBody ? StatusCodes.Status400BadRequest : StatusCodes.Status401Unauthorized;
                    return;
                }

                await handler(received, context);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
            }
        });
    }
}
