using System;
using System.Diagnostics;
using System.IO;
using System.Text.Json.Nodes;
using Xunit;

namespace TokenSchema.Tests;

/// <summary>Which MAC path a process uses is visible, and the opt-out switch keeps every MAC on .NET's HMAC.</summary>
public sealed class MacImplementationTests
{
    [Fact]
    public void The_process_reports_its_mac_path_and_why()
    {
        JwtMacImplementation implementation = JwtSigner.MacImplementation;

        Assert.Equal(Internal.HmacSha256Key.DefaultImplementation == Internal.HmacImplementation.OpenSsl, implementation == JwtMacImplementation.SavedStateLibcrypto);
        Assert.Equal(implementation == JwtMacImplementation.DotNetHmac, JwtSigner.MacImplementationReason is not null);
        if (OperatingSystem.IsLinux() && File.Exists("/usr/lib/x86_64-linux-gnu/libcrypto.so.3"))
        {
            Assert.Equal(JwtMacImplementation.SavedStateLibcrypto, implementation);
        }
    }

    [Fact]
    public void The_switch_keeps_the_mac_on_dotnet_and_tokens_still_verify()
    {
        // The choice is made once per process: run the command-line tool's demo in a process of its own with the switch on.
        string source = Path.GetDirectoryName(typeof(Cli.TokenCommands).Assembly.Location)!;
        string copy = Path.Combine(Path.GetTempPath(), "tokenschema-switch-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(copy);
        try
        {
            foreach (string file in Directory.GetFiles(source))
            {
                File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
            }

            string config = Path.Combine(copy, "TokenSchema.Cli.runtimeconfig.json");
            JsonNode runtime = JsonNode.Parse(File.ReadAllText(config))!;
            var options = (runtime["runtimeOptions"]!["configProperties"] ??= new JsonObject()).AsObject();
            options["TokenSchema.DisableSystemLibcrypto"] = true;
            File.WriteAllText(config, runtime.ToJsonString());

            var start = new ProcessStartInfo("dotnet", $"\"{Path.Combine(copy, "TokenSchema.Cli.dll")}\" demo") { RedirectStandardOutput = true };
            using Process process = Process.Start(start)!;
            string output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();

            Assert.Equal(0, process.ExitCode);
            Assert.Contains("MAC: DotNetHmac (the AppContext switch TokenSchema.DisableSystemLibcrypto is set)", output);
            Assert.Equal(3, System.Text.RegularExpressions.Regex.Matches(output, "verify:  accepted").Count);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }
}
