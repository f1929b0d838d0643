using System;
using System.CommandLine;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace TokenSchema.Cli;

/// <summary>
/// <c>tokenschema serve</c>: the inspector as a page on the loopback interface. The page is static (HTML, CSS and a script
/// embedded in the tool, nothing fetched from elsewhere) and calls <c>POST /api/inspect</c>, which answers with the same
/// <see cref="Inspection"/> as <c>inspect --json</c>. Only requests whose <c>Host</c> is the loopback address and port the
/// server listens on are answered (a page elsewhere cannot reach it by DNS rebinding), the API takes only
/// <c>application/json</c> (no form can post to it) and a bounded body, and no token or secret is logged or kept.
/// </summary>
internal static class InspectorServer
{
    /// <summary>The largest request body: a token at <see cref="Inspection.MaxLength"/>, a secret and the JSON around them.</summary>
    internal const int MaxBody = Inspection.MaxLength + (64 << 10);

    private const string Policy = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /// <summary>The <c>serve</c> command.</summary>
    internal static Command Command()
    {
        var port = new Option<int>("--port") { Description = "The port on 127.0.0.1 (0: any free port).", DefaultValueFactory = _ => 8765 };
        var command = new Command("serve", "Serve the token inspector page on http://127.0.0.1:<port>/ (loopback only; tokens and secrets stay in this process). Ctrl-C stops it.") { port };
        command.SetAction(async (result, cancellationToken) => await RunAsync(result.GetValue(port), Console.Out, cancellationToken));
        return command;
    }

