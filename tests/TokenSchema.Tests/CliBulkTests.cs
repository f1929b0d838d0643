using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using TokenSchema.Daily;
using Xunit;

namespace TokenSchema.Tests;

/// <summary><c>tokenschema bulk</c> run as a process: rows in, tokens out in order, bad rows reported, interrupted runs leave nothing.</summary>
public sealed class CliBulkTests : IDisposable
{
    private const string Secret = "a bulk test daily key, thirty-two bytes";
    private const string Domain = """{"domain_id":"25df5057-ef0d-4d97-bde6-0cf287276cbb"}""";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tokenschema-bulk-" + Guid.NewGuid().ToString("N"));

    public CliBulkTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string name) => Path.Combine(_folder, name);

    private static Process Start(params string[] args) => CliProcess.Start(CliProcess.WithSecret(Secret), redirectInput: false, args);

    private static (int Exit, string Error) Run(params string[] args)
    {
        (int exit, _, string error) = CliProcess.Run(null, CliProcess.WithSecret(Secret), args);
        return (exit, error);
    }

    private static DailyToken Verify(string token)
    {
        using var verifier = JwtVerifier.FromSecret(Secret);
        Assert.True(verifier.TryVerify(token.AsSpan(), out DailyToken? read, out JwtError error), error.ToString());
        return read;
    }

    [Fact]
    public void Jsonl_rows_become_tokens_in_order_and_bad_rows_are_reported_by_line_while_the_others_are_signed()
    {
        File.WriteAllLines(PathOf("rows.jsonl"), Enumerable.Range(0, 1000).Select(i => $$"""{"room_name":"r{{i}}","u":"User {{i}}"}""")
            .Concat(new[] { """{"r": nope}""", """{"r":"long","ud":"uuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuu"}""", "", """{"r":"last","o":"yes"}""", """{"r":"end"}""" }));

        (int exit, string error) = Run("bulk", "daily", "--input", PathOf("rows.jsonl"), "--output", PathOf("out.txt"), "--errors", PathOf("errors.txt"), "--claims-json", Domain);

        Assert.Equal(3, exit);
        string[] tokens = File.ReadAllLines(PathOf("out.txt"));
        Assert.Equal(1001, tokens.Length);
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => "r" + i).Append("end"), tokens.Select(t => Verify(t).RoomName));
        string[] errors = File.ReadAllLines(PathOf("errors.txt"));
        Assert.Equal(3, errors.Length);
        Assert.StartsWith("line 1001: is not valid JSON", errors[0]);
        Assert.Equal("line 1002: 'ud' is longer than 36 characters", errors[1]);
        Assert.StartsWith("line 1004: claim 'o' has the wrong JSON type", errors[2]);
        Assert.Contains("rows: 1004, tokens: 1001, rejected: 3", error);
    }

    [Fact]
    public void Csv_keeps_the_input_columns_and_adds_the_token_and_the_daily_join_link()
    {
        File.WriteAllText(PathOf("rows.csv"),
            "email,room_name,user_name,is_owner\n" +
            "ada@example.com,standup,\"Ada, the host\",true\r\n" +
            "bob@example.com,standup,\"Bob \"\"B\"\" Smith\n(remote)\",false\n" +
            "eve@example.com,standup,Eve,maybe\n");

        (int exit, string error) = Run("bulk", "daily", "--input", PathOf("rows.csv"), "--output", PathOf("out.csv"), "--format", "csv",
            "--daily-subdomain", "acme", "--claims-json", Domain, "--errors", PathOf("errors.txt"), "--keep-column", "email");

        Assert.Equal(3, exit);
        string text = File.ReadAllText(PathOf("out.csv"));
        Assert.StartsWith("email,room_name,user_name,is_owner,token,join_link\n", text);
        Assert.Contains("ada@example.com,standup,\"Ada, the host\",true,ey", text);
        Assert.Contains("bob@example.com,standup,\"Bob \"\"B\"\" Smith\n(remote)\",false,ey", text);
        Assert.Contains(",https://acme.daily.co/standup?t=ey", text);
        Assert.DoesNotContain("eve@", text);
        Assert.Equal("line 5: 'o' takes true or false (yes/no, 1/0, any letter case), not 'maybe'", File.ReadAllLines(PathOf("errors.txt")).Single());
        string adaToken = text.Split('\n')[1].Split(',')[5];
        DailyToken ada = Verify(adaToken);
        Assert.Equal(("standup", "Ada, the host", true), (ada.RoomName, ada.UserName, ada.IsOwner));
        Assert.Contains("rows: 3, tokens: 2, rejected: 1", error);
    }

    [Fact]
    public void Digital_samba_rows_get_their_room_url_with_the_token_and_the_issuer_takes_the_team_from_the_defaults()
    {
        File.WriteAllLines(PathOf("rows.jsonl"), new[] { """{"rd":"weekly-standup","role":"moderator","u":"Ada"}""" });

        (int exit, string error) = Run("bulk", "digitalsamba", "--input", PathOf("rows.jsonl"), "--output", PathOf("out.jsonl"), "--format", "jsonl",
            "--claims-json", """{"td":"7a1b2c3d-0000-4000-8000-000000000001"}""", "--digitalsamba-team-domain", "acme");

        Assert.True(exit == 0, error);
        using var row = System.Text.Json.JsonDocument.Parse(File.ReadAllText(PathOf("out.jsonl")));
        string token = row.RootElement.GetProperty("token").GetString()!;
        Assert.Equal("https://acme.digitalsamba.com/weekly-standup?token=" + token, row.RootElement.GetProperty("join_link").GetString());
        Assert.Equal("Ada", row.RootElement.GetProperty("u").GetString());
    }

    [Fact]
    public void Fail_fast_stops_at_the_first_bad_row()
    {
        File.WriteAllLines(PathOf("rows.jsonl"), new[] { """{"r":"a"}""", """{"r":"b","ud":"uuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuu"}""", """{"r":"c"}""" });

        (int exit, _) = Run("bulk", "daily", "--input", PathOf("rows.jsonl"), "--output", PathOf("out.txt"), "--claims-json", Domain, "--fail-fast");

        Assert.Equal(3, exit);
        Assert.Equal(new[] { "a" }, File.ReadAllLines(PathOf("out.txt")).Select(t => Verify(t).RoomName));
    }

    [Fact]
    public void A_run_killed_midway_leaves_no_output_that_looks_complete_and_a_rerun_succeeds()
    {
        File.WriteAllLines(PathOf("rows.jsonl"), Enumerable.Range(0, 2_000_000).Select(i => $$"""{"r":"room-{{i}}"}"""));
        string output = PathOf("out.txt");

        using (Process process = Start("bulk", "daily", "--input", PathOf("rows.jsonl"), "--output", output, "--claims-json", Domain))
        {
            // Kill it while it runs: after its partial file appears.
            var waited = Stopwatch.StartNew();
            while (!Directory.GetFiles(_folder, ".out.txt.partial-*").Any() && waited.Elapsed < TimeSpan.FromSeconds(30) && !process.HasExited)
            {
                Thread.Sleep(20);
            }

            Assert.False(process.HasExited, "the run ended before it could be interrupted");
            process.Kill();
            process.WaitForExit();
        }

        Assert.False(File.Exists(output), "a killed run left a file under the output's name");

        (int exit, string error) = Run("bulk", "daily", "--input", PathOf("rows.jsonl"), "--output", output, "--claims-json", Domain);
        Assert.True(exit == 0, error);
        Assert.Equal(2_000_000, File.ReadLines(output).Count());
    }

    [Fact]
    public void A_missing_input_or_key_exits_2()
    {
        (int missingInput, string inputError) = Run("bulk", "daily", "--input", PathOf("none.jsonl"), "--output", PathOf("out.txt"), "--claims-json", Domain);
        File.WriteAllText(PathOf("rows.jsonl"), """{"r":"a"}""");
        (int missingDomain, string domainError) = Run("bulk", "daily", "--input", PathOf("rows.jsonl"), "--output", PathOf("out.txt"));

        Assert.Equal((2, 2), (missingInput, missingDomain));
        Assert.Contains("does not exist", inputError);
        Assert.Contains("'d' is required to issue the token: give --domain-id.", domainError);
    }
}
