using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace TokenSchema.Cli;

/// <summary>
/// <c>tokenschema bulk &lt;platform&gt;</c>: one token per input row (JSONL, or CSV with a header row of claim names,
/// long or short), in input order, on all cores through the library's streaming bulk path, in bounded memory. Every
/// claim name it reads is the schema's, as in <c>sign</c>: an unknown one stops the run (exit 2) with the analyzer's
/// suggestion. A bad row is reported with its line number and claim and written to the errors file; the other rows are
/// still signed (exit 3). The output is written to a private temporary file renamed at the end, so an interrupted run
/// never leaves a file that looks complete.
/// </summary>
internal static class BulkCommand
{
    /// <summary>What to run.</summary>
    internal sealed record Request(
        string Platform,
        string Input,
        string Output,
        string? Errors,
        string Format,
        string? DefaultsJson,
        string Secret,
        TimeProvider Clock,
        bool AllowShortKey,
        bool FailFast,
        string? DailySubdomain,
        TextWriter Status,
        bool Interactive,
        string? DigitalSambaTeamDomain = null)
    {
        /// <summary>The claim options of <c>sign &lt;platform&gt;</c> given, each a value every row gets unless it has its own.</summary>
        public IReadOnlyList<(PlatformSign.ClaimOption Claim, string[] Values)> ClaimOptions { get; init; } = Array.Empty<(PlatformSign.ClaimOption, string[])>();

        /// <summary>Twilio's region (the <c>twr</c> header); <see langword="null"/> elsewhere.</summary>
        public string? Region { get; init; }

        /// <summary>CSV columns that are not claims, kept for the output (an e-mail, a name).</summary>
        public IReadOnlyList<string> KeepColumns { get; init; } = Array.Empty<string>();

        /// <summary>Whether CSV output cells a spreadsheet would run as a formula are prefixed with a quote (OWASP, CWE-1236).</summary>
        public bool FormulaGuard { get; init; } = true;

        /// <summary>Whether an existing output (or errors) file is replaced.</summary>
        public bool Force { get; init; }
    }

    /// <summary>One input row: where it was, its payload JSON (names normalized, defaults merged) or why it cannot be read, its CSV fields.</summary>
    private sealed record Row(long Line, string? Problem, byte[]? Json, string[]? CsvFields);

    /// <summary>Input that stops the run (exit 2): a name the schema does not describe, a CSV quote that runs over rows.</summary>
    private sealed class BulkInputException(string message) : Exception(message);

    /// <summary>A name inside a nested claim the schema does not describe; the top level says which, with the suggestion.</summary>
    private sealed class NestedNameException : Exception;

    private static readonly JavaScriptEncoder Relaxed = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    /// <summary>The <c>bulk &lt;platform&gt;</c> subcommands, one per platform of <see cref="CliPlatform.All"/>.</summary>
    internal static IEnumerable<Command> Commands()
    {
        Interruption.Register();
        foreach (CliPlatform known in CliPlatform.All)
        {
            var input = new Option<string>("--input") { Description = "The rows: a .jsonl file (one claims object a line) or a .csv file (a header row of claim names, long or short).", Required = true };
            var output = new Option<string>("--output") { Description = "The file to write (- for standard output); created private to its owner (0600), written to a hidden partial file and renamed when complete.", Required = true };
            var errors = new Option<string?>("--errors") { Description = "A file (0600) that receives every refused row, by line number and claim." };
            var force = new Option<bool>("--force") { Description = "Replace an existing --output or --errors file." };
            var format = new Option<string>("--format") { Description = "tokens (one a line), csv (the input columns, then token and join_link) or jsonl.", DefaultValueFactory = _ => "tokens" };
            var defaults = new Option<string?>("--claims-json") { Description = "Claims every row gets unless it has its own, as a JSON object, by claim name or long name; a name the schema does not describe is an error." };
            var keep = new Option<string[]>("--keep-column")
            {
                Description = "A CSV column that is not a claim, kept for the csv or jsonl output (an e-mail, a name); repeat it or give name,name. Any other column that is not a claim is an error.",
                AllowMultipleArgumentsPerToken = true,
            };
            var noGuard = new Option<bool>("--no-csv-formula-guard") { Description = "Write CSV output cells as they are, even those starting with = + - @ tab or CR (by default they get a leading ' so that a spreadsheet shows them instead of running them)." };
            var failFast = new Option<bool>("--fail-fast") { Description = "Stop at the first refused row." };
            var now = new Option<string?>("--now") { Description = "The issuer's clock: ISO 8601 or Unix seconds (the system clock when absent); relative times (--expires-in 1h) count from it." };
            var subdomain = new Option<string?>("--daily-subdomain") { Description = "Daily: the subdomain of the join links, https://<subdomain>.daily.co/<room>?t=<token>." };
            var teamDomain = new Option<string?>("--digitalsamba-team-domain") { Description = "Digital Samba: the team's domain of the join links, https://<team>.digitalsamba.com/<room>?token=<token>." };
            var command = new Command(known.Name, $"Issue {known.Name} tokens in bulk: the claim options of sign {known.Name} (its ids, --expires-in…) give every row a value unless it has its own. " + ExitCodes.Help)
            {
                input, output, errors, force, format, defaults, keep, noGuard, failFast, now, subdomain, teamDomain,
            };
            Option<string?>? region = null;
            if (System.Linq.Enumerable.Contains(known.Settings, "region"))
            {
                region = new Option<string?>("--region") { Description = "Twilio's region (us1, ie1, au1…), written to the twr header." };
                command.Options.Add(region);
            }

            var claimOptions = new List<(PlatformSign.ClaimOption Claim, Option<string[]> Option)>();
            foreach (PlatformSign.ClaimOption claim in PlatformSign.OptionsOf(known))
            {
                var option = new Option<string[]>(claim.Name)
                {
                    Description = $"'{claim.Display}' for every row that has none" + (claim.Claim.Description is { } description ? ": " + description : "") + ".",
                    Arity = claim.Claim.Type == ClaimValueType.Boolean ? ArgumentArity.ZeroOrMore : ArgumentArity.OneOrMore,
                    AllowMultipleArgumentsPerToken = claim.Claim.Type == ClaimValueType.Array,
                };
                if (claim.Claim.Type is ClaimValueType.NumericDate && claim.Path is ["exp"])
                {
                    option.Aliases.Add("--expires-in");
                }

                if (known.Name == "zoom" && claim.Path is ["app_key"])
                {
                    // Zoom calls it the SDK key, and so does the message when a run has none.
                    option.Aliases.Add("--sdk-key");
                }

                claimOptions.Add((claim, option));
                command.Options.Add(option);
            }

            command.SetAction(async (result, cancellationToken) =>
            {
                string? secret = Secrets.Read(result);
                if (string.IsNullOrEmpty(secret))
                {
                    Console.Error.WriteLine(Secrets.Missing);
                    return ExitCodes.Usage;
                }

                TimeProvider clock = TimeProvider.System;
                if (result.GetValue(now) is { } at)
                {
                    clock = PlatformSign.TryParseTime(at, DateTimeOffset.UtcNow, out long seconds) && at is not ['+' or '-', ..] && !PlatformSign.TryParseDuration(at, out _)
                        ? new FixedTimeProvider(DateTimeOffset.FromUnixTimeSeconds(seconds))
                        : throw new UsageException("--now takes a time: ISO 8601 (2026-12-01T12:00:00Z) or Unix seconds.");
                }

                var given = new List<(PlatformSign.ClaimOption, string[])>();
                foreach ((PlatformSign.ClaimOption claim, Option<string[]> option) in claimOptions)
                {
                    if (result.GetResult(option) is not null)
                    {
                        given.Add((claim, result.GetValue(option) ?? Array.Empty<string>()));
                    }
                }

                var kept = new List<string>();
                foreach (string value in result.GetValue(keep) ?? Array.Empty<string>())
                {
                    foreach (string column in value.Split(','))
                    {
                        kept.Add(column.Trim());
                    }
                }

                using var interrupted = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var request = new Request(known.Name, result.GetValue(input)!, result.GetValue(output)!, result.GetValue(errors),
                    result.GetValue(format)!, result.GetValue(defaults), secret, clock, result.GetValue(Secrets.AllowShortKey),
                    result.GetValue(failFast), result.GetValue(subdomain), Console.Error, !Console.IsErrorRedirected, result.GetValue(teamDomain))
                {
                    ClaimOptions = given,
                    Region = region is null ? null : result.GetValue(region),
                    KeepColumns = kept,
                    FormulaGuard = !result.GetValue(noGuard),
                    Force = result.GetValue(force),
                };
                Interruption.Begin(interrupted);
                try
                {
                    return await known.Bulk(request, interrupted.Token);
                }
                finally
                {
                    Interruption.End();
                }
            });
            yield return command;
        }
    }

