using System;
using System.CommandLine;

namespace TokenSchema.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        var secretEnv = new Option<string>("--secret-env")
        {
            Description = "The environment variable holding the HS256 secret (the platform's API key).",
            DefaultValueFactory = _ => "TOKENSCHEMA_SECRET",
        };
        var allowShortKey = new Option<bool>("--allow-short-key")
        {
            Description = "Accept a secret shorter than the 32 bytes RFC 7518 §3.2 requires.",
        };

        var demo = new Command("demo", "Sign and inspect demo tokens with a public demo key.");
        demo.SetAction(_ => TokenCommands.Demo(Console.Out, TimeProvider.System));

        var claims = new Option<string>("--claims") { Description = "The payload as a JSON object.", Required = true };
        var keyId = new Option<string?>("--kid") { Description = "The kid header parameter." };
        var sign = new Command("sign", "Sign a JSON payload with HS256, or issue a platform's token: sign <platform> --help lists its claims.") { claims, keyId, secretEnv, allowShortKey };
        foreach (Command platformSign in PlatformSign.Commands(secretEnv, allowShortKey))
        {
            sign.Subcommands.Add(platformSign);
        }

        sign.SetAction(result => TokenCommands.Sign(
            Console.Out,
            Console.Error,
            result.GetValue(claims)!,
            Environment.GetEnvironmentVariable(result.GetValue(secretEnv)!),
            result.GetValue(keyId),
            result.GetValue(allowShortKey)));

        var token = new Argument<string>("token") { Description = "The compact token to decode." };
        var platform = new Option<string>("--platform")
        {
            Description = "Read the verified payload into a platform's typed record: " + string.Join(", ", TokenCommands.Platforms) + ".",
            DefaultValueFactory = _ => "jwt",
        };
        var inspect = new Command("inspect", "Decode a token's header and payload; verify it when a secret is set.") { token, secretEnv, allowShortKey, platform };
        inspect.SetAction(result => TokenCommands.Inspect(
            Console.Out,
            Console.Error,
            result.GetValue(token)!,
            Environment.GetEnvironmentVariable(result.GetValue(secretEnv)!),
            TimeProvider.System,
            result.GetValue(allowShortKey),
            result.GetValue(platform)!));

        var root = new RootCommand("tokenschema: sign, inspect and verify HS256 meeting tokens.") { demo, sign, inspect };
        return root.Parse(args).Invoke();
    }
}