    /// <summary>Serves until cancelled; prints the address first. Returns 130 after Ctrl-C, 143 after SIGTERM, 2 when the port is taken.</summary>
    internal static async Task<int> RunAsync(int port, TextWriter output, CancellationToken cancellationToken)
    {
        if (port is < 0 or > 65535)
        {
            throw new UsageException("--port takes 0 to 65535.");
        }

        port = port == 0 ? FreePort() : port;
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        try
        {
            listener.Start();
        }
        catch (HttpListenerException)
        {
            throw new UsageException($"Port {port} on 127.0.0.1 cannot be used (taken, or not allowed); choose another with --port.");
        }

        int exit = ExitCodes.Interrupted;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var interrupt = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, context =>
        {
            context.Cancel = true;
            exit = ExitCodes.Interrupted;
            stop.Cancel();
        });
        using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            exit = ExitCodes.Terminated;
            stop.Cancel();
        });

        output.WriteLine($"Token inspector: http://127.0.0.1:{port}/ (loopback only; no token or secret is logged or sent anywhere else; Ctrl-C stops it)");
        output.Flush();
        using (stop.Token.Register(listener.Stop))
        {
            while (!stop.IsCancellationRequested)
            {
                HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync().ConfigureAwait(false);
                }
                catch (Exception) when (stop.IsCancellationRequested)
                {
                    break;
                }
                catch (HttpListenerException)
                {
                    continue;
                }

                _ = Task.Run(() => Answer(context, port));
            }
        }

        return exit;
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>Answers one request; never throws, never logs what it was sent.</summary>
    internal static void Answer(HttpListenerContext context, int port)
    {
        HttpListenerResponse response = context.Response;
        try
        {
            HttpListenerRequest request = context.Request;
            response.Headers["Content-Security-Policy"] = Policy;
            response.Headers["X-Content-Type-Options"] = "nosniff";
            response.Headers["Referrer-Policy"] = "no-referrer";
            response.Headers["Cache-Control"] = "no-store";
            response.Headers["Cross-Origin-Resource-Policy"] = "same-origin";
            string host = request.Headers["Host"] ?? "";
            if (host != $"127.0.0.1:{port}" && host != $"localhost:{port}")
            {
                Send(response, 421, "application/json", Error("This inspector answers only to http://127.0.0.1:" + port + "/."));
                return;
            }

            string path = request.Url?.AbsolutePath ?? "/";
            switch (request.HttpMethod, path)
            {
                case ("GET", "/"):
                    Send(response, 200, "text/html; charset=utf-8", Asset("index.html"));
                    break;
                case ("GET", "/app.js"):
                    Send(response, 200, "text/javascript; charset=utf-8", Asset("app.js"));
                    break;
                case ("GET", "/app.css"):
                    Send(response, 200, "text/css; charset=utf-8", Asset("app.css"));
                    break;
                case ("GET", "/api/platforms"):
                    Send(response, 200, "application/json", JsonSerializer.SerializeToUtf8Bytes(TokenCommands.Platforms, InspectorJson.Default.StringArray));
                    break;
                case ("POST", "/api/inspect"):
                    Inspect(request, response);
                    break;
                case (_, "/" or "/app.js" or "/app.css" or "/api/platforms" or "/api/inspect"):
                    response.Headers["Allow"] = path == "/api/inspect" ? "POST" : "GET";
                    Send(response, 405, "application/json", Error("Method not allowed."));
                    break;
                default:
                    Send(response, 404, "application/json", Error("Not found."));
                    break;
            }
        }
        catch (Exception exception) when (exception is HttpListenerException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The client went away.
        }
        finally
        {
            try
            {
                response.Close();
            }
            catch (Exception exception) when (exception is HttpListenerException or IOException or ObjectDisposedException or InvalidOperationException)
            {
            }
        }
    }

    private static void Inspect(HttpListenerRequest request, HttpListenerResponse response)
    {
        if (request.ContentType is not { } type || !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            Send(response, 415, "application/json", Error("Send the request as application/json."));
            return;
        }

        if (request.ContentLength64 > MaxBody)
        {
            Send(response, 413, "application/json", Error($"The request is over {MaxBody:N0} bytes."));
            return;
        }

        byte[] body = new byte[MaxBody + 1];
        int length = 0;
        using (Stream input = request.InputStream)
        {
            int read;
            while (length < body.Length && (read = input.Read(body, length, body.Length - length)) > 0)
            {
                length += read;
            }
        }

        if (length > MaxBody)
        {
            Send(response, 413, "application/json", Error($"The request is over {MaxBody:N0} bytes."));
            return;
        }

        InspectRequest? given;
        try
        {
            given = JsonSerializer.Deserialize(body.AsSpan(0, length), InspectorJson.Default.InspectRequest);
        }
        catch (JsonException)
        {
            given = null;
        }

        if (given?.Token is not { } token)
        {
            Send(response, 400, "application/json", Error("The request is not {\"token\": \"…\", \"secret\": \"…\" or null, \"platform\": \"…\" or null}."));
            return;
        }

        try
        {
            Inspection inspection = Inspection.Of(token, Secrets.Normalize(given.Secret), TimeProvider.System, allowShortKey: true, given.Platform);
            Send(response, 200, "application/json", Encoding.UTF8.GetBytes(inspection.ToJson()));
        }
        catch (UsageException usage)
        {
            Send(response, 400, "application/json", Error(usage.Message));
        }
        finally
        {
            Array.Clear(body);
        }
    }

    private static byte[] Error(string message) => JsonSerializer.SerializeToUtf8Bytes(new InspectError(message), InspectorJson.Default.InspectError);

    private static void Send(HttpListenerResponse response, int status, string contentType, byte[] body)
    {
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength64 = body.Length;
        response.OutputStream.Write(body);
    }

    private static byte[] Asset(string name)
    {
        using Stream stream = typeof(InspectorServer).Assembly.GetManifestResourceStream("TokenSchema.Cli.Inspector." + name)
            ?? throw new InvalidOperationException("The inspector page is missing from the tool: " + name);
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}

/// <summary>What the page sends: the token, and optionally the secret and the platform.</summary>
internal sealed record InspectRequest(string? Token, string? Secret, string? Platform);

/// <summary>An answer that is not an inspection.</summary>
internal sealed record InspectError(string Error);

[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.CamelCase)]
[System.Text.Json.Serialization.JsonSerializable(typeof(InspectRequest))]
[System.Text.Json.Serialization.JsonSerializable(typeof(InspectError))]
[System.Text.Json.Serialization.JsonSerializable(typeof(string[]), TypeInfoPropertyName = "StringArray")]
internal sealed partial class InspectorJson : System.Text.Json.Serialization.JsonSerializerContext;