    /// <summary>
    /// SIGINT (Ctrl-C) and SIGTERM during a run: the run is cancelled, its partial file removed, and the exit code is
    /// 128 + the signal's number. Registered when the command tree is built, before System.CommandLine registers its
    /// own handler at invocation, so that this one runs first and the code says which signal it was; outside a run it
    /// leaves the signal to the others.
    /// </summary>
    private static class Interruption
    {
        private static PosixSignalRegistration? s_interrupt;
        private static PosixSignalRegistration? s_terminate;
        private static CancellationTokenSource? s_run;
        private static int s_exitCode;

        public static void Register()
        {
            if (s_interrupt is not null)
            {
                return;
            }

            try
            {
                s_interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
                s_terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
            }
            catch (PlatformNotSupportedException)
            {
                // No signals here: a run is only stopped by killing it.
            }
        }

        public static void Begin(CancellationTokenSource run)
        {
            s_exitCode = 0;
            Volatile.Write(ref s_run, run);
        }

        public static void End() => Volatile.Write(ref s_run, null);

        /// <summary>The exit code of a cancelled run: 130 after SIGINT, 143 after SIGTERM.</summary>
        public static int ExitCode => Volatile.Read(ref s_exitCode) is var code and not 0 ? code : ExitCodes.Interrupted;

        private static void OnSignal(PosixSignalContext context)
        {
            CancellationTokenSource? run = Volatile.Read(ref s_run);
            if (run is null)
            {
                return;
            }

            context.Cancel = true;
            Interlocked.CompareExchange(ref s_exitCode, context.Signal == PosixSignal.SIGTERM ? ExitCodes.Terminated : ExitCodes.Interrupted, 0);
            try
            {
                run.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The run ended meanwhile.
            }
        }
    }

    /// <summary>Runs the job; returns 0 when every row was signed, 3 when some were refused, 2 when it could not run, 130/143 when interrupted.</summary>
    public static async Task<int> RunAsync<T>(Request request, IReadOnlyList<ClaimDescriptor> claims,
        Func<T, string, TimeProvider, bool, PlatformTokenIssuer<T>> createIssuer, CancellationToken cancellationToken)
        where T : IJwtPayload<T>
    {
        try
        {
            return await RunCoreAsync(request, claims, createIssuer, cancellationToken);
        }
        catch (Exception exception) when (exception is UsageException or BulkInputException)
        {
            request.Status.WriteLine(TerminalText.Escape(exception.Message));
            return ExitCodes.Usage;
        }
    }

    private static async Task<int> RunCoreAsync<T>(Request request, IReadOnlyList<ClaimDescriptor> claims,
        Func<T, string, TimeProvider, bool, PlatformTokenIssuer<T>> createIssuer, CancellationToken cancellationToken)
        where T : IJwtPayload<T>
    {
        string format = request.Format.ToLowerInvariant();
        if (format is not ("tokens" or "csv" or "jsonl"))
        {
            throw new UsageException($"Unknown --format '{request.Format}'; use tokens, csv or jsonl.");
        }

        bool toStandardOutput = request.Output == "-";
        CheckFiles(request, toStandardOutput);
        bool isCsv = request.Input.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);
        if (!isCsv && request.KeepColumns.Count > 0)
        {
            throw new UsageException("--keep-column is for CSV input, whose columns that are not claims it keeps; a JSONL row's names are all claims.");
        }

        var top = new Scope(claims, longNames: true);
        JsonObject defaultsObject = DefaultsOf(request, claims, top);
        byte[] defaultsJson = Encoding.UTF8.GetBytes(defaultsObject.ToJsonString());
        Defaults? defaults = Defaults.Of(defaultsObject, top);
        var job = new Job(request, claims, top, defaults, request.Clock.GetUtcNow());

