using System;
using System.CommandLine;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;

namespace TokenSchema.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        // Keys come from the environment, a file or standard input, never from an argument (shell history, ps).
        var secretEnv = new Option<string>("--secret-env")
        {
            Description = "The environment variable holding the HS256 secret (the platform's API key).",
            DefaultValueFactory = _ => "TOKENSCHEMA_SECRET",
            Recursive = true,
        };
        var secretFile = new Option<FileInfo?>("--secret-file") { Description = "A file holding the secret (one line).", Recursive = true };
        var secretStdin = new Option<bool>("--secret-stdin") { Description = "Read the secret from the first line of standard input.", Recursive = true };
        var allowShortKey = new Option<bool>("--allow-short-key")
        {
            Description = "Accept a secret shorter than the 32 bytes RFC 7518 §3.2 requires.",
            Recursive = true,
        };
        Secrets.Options = (secretEnv, secretFile, secretStdin);

        var demo = new Command("demo", "Sign and inspect demo tokens with a public demo key.");
        demo.SetAction(_ => TokenCommands.Demo(Console.Out, TimeProvider.System));

        var claims = new Option<string>("--claims") { Description = "The payload as a JSON object.", Required = true };
        var keyId = new Option<string?>("--kid") { Description = "The kid header parameter." };
        var sign = new Command("sign", "Sign a JSON payload with HS256, or issue a platform's token: sign <platform> --help lists its claims.") { claims, keyId, secretEnv, secretFile, secretStdin, allowShortKey };
        foreach (Command platformSign in PlatformSign.Commands(allowShortKey))
        {
            sign.Subcommands.Add(platformSign);
        }

        sign.SetAction(result => TokenCommands.Sign(
            Console.Out,
            Console.Error,
            result.GetValue(claims)!,
            Secrets.Read(result),
            result.GetValue(keyId),
            result.GetValue(allowShortKey)));

        var token = new Argument<string>("token") { Description = "The compact token to decode." };
        var platform = new Option<string?>("--platform")
        {
            Description = "Explain and read the payload with a platform's schema: " + string.Join(", ", TokenCommands.Platforms) + " (guessed from the claims when not given).",
        };
        var json = new Option<bool>("--json") { Description = "Write the result as one JSON object, for programs." };
        var inspect = new Command("inspect", "Explain a token's header and payload with its platform's schema; verify it when a secret is given.")
        {
            token, secretEnv, secretFile, secretStdin, allowShortKey, platform, json,
        };
        inspect.SetAction(result => TokenCommands.Inspect(
            Console.Out,
            Console.Error,
            result.GetValue(token)!,
            Secrets.Read(result),
            TimeProvider.System,
            result.GetValue(allowShortKey),
            result.GetValue(platform),
            result.GetValue(json)));

        var issuePlatform = new Option<string>("--platform") { Description = "The platform: " + string.Join(", ", PlatformCommands.Platforms) + ".", Required = true };
        var issueClaims = new Option<string>("--claims") { Description = "The claims as a JSON object, read into the platform's typed record.", DefaultValueFactory = _ => "{}" };
        var key = new Option<string?>("--key") { Description = "The platform's key id: LiveKit's API key, Twilio's API key SID, 100ms's app access key, Jitsi's app id." };
        var audience = new Option<string?>("--audience") { Description = "Jitsi's audience, written to aud." };
        var account = new Option<string?>("--account") { Description = "Twilio's account SID." };
        var region = new Option<string?>("--region") { Description = "Twilio's region, written to the twr header." };
        var now = new Option<long?>("--now") { Description = "The issuer's clock, in unix seconds; the system clock when absent." };
        var issue = new Command("issue", "Issue a platform token with the platform's issuer, which fills the claims the platform's SDK fills.")
        {
            issuePlatform, issueClaims, key, account, region, audience, now, secretEnv,
        };
        issue.SetAction(result => PlatformCommands.Issue(
            Console.Out,
            Console.Error,
            result.GetValue(issuePlatform)!,
            result.GetValue(issueClaims)!,
            Environment.GetEnvironmentVariable(result.GetValue(secretEnv)!),
            result.GetValue(key),
            result.GetValue(account),
            result.GetValue(region),
            result.GetValue(now) is { } seconds ? new FixedTimeProvider(DateTimeOffset.FromUnixTimeSeconds(seconds)) : TimeProvider.System,
            result.GetValue(audience)));

        var readToken = new Argument<string>("token") { Description = "The compact token to read." };
        var readPlatform = new Option<string>("--platform") { Description = "The platform: " + string.Join(", ", PlatformCommands.ReadPlatforms) + ".", Required = true };
        var read = new Command("read", "Verify a token into a platform's typed record and print the record as JSON, as its generated writer writes it.")
        {
            readToken, readPlatform, secretEnv,
        };
        read.SetAction(result => PlatformCommands.Read(
            Console.Out,
            Console.Error,
            result.GetValue(readPlatform)!,
            result.GetValue(readToken)!,
            Environment.GetEnvironmentVariable(result.GetValue(secretEnv)!),
            TimeProvider.System));

        var bulk = new Command("bulk", "One token per input row (JSONL, or CSV with a header of claim names), in order, on all cores: bulk <platform> --input FILE --output FILE.")
        {
            secretEnv, secretFile, secretStdin, allowShortKey,
        };
        foreach (CliPlatform known in CliPlatform.All)
        {
            var input = new Option<string>("--input") { Description = "The rows: a .jsonl file (one claims object a line) or a .csv file (a header row of claim names, long or short).", Required = true };
            var output = new Option<string>("--output") { Description = "The file to write; written to a temporary file and renamed when complete.", Required = true };
            var errors = new Option<string?>("--errors") { Description = "A file that receives every refused row, by line number and claim." };
            var format = new Option<string>("--format") { Description = "tokens (one a line), csv (the input columns, then token and join_link) or jsonl.", DefaultValueFactory = _ => "tokens" };
            var defaults = new Option<string?>("--claims-json") { Description = "Claims every row gets unless it has its own (the platform's ids: Daily's domain_id, LiveKit's API key…)." };
            var failFast = new Option<bool>("--fail-fast") { Description = "Stop at the first refused row." };
            var subdomain = new Option<string?>("--daily-subdomain") { Description = "Daily: the subdomain of the join links, https://<subdomain>.daily.co/<room>?t=<token>." };
            var teamDomain = new Option<string?>("--digitalsamba-team-domain") { Description = "Digital Samba: the team's domain of the join links, https://<team>.digitalsamba.com/<room>?token=<token>." };
            var command = new Command(known.Name, $"Issue {known.Name} tokens in bulk.") { input, output, errors, format, defaults, failFast, subdomain, teamDomain };
            command.SetAction(async (result, cancellationToken) =>
            {
                string? secret = Secrets.Read(result);
                if (string.IsNullOrEmpty(secret))
                {
                    Console.Error.WriteLine("No secret: give the platform's API secret with --secret-file, --secret-stdin, or the environment variable named by --secret-env.");
                    return 2;
                }

                using var interrupted = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                using PosixSignalRegistration terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
                {
                    context.Cancel = true;
                    interrupted.Cancel();
                });
                var request = new BulkCommand.Request(known.Name, result.GetValue(input)!, result.GetValue(output)!, result.GetValue(errors),
                    result.GetValue(format)!, result.GetValue(defaults), secret, TimeProvider.System, result.GetValue(allowShortKey),
                    result.GetValue(failFast), result.GetValue(subdomain), Console.Error, !Console.IsErrorRedirected, result.GetValue(teamDomain));
                return await known.Bulk(request, interrupted.Token);
            });
            bulk.Subcommands.Add(command);
        }

        var root = new RootCommand("tokenschema: sign, inspect and verify HS256 meeting tokens.") { demo, sign, inspect, issue, read, bulk };
        return root.Parse(args).Invoke();
    }
}

/// <summary>Where the secret comes from: <c>--secret-file</c>, else <c>--secret-stdin</c>, else the variable named by <c>--secret-env</c>.</summary>
internal static class Secrets
{
    internal static (Option<string> Env, Option<FileInfo?> File, Option<bool> Stdin) Options { get; set; }

    /// <summary>The secret the options point at, or <see langword="null"/> when there is none.</summary>
    public static string? Read(ParseResult result)
    {
        if (result.GetValue(Options.File) is { } file)
        {
            return File.ReadAllText(file.FullName).TrimEnd('\r', '\n');
        }

        if (result.GetValue(Options.Stdin))
        {
            return Console.In.ReadLine();
        }

        return Environment.GetEnvironmentVariable(result.GetValue(Options.Env)!);
    }
}
