using System;
using System.Buffers;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TokenSchema.Inspection;

namespace TokenSchema.Extensions.DependencyInjection;

/// <summary>The token inspector page of <c>tokenschema serve</c>, for a team's internal admin site.</summary>
public static class TokenInspectorEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the token inspector under <paramref name="prefix"/> (<c>/admin/tokens/</c>): the page, which loads nothing
    /// from elsewhere, and <c>POST api/inspect</c>, the same inspection as <c>tokenschema inspect --json</c>
    /// (every claim with its long name, the findings, and with a secret the verdict), every token text escaped and set
    /// as text, never as markup. The API takes only <c>application/json</c> bodies up to about 1 MiB, keeps and logs
    /// nothing. Protect the group as the rest of the admin site (<c>.RequireAuthorization()</c> on what this returns):
    /// the page verifies with any secret it is given but holds none.
    /// </summary>
    /// <param name="endpoints">The application's endpoints.</param>
    /// <param name="prefix">Where the page lives; <c>{prefix}</c> redirects to <c>{prefix}/</c>.</param>
    /// <returns>The route group, for authorization and other conventions.</returns>
    public static RouteGroupBuilder MapTokenInspector(this IEndpointRouteBuilder endpoints, string prefix = "/token-inspector")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        string root = "/" + prefix.Trim('/');
        RouteGroupBuilder group = endpoints.MapGroup(root);
        group.MapGet("/", context =>
        {
            // The page's addresses are relative: it must be loaded from {prefix}/.
            if (!context.Request.Path.Value!.EndsWith('/'))
            {
                context.Response.Redirect(context.Request.PathBase + root + "/");
                return Task.CompletedTask;
            }

            return SendPage(context, "index.html");
        });
        group.MapGet("/app.js", context => SendPage(context, "app.js"));
        group.MapGet("/app.css", context => SendPage(context, "app.css"));
        group.MapGet("/api/platforms", context => Send(context, 200, "application/json", InspectorApi.Platforms()));
        group.MapPost("/api/inspect", Inspect);
        return group;
    }

    private static Task SendPage(HttpContext context, string name)
    {
        (byte[] content, string type) = InspectorApi.Page(name)!.Value;
        return Send(context, 200, type, content);
    }

    private static async Task Inspect(HttpContext context)
    {
        if (!InspectorApi.IsJson(context.Request.ContentType))
        {
            await Send(context, 415, "application/json", InspectorApi.Error("Send the request as application/json."));
            return;
        }

        if (context.Request.ContentLength > InspectorApi.MaxBody)
        {
            await Send(context, 413, "application/json", InspectorApi.Error($"The request is over {InspectorApi.MaxBody:N0} bytes."));
            return;
        }

        byte[] body = ArrayPool<byte>.Shared.Rent(InspectorApi.MaxBody + 1);
        try
        {
            int length = 0;
            int read;
            while (length <= InspectorApi.MaxBody && (read = await context.Request.Body.ReadAsync(body.AsMemory(length, InspectorApi.MaxBody + 1 - length), context.RequestAborted)) > 0)
            {
                length += read;
            }

            (int status, byte[] answer) = length > InspectorApi.MaxBody
                ? (413, InspectorApi.Error($"The request is over {InspectorApi.MaxBody:N0} bytes."))
                : InspectorApi.Inspect(body.AsSpan(0, length), context.RequestServices.GetService(typeof(TimeProvider)) as TimeProvider ?? TimeProvider.System);
            await Send(context, status, "application/json", answer);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(body, clearArray: true);
        }
    }

    private static Task Send(HttpContext context, int status, string contentType, byte[] body)
    {
        HttpResponse response = context.Response;
        response.StatusCode = status;
        response.ContentType = contentType;
        response.Headers.ContentSecurityPolicy = InspectorApi.ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.CacheControl = "no-store";
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body).AsTask();
    }
}
