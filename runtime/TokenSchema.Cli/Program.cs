using System;
using System.CommandLine;
using System.CommandLine.Help;
using System.IO;
using System.Text;

namespace TokenSchema.Cli;

/// <summary>The exit codes of every command, documented in the README and in <c>tokenschema --help</c>.</summary>
internal static class ExitCodes
{
    /// <summary>Done: the token was signed, or it verified.</summary>
    public const int Ok = 0;

    /// <summary>The token was refused (a bad signature, expired, a claim the schema refuses) or not verified.</summary>
    public const int Refused = 1;

    /// <summary>Bad usage or bad input: an unknown option or claim, an invalid value, a missing secret, a file that cannot be read.</summary>
    public const int Usage = 2;

    /// <summary><c>bulk</c> finished, and some rows were refused (they are listed; the others were signed).</summary>
    public const int RowsRefused = 3;

    /// <summary>The tool itself failed; nothing half-written is left. A bug: the message says where.</summary>
    public const int Failure = 70;

    /// <summary>Stopped by SIGINT (Ctrl-C): 128 + 2.</summary>
    public const int Interrupted = 130;

    /// <summary>Stopped by SIGTERM: 128 + 15.</summary>
    public const int Terminated = 143;

    /// <summary>The lines <c>--help</c> shows.</summary>
    public const string Help = "Exit codes: 0 done or verified, 1 token refused or not verified, 2 bad usage or input, 3 bulk finished with refused rows, 130 after SIGINT, 143 after SIGTERM, 70 the tool failed.";
}

/// <summary>Bad usage or input, said in one line without any value the user gave: the command exits with <see cref="ExitCodes.Usage"/>.</summary>
internal sealed class UsageException(string message) : Exception(message);

internal static class Program
{
    private static int Main(string[] args)
    {
        Console.OutputEncoding = new UTF8Encoding(false);
        try
        {
            ParseResult parsed = Build().Parse(args);
            if (parsed.Errors.Count > 0 && parsed.Action is not HelpAction)
            {
                foreach (System.CommandLine.Parsing.ParseError error in parsed.Errors)
                {
                    Console.Error.WriteLine(Redact(error.Message));
                }

                Console.Error.WriteLine("See tokenschema --help, or the command's --help.");
                return ExitCodes.Usage;
            }

            return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (UsageException usage)
        {
            Console.Error.WriteLine(usage.Message);
            return ExitCodes.Usage;
        }
        catch (Exception exception)
        {
            // Never a stack trace, never a message that may carry an argument's value (a path, a secret given by mistake).
            Console.Error.WriteLine($"tokenschema failed: {exception.GetType().Name} (a bug in the tool; nothing was written).");
            return ExitCodes.Failure;
        }
    }

    /// <summary>
    /// A parse error as printed: an option's name is shown, a stray value is not (a secret pasted as an argument would be
    /// echoed to a terminal or a CI log); what is shown is escaped.
    /// </summary>
    internal static string Redact(string message)
    {
        const string Unrecognized = "Unrecognized command or argument '";
        if (message.StartsWith(Unrecognized, StringComparison.Ordinal) && message.EndsWith("'.", StringComparison.Ordinal))
        {
            string token = message[Unrecognized.Length..^2];
            return token.StartsWith('-') && token.Length < 64 && !token.Contains('=')
                ? $"Unrecognized option '{TerminalText.Escape(token)}'."
                : "Unrecognized argument (its value is not shown): a command, an option or a value where none is expected.";
        }

        return TerminalText.Escape(message);
    }

    /// <summary>The command tree: <c>demo</c>, <c>sign &lt;platform&gt;</c>, <c>inspect</c>, <c>bulk &lt;platform&gt;</c>.</summary>
    internal static Command Build()
    {
        // Named tokenschema, the tool's command, whatever the executable is called (TokenSchema.Cli.dll, the native binary).
        var root = new Command("tokenschema", "Sign, inspect and verify HS256 meeting tokens. " + ExitCodes.Help) { new HelpOption(), new VersionOption() };
        foreach (Option option in Secrets.Options)
        {
            root.Options.Add(option);
        }

        var demo = new Command("demo", "Sign and inspect demo tokens with a public demo key.");
        demo.SetAction(_ => TokenCommands.Demo(Console.Out, TimeProvider.System));

        var sign = new Command("sign", "Sign a token: sign <platform> [--<claim> value]… [--claims-json '<json>']; sign <platform> --help lists the platform's claims, sign jwt signs any JSON payload.");
        sign.Subcommands.Add(TokenCommands.JwtSignCommand());
        foreach (Command platformSign in PlatformSign.Commands())
        {
            sign.Subcommands.Add(platformSign);
        }

        var bulk = new Command("bulk", "One token per input row (JSONL, or CSV with a header of claim names), in order, on all cores: bulk <platform> --input FILE --output FILE.");
        foreach (Command platformBulk in BulkCommand.Commands())
        {
            bulk.Subcommands.Add(platformBulk);
        }

        root.Subcommands.Add(demo);
        root.Subcommands.Add(sign);
        root.Subcommands.Add(TokenCommands.InspectCommand());
        root.Subcommands.Add(bulk);
        root.Subcommands.Add(InspectorServer.Command());
        root.Subcommands.Add(WebhookCommand.Command());
        return root;
    }
}

/// <summary>
/// Where the secret comes from, the same on every command: <c>--secret-file</c>, else <c>--secret-stdin</c>, else the
/// variable named by <c>--secret-env</c>. One normalisation for every source: a leading byte-order mark (U+FEFF) and
/// trailing line breaks (CR, LF) are removed; nothing else is (spaces and tabs are part of the secret).
/// </summary>
internal static class Secrets
{
    /// <summary>The variable named by default.</summary>
    public const string DefaultVariable = "TOKENSCHEMA_SECRET";