        PlatformTokenIssuer<T> issuer;
        try
        {
            // The issuer is made from the platform's ids (Daily's domain, a team, a key): in the defaults, else in the first
            // row that reads.
            T template = Read<T>(defaultsJson, out string? problem) ?? FirstReadable<T>(job, out problem)
                ?? throw new UsageException("No row reads into the platform's token, with the defaults or without: " + problem);
            try
            {
                issuer = createIssuer(template, request.Secret, request.Clock, request.AllowShortKey);
            }
            catch (CliPlatform.MissingClaimException missing)
            {
                // The platform's ids may be on the rows themselves (Daily's d on every row): the first row that reads.
                T row = FirstReadable<T>(job, out _) ?? throw new UsageException(missing.Message + " Or give it on every row.");
                try
                {
                    issuer = createIssuer(row, request.Secret, request.Clock, request.AllowShortKey);
                }
                catch (CliPlatform.MissingClaimException)
                {
                    throw new UsageException(missing.Message + " Or give it on every row.");
                }
            }
        }
        catch (ArgumentException exception)
        {
            // The key (too short), or an id the issuer does not take; said without the key.
            throw new UsageException(exception.Message);
        }

        string? temporary = toStandardOutput ? null : PartialName(request.Output);
        string? errorsTemporary = request.Errors is null ? null : PartialName(request.Errors);
        var pending = new ConcurrentQueue<Row>();
        var errorLines = new List<string>();
        var unread = new Unread();
        long rows = 0, signed = 0, refused = 0;
        long started = Stopwatch.GetTimestamp();
        using (issuer)
        {
            try
            {
                Stream sink = temporary is null ? Console.OpenStandardOutput() : CreatePrivate(temporary);
                await using (var output = new BufferedStream(sink, 1 << 16))
                {
                    using var reader = new StreamReader(request.Input, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
                    IEnumerable<Row> input = isCsv ? ReadCsv(reader, job) : ReadJsonl(reader, job);
                    var options = new BulkSignOptions
                    {
                        StopOnFirstError = request.FailFast,
                        Progress = request.Interactive ? new Progress(request.Status, request.Clock, () => (double)reader.BaseStream.Position / Math.Max(1, reader.BaseStream.Length)) : null,
                    };
                    bool headerWritten = false;
                    var line = new StringBuilder();
                    await foreach (BulkSignItem item in issuer.IssueEachAsync(Payloads(input, issuer, pending, errorLines, unread, request.FailFast), options, cancellationToken))
                    {
                        if (!pending.TryDequeue(out Row? row))
                        {
                            throw new InvalidOperationException("The bulk run returned more items than rows.");
                        }

                        rows++;
                        if (!headerWritten && format == "csv")
                        {
                            WriteText(output, CsvHeader(job));
                            headerWritten = true;
                        }

                        if (!item.IsSigned)
                        {
                            refused++;
                            lock (errorLines)
                            {
                                foreach (ClaimProblem problem in item.Problems)
                                {
                                    errorLines.Add($"line {row.Line}: " + TerminalText.Escape($"'{problem.Claim}' {problem.Message}"));
                                }
                            }

                            continue;
                        }

                        signed++;
                        ReadOnlySpan<byte> token = item.Token.Span;
                        switch (format)
                        {
                            case "tokens":
                                output.Write(token);
                                output.WriteByte((byte)'\n');
                                break;
                            case "csv":
                                WriteText(output, CsvRow(job, row, token, line));
                                break;
                            default:
                                WriteJsonl(output, job, row, token);
                                break;
                        }
                    }

                    if (!headerWritten && format == "csv")
                    {
                        WriteText(output, CsvHeader(job));
                    }

                    rows += unread.Count;
                    refused += unread.Count;
                }

                // Unreadable rows are found by the reading side, refused payloads by the writing side: put them back in line order.
                errorLines = System.Linq.Enumerable.ToList(System.Linq.Enumerable.OrderBy(errorLines, LineOf));
                if (errorsTemporary is not null)
                {
                    using (var errorsFile = new StreamWriter(CreatePrivate(errorsTemporary), new UTF8Encoding(false)))
                    {
                        foreach (string error in errorLines)
                        {
                            errorsFile.WriteLine(error);
                        }
                    }

                    Publish(errorsTemporary, request.Errors!, request.Force);
                }

                if (temporary is not null)
                {
                    Publish(temporary, request.Output, request.Force);
                }
            }
            catch (OperationCanceledException)
            {
                Remove(temporary, errorsTemporary);
                if (request.Interactive)
                {
                    request.Status.WriteLine();
                }

                request.Status.WriteLine(toStandardOutput
                    ? "interrupted: the tokens written to standard output so far are not all of them; run it again."
                    : "interrupted: no output written (the partial file was removed); run it again.");
                return Interruption.ExitCode;
            }
            catch (Exception exception) when (exception is BulkInputException or UsageException)
            {
                Remove(temporary, errorsTemporary);
                if (request.Interactive)
                {
                    request.Status.WriteLine();
                }

                request.Status.WriteLine(TerminalText.Escape(exception.Message) + (toStandardOutput ? "" : " Nothing was written."));
                return ExitCodes.Usage;
            }
            catch
            {
                Remove(temporary, errorsTemporary);
                throw;
            }
        }

        double seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        if (request.Interactive)
        {
            request.Status.WriteLine();
        }

        request.Status.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rows: {rows}, tokens: {signed}, rejected: {refused}, seconds: {seconds:F2}, tokens/s: {(seconds > 0 ? signed / seconds : 0):F0}"));
        foreach (string line in errorLines.Count > 20 ? errorLines.GetRange(0, 20) : errorLines)
        {
            request.Status.WriteLine("  " + line);
        }

        if (errorLines.Count > 20)
        {
            request.Status.WriteLine($"  … {errorLines.Count - 20} more" + (request.Errors is null ? " (--errors FILE keeps them all)" : " in " + TerminalText.Escape(request.Errors)));
        }

        return refused == 0 ? ExitCodes.Ok : ExitCodes.RowsRefused;
    }

