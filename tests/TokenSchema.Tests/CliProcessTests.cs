using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using Xunit;

namespace TokenSchema.Tests;

/// <summary>The tool run as a process, as an operator runs it: exit codes, standard output and standard error.</summary>
public sealed class CliProcessTests : IDisposable
{
    private const string Secret = "an operator's daily key, thirty-two bytes";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tokenschema-cli-" + Guid.NewGuid().ToString("N"));

    public CliProcessTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static (int Exit, string Output, string Error) Run(string? input, params string[] args) =>
        CliProcess.Run(input is null ? null : Encoding.UTF8.GetBytes(input + "\n"), null, args);

    [Fact]
    public void Sign_with_a_secret_file_then_inspect_with_the_secret_on_standard_input()
    {
        string file = Path.Combine(_folder, "daily.key");
        File.WriteAllText(file, Secret + "\n");

        (int exit, string token, string error) = Run(null, "sign", "daily", "--room-name", "standup", "--domain-id", "25df5057-ef0d-4d97-bde6-0cf287276cbb",
            "--is-owner", "--expires-in", "1h", "--secret-file", file);
        Assert.True(exit == 0, error);

        (int inspected, string output, string inspectError) = Run(Secret, "inspect", token.Trim(), "--platform", "daily", "--secret-stdin");
        Assert.True(inspected == 0, output + inspectError);
        Assert.Contains("o → is_owner: true", output);
        Assert.Contains("signature: verified (HS256); token accepted", output);
        Assert.DoesNotContain(Secret, output + inspectError + error);
    }

    [Fact]
    public void A_missing_or_short_key_exits_2_without_printing_the_key()
    {
        (int missing, _, string missingError) = Run(null, "sign", "daily", "--room-name", "standup", "--domain-id", "25df5057-ef0d-4d97-bde6-0cf287276cbb");
        (int shortKey, string output, string shortError) = Run("short-secret-123", "sign", "daily", "--room-name", "standup",
            "--domain-id", "25df5057-ef0d-4d97-bde6-0cf287276cbb", "--secret-stdin");

        Assert.Equal((2, 2), (missing, shortKey));
        Assert.Contains("No secret", missingError);
        Assert.Contains("is 16 bytes long; an HS256 key needs at least 32", shortError);
        Assert.DoesNotContain("not valid", shortError);
        Assert.DoesNotContain("short-secret-123", output + shortError);
    }

    [Fact]
    public void Invalid_claims_exit_2_listing_every_problem()
    {
        (int exit, string output, string error) = Run(Secret, "sign", "daily", "--room-name", "standup", "--domain-id", "25df5057-ef0d-4d97-bde6-0cf287276cbb",
            "--user-id", new string('u', 40), "--eject-after-elapsed", "-5", "--secret-stdin");

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Contains("'ud' is longer than 36 characters", error);
        Assert.Contains("'eje' is not at least 0", error);
    }

    [Fact]
    public void A_tampered_or_expired_token_exits_1_and_says_why()
    {
        string expired = Forge.Token("""{"r":"a","exp":1000000000}""", System.Text.Encoding.UTF8.GetBytes(Secret));
        string tampered = Forge.Token("""{"r":"a","exp":4102444800}""", System.Text.Encoding.UTF8.GetBytes(Secret))[..^2] + "AA";

        (int expiredExit, string expiredOutput, _) = Run(Secret, "inspect", expired, "--secret-stdin");
        (int tamperedExit, string tamperedOutput, _) = Run(Secret, "inspect", tampered, "--secret-stdin");
        (int notToken, _, string notTokenError) = Run(null, "inspect", "abc.def");

        Assert.Equal((1, 1, 2), (expiredExit, tamperedExit, notToken));
        Assert.Contains("token rejected: Expired", expiredOutput);
        Assert.Contains("token rejected: BadSignature", tamperedOutput);
        Assert.Contains("Not a compact JWS", notTokenError);
    }
}