    public static readonly Option<string> Env = new("--secret-env")
    {
        Description = "The environment variable holding the HS256 secret (the platform's API secret).",
        DefaultValueFactory = _ => DefaultVariable,
        Recursive = true,
    };

    public static readonly Option<string?> File = new("--secret-file") { Description = "A file holding the secret (its first line).", Recursive = true };

    public static readonly Option<bool> Stdin = new("--secret-stdin") { Description = "Read the secret from the first line of standard input.", Recursive = true };

    public static readonly Option<bool> AllowShortKey = new("--allow-short-key")
    {
        Description = "Accept a secret shorter than the 32 bytes RFC 7518 §3.2 requires.",
        Recursive = true,
    };

    /// <summary>The options, in the order help lists them.</summary>
    public static readonly Option[] Options = [Env, File, Stdin, AllowShortKey];

    /// <summary>The message when no secret is given.</summary>
    public const string Missing = "No secret: give the platform's API secret with --secret-file, --secret-stdin, or the environment variable named by --secret-env (TOKENSCHEMA_SECRET by default).";

    /// <summary>The secret the options point at, normalised; <see langword="null"/> when there is none.</summary>
    /// <exception cref="UsageException">The file cannot be read, or two sources are given; the message never holds the path or the secret.</exception>
    public static string? Read(ParseResult result) => Read(result, Console.In);

    /// <summary>The secret the options point at, with standard input read from <paramref name="stdin"/>.</summary>
    public static string? Read(ParseResult result, TextReader stdin)
    {
        string? file = result.GetValue(File);
        bool fromStdin = result.GetValue(Stdin);
        if (file is not null && fromStdin)
        {
            throw new UsageException("Give the secret one way: --secret-file or --secret-stdin, not both.");
        }

        if (file is not null)
        {
            string text;
            try
            {
                text = System.IO.File.ReadAllText(file);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                // The path is not repeated: a secret pasted where the path goes would be printed.
                string why = exception switch
                {
                    FileNotFoundException or DirectoryNotFoundException => "it does not exist",
                    UnauthorizedAccessException => "access is denied",
                    _ => "it is not a readable file",
                };
                throw new UsageException($"--secret-file: the file cannot be read ({why}).");
            }

            int end = text.IndexOfAny(['\r', '\n']);
            return Normalize(end < 0 ? text : text[..end]);
        }

        if (fromStdin)
        {
            return Normalize(stdin.ReadLine());
        }

        string? variable = result.GetValue(Env);
        return string.IsNullOrEmpty(variable) ? null : Normalize(Environment.GetEnvironmentVariable(variable));
    }

    /// <summary>The one normalisation: without a leading byte-order mark and trailing CR or LF; <see langword="null"/> for nothing.</summary>
    public static string? Normalize(string? secret) => SecretText.Normalize(secret);

    /// <summary>The secret, or a <see cref="UsageException"/> saying how to give one.</summary>
    public static string Require(ParseResult result) => Read(result) ?? throw new UsageException(Missing);
}