    /// <summary>The files before anything is read: the input there, the output's and errors' directories there, no file written over another, stale partial files named.</summary>
    private static void CheckFiles(Request request, bool toStandardOutput)
    {
        if (!File.Exists(request.Input))
        {
            throw new UsageException($"The input file '{request.Input}' does not exist.");
        }

        string input = Path.GetFullPath(request.Input);
        string? output = toStandardOutput ? null : Path.GetFullPath(request.Output);
        string? errors = request.Errors is null ? null : Path.GetFullPath(request.Errors);
        if (output == input)
        {
            throw new UsageException("--output is the input file: write the tokens to another file.");
        }

        if (errors == input)
        {
            throw new UsageException("--errors is the input file: write the refused rows to another file.");
        }

        if (errors is not null && errors == output)
        {
            throw new UsageException("--errors is the --output file: give them different files.");
        }

        foreach ((string? path, string option) in new[] { (output, "--output"), (errors, "--errors") })
        {
            if (path is null)
            {
                continue;
            }

            if (!Directory.Exists(Path.GetDirectoryName(path)))
            {
                throw new UsageException($"The directory of {option} '{Path.GetDirectoryName(path)}' does not exist.");
            }

            if (Directory.Exists(path))
            {
                throw new UsageException($"{option} '{path}' is a directory.");
            }

            if (File.Exists(path) && !request.Force)
            {
                throw new UsageException($"{option} '{path}' exists; give --force to replace it.");
            }

            // A run that was killed leaves its partial file under a hidden name: said, not silently left (it may hold tokens).
            foreach (string stale in Directory.GetFiles(Path.GetDirectoryName(path)!, "." + Path.GetFileName(path) + ".partial-*"))
            {
                request.Status.WriteLine("warning: " + TerminalText.Escape(stale) + " is the partial file of an earlier run that did not finish; it may hold tokens: remove it.");
            }
        }
    }

    private static string PartialName(string path)
    {
        string full = Path.GetFullPath(path);
        return Path.Combine(Path.GetDirectoryName(full)!, "." + Path.GetFileName(full) + ".partial-" + Guid.NewGuid().ToString("N"));
    }

