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
/// long or short), in input order, on all cores through the library's streaming bulk path, in bounded memory. A bad row
/// is reported with its line number and claim and written to the errors file; the other rows are still signed. The
/// output is written to a temporary file renamed at the end, so an interrupted run never leaves a file that looks
/// complete.
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
        string? DigitalSambaTeamDomain = null);

    /// <summary>One input row: where it was, its columns as given, its claims, or why it cannot be read.</summary>
    /// <remarks>A JSONL row carries its payload JSON (names normalized, defaults merged) in <c>Json</c>, and its claims as
    /// an object only when an output needs them.</remarks>
    private sealed record Row(long Line, JsonObject? Claims, string? Problem, IReadOnlyList<string>? CsvFields, byte[]? Json = null)
    {
        public JsonObject ClaimsObject => Claims ?? (Json is null ? new JsonObject() : (JsonObject)JsonNode.Parse(Json)!);
    }

    /// <summary>The <c>bulk &lt;platform&gt;</c> subcommands, one per platform of <see cref="CliPlatform.All"/>.</summary>
    internal static IEnumerable<Command> Commands()
    {
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
            var command = new Command(known.Name, $"Issue {known.Name} tokens in bulk. " + ExitCodes.Help) { input, output, errors, format, defaults, failFast, subdomain, teamDomain };
            command.SetAction(async (result, cancellationToken) =>
            {
                string? secret = Secrets.Read(result);
                if (string.IsNullOrEmpty(secret))
                {
                    Console.Error.WriteLine(Secrets.Missing);
                    return ExitCodes.Usage;
                }

                using var interrupted = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                using PosixSignalRegistration terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
                {
                    context.Cancel = true;
                    interrupted.Cancel();
                });
                var request = new Request(known.Name, result.GetValue(input)!, result.GetValue(output)!, result.GetValue(errors),
                    result.GetValue(format)!, result.GetValue(defaults), secret, TimeProvider.System, result.GetValue(Secrets.AllowShortKey),
                    result.GetValue(failFast), result.GetValue(subdomain), Console.Error, !Console.IsErrorRedirected, result.GetValue(teamDomain));
                return await known.Bulk(request, interrupted.Token);
            });
            yield return command;
        }
    }

    /// <summary>Runs the job; returns 0 when every row was signed, 1 when some were refused, 2 when nothing could run.</summary>
    public static async Task<int> RunAsync<T>(Request request, IReadOnlyList<ClaimDescriptor> claims,
        Func<T, string, TimeProvider, bool, PlatformTokenIssuer<T>> createIssuer, CancellationToken cancellationToken)
        where T : IJwtPayload<T>
    {
        string format = request.Format.ToLowerInvariant();
        if (format is not ("tokens" or "csv" or "jsonl"))
        {
            request.Status.WriteLine($"Unknown --format '{request.Format}'; use tokens, csv or jsonl.");
            return 2;
        }

        if (!File.Exists(request.Input))
        {
            request.Status.WriteLine($"The input file '{request.Input}' does not exist.");
            return 2;
        }

        JsonObject defaults;
        PlatformTokenIssuer<T> issuer;
        try
        {
            defaults = request.DefaultsJson is null ? new JsonObject() : JsonNode.Parse(request.DefaultsJson) as JsonObject
                ?? throw new ArgumentException("--claims-json is not a JSON object.");
            // The issuer is made from the platform's ids (Daily's domain, a team, a key): in the defaults, else in the first
            // row that reads.
            T template = Read<T>(Normalize(defaults, claims).ToJsonString(), out string? problem) ?? FirstReadable<T>(request, claims, defaults)
                ?? throw new ArgumentException("No row reads into the platform's token, with --claims-json or without: " + problem);
            issuer = createIssuer(template, request.Secret, request.Clock, request.AllowShortKey);
        }
        catch (Exception exception) when (exception is ArgumentException or JsonException or CliPlatform.MissingClaimException)
        {
            request.Status.WriteLine(exception.Message);
            return 2;
        }

        bool isCsv = request.Input.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);
        string directory = Path.GetDirectoryName(Path.GetFullPath(request.Output))!;
        string temporary = Path.Combine(directory, "." + Path.GetFileName(request.Output) + ".partial-" + Guid.NewGuid().ToString("N"));
        var pending = new ConcurrentQueue<Row>();
        var errorLines = new List<string>();
        var unread = new Unread();
        long rows = 0, signed = 0, refused = 0;
        string[]? header = null;
        long started = Stopwatch.GetTimestamp();
        using (issuer)
        {
            try
            {
                await using (var output = new StreamWriter(new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16), new UTF8Encoding(false), 1 << 16))
                {
                    using var reader = new StreamReader(request.Input, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
                    IEnumerable<Row> input = isCsv ? ReadCsv(reader, claims, h => header = h) : ReadJsonl(reader, claims, Normalize(defaults, claims));
                    var options = new BulkSignOptions
                    {
                        StopOnFirstError = request.FailFast,
                        Progress = request.Interactive ? new Progress(request.Status, request.Clock, () => (double)reader.BaseStream.Position / Math.Max(1, reader.BaseStream.Length)) : null,
                    };
                    bool headerWritten = false;
                    await foreach (BulkSignItem item in issuer.IssueEachAsync(Payloads<T>(input, defaults, claims, pending, errorLines, unread, request.FailFast), options, cancellationToken))
                    {
                        if (!pending.TryDequeue(out Row? row))
                        {
                            throw new InvalidOperationException("The bulk run returned more items than rows.");
                        }

                        rows++;
                        if (!headerWritten && format == "csv")
                        {
                            output.WriteLine(CsvHeader(header, row));
                            headerWritten = true;
                        }

                        if (!item.IsSigned)
                        {
                            refused++;
                            lock (errorLines)
                            {
                                foreach (ClaimProblem problem in item.Problems)
                                {
                                    errorLines.Add($"line {row.Line}: '{problem.Claim}' {problem.Message}");
                                }
                            }

                            continue;
                        }

                        signed++;
                        string token = item.GetTokenString()!;
                        output.WriteLine(format switch
                        {
                            "tokens" => token,
                            "csv" => CsvRow(row, token, JoinLink(request, row, token)),
                            _ => JsonlRow(row, token, JoinLink(request, row, token)),
                        });
                    }

                    rows += unread.Count;
                    refused += unread.Count;
                }

                File.Move(temporary, request.Output, overwrite: true);
            }
            catch (OperationCanceledException)
            {
                File.Delete(temporary);
                request.Status.WriteLine("interrupted: no output written (the partial file was removed); run it again.");
                return 2;
            }
            catch (FormatException exception)
            {
                File.Delete(temporary);
                request.Status.WriteLine(exception.Message);
                return 2;
            }
            catch
            {
                File.Delete(temporary);
                throw;
            }
        }

        // Unreadable rows are found by the reading side, refused payloads by the writing side: put them back in line order.
        errorLines = System.Linq.Enumerable.ToList(System.Linq.Enumerable.OrderBy(errorLines, LineOf));
        if (request.Errors is not null)
        {
            File.WriteAllLines(request.Errors, errorLines);
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
            request.Status.WriteLine($"  … {errorLines.Count - 20} more" + (request.Errors is null ? " (--errors FILE keeps them all)" : " in " + request.Errors));
        }

        return refused == 0 ? 0 : 1;
    }

    private static long LineOf(string error) =>
        long.TryParse(error.AsSpan(5, error.IndexOf(':') - 5), NumberStyles.None, CultureInfo.InvariantCulture, out long line) ? line : 0;

    /// <summary>Rows that could not be read into a payload (malformed JSON or CSV, a claim of the wrong type), counted by the producer.</summary>
    private sealed class Unread
    {
        public long Count;
    }

    /// <summary>The first of the first thousand rows that reads into a payload, with the defaults; <see langword="null"/> when none does.</summary>
    private static T? FirstReadable<T>(Request request, IReadOnlyList<ClaimDescriptor> claims, JsonObject defaults) where T : IJwtPayload<T>
    {
        using var reader = new StreamReader(request.Input, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        bool isCsv = request.Input.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);
        int tried = 0;
        try
        {
            foreach (Row row in isCsv ? ReadCsv(reader, claims, _ => { }) : ReadJsonl(reader, claims, Normalize(defaults, claims)))
            {
                if (row.Problem is null && PayloadOf<T>(row, defaults, claims, out _) is { } payload)
                {
                    return payload;
                }

                if (++tried == 1000)
                {
                    break;
                }
            }
        }
        catch (FormatException)
        {
            // The header row is malformed: the run itself reports it.
        }

        return default;
    }

    /// <summary>A row's payload: its own JSON (JSONL), or its claims over the defaults (CSV).</summary>
    private static T? PayloadOf<T>(Row row, JsonObject defaults, IReadOnlyList<ClaimDescriptor> claims, out string? problem) where T : IJwtPayload<T>
    {
        if (row.Json is { } json)
        {
            return Read<T>(json, out problem);
        }

        JsonObject merged = Normalize(defaults, claims);
        foreach (KeyValuePair<string, JsonNode?> claim in row.ClaimsObject)
        {
            merged[claim.Key] = claim.Value?.DeepClone();
        }

        return Read<T>(merged.ToJsonString(), out problem);
    }

    /// <summary>The payloads of the readable rows; every readable row is queued, in order, for the consumer to pair.</summary>
    private static async IAsyncEnumerable<T> Payloads<T>(IEnumerable<Row> rows, JsonObject defaults, IReadOnlyList<ClaimDescriptor> claims,
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
                payload = PayloadOf<T>(row, defaults, claims, out problem);
            }

            if (payload is null)
            {
                lock (errorLines)
                {
                    errorLines.Add($"line {row.Line}: {problem}");
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

    private static T? Read<T>(string json, out string? problem) where T : IJwtPayload<T> => Read<T>(Encoding.UTF8.GetBytes(json), out problem);

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

    /// <summary>A copy of <paramref name="claims"/> keyed by claim name (a long name stands for its claim).</summary>
    private static JsonObject Normalize(JsonObject given, IReadOnlyList<ClaimDescriptor> claims)
    {
        var normalized = new JsonObject();
        foreach (KeyValuePair<string, JsonNode?> claim in given)
        {
            normalized[NameOf(claim.Key, claims)] = claim.Value?.DeepClone();
        }

        return normalized;
    }

    private static string NameOf(string given, IReadOnlyList<ClaimDescriptor> claims)
    {
        foreach (ClaimDescriptor claim in claims)
        {
            if (claim.LongName == given && claim.Name != given)
            {
                return claim.Name;
            }
        }

        return given;
    }

    /// <summary>
    /// JSONL rows, each turned into its payload JSON in one pass of a JSON reader: long names written as claim names,
    /// values copied as they are, the defaults added where the row has no value of its own. No JSON tree is built.
    /// </summary>
    private static IEnumerable<Row> ReadJsonl(StreamReader reader, IReadOnlyList<ClaimDescriptor> claims, JsonObject defaults)
    {
        var longNames = new List<(byte[] Long, string Name)>();
        foreach (ClaimDescriptor claim in claims)
        {
            if (claim.LongName is { } longName && longName != claim.Name)
            {
                longNames.Add((Encoding.UTF8.GetBytes(longName), claim.Name));
            }
        }

        var defaultValues = new List<(string Name, byte[] Raw)>();
        foreach (KeyValuePair<string, JsonNode?> claim in defaults)
        {
            defaultValues.Add((claim.Key, Encoding.UTF8.GetBytes(claim.Value?.ToJsonString() ?? "null")));
        }

        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        long line = 0;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (text.Length == 0)
            {
                continue;
            }

            byte[] bytes = Encoding.UTF8.GetBytes(text);
            buffer.ResetWrittenCount();
            seen.Clear();
            string? problem = null;
            try
            {
                using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
                var json = new Utf8JsonReader(bytes);
                if (!json.Read() || json.TokenType != JsonTokenType.StartObject)
                {
                    problem = "is not a JSON object";
                }
                else
                {
                    writer.WriteStartObject();
                    while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
                    {
                        string name = Rename(ref json, longNames);
                        seen.Add(name);
                        writer.WritePropertyName(name);
                        json.Read();
                        int start = (int)json.TokenStartIndex;
                        json.Skip();
                        writer.WriteRawValue(bytes.AsSpan(start, (int)json.BytesConsumed - start), skipInputValidation: true);
                    }

                    if (json.TokenType != JsonTokenType.EndObject || json.Read())
                    {
                        problem = "is not one JSON object";
                    }

                    foreach ((string name, byte[] raw) in defaultValues)
                    {
                        if (!seen.Contains(name))
                        {
                            writer.WritePropertyName(name);
                            writer.WriteRawValue(raw, skipInputValidation: true);
                        }
                    }

                    writer.WriteEndObject();
                }
            }
            catch (JsonException exception)
            {
                problem = "is not valid JSON: " + exception.Message;
            }
            catch (InvalidOperationException)
            {
                problem = "has a name that is not valid text (an unpaired surrogate escape)";
            }

            yield return new Row(line, null, problem, null, problem is null ? buffer.WrittenSpan.ToArray() : null);
        }
    }

    private static string Rename(ref Utf8JsonReader json, List<(byte[] Long, string Name)> longNames)
    {
        foreach ((byte[] longName, string name) in longNames)
        {
            if (json.ValueTextEquals(longName))
            {
                return name;
            }
        }

        return json.GetString()!;
    }

    private static IEnumerable<Row> ReadCsv(StreamReader reader, IReadOnlyList<ClaimDescriptor> claims, Action<string[]> onHeader)
    {
        var csv = new CsvReader(reader);
        if (!csv.TryRead(out List<string>? header, out _, out string? headerProblem))
        {
            yield break;
        }

        if (headerProblem is not null)
        {
            throw new FormatException("line 1: the header row " + headerProblem);
        }

        string[] names = header!.ConvertAll(h => NameOf(h.Trim(), claims)).ToArray();
        onHeader(header.ToArray());
        DateTimeOffset now = DateTimeOffset.UtcNow;
        while (csv.TryRead(out List<string>? fields, out long line, out string? problem))
        {
            var row = new JsonObject();
            if (problem is null && fields!.Count != names.Length)
            {
                problem = $"has {fields.Count} fields, the header {names.Length}";
            }

            for (int i = 0; problem is null && i < names.Length; i++)
            {
                if (fields![i].Length == 0)
                {
                    continue; // An empty field is an absent claim.
                }

                ClaimDescriptor? descriptor = null;
                foreach (ClaimDescriptor claim in claims)
                {
                    descriptor = claim.Name == names[i] ? claim : descriptor;
                }

                if (descriptor is null)
                {
                    continue; // Another column (an e-mail, a name for the CSV output): kept, not a claim.
                }

                if (PlatformSign.ToJson(descriptor, new[] { fields[i] }, now, out JsonNode? value, out string? fieldProblem))
                {
                    row[names[i]] = value;
                }
                else
                {
                    problem = $"'{names[i]}' {fieldProblem}";
                }
            }

            yield return new Row(line, row, problem, fields);
        }
    }

    private static string? JoinLink(Request request, Row row, string token) => request.Platform switch
    {
        "daily" when request.DailySubdomain is { } subdomain && row.ClaimsObject["r"]?.GetValue<string>() is { } room =>
            $"https://{subdomain}.daily.co/{Uri.EscapeDataString(room)}?t={token}",
        "digitalsamba" when request.DigitalSambaTeamDomain is { } team && row.ClaimsObject["rd"]?.GetValue<string>() is { } room =>
            DigitalSamba.DigitalSambaTokenIssuer.AppendToken(new Uri($"https://{team}.digitalsamba.com/{Uri.EscapeDataString(room)}"), token).ToString(),
        _ => null,
    };

    private static string CsvHeader(string[]? header, Row first) =>
        string.Join(",", Array.ConvertAll(header ?? Array.Empty<string>(), Csv)) + (header is { Length: > 0 } ? "," : "") + "token,join_link";

    private static string CsvRow(Row row, string token, string? link)
    {
        var text = new StringBuilder();
        foreach (string field in row.CsvFields ?? Array.Empty<string>())
        {
            text.Append(Csv(field)).Append(',');
        }

        return text.Append(token).Append(',').Append(link is null ? "" : Csv(link)).ToString();
    }

    private static string JsonlRow(Row row, string token, string? link)
    {
        JsonObject line = (JsonObject)row.ClaimsObject.DeepClone();
        line["token"] = token;
        if (link is not null)
        {
            line["join_link"] = link;
        }

        return line.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    private static string Csv(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

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

    /// <summary>RFC 4180 records: quoted fields with commas, doubled quotes and line breaks; the line a record starts on.</summary>
    private sealed class CsvReader(TextReader reader)
    {
        private long _line;

        public bool TryRead(out List<string>? fields, out long line, out string? problem)
        {
            fields = null;
            problem = null;
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
                        problem = "has a quoted field that is never closed";
                        fields.Add(field.ToString());
                        return true;
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
                        _line += c == '\n' ? 1 : 0;
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
