using System;
using System.Security.Cryptography;
using System.Text;

namespace TokenSchema.Tests;

/// <summary>A clock the tests set by hand.</summary>
public sealed class ManualTimeProvider : TimeProvider
{
    public ManualTimeProvider(DateTimeOffset now)
    {
        Now = now;
    }

    public DateTimeOffset Now { get; set; }

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>Builds tokens by hand, independently of <see cref="JwtSigner"/>, so the verifier can be fed anything.</summary>
public static class Forge
{
    public static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Base64Url(string text) => Base64Url(Encoding.UTF8.GetBytes(text));

    /// <summary>A token over the given header and payload JSON, signed with HMAC-SHA256 under <paramref name="key"/>.</summary>
    public static string Token(string headerJson, string payloadJson, byte[] key)
    {
        string signingInput = Base64Url(headerJson) + "." + Base64Url(payloadJson);
        return signingInput + "." + Base64Url(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(signingInput)));
    }

    public static string Token(string payloadJson, byte[] key) => Token("""{"alg":"HS256","typ":"JWT"}""", payloadJson, key);

    public static string DecodeSegment(string segment)
    {
        string padded = segment.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - padded.Length % 4) % 4);
        return Encoding.UTF8.GetString(Convert.FromBase64String(padded));
    }
}

/// <summary>The <c>tokenschema</c> tool run as a process, as an operator runs it: the built TokenSchema.Cli.dll through <c>dotnet</c>.</summary>
internal static class CliProcess
{
    /// <summary>Starts the tool with <paramref name="args"/>; the environment has no secret unless <paramref name="environment"/> gives one.</summary>
    public static System.Diagnostics.Process Start(System.Collections.Generic.IReadOnlyDictionary<string, string>? environment, bool redirectInput, params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(System.IO.Path.Combine(AppContext.BaseDirectory, "TokenSchema.Cli.dll"));
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("TOKENSCHEMA_SECRET");
        foreach (System.Collections.Generic.KeyValuePair<string, string> variable in environment ?? new System.Collections.Generic.Dictionary<string, string>())
        {
            start.Environment[variable.Key] = variable.Value;
        }

        return System.Diagnostics.Process.Start(start)!;
    }

    /// <summary>Runs the tool to its end, with <paramref name="input"/> as its standard input; its exit code, standard output and standard error.</summary>
    public static (int Exit, string Output, string Error) Run(byte[]? input, System.Collections.Generic.IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        using System.Diagnostics.Process process = Start(environment, redirectInput: true, args);
        if (input is not null)
        {
            process.StandardInput.BaseStream.Write(input);
        }

        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error);
    }

    /// <summary>The environment with <paramref name="secret"/> in <c>TOKENSCHEMA_SECRET</c>.</summary>
    public static System.Collections.Generic.Dictionary<string, string> WithSecret(string secret) => new() { ["TOKENSCHEMA_SECRET"] = secret };
}