    /// <summary>A new file only its owner can read and write (0600 on Unix): the output holds bearer tokens.</summary>
    private static FileStream CreatePrivate(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 0 };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return new FileStream(path, options);
    }

    private static void Publish(string temporary, string path, bool force)
    {
        try
        {
            File.Move(temporary, path, overwrite: force);
        }
        catch (IOException) when (File.Exists(path) && !force)
        {
            throw new UsageException($"'{path}' was created while the run went on; give --force to replace it.");
        }
    }

    private static void Remove(params string?[] paths)
    {
        foreach (string? path in paths)
        {
            if (path is not null)
            {
                File.Delete(path);
            }
        }
    }

    private static long LineOf(string error) =>
        long.TryParse(error.AsSpan(5, error.IndexOf(':') - 5), NumberStyles.None, CultureInfo.InvariantCulture, out long line) ? line : 0;

    /// <summary>Rows that could not be read into a payload (malformed JSON or CSV, a claim of the wrong type), counted by the producer.</summary>
    private sealed class Unread
    {
        public long Count;
    }

    /// <summary>
    /// The defaults every row gets: <c>--claims-json</c> (every name the schema's, a long name standing for its claim)
    /// and the claim options, at their path; a problem with any is one line each, and exit 2.
    /// </summary>
    private static JsonObject DefaultsOf(Request request, IReadOnlyList<ClaimDescriptor> claims, Scope top)
    {
        var problems = new List<string>();
        var payload = new JsonObject();
        if (request.DefaultsJson is { } json)
        {
            try
            {
                using JsonDocument document = JsonDocument.Parse(json);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    problems.Add("--claims-json is not a JSON object");
                }
                else
                {
                    SchemaNames.CheckPayload(document.RootElement, claims, request.Platform, problems);
                    foreach (JsonProperty claim in document.RootElement.EnumerateObject())
                    {
                        if (SchemaNames.Find(claim.Name, claims) is not { } known)
                        {
                            continue;
                        }

                        if (payload.ContainsKey(known.Name))
                        {
                            problems.Add($"'{known.Name}' is given twice in --claims-json");
                            continue;
                        }

                        payload[known.Name] = JsonNode.Parse(claim.Value.GetRawText());
                    }
                }
            }
            catch (JsonException exception)
            {
                problems.Add("--claims-json is not valid JSON: " + exception.Message);
            }
        }

        DateTimeOffset now = request.Clock.GetUtcNow();
        foreach ((PlatformSign.ClaimOption option, string[] values) in request.ClaimOptions)
        {
            if (values.Length > 1 && option.Claim.Type != ClaimValueType.Array)
            {
                problems.Add($"'{option.Display}' ({option.Name}) is given {values.Length} times");
            }
            else if (!PlatformSign.ToJson(option.Claim, values, now, out JsonNode? node, out string? problem))
            {
                problems.Add($"'{option.Display}' ({option.Name}) {problem}");
            }
            else if (PlatformSign.Place(payload, option.Path, node) is not null)
            {
                problems.Add($"'{option.Display}' is given by {option.Name} and by --claims-json");
            }
        }

        if (problems.Count == 1)
        {
            throw new UsageException(problems[0] + ".");
        }

        if (problems.Count > 1)
        {
            throw new UsageException($"The defaults are not valid ({problems.Count} problems): " + string.Join("; ", problems) + ".");
        }

        return payload;
    }


    /// <summary>What the readers share: the request, the schema's names, the defaults, the columns of the CSV header.</summary>
    private sealed class Job(Request request, IReadOnlyList<ClaimDescriptor> claims, Scope top, Defaults? defaults, DateTimeOffset now)
    {
        public Request Request { get; } = request;

        public IReadOnlyList<ClaimDescriptor> Claims { get; } = claims;

        public Scope Top { get; } = top;

        public Defaults? Defaults { get; } = defaults;

        public DateTimeOffset Now { get; } = now;

        /// <summary>The CSV header as given, once read.</summary>
        public string[]? Header { get; set; }

        /// <summary>For each CSV column: its claim, or <see langword="null"/> for a kept column.</summary>
        public ClaimDescriptor?[]? Columns { get; set; }
    }

    /// <summary>The first of the first thousand rows that reads into a payload, with the defaults; <see langword="null"/> when none does.</summary>
    private static T? FirstReadable<T>(Job job, out string? problem) where T : IJwtPayload<T>
    {
        problem = null;
        using var reader = new StreamReader(job.Request.Input, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var probe = new Job(job.Request, job.Claims, job.Top, job.Defaults, job.Now);
        bool isCsv = job.Request.Input.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);
        int tried = 0;

        // A header or a name that stops the run stops it here too, before anything is written: it is the problem to say.
        foreach (Row row in isCsv ? ReadCsv(reader, probe) : ReadJsonl(reader, probe))
        {
            string? rowProblem = row.Problem;
            if (row.Json is { } json && Read<T>(json, out rowProblem) is { } payload)
            {
                return payload;
            }

            problem ??= $"line {row.Line}: {rowProblem}";
            if (++tried == 1000)
            {
                break;
            }
        }

        return default;
    }

    /// <summary>
    /// The payloads of the readable rows, completed by the issuer; every one is queued, in order, for the consumer to
    /// pair. A row that does not read, or that the issuer refuses (another domain or key than its own), is that row's
    /// problem.
    /// </summary>
    private static async IAsyncEnumerable<T> Payloads<T>(IEnumerable<Row> rows, PlatformTokenIssuer<T> issuer,
        ConcurrentQueue<Row> pending, List<string> errorLines, Unread unread, bool failFast, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where T : IJwtPayload<T>
    {
        foreach (Row row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string? problem = row.Problem;
            T? payload = default;
            if (problem is null)
            {
                payload = Read<T>(row.Json!, out problem);
            }

            if (payload is not null)
            {
                try
                {
                    // Completed here, where a refusal is the row's, not the run's; completing again fills nothing.
                    payload = issuer.Complete(payload);
                }
                catch (ArgumentException exception)
                {
                    payload = default;
                    problem = exception.Message;
                }
            }

            if (payload is null)
            {
                lock (errorLines)
                {
                    errorLines.Add($"line {row.Line}: " + TerminalText.Escape(problem));
                }

                unread.Count++;

                if (failFast)
                {
                    yield break;
                }

                continue;
            }

            pending.Enqueue(row);
            yield return payload;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    private static T? Read<T>(byte[] json, out string? problem) where T : IJwtPayload<T>
    {
        var reader = new Utf8JsonReader(json);
        if (T.TryReadPayload(ref reader, out T? payload, out ClaimReadError error))
        {
            problem = null;
            return payload;
        }

        problem = error.ToString();
        return default;
    }

    /// <summary>
    /// The names of one level of the schema, looked up by their UTF-8 bytes in a table built once (by length, then
    /// compared), so that a row's names are checked without a string or a JSON tree; at the top level a long name
    /// stands for its claim, as in <see cref="SchemaNames.Find"/>.
    /// </summary>
    private sealed class Scope
    {
        private readonly (byte[] Name, int Index)[][] _byLength;
        private readonly Dictionary<string, int> _byString = new(StringComparer.Ordinal);

        public Scope(IReadOnlyList<ClaimDescriptor> claims, bool longNames)
        {
            Claims = new ClaimDescriptor[claims.Count];
            Names = new JsonEncodedText[claims.Count];
            Children = new Scope?[claims.Count];
            for (int i = 0; i < claims.Count; i++)
            {
                Claims[i] = claims[i];
                Names[i] = JsonEncodedText.Encode(claims[i].Name, Relaxed);
                Children[i] = claims[i].Members is { } members ? new Scope(members, longNames: false) : null;
                _byString.TryAdd(claims[i].Name, i);
            }

            for (int i = 0; longNames && i < claims.Count; i++)
            {
                if (claims[i].LongName is { } longName)
                {
                    _byString.TryAdd(longName, i);
                }
            }

            int longest = 0;
            foreach (string name in _byString.Keys)
            {
                longest = Math.Max(longest, Encoding.UTF8.GetByteCount(name));
            }

            var lists = new List<(byte[], int)>[longest + 1];
            foreach ((string name, int index) in _byString)
            {
                byte[] bytes = Encoding.UTF8.GetBytes(name);
                (lists[bytes.Length] ??= new()).Add((bytes, index));
            }

            _byLength = Array.ConvertAll(lists, list => list?.ToArray() ?? Array.Empty<(byte[], int)>());
        }

        public ClaimDescriptor[] Claims { get; }

        /// <summary>The token's name of each claim, as written.</summary>
        public JsonEncodedText[] Names { get; }

        /// <summary>The names inside each claim that has members.</summary>
        public Scope?[] Children { get; }

        /// <summary>The index of the claim the current property name stands for, or -1.</summary>
        public int Find(ref Utf8JsonReader json)
        {
            if (!json.ValueIsEscaped && !json.HasValueSequence)
            {
                ReadOnlySpan<byte> name = json.ValueSpan;
                if (name.Length < _byLength.Length)
                {
                    foreach ((byte[] candidate, int index) in _byLength[name.Length])
                    {
                        if (name.SequenceEqual(candidate))
                        {
                            return index;
                        }
                    }
                }

                return -1;
            }

            return _byString.TryGetValue(json.GetString()!, out int found) ? found : -1;
        }

        public int IndexOf(string name) => _byString.TryGetValue(name, out int index) ? index : -1;
    }

    /// <summary>The defaults of one level, as raw JSON by claim index; those of a nested object merge into a row's own object.</summary>
    private sealed class Defaults
    {
        private Defaults((int Index, byte[] Raw, Defaults? Nested)[] values) => Values = values;

        public (int Index, byte[] Raw, Defaults? Nested)[] Values { get; }

        public Defaults? NestedAt(int index)
        {
            foreach ((int at, _, Defaults? nested) in Values)
            {
                if (at == index)
                {
                    return nested;
                }
            }

            return null;
        }

        public static Defaults? Of(JsonObject values, Scope scope)
        {
            var list = new List<(int, byte[], Defaults?)>();
            foreach (KeyValuePair<string, JsonNode?> value in values)
            {
                int index = scope.IndexOf(value.Key);
                Defaults? nested = value.Value is JsonObject inner && scope.Claims[index].Type == ClaimValueType.Object && scope.Children[index] is { } child
                    ? Of(inner, child)
                    : null;
                list.Add((index, Encoding.UTF8.GetBytes(value.Value?.ToJsonString() ?? "null"), nested));
            }

            return list.Count == 0 ? null : new Defaults(list.ToArray());
        }
    }

    /// <summary>
    /// One row's claims object into its payload JSON in one pass of a JSON reader, without a JSON tree: every name
    /// checked against the schema's (a long name at the top written as the claim's name; an unknown one stops the run
    /// with the suggestion), values copied as they are, the defaults added where the row has no value of its own.
    /// </summary>
    /// <returns>The row's problem (not one object, a claim given twice), or <see langword="null"/>.</returns>
    private static string? Transform(byte[] bytes, Job job, System.Buffers.ArrayBufferWriter<byte> buffer)
    {
        buffer.ResetWrittenCount();
        using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true, Encoder = Relaxed });
        var json = new Utf8JsonReader(bytes);
        if (!json.Read() || json.TokenType != JsonTokenType.StartObject)
        {
            return "is not a JSON object";
        }

        string? problem = CopyObject(ref json, bytes, writer, job.Top, job.Defaults, job, topLevel: true);
        if (json.TokenType != JsonTokenType.EndObject || json.Read())
        {
            problem ??= "is not one JSON object";
        }

        writer.Flush();
        return problem;
    }

    private static string? CopyObject(ref Utf8JsonReader json, byte[] bytes, Utf8JsonWriter writer, Scope scope, Defaults? defaults, Job job, bool topLevel)
    {
        string? problem = null;
        writer.WriteStartObject();
        Span<bool> seen = scope.Claims.Length <= 256 ? stackalloc bool[scope.Claims.Length] : new bool[scope.Claims.Length];
        while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
        {
            int index = scope.Find(ref json);
            if (index < 0)
            {
                if (topLevel)
                {
                    throw new BulkInputException(SchemaNames.Unknown(json.GetString()!, job.Claims, job.Request.Platform));
                }

                throw new NestedNameException();
            }

            if (seen[index])
            {
                problem ??= topLevel ? $"'{scope.Claims[index].Name}' is given twice" : $"'{scope.Claims[index].Name}' is given twice in one object";
            }

            seen[index] = true;
            writer.WritePropertyName(scope.Names[index]);
            json.Read();
            ClaimDescriptor claim = scope.Claims[index];
            int start = (int)json.TokenStartIndex;
            if (scope.Children[index] is not { } child)
            {
                json.Skip();
                writer.WriteRawValue(bytes.AsSpan(start, (int)json.BytesConsumed - start), skipInputValidation: true);
                continue;
            }

            try
            {
                if (json.TokenType == JsonTokenType.StartObject && claim.Type == ClaimValueType.Object)
                {
                    problem ??= CopyObject(ref json, bytes, writer, child, defaults?.NestedAt(index), job, topLevel: false);
                }
                else
                {
                    Utf8JsonReader probe = json;
                    if (!CheckValue(ref probe, claim, child))
                    {
                        throw new NestedNameException();
                    }

                    json.Skip();
                    writer.WriteRawValue(bytes.AsSpan(start, (int)json.BytesConsumed - start), skipInputValidation: true);
                }
            }
            catch (NestedNameException) when (topLevel)
            {
                throw new BulkInputException(NestedProblem(bytes, start, claim, job));
            }
        }

        if (defaults is not null)
        {
            foreach ((int index, byte[] raw, _) in defaults.Values)
            {
                if (!seen[index])
                {
                    writer.WritePropertyName(scope.Names[index]);
                    writer.WriteRawValue(raw, skipInputValidation: true);
                }
            }
        }

        writer.WriteEndObject();
        return problem;
    }

    /// <summary>Whether every name inside a claim's value is the schema's (the members of an object, of each item of an array, of each value of a map).</summary>
    private static bool CheckValue(ref Utf8JsonReader json, ClaimDescriptor claim, Scope members)
    {
        switch (json.TokenType)
        {
            case JsonTokenType.StartObject when claim.Type == ClaimValueType.Map:
                while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
                {
                    json.Read();
                    if (!CheckObject(ref json, members))
                    {
                        return false;
                    }
                }

                return true;
            case JsonTokenType.StartObject:
                return CheckObject(ref json, members);
            case JsonTokenType.StartArray:
                while (json.Read() && json.TokenType != JsonTokenType.EndArray)
                {
                    if (!CheckObject(ref json, members))
                    {
                        return false;
                    }
                }

                return true;
            default:
                json.Skip();
                return true;
        }
    }

    private static bool CheckObject(ref Utf8JsonReader json, Scope scope)
    {
        if (json.TokenType != JsonTokenType.StartObject)
        {
            json.Skip();
            return true;
        }

        while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
        {
            int index = scope.Find(ref json);
            if (index < 0)
            {
                return false;
            }

            json.Read();
            if (scope.Children[index] is { } child)
            {
                if (!CheckValue(ref json, scope.Claims[index], child))
                {
                    return false;
                }
            }
            else
            {
                json.Skip();
            }
        }

        return true;
    }

    /// <summary>The message for an unknown name inside a claim, with the suggestion: from <see cref="SchemaNames.CheckValue"/>, on this rare path only.</summary>
    private static string NestedProblem(byte[] bytes, int start, ClaimDescriptor claim, Job job)
    {
        var problems = new List<string>();
        try
        {
            var reader = new Utf8JsonReader(bytes.AsSpan(start));
            using JsonDocument value = JsonDocument.ParseValue(ref reader);
            SchemaNames.CheckValue(value.RootElement, claim, claim.Name, job.Request.Platform, problems);
        }
        catch (JsonException)
        {
            // Malformed after the unknown name: the name is the problem said.
        }

        return problems.Count > 0 ? problems[0] : $"'{claim.Name}' holds a name that is not a {job.Request.Platform} '{claim.Name}' claim (--help lists them)";
    }

    /// <summary>JSONL rows, each turned into its payload JSON by <see cref="Transform"/>.</summary>
    private static IEnumerable<Row> ReadJsonl(StreamReader reader, Job job)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        long line = 0;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (text.Length == 0)
            {
                continue;
            }

            byte[] bytes = Encoding.UTF8.GetBytes(text);
            string? problem;
            try
            {
                problem = Transform(bytes, job, buffer);
            }
            catch (JsonException exception)
            {
                problem = "is not valid JSON: " + exception.Message;
            }
            catch (InvalidOperationException)
            {
                problem = "has a name that is not valid text (an unpaired surrogate escape)";
            }
            catch (BulkInputException exception)
            {
                throw new BulkInputException($"line {line}: {exception.Message}");
            }

            yield return new Row(line, problem, problem is null ? buffer.WrittenSpan.ToArray() : null, null);
        }
    }

    /// <summary>
    /// CSV rows: the header's names are the schema's (long or short) or columns kept with <c>--keep-column</c>, else the
    /// run stops; each cell becomes its claim's JSON by the claim's type (<see cref="PlatformSign.ToJson"/>: Excel's
    /// TRUE/FALSE, 1/0; a nested claim as JSON), then the row goes through <see cref="Transform"/> like a JSONL row.
    /// </summary>
    private static IEnumerable<Row> ReadCsv(StreamReader reader, Job job)
    {
        var csv = new CsvReader(reader);
        if (!csv.TryRead(out List<string>? header, out _, out string? headerProblem, out _))
        {
            job.Header = Array.Empty<string>();
            job.Columns = Array.Empty<ClaimDescriptor?>();
            yield break;
        }

        if (headerProblem is not null)
        {
            throw new BulkInputException("line 1: the header row " + headerProblem);
        }

        ReadHeader(header!, job);
        ClaimDescriptor?[] columns = job.Columns!;
        var row = new System.Buffers.ArrayBufferWriter<byte>(256);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        while (csv.TryRead(out List<string>? fields, out long line, out string? problem, out int spanned))
        {
            if (problem is null && fields!.Count != columns.Length)
            {
                problem = $"has {fields.Count} fields, the header {columns.Length}";
            }

            if (problem is not null && spanned > 0)
            {
                // A quote that pairs with one lines later has swallowed the rows between: stop rather than lose them.
                throw new BulkInputException($"line {line}: a quoted field starts here and runs over {spanned + 1} lines to a record that {problem}; a quote is missing or extra, and the rows in between would be lost.");
            }

            byte[]? json = null;
            if (problem is null)
            {
                row.ResetWrittenCount();
                using (var writer = new Utf8JsonWriter(row, new JsonWriterOptions { Encoder = Relaxed }))
                {
                    writer.WriteStartObject();
                    for (int i = 0; problem is null && i < columns.Length; i++)
                    {
                        if (fields![i].Length == 0 || columns[i] is not { } claim)
                        {
                            continue; // An empty field is an absent claim; a kept column is not a claim.
                        }

                        if (CellToJson(claim, fields[i], job.Now, out JsonNode? value, out string? cellProblem))
                        {
                            writer.WritePropertyName(claim.Name);
                            if (value is null)
                            {
                                writer.WriteNullValue();
                            }
                            else
                            {
                                value.WriteTo(writer);
                            }
                        }
                        else
                        {
                            problem = $"'{claim.Name}' {cellProblem}";
                        }
                    }

                    writer.WriteEndObject();
                }

                if (problem is null)
                {
                    try
                    {
                        problem = Transform(row.WrittenSpan.ToArray(), job, buffer);
                    }
                    catch (BulkInputException exception)
                    {
                        throw new BulkInputException($"line {line}: {exception.Message}");
                    }
                    catch (JsonException exception)
                    {
                        problem = "is not valid JSON: " + exception.Message;
                    }

                    json = problem is null ? buffer.WrittenSpan.ToArray() : null;
                }
            }

            yield return new Row(line, problem, json, fields?.ToArray());
        }
    }

    private static void ReadHeader(List<string> header, Job job)
    {
        var kept = new HashSet<string>(job.Request.KeepColumns, StringComparer.Ordinal);
        var columns = new ClaimDescriptor?[header.Count];
        var byClaim = new Dictionary<string, string>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (string column in kept)
        {
            if (column is "token" or "join_link")
            {
                problems.Add($"'{column}' is a column bulk writes; rename the input's column");
            }
            else if (SchemaNames.Find(column, job.Claims) is not null)
            {
                problems.Add($"--keep-column '{column}' is a {job.Request.Platform} claim, read as one; --keep-column is for the other columns");
            }
            else if (!header.Exists(h => h.Trim() == column))
            {
                problems.Add($"--keep-column '{column}' is not a column of the header");
            }
        }

        for (int i = 0; i < header.Count; i++)
        {
            string name = header[i].Trim();
            if (SchemaNames.Find(name, job.Claims) is { } claim)
            {
                columns[i] = claim;
                if (!byClaim.TryAdd(claim.Name, name))
                {
                    problems.Add($"'{claim.Name}' is given by two columns, '{byClaim[claim.Name]}' and '{name}'");
                }
            }
            else if (kept.Contains(name))
            {
                if (!byClaim.TryAdd(" " + name, name))
                {
                    problems.Add($"the column '{name}' is there twice");
                }
            }
            else
            {
                problems.Add(SchemaNames.Unknown(name, job.Claims, job.Request.Platform) + " (a column that is not a claim is kept with --keep-column)");
            }
        }

        if (problems.Count > 0)
        {
            throw new BulkInputException("line 1: the header: " + string.Join("; ", problems) + ".");
        }

        job.Header = header.ToArray();
        job.Columns = columns;
    }

    /// <summary>A CSV cell as its claim's JSON: a nested claim (an object, a map, free JSON, an array written as JSON) as JSON text, anything else by <see cref="PlatformSign.ToJson"/>.</summary>
    private static bool CellToJson(ClaimDescriptor claim, string cell, DateTimeOffset now, out JsonNode? value, out string? problem)
    {
        if (claim.Type is ClaimValueType.Object or ClaimValueType.Map or ClaimValueType.Json
            || (claim.Type == ClaimValueType.Array && cell.StartsWith('[')))
        {
            try
            {
                value = JsonNode.Parse(cell);
                problem = null;
                return true;
            }
            catch (JsonException)
            {
                value = null;
                problem = "takes JSON in a CSV cell (a nested claim), and this is not JSON";
                return false;
            }
        }

        return PlatformSign.ToJson(claim, new[] { cell }, now, out value, out problem);
    }

    /// <summary>A top-level string claim of a payload, read without a JSON tree.</summary>
    private static string? StringClaim(byte[] json, string name)
    {
        var reader = new Utf8JsonReader(json);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool wanted = reader.ValueTextEquals(name);
            reader.Read();
            if (wanted)
            {
                return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }

            reader.Skip();
        }

        return null;
    }

    private static string? JoinLink(Request request, Row row, string token) => request.Platform switch
    {
        "daily" when request.DailySubdomain is { } subdomain && StringClaim(row.Json!, "r") is { } room =>
            $"https://{subdomain}.daily.co/{Uri.EscapeDataString(room)}?t={token}",
        "digitalsamba" when request.DigitalSambaTeamDomain is { } team && StringClaim(row.Json!, "rd") is { } room =>
            DigitalSamba.DigitalSambaTokenIssuer.AppendToken(new Uri($"https://{team}.digitalsamba.com/{Uri.EscapeDataString(room)}"), token).ToString(),
        _ => null,
    };

    private static void WriteText(Stream output, string text)
    {
        int length = Encoding.UTF8.GetByteCount(text) + 1;
        byte[] bytes = System.Buffers.ArrayPool<byte>.Shared.Rent(length);
        int written = Encoding.UTF8.GetBytes(text, bytes);
        bytes[written] = (byte)'\n';
        output.Write(bytes, 0, written + 1);
        System.Buffers.ArrayPool<byte>.Shared.Return(bytes);
    }

    private static string CsvHeader(Job job)
    {
        var text = new StringBuilder();
        foreach (string field in job.Header ?? Array.Empty<string>())
        {
            text.Append(Csv(field, job.Request.FormulaGuard)).Append(',');
        }

        return text.Append("token,join_link").ToString();
    }

    private static string CsvRow(Job job, Row row, ReadOnlySpan<byte> token, StringBuilder text)
    {
        text.Clear();
        foreach (string field in row.CsvFields ?? Array.Empty<string>())
        {
            text.Append(Csv(field, job.Request.FormulaGuard)).Append(',');
        }

        string tokenText = Encoding.ASCII.GetString(token);
        string? link = JoinLink(job.Request, row, tokenText);
        return text.Append(tokenText).Append(',').Append(link is null ? "" : Csv(link, job.Request.FormulaGuard)).ToString();
    }

    /// <summary>
    /// A CSV cell: quoted when it holds a comma, a quote or a line break (RFC 4180); with the formula guard, a cell
    /// starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or CR gets a leading <c>'</c>, so that a spreadsheet shows it
    /// instead of running it (OWASP CSV injection, CWE-1236). Tokens (<c>eyJ…</c>) and links never start so.
    /// </summary>
    private static string Csv(string field, bool guard)
    {
        if (guard && field.Length > 0 && field[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            field = "'" + field;
        }

        return field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>A JSONL output line: the row's payload JSON, then the kept CSV columns, <c>token</c> and <c>join_link</c>, one JSON object.</summary>
    private static void WriteJsonl(Stream output, Job job, Row row, ReadOnlySpan<byte> token)
    {
        var extra = new System.Buffers.ArrayBufferWriter<byte>(token.Length + 64);
        using (var writer = new Utf8JsonWriter(extra, new JsonWriterOptions { Encoder = Relaxed }))
        {
            writer.WriteStartObject();
            if (job.Columns is { } columns && row.CsvFields is { } fields)
            {
                for (int i = 0; i < columns.Length && i < fields.Length; i++)
                {
                    if (columns[i] is null)
                    {
                        writer.WriteString(job.Header![i].Trim(), fields[i]);
                    }
                }
            }

            string tokenText = Encoding.ASCII.GetString(token);
            writer.WriteString("token", tokenText);
            if (JoinLink(job.Request, row, tokenText) is { } link)
            {
                writer.WriteString("join_link", link);
            }

            writer.WriteEndObject();
        }

        // Two JSON objects joined into one: the payload (written by Transform from what the reader read) without its
        // closing brace, then the added members without the opening one.
        byte[] payload = row.Json!;
        output.Write(payload, 0, payload.Length - 1);
        if (payload.Length > 2)
        {
            output.WriteByte((byte)',');
        }

        output.Write(extra.WrittenSpan[1..]);
        output.WriteByte((byte)'\n');
    }

    /// <summary>A one-line progress bar on a terminal: how much of the input is read, rows, tokens/s, ETA.</summary>
    private sealed class Progress(TextWriter status, TimeProvider clock, Func<double> fractionRead) : IProgress<BulkSignProgress>
    {
        private readonly long _started = clock.GetTimestamp();

        public void Report(BulkSignProgress value)
        {
            TimeSpan elapsed = clock.GetElapsedTime(_started);
            double seconds = elapsed.TotalSeconds;

            // The input read so far, by bytes, tells how far the run is: the rest takes as long again, pro rata.
            double done = Math.Clamp(fractionRead(), 0, 1);
            string eta = done > 0.01 && done < 1 ? ", ETA " + SchemaInspection.Span(TimeSpan.FromSeconds(seconds * (1 - done) / done)) : "";
            status.Write(string.Create(CultureInfo.InvariantCulture,
                $"\r[{new string('#', (int)(done * 20)),-20}] {done:P0}  {value.Processed} rows, {value.Signed} tokens, {value.Refused} rejected, {(seconds > 0 ? value.Signed / seconds : 0):F0} tokens/s{eta}   "));
        }
    }

    /// <summary>RFC 4180 records: quoted fields with commas, doubled quotes and line breaks; the line a record starts on, and how many line breaks its quoted fields hold.</summary>
    private sealed class CsvReader(TextReader reader)
    {
        private long _line;

        public bool TryRead(out List<string>? fields, out long line, out string? problem, out int spanned)
        {
            fields = null;
            problem = null;
            spanned = 0;
            line = _line + 1;
            int c = reader.Read();
            while (c == '\r' || c == '\n')
            {
                if (c == '\n')
                {
                    _line++;
                }

                c = reader.Read();
            }

            if (c < 0)
            {
                return false;
            }

            line = _line + 1;
            fields = new List<string>();
            var field = new StringBuilder();
            bool quoted = false, wasQuoted = false;
            while (true)
            {
                if (quoted)
                {
                    if (c < 0)
                    {
                        // Never closed: it ran to the end of the file, over every row after it.
                        throw new BulkInputException($"line {line}: a quoted field starts here and is never closed (it runs to the end of the file, line {_line + 1}); no row after it could be read.");
                    }

                    if (c == '"')
                    {
                        if (reader.Peek() == '"')
                        {
                            field.Append('"');
                            reader.Read();
                        }
                        else
                        {
                            quoted = false;
                        }
                    }
                    else
                    {
                        if (c == '\n')
                        {
                            _line++;
                            spanned++;
                        }

                        field.Append((char)c);
                    }
                }
                else if (c == ',' || c == '\n' || c == '\r' || c < 0)
                {
                    fields.Add(field.ToString());
                    field.Clear();
                    wasQuoted = false;
                    if (c != ',')
                    {
                        if (c == '\r' && reader.Peek() == '\n')
                        {
                            reader.Read();
                        }

                        _line++;
                        return true;
                    }
                }
                else if (c == '"' && field.Length == 0 && !wasQuoted)
                {
                    quoted = wasQuoted = true;
                }
                else if (c == '"' || wasQuoted)
                {
                    problem ??= "has a quote inside an unquoted field, or text after a closing quote";
                    field.Append((char)c);
                }
                else
                {
                    field.Append((char)c);
                }

                c = reader.Read();
            }
        }
    }
}
