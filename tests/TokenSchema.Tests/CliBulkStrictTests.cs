using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using TokenSchema.Daily;
using TokenSchema.Twilio;
using Xunit;

namespace TokenSchema.Tests;

/// <summary>
/// <c>tokenschema bulk</c> as strict and as safe as <c>sign</c>, run as a process: every claim name it reads is the
/// schema's, the id options and <c>--expires-in</c> of <c>sign</c>, a row the issuer refuses is that row's problem, CSV
/// quoting and formulas, private files, signals and exit codes.
/// </summary>
public sealed class CliBulkStrictTests : IDisposable
{
    private const string Secret = "a bulk test daily key, thirty-two bytes";
    private const string DomainId = "25df5057-ef0d-4d97-bde6-0cf287276cbb";
    private const string Domain = """{"domain_id":"25df5057-ef0d-4d97-bde6-0cf287276cbb"}""";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tokenschema-bulk-strict-" + Guid.NewGuid().ToString("N"));

    public CliBulkStrictTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string name) => Path.Combine(_folder, name);

    private static Process Start(params string[] args) => CliProcess.Start(CliProcess.WithSecret(Secret), redirectInput: false, args);

    private static (int Exit, string Output, string Error) Run(params string[] args) => CliProcess.Run(null, CliProcess.WithSecret(Secret), args);

    private static T Verify<T>(string token) where T : IJwtPayload<T>
    {
        using var verifier = JwtVerifier.FromSecret(Secret);
        Assert.True(verifier.TryVerify(token.AsSpan(), out T? read, out JwtError error), error.ToString());
        return read;
    }

    /// <summary>Nothing under the output's name, and no partial file left next to it.</summary>
    private void AssertNoOutput(string name)
    {
        Assert.False(File.Exists(PathOf(name)), "an output file was left");
        Assert.Empty(Directory.GetFiles(_folder, "." + name + ".partial-*"));
    }

    private static string OneLine(string error) => Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));

    // 1. Strict names.

    [Fact]
    public void A_csv_header_that_is_not_a_claim_is_an_error_with_the_suggestion_and_no_output()
    {
        File.WriteAllText(PathOf("rows.csv"), "room_name,user_nme\nstandup,Ada\n");

        (int exit, _, string error) = Run("bulk", "daily", "--input", PathOf("rows.csv"), "--output", PathOf("out.txt"), "--claims-json", Domain);

        (int withoutIds, _, string withoutIdsError) = Run("bulk", "daily", "--input", PathOf("rows.csv"), "--output", PathOf("out.txt"));

        Assert.Equal((2, 2), (exit, withoutIds));
        Assert.Contains("'user_nme' is not a daily claim; did you mean 'u' (user_name)?", error);
        Assert.Contains("'user_nme' is not a daily claim; did you mean 'u' (user_name)?", withoutIdsError);
        AssertNoOutput("out.txt");
    }

    [Fact]
    public void A_csv_column_that_is_not_a_claim_is_kept_only_when_asked_for_and_then_echoed()
    {
        File.WriteAllText(PathOf("rows.csv"), "email,name,room_name\nada@example.com,Ada,standup\n");

        (int refused, _, string refusedError) = Run("bulk", "daily", "--input", PathOf("rows.csv"), "--output", PathOf("refused.csv"), "--format", "csv", "--claims-json", Domain);
        (int kept, _, string keptError) = Run("bulk", "daily", "--input", PathOf("rows.csv"), "--output", PathOf("out.csv"), "--format", "csv", "--claims-json", Domain,
            "--keep-column", "email", "--keep-column", "name");

        Assert.Equal(2, refused);
        Assert.Contains("'email' is not a daily claim", refusedError);
        Assert.Contains("--keep-column", refusedError);
        AssertNoOutput("refused.csv");
        Assert.True(kept == 0, keptError);
        string[] lines = File.ReadAllLines(PathOf("out.csv"));
        Assert.Equal("email,name,room_name,token,join_link", lines[0]);
        Assert.StartsWith("ada@example.com,Ada,standup,ey", lines[1]);
        Assert.Equal("standup", Verify<DailyToken>(lines[1].Split(',')[3]).RoomName);
    }

    [Fact]
    public void A_jsonl_key_that_is_not_a_claim_stops_the_run_with_its_line_and_the_partial_file_removed()
    {
        File.WriteAllLines(PathOf("rows.jsonl"), Enumerable.Range(0, 5000).Select(i => $$"""{"room_name":"r{{i}}","user_name":"U{{i}}"}""")
            .Append("""{"room_name":"last","user_nme":"Eve"}"""));

        (int exit, _, string error) = Run("bulk", "daily", "--input", PathOf("rows.jsonl"), "--output", PathOf("out.txt"), "--claims-json", Domain);

        Assert.Equal(2, exit);
        Assert.Contains("line 5001: 'user_nme' is not a daily claim; did you mean 'u' (user_name)?", error);
        AssertNoOutput("out.txt");
    }

    [Fact]
    public void A_name_inside_a_nested_claim_that_the_schema_does_not_describe_is_an_error()
    {
        File.WriteAllLines(PathOf("rows.jsonl"), new[] { """{"r":"a","p":{"cs":"v"}}""", """{"r":"b","p":{"cx":"v"}}""" });
        File.WriteAllLines(PathOf("livekit.jsonl"), new[] { """{"sub":"ada","video":{"roomJoin":true,"rooom":"r"}}""" });

        (int exit, _, string error) = Run("bulk", "daily", "--input", PathOf("rows.jsonl"), "--output", PathOf("out.txt"), "--claims-json", Domain);
        (int livekit, _, string livekitError) = Run("bulk", "livekit", "--input", PathOf("livekit.jsonl"), "--output", PathOf("lk.txt"), "--api-key", "APIkey");

        Assert.Equal((2, 2), (exit, livekit));
        Assert.Contains("line 2: 'p.cx' is not a daily 'p' claim; did you mean 'p.cs'", error);
        Assert.Contains("line 1: 'video.rooom' is not a livekit 'video' claim; did you mean 'video.room'", livekitError);
        AssertNoOutput("out.txt");
        AssertNoOutput("lk.txt");
    }

    [Fact]
    public void A_claims_json_default_that_is_not_a_claim_is_an_error()
    {
        File.WriteAllLines(PathOf("rows.jsonl"), new[] { """{"r":"a"}""" });

        (int exit, _, string error) = Run("bulk", "daily", "--input", PathOf("rows.jsonl"), "--output", PathOf("out.txt"),
            "--claims-json", """{"domain_id":"25df5057-ef0d-4d97-bde6-0cf287276cbb","is_ownr":true}""");

        Assert.Equal(2, exit);
        Assert.Contains("'is_ownr' is not a daily claim; did you mean 'o' (is_owner)?", error);
        AssertNoOutput("out.txt");
    }

    [Fact]
    public void A_hostile_claim_name_is_escaped_before_it_reaches_the_terminal()
    {
        File.WriteAllLines(PathOf("rows.jsonl"), new[] { """{"r":"a","\u001b]52;c;aGk=\u0007\u202e":1}""" });

        (int exit, _, string error) = Run("bulk", "daily", "--input", PathOf("rows.jsonl"), "--output", PathOf("out.txt"), "--claims-json", Domain);

        Assert.Equal(2, exit);
        Assert.DoesNotContain('\u001b', error);
        Assert.DoesNotContain('\u202e', error);
        Assert.Contains("\\u001B]52;c;aGk=\\u0007\\u202E", error);
    }

    [Fact]
    public void A_claim_given_twice_in_a_row_by_its_name_and_its_long_name_refuses_the_row()
    {
        File.WriteAllLines(PathOf("rows.jsonl"), new[] { """{"r":"a","room_name":"b"}""", """{"r":"c"}""" });

        (int exit, _, string error) = Run("bulk", "daily", "--input", PathOf("rows.jsonl"), "--output", PathOf("out.txt"), "--claims-json", Domain);

        Assert.Equal(3, exit);
        Assert.Contains("line 1: 'r' is given twice", error);
        Assert.Equal(new[] { "c" }, File.ReadAllLines(PathOf("out.txt")).Select(t => Verify<DailyToken>(t).RoomName));
    }

    // 2. The id options and --expires-in of sign.

    [Fact]
    public void The_platform_ids_come_from_the_options_of_sign_or_from_every_row()
    {
        File.WriteAllLines(PathOf("rows.jsonl"), new[] { """{"r":"a"}""", """{"r":"b","o":true}""" });
        File.WriteAllLines(PathOf("with-d.jsonl"), new[] { $$"""{"r":"a","d":"{{DomainId}}"}""", $$"""{"r":"b","domain_id":"{{DomainId}}"}""" });

        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60;
        (int option, _, string optionError) = Run("bulk", "daily", "--input", PathOf("rows.jsonl"), "--output", PathOf("out.txt"), "--domain-id", DomainId,
            "--now", DateTimeOffset.FromUnixTimeSeconds(now).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture), "--expires-in", "1h", "--is-owner", "false");
        (int rows, _, string rowsError) = Run("bulk", "daily", "--input", PathOf("with-d.jsonl"), "--output", PathOf("rows.txt"));

        Assert.True(option == 0, optionError);
        Assert.True(rows == 0, rowsError);
        DailyToken[] tokens = File.ReadAllLines(PathOf("out.txt")).Select(Verify<DailyToken>).ToArray();
        Assert.All(tokens, t => Assert.Equal(Guid.Parse(DomainId), t.DomainId));
        Assert.All(tokens, t => Assert.Equal(now + 3600, t.Expires?.ToUnixTimeSeconds()));
        Assert.Equal(new bool?[] { false, true }, tokens.Select(t => t.IsOwner));
        Assert.Equal(2, File.ReadAllLines(PathOf("rows.txt")).Select(Verify<DailyToken>).Count(t => t.DomainId == Guid.Parse(DomainId)));
    }

    [Theory]
    [InlineData("daily", """{"r":"a"}""")]
    [InlineData("digitalsamba", """{"rd":"a"}""")]
    [InlineData("livekit", "{}")]
    [InlineData("zoom", """{"role_type":1,"tpc":"t"}""")]
    [InlineData("twilio", """{"grants":{"identity":"a","video":{}}}""")]
    [InlineData("hms", """{"type":"app","room_id":"r","role":"host","user_id":"u"}""")]
    [InlineData("jitsi", "{}")]
    public void A_missing_platform_id_names_an_option_that_bulk_has(string platform, string row)
    {
        File.WriteAllLines(PathOf("rows.jsonl"), new[] { row });

        (int exit, _, string error) = Run("bulk", platform, "--input", PathOf("rows.jsonl"), "--output", PathOf("out.txt"));
        (_, string help, _) = Run("bulk", platform, "--help");

        Assert.Equal(2, exit);
        string option = System.Text.RegularExpressions.Regex.Match(error, "give (--[a-z-]+)").Groups[1].Value;
        Assert.NotEqual("", option);
        Assert.Matches($@"(?m)^  (--[a-z-]+, )*{System.Text.RegularExpressions.Regex.Escape(option)}[ ,]", help);
        AssertNoOutput("out.txt");
    }

    [Fact]
    public void Twilio_takes_its_ids_and_region_as_sign_does()
    {
        File.WriteAllLines(PathOf("rows.jsonl"), new[] { """{"grants":{"identity":"alice","video":{"room":"r"}}}""" });

        (int exit, _, string error) = Run("bulk", "twilio", "--input", PathOf("rows.jsonl"), "--output", PathOf("out.txt"),
            "--account-sid", "AC0123456789abcdef0123456789abcdef", "--api-key-sid", "SKfedcba9876543210fedcba9876543210", "--region", "ie1");

        Assert.True(exit == 0, error);
        string token = File.ReadAllText(PathOf("out.txt")).Trim();
        string header = Encoding.UTF8.GetString(Base64UrlDecode(token.Split('.')[0]));
        Assert.Contains("\"twr\":\"ie1\"", header);
        TwilioVideoToken read = Verify<TwilioVideoToken>(token);
        Assert.Equal("AC0123456789abcdef0123456789abcdef", read.AccountSid);
    }

    [Fact]
    public void A_nested_claim_option_merges_into_the_rows_own_object()
    {
        File.WriteAllLines(PathOf("rows.jsonl"), new[] { """{"sub":"ada","video":{"room":"standup"}}""", """{"sub":"bob","video":{"room":"standup","roomJoin":false}}""", """{"sub":"eve"}""" });

        (int exit, _, string error) = Run("bulk", "livekit", "--input", PathOf("rows.jsonl"), "--output", PathOf("out.jsonl"), "--format", "jsonl", "--api-key", "APIkey", "--room-join");

        Assert.True(exit == 0, error);
        string[] lines = File.ReadAllLines(PathOf("out.jsonl"));
        using JsonDocument ada = JsonDocument.Parse(lines[0]), bob = JsonDocument.Parse(lines[1]), eve = JsonDocument.Parse(lines[2]);
        Assert.Equal("""{"room":"standup","roomJoin":true}""", ada.RootElement.GetProperty("video").GetRawText());
        Assert.Equal("""{"room":"standup","roomJoin":false}""", bob.RootElement.GetProperty("video").GetRawText());
        Assert.Equal("""{"roomJoin":true}""", eve.RootElement.GetProperty("video").GetRawText());
        Assert.Equal("APIkey", ada.RootElement.GetProperty("iss").GetString());
    }

    [Fact]
    public void An_option_value_and_a_claims_json_value_for_the_same_claim_is_an_error()
    {
        File.WriteAllLines(PathOf("rows.jsonl"), new[] { """{"r":"a"}""" });

        (int exit, _, string error) = Run("bulk", "daily", "--input", PathOf("rows.jsonl"), "--output", PathOf("out.txt"), "--claims-json", Domain, "--domain-id", DomainId);

        Assert.Equal(2, exit);
        Assert.Contains("'d' is given by --domain-id and by --claims-json", error);
    }

    // 3. A row the issuer refuses.

    [Fact]
    public void A_row_naming_another_domain_is_refused_with_its_line_and_the_others_are_signed()
    {
        File.WriteAllLines(PathOf("rows.jsonl"), new[] { """{"r":"a"}""", """{"r":"b","d":"11111111-2222-4333-8444-555555555555"}""", """{"r":"c"}""" });

        (int exit, _, string error) = Run("bulk", "daily", "--input", PathOf("rows.jsonl"), "--output", PathOf("out.txt"), "--domain-id", DomainId,
            "--errors", PathOf("errors.txt"));

        Assert.Equal(3, exit);
        Assert.DoesNotContain("failed", error);
        Assert.Contains("rows: 3, tokens: 2, rejected: 1", error);
        Assert.StartsWith("line 2: ", Assert.Single(File.ReadAllLines(PathOf("errors.txt"))));
        Assert.Contains("'d'", File.ReadAllText(PathOf("errors.txt")));
        Assert.Equal(new[] { "a", "c" }, File.ReadAllLines(PathOf("out.txt")).Select(t => Verify<DailyToken>(t).RoomName));
    }

    // 4. CSV.

    [Fact]
    public void An_unclosed_quote_in_a_csv_stops_the_run_naming_the_line_it_starts_on()
    {
        File.WriteAllText(PathOf("rows.csv"), "room_name,user_name\nstandup,Ada\nstandup,\"Bob\nstandup,Carol\nstandup,Dan\n");

        (int exit, _, string error) = Run("bulk", "daily", "--input", PathOf("rows.csv"), "--output", PathOf("out.txt"), "--claims-json", Domain);

        Assert.Equal(2, exit);
        Assert.Contains("line 3:", error);
        Assert.Contains("never closed", error);
        AssertNoOutput("out.txt");
    }

    [Fact]
    public void A_quote_that_closes_lines_later_with_text_after_it_stops_the_run_naming_the_line_it_starts_on()
    {
        File.WriteAllText(PathOf("rows.csv"), "room_name,user_name\nstandup,\"Bob\nstandup,Carol\nstandup,\"Dan\"x\nstandup,Eve\n");

        (int exit, _, string error) = Run("bulk", "daily", "--input", PathOf("rows.csv"), "--output", PathOf("out.txt"), "--claims-json", Domain);

        Assert.Equal(2, exit);
        Assert.Contains("line 2:", error);
        AssertNoOutput("out.txt");
    }

    [Fact]
    public void A_stray_quote_within_one_line_refuses_that_row_only()
    {
        File.WriteAllText(PathOf("rows.csv"), "room_name,user_name\nstandup,Bo\"b\nstandup,Carol\n");

        (int exit, _, string error) = Run("bulk", "daily", "--input", PathOf("rows.csv"), "--output", PathOf("out.txt"), "--claims-json", Domain);

        Assert.Equal(3, exit);
        Assert.Contains("line 2: has a quote inside an unquoted field", error);
        Assert.Equal(new[] { "Carol" }, File.ReadAllLines(PathOf("out.txt")).Select(t => Verify<DailyToken>(t).UserName));
    }

    [Fact]
    public void Excel_booleans_true_false_and_one_zero_are_read()
    {
        File.WriteAllText(PathOf("rows.csv"), "\uFEFFroom_name,is_owner,close_tab_on_exit\r\na,TRUE,1\r\nb,FALSE,0\r\nc,True,yes\r\n", new UTF8Encoding(false));

        (int exit, _, string error) = Run("bulk", "daily", "--input", PathOf("rows.csv"), "--output", PathOf("out.txt"), "--claims-json", Domain);

        Assert.True(exit == 0, error);
        DailyToken[] tokens = File.ReadAllLines(PathOf("out.txt")).Select(Verify<DailyToken>).ToArray();
        Assert.Equal(new bool?[] { true, false, true }, tokens.Select(t => t.IsOwner));
        Assert.Equal(new bool?[] { true, false, true }, tokens.Select(t => t.CloseTabOnExit));
    }

    // 5. CSV injection and proper JSONL.

    [Fact]
    public void Csv_output_cells_that_a_spreadsheet_would_run_as_a_formula_are_neutralised_unless_turned_off()
    {
        File.WriteAllText(PathOf("rows.csv"), "note,room_name,user_name\n\"=HYPERLINK(\"\"http://x\"\")\",standup,+Ada\n@SUM(A1),standup,-Bob\n\"\tTab\",standup,Carl\n");

        (int exit, _, string error) = Run("bulk", "daily", "--input", PathOf("rows.csv"), "--output", PathOf("out.csv"), "--format", "csv",
            "--claims-json", Domain, "--keep-column", "note");
        (int off, _, _) = Run("bulk", "daily", "--input", PathOf("rows.csv"), "--output", PathOf("raw.csv"), "--format", "csv",
            "--claims-json", Domain, "--keep-column", "note", "--no-csv-formula-guard");

        Assert.True(exit == 0, error);
        Assert.Equal(0, off);
        string[] lines = File.ReadAllLines(PathOf("out.csv"));
        Assert.StartsWith("\"'=HYPERLINK(\"\"http://x\"\")\",standup,'+Ada,ey", lines[1]);
        Assert.StartsWith("'@SUM(A1),standup,'-Bob,ey", lines[2]);
        Assert.StartsWith("'\tTab,standup,Carl,ey", lines[3]);
        Assert.Equal("+Ada", Verify<DailyToken>(lines[1].Split(',')[3]).UserName);
        Assert.StartsWith("\"=HYPERLINK(\"\"http://x\"\")\",standup,+Ada,ey", File.ReadAllLines(PathOf("raw.csv"))[1]);
    }

    [Fact]
    public void Jsonl_output_is_one_json_object_a_line_with_the_token_and_the_kept_columns()
    {
        File.WriteAllLines(PathOf("rows.jsonl"), new[] { """{"r":"a\u2028b","u":"Ada \"the\" host"}""", """{"r":"b"}""" });
        File.WriteAllText(PathOf("rows.csv"), "email,room_name\nada@example.com,standup\n");

        (int exit, _, string error) = Run("bulk", "daily", "--input", PathOf("rows.jsonl"), "--output", PathOf("out.jsonl"), "--format", "jsonl",
            "--claims-json", Domain, "--daily-subdomain", "acme");
        (int csv, _, string csvError) = Run("bulk", "daily", "--input", PathOf("rows.csv"), "--output", PathOf("csv.jsonl"), "--format", "jsonl",
            "--claims-json", Domain, "--keep-column", "email");

        Assert.True(exit == 0, error);
        Assert.True(csv == 0, csvError);
        string[] lines = File.ReadAllLines(PathOf("out.jsonl"));
        Assert.Equal(2, lines.Length);
        using (JsonDocument first = JsonDocument.Parse(lines[0]))
        {
            Assert.Equal("Ada \"the\" host", first.RootElement.GetProperty("u").GetString());
            Assert.Equal("a\u2028b", Verify<DailyToken>(first.RootElement.GetProperty("token").GetString()!).RoomName);
            Assert.StartsWith("https://acme.daily.co/a%E2%80%A8b?t=ey", first.RootElement.GetProperty("join_link").GetString());
        }

        using (JsonDocument second = JsonDocument.Parse(lines[1]))
        {
            Assert.StartsWith("ey", second.RootElement.GetProperty("token").GetString());
        }

        using JsonDocument fromCsv = JsonDocument.Parse(File.ReadAllLines(PathOf("csv.jsonl")).Single());
        Assert.Equal("ada@example.com", fromCsv.RootElement.GetProperty("email").GetString());
        Assert.Equal("standup", fromCsv.RootElement.GetProperty("r").GetString());
    }

    // 6. Files.

    [Fact]
    public void Output_and_errors_files_are_private_to_their_owner()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        File.WriteAllLines(PathOf("rows.jsonl"), new[] { """{"r":"a"}""", """{"r":"b","ud":"uuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuu"}""" });
        File.WriteAllText(PathOf("old.txt"), "old");
        File.SetUnixFileMode(PathOf("old.txt"), (UnixFileMode)0b110_100_100);

        (int exit, _, _) = Run("bulk", "daily", "--input", PathOf("rows.jsonl"), "--output", PathOf("out.txt"), "--errors", PathOf("errors.txt"), "--claims-json", Domain);
        (int forced, _, _) = Run("bulk", "daily", "--input", PathOf("rows.jsonl"), "--output", PathOf("old.txt"), "--claims-json", Domain, "--force");

        Assert.Equal((3, 3), (exit, forced));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(PathOf("out.txt")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(PathOf("errors.txt")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(PathOf("old.txt")));
    }

    [Fact]
    public void An_output_or_errors_file_that_is_the_input_or_each_other_is_refused()
    {
        File.WriteAllLines(PathOf("rows.jsonl"), new[] { """{"r":"a"}""" });
        string sameInput = Path.Combine(_folder, ".", "rows.jsonl");

        (int overInput, _, string inputError) = Run("bulk", "daily", "--input", PathOf("rows.jsonl"), "--output", sameInput, "--claims-json", Domain, "--force");
        (int errorsOverInput, _, _) = Run("bulk", "daily", "--input", PathOf("rows.jsonl"), "--output", PathOf("out.txt"), "--errors", PathOf("rows.jsonl"), "--claims-json", Domain, "--force");
        (int same, _, string sameError) = Run("bulk", "daily", "--input", PathOf("rows.jsonl"), "--output", PathOf("out.txt"), "--errors", PathOf("out.txt"), "--claims-json", Domain);

        Assert.Equal((2, 2, 2), (overInput, errorsOverInput, same));
        Assert.Contains("--output is the input file", OneLine(inputError));
        Assert.Contains("--errors is the --output file", OneLine(sameError));
        Assert.Equal("""{"r":"a"}""", File.ReadAllText(PathOf("rows.jsonl")).Trim());
        AssertNoOutput("out.txt");
    }

    [Fact]
    public void An_existing_output_needs_force_and_a_missing_directory_is_one_line()
    {
        File.WriteAllLines(PathOf("rows.jsonl"), new[] { """{"r":"a"}""" });
        File.WriteAllText(PathOf("out.txt"), "keep me");

        (int exists, _, string existsError) = Run("bulk", "daily", "--input", PathOf("rows.jsonl"), "--output", PathOf("out.txt"), "--claims-json", Domain);
        string kept = File.ReadAllText(PathOf("out.txt"));
        (int forced, _, _) = Run("bulk", "daily", "--input", PathOf("rows.jsonl"), "--output", PathOf("out.txt"), "--claims-json", Domain, "--force");
        (int missing, _, string missingError) = Run("bulk", "daily", "--input", PathOf("rows.jsonl"), "--output", PathOf("nowhere/out.txt"), "--claims-json", Domain);
        (int missingErrors, _, string missingErrorsError) = Run("bulk", "daily", "--input", PathOf("rows.jsonl"), "--output", PathOf("o.txt"), "--errors", PathOf("nowhere/e.txt"), "--claims-json", Domain);

        Assert.Equal((2, 0, 2, 2), (exists, forced, missing, missingErrors));
        Assert.Equal("keep me", kept);
        Assert.Contains("--force", OneLine(existsError));
        Assert.Equal("a", Verify<DailyToken>(File.ReadAllText(PathOf("out.txt")).Trim()).RoomName);
        Assert.Contains("does not exist", OneLine(missingError));
        Assert.Contains("does not exist", OneLine(missingErrorsError));
        AssertNoOutput("o.txt");
    }

    [Fact]
    public void Output_dash_writes_the_tokens_to_standard_output_and_the_summary_to_standard_error()
    {
        File.WriteAllLines(PathOf("rows.jsonl"), new[] { """{"r":"a"}""", """{"r":"b"}""" });

        (int exit, string output, string error) = Run("bulk", "daily", "--input", PathOf("rows.jsonl"), "--output", "-", "--claims-json", Domain);

        Assert.True(exit == 0, error);
        Assert.Equal(new[] { "a", "b" }, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(t => Verify<DailyToken>(t).RoomName));
        Assert.Contains("rows: 2, tokens: 2, rejected: 0", error);
        Assert.False(File.Exists("-"));
    }

    // 7. Signals.

    [Theory]
    [InlineData("INT", 130)]
    [InlineData("TERM", 143)]
    public async System.Threading.Tasks.Task A_signal_removes_the_partial_file_and_exits_with_128_plus_the_signal(string signal, int expected)
    {
        File.WriteAllLines(PathOf("rows.jsonl"), Enumerable.Range(0, 2_000_000).Select(i => $$"""{"r":"room-{{i}}"}"""));

        using Process process = Start("bulk", "daily", "--input", PathOf("rows.jsonl"), "--output", PathOf("out.txt"), "--claims-json", Domain);
        var error = process.StandardError.ReadToEndAsync();
        var waited = Stopwatch.StartNew();
        while (!Directory.GetFiles(_folder, ".out.txt.partial-*").Any() && waited.Elapsed < TimeSpan.FromSeconds(30) && !process.HasExited)
        {
            Thread.Sleep(20);
        }

        Assert.False(process.HasExited, "the run ended before it could be interrupted");
        Thread.Sleep(100);
        using (Process kill = Process.Start("kill", new[] { "-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) })!)
        {
            kill.WaitForExit();
        }

        Assert.True(process.WaitForExit(30_000), "the run did not stop");
        Assert.Equal(expected, process.ExitCode);
        string message = await error;
        Assert.Contains("interrupted", message);
        Assert.DoesNotContain("failed", message);
        AssertNoOutput("out.txt");
    }

    [Fact]
    public void A_partial_file_left_by_a_killed_run_is_named_on_the_next_run()
    {
        File.WriteAllLines(PathOf("rows.jsonl"), new[] { """{"r":"a"}""" });
        File.WriteAllText(PathOf(".out.txt.partial-0123456789abcdef"), "eyJ...");

        (int exit, _, string error) = Run("bulk", "daily", "--input", PathOf("rows.jsonl"), "--output", PathOf("out.txt"), "--claims-json", Domain);

        Assert.Equal(0, exit);
        Assert.Contains("warning:", error);
        Assert.Contains(".out.txt.partial-0123456789abcdef", error);
    }

    private static byte[] Base64UrlDecode(string text)
    {
        string padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + (4 - padded.Length % 4) % 4, '='));
    }
}
