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
/// <see cref="TokenInspection"/> as <c>inspect --json</c>. Only requests whose <c>Host</c> is the loopback address and port the
/// server listens on are answered (a page elsewhere cannot reach it by DNS rebinding), the API takes only
/// <c>application/json</c> (no form can post to it) and a bounded body, and no token or secret is logged or kept.
/// </summary>
internal static class InspectorServer
{
    /// <summary>The largest request body; see <see cref="InspectorApi.MaxBody"/>.</summary>
    internal const int MaxBody = InspectorApi.MaxBody;

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
            response.Headers["Content-Security-Policy"] = InspectorApi.ContentSecurityPolicy;
            response.Headers["X-Content-Type-Options"] = "nosniff";
            response.Headers["Referrer-Policy"] = "no-referrer";
            response.Headers["Cache-Control"] = "no-store";
            response.Headers["Cross-Origin-Resource-Policy"] = "same-origin";
            string host = request.Headers["Host"] ?? "";
            if (host != $"127.0.0.1:{port}" && host != $"localhost:{port}")
            {
                Send(response, 421, "application/json", InspectorApi.Error("This inspector answers only to http://127.0.0.1:" + port + "/."));
                return;
            }

            string path = request.Url?.AbsolutePath ?? "/";
            if (request.HttpMethod == "GET" && InspectorApi.Page(path == "/" ? "index.html" : path.TrimStart('/')) is ({ } content, { } type))
            {
                Send(response, 200, type, content);
            }
            else if (request.HttpMethod == "GET" && path == "/api/platforms")
            {
                Send(response, 200, "application/json", InspectorApi.Platforms());
            }
            else if (request.HttpMethod == "POST" && path == "/api/inspect")
            {
                Inspect(request, response);
            }
            else if (path is "/" or "/app.js" or "/app.css" or "/api/platforms" or "/api/inspect")
            {
                response.Headers["Allow"] = path == "/api/inspect" ? "POST" : "GET";
                Send(response, 405, "application/json", InspectorApi.Error("Method not allowed."));
            }
            else
            {
                Send(response, 404, "application/json", InspectorApi.Error("Not found."));
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
        if (!InspectorApi.IsJson(request.ContentType))
        {
            Send(response, 415, "application/json", InspectorApi.Error("Send the request as application/json."));
            return;
        }

        if (request.ContentLength64 > MaxBody)
        {
            Send(response, 413, "application/json", InspectorApi.Error($"The request is over {MaxBody:N0} bytes."));
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

        try
        {
            (int status, byte[] answer) = length > MaxBody
                ? (413, InspectorApi.Error($"The request is over {MaxBody:N0} bytes."))
                : InspectorApi.Inspect(body.AsSpan(0, length), TimeProvider.System);
            Send(response, status, "application/json", answer);
        }
        finally
        {
            Array.Clear(body);
        }
    }

    private static void Send(HttpListenerResponse response, int status, string contentType, byte[] body)
    {
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength64 = body.Length;
        response.OutputStream.Write(body);
    }
}
