using System;
using System.CommandLine;
using System.IO;
using TokenSchema.LiveKit;

namespace TokenSchema.Cli;

/// <summary>
/// <c>tokenschema webhook livekit --api-key K --body FILE --authorization-file FILE</c>: checks a LiveKit webhook request
/// as <see cref="LiveKitWebhookReceiver"/> does (the header's token, the body's hash, the body) and prints the event as
/// it reads it; for debugging a webhook endpoint, and the interop tests against LiveKit's own receiver.
/// </summary>
internal static class WebhookCommand
{
    internal static Command Command()
    {
        var apiKey = new Option<string>("--api-key") { Description = "The LiveKit API key the webhooks are signed with (their iss).", Required = true };
        var body = new Option<string>("--body") { Description = "A file holding the request's body exactly as received, or - for standard input.", Required = true };
        var authorization = new Option<string?>("--authorization-file") { Description = "A file holding the Authorization header's value (the token); absent: the request had none." };
        var livekit = new Command("livekit", "Check a LiveKit webhook request: the Authorization header's token (signed with the API secret, iss the API key), the body's sha256, the event. " + ExitCodes.Help)
        {
            apiKey, body, authorization,
        };
        livekit.SetAction(result =>
        {
            string secret = Secrets.Require(result);
            byte[] bytes = ReadFile(result.GetValue(body)!, "--body", Console.OpenStandardInput);
            string? header = result.GetValue(authorization) is { } file ? System.Text.Encoding.UTF8.GetString(ReadFile(file, "--authorization-file", null)).Trim() : null;
            return Receive(Console.Out, result.GetValue(apiKey)!, secret, bytes, header, result.GetValue(Secrets.AllowShortKey), TimeProvider.System);
        });
        return new Command("webhook", "Check a platform's webhook request as the library's receiver does.") { livekit };
    }

    /// <summary>Checks the request; prints the event as JSON (exit 0) or <c>refused: …</c> (exit 1).</summary>
    internal static int Receive(TextWriter output, string apiKey, string secret, byte[] body, string? authorization, bool allowShortKey, TimeProvider clock)
    {
        LiveKitWebhookReceiver receiver;
        try
        {
            receiver = new LiveKitWebhookReceiver(apiKey, secret, new LiveKitWebhookReceiverOptions { AllowShortKey = allowShortKey, TimeProvider = clock });
        }
        catch (ArgumentException exception)
        {
            throw new UsageException(TerminalText.Escape(exception.Message));
        }

        using (receiver)
        {
            if (!receiver.TryReceive(body, authorization, out LiveKitWebhookEvent? received, out LiveKitWebhookFailure failure))
            {
                output.WriteLine("refused: " + TerminalText.Escape(failure.ToString()));
                return ExitCodes.Refused;
            }

            output.WriteLine(TerminalText.EscapeJson(received.ToJson()));
            return ExitCodes.Ok;
        }
    }

    private static byte[] ReadFile(string path, string option, Func<Stream>? stdin)
    {
        try
        {
            if (path == "-" && stdin is not null)
            {
                using Stream input = stdin();
                using var copy = new MemoryStream();
                input.CopyTo(copy);
                return copy.ToArray();
            }

            return File.ReadAllBytes(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UsageException($"{option}: the file cannot be read.");
        }
    }
}

