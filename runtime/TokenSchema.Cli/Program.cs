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
        var sign = new Command("sign", "Sign a JSON payload with HS256.") { claims, keyId, secretEnv, allowShortKey };
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

        var root = new RootCommand("tokenschema: sign, inspect and verify HS256 meeting tokens.") { demo, sign, inspect, issue, read };
        return root.Parse(args).Invoke();
    }
}
