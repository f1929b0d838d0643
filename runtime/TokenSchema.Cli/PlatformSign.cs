using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TokenSchema.Cli;

/// <summary>
/// <c>tokenschema sign &lt;platform&gt;</c>: one option per claim of the platform's schema, named after its long name
/// and typed by its descriptor (<see cref="IClaimSchema.ClaimDescriptors"/>), so the options are the schema's own claims and
/// never a list kept by hand. The options and <c>--claims-json</c> become the payload's JSON, which the platform's typed
/// record reads; its issuer fills what the platform always wants (<c>iat</c>, a default lifetime, its ids) and signs.
/// </summary>
internal static class PlatformSign
{
    /// <summary>A token, or every problem by claim name.</summary>
    internal sealed record IssueResult(string? Token, IReadOnlyList<string> Problems);

    /// <summary>The option name of a claim: its long name, else its member name, in kebab case (<c>--close-tab-on-exit</c>).</summary>
    internal static string OptionName(ClaimDescriptor claim) => "--" + Kebab(claim.LongName is { } longName && longName != claim.Name ? longName : claim.MemberName);

    /// <summary>Whether <c>sign</c> offers an option for the claim: values that fit on a command line.</summary>
    internal static bool HasOption(ClaimDescriptor claim) => claim.Type is not (ClaimValueType.Object or ClaimValueType.Map or ClaimValueType.Json);

    /// <summary>A claim the command line sets: its path from the top (<c>video</c>, <c>roomJoin</c>) and its descriptor.</summary>
    internal sealed record ClaimOption(IReadOnlyList<string> Path, ClaimDescriptor Claim, string Name)
    {
        /// <summary>The claim's path as messages show it: <c>video.roomJoin</c>.</summary>
        public string Display => string.Join(".", Path);
    }

    /// <summary>
    /// The options of a platform's claims: one per claim whose value fits on a command line, the claims of nested
    /// objects (LiveKit's <c>video</c> grant, Twilio's <c>grants.video</c>) included, named after the claim's long name
    /// (<c>--room-join</c>, <c>--can-publish</c>); a name two claims would share gets its object's name in front
    /// (<c>--sip-admin</c>, <c>--agent-admin</c>).
    /// </summary>
    internal static IReadOnlyList<ClaimOption> OptionsOf(CliPlatform platform)
    {
        var found = new List<(List<string> Path, ClaimDescriptor Claim, string Short, string Prefixed)>();
        Collect(platform.Claims, new List<string>(), "", found);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var option in found)
        {
            counts[option.Short] = counts.GetValueOrDefault(option.Short) + 1;
        }

        var options = new List<ClaimOption>(found.Count);
        foreach (var option in found)
        {
            options.Add(new ClaimOption(option.Path, option.Claim, option.Path.Count > 1 && counts[option.Short] > 1 ? option.Prefixed : option.Short));
        }

        return options;

        static void Collect(IReadOnlyList<ClaimDescriptor> claims, List<string> parent, string prefix, List<(List<string>, ClaimDescriptor, string, string)> found)
        {
            foreach (ClaimDescriptor claim in claims)
            {
                var path = new List<string>(parent) { claim.Name };
                if (claim.Type == ClaimValueType.Object && claim.Members is { } members)
                {
                    Collect(members, path, prefix + Kebab(claim.Name) + "-", found);
                }
                else if (HasOption(claim))
                {
                    string name = OptionName(claim);
                    found.Add((path, claim, name, "--" + prefix + name[2..]));
                }
            }
        }
    }

    /// <summary>Builds the <c>sign &lt;platform&gt;</c> subcommands.</summary>
    internal static IEnumerable<Command> Commands()
    {
        foreach (CliPlatform platform in CliPlatform.All)
        {
            var command = new Command(platform.Name, $"Issue a {platform.Name} token: one option per claim of its schema (nested claims included), plus --claims-json. " + ExitCodes.Help);
            var json = new Option<string?>("--claims-json") { Description = "More claims as a JSON object, by claim name or long name; a name the schema does not describe is an error." };
            var now = new Option<string?>("--now") { Description = "The issuer's clock: ISO 8601 or Unix seconds (the system clock when absent); for reproducible tokens." };
            command.Options.Add(json);
            command.Options.Add(now);
            Option<string?>? region = null;
            if (platform.Settings.Contains("region"))
            {
                region = new Option<string?>("--region") { Description = "Twilio's region (us1, ie1, au1…), written to the twr header." };
                command.Options.Add(region);
            }

            var options = new List<(ClaimOption Claim, Option<string[]> Option)>();
            foreach (ClaimOption claim in OptionsOf(platform))
            {
                var option = new Option<string[]>(claim.Name)
                {
                    Description = Describe(platform, claim),
                    Arity = claim.Claim.Type == ClaimValueType.Boolean ? ArgumentArity.ZeroOrMore : ArgumentArity.OneOrMore,
                    AllowMultipleArgumentsPerToken = claim.Claim.Type == ClaimValueType.Array,
                };
                if (claim.Claim.Type is ClaimValueType.NumericDate && claim.Path is ["exp"])
                {
                    option.Aliases.Add("--expires-in");
                }

                if (platform.Name == "zoom" && claim.Path is ["app_key"])
                {
                    option.Aliases.Add("--sdk-key"); // Zoom calls it the SDK key; bulk takes the same alias.
                }

                options.Add((claim, option));
                command.Options.Add(option);
            }

            command.SetAction(result =>
            {
                var given = new List<(ClaimOption, string[])>();
                foreach ((ClaimOption claim, Option<string[]> option) in options)
                {
                    if (result.GetResult(option) is not null)
                    {
                        given.Add((claim, result.GetValue(option) ?? Array.Empty<string>()));
                    }
                }

                TimeProvider clock = TimeProvider.System;
                if (result.GetValue(now) is { } at)
                {
                    clock = TryParseTime(at, DateTimeOffset.UtcNow, out long seconds) && at is not ['+' or '-', ..] && !TryParseDuration(at, out _)
                        ? new FixedTimeProvider(DateTimeOffset.FromUnixTimeSeconds(seconds))
                        : throw new UsageException("--now takes a time: ISO 8601 (2026-12-01T12:00:00Z) or Unix seconds.");
                }

                return Run(Console.Out, Console.Error, platform, given, result.GetValue(json), Secrets.Read(result),
                    clock, result.GetValue(Secrets.AllowShortKey), region is null ? null : result.GetValue(region));
            });
            yield return command;
        }
    }

    /// <summary>Issues a token from the given claim values; returns 0, or 2 with every problem listed.</summary>
    internal static int Run(TextWriter output, TextWriter error, CliPlatform platform, IReadOnlyList<(ClaimOption Claim, string[] Values)> given,
        string? claimsJson, string? secret, TimeProvider clock, bool allowShortKey, string? region = null)
    {
        if (string.IsNullOrEmpty(secret))
        {
            error.WriteLine(Secrets.Missing);
            return ExitCodes.Usage;
        }

        var problems = new List<string>();
        JsonObject payload = ClaimsFromJson(platform, claimsJson, problems);
        DateTimeOffset now = clock.GetUtcNow();
        foreach ((ClaimOption option, string[] values) in given)
        {
            ClaimDescriptor claim = option.Claim;
            if (values.Length > 1 && claim.Type != ClaimValueType.Array)
            {
                problems.Add($"'{option.Display}' ({option.Name}) is given {values.Length} times");
            }
            else if (claim.AllowedValues.Count > 0 && claim.Type is ClaimValueType.String or ClaimValueType.Enum && values.Length == 1 &&
                !IsAllowed(claim, values[0]))
            {
                // Left out of the payload, so that the typed record still reads and reports every other problem.
                problems.Add($"'{option.Display}' is not one of {string.Join(", ", claim.AllowedValues)}");
            }
            else if (ToJson(claim, values, now, out JsonNode? node, out string? problem))
            {
                if (Place(payload, option.Path, node) is { } conflict)
                {
                    problems.Add($"'{option.Display}' is given by {option.Name} and by {conflict}");
                }
            }
            else
            {
                problems.Add($"'{option.Display}' ({option.Name}) {problem}");
            }
        }

        try
        {
            // Issued even after a problem with an option, to list the record's own problems too; printed only when valid.
            IssueResult issued = platform.Issue(payload.ToJsonString(), new IssuerSettings(secret, clock, allowShortKey, region));
            if (issued.Token is not null && problems.Count == 0)
            {
                if (platform.Warning is { } warn)
                {
                    using JsonDocument document = JsonDocument.Parse(payload.ToJsonString());
                    if (warn(document.RootElement) is { } warning)
                    {
                        error.WriteLine("warning: " + warning);
                    }
                }

                output.WriteLine(issued.Token);
                return ExitCodes.Ok;
            }

            problems.AddRange(issued.Problems);
        }
        catch (ArgumentException exception)
        {
            // The key: too short, or not what the issuer takes; a token naming another key or domain. Said without the key.
            error.WriteLine(TerminalText.Escape(exception.Message));
            return ExitCodes.Usage;
        }

        error.WriteLine($"The {platform.Name} token is not valid ({problems.Count} {(problems.Count == 1 ? "problem" : "problems")}):");
        foreach (string problem in problems)
        {
            error.WriteLine("  " + TerminalText.Escape(problem));
        }

        return ExitCodes.Usage;
    }

    /// <summary>Sets the value at <paramref name="path"/>, making the objects on the way; the source of a value already there, else <see langword="null"/>.</summary>
    internal static string? Place(JsonObject payload, IReadOnlyList<string> path, JsonNode? value)
    {
        JsonObject target = payload;
        for (int i = 0; i < path.Count - 1; i++)
        {
            switch (target[path[i]])
            {
                case JsonObject inner:
                    target = inner;
                    break;
                case null when !target.ContainsKey(path[i]):
                    var created = new JsonObject();
                    target[path[i]] = created;
                    target = created;
                    break;
                default:
                    return "--claims-json (not an object there)";
            }
        }

        if (target.ContainsKey(path[^1]))
        {
            return "--claims-json";
        }

        target[path[^1]] = value;
        return null;
    }

    private static bool IsAllowed(ClaimDescriptor claim, string value)
    {
        foreach (string item in claim.ValueSeparator is { } separator ? value.Split(separator) : new[] { value })
        {
            bool found = false;
            foreach (string allowed in claim.AllowedValues)
            {
                found |= string.Equals(allowed, item, StringComparison.Ordinal);
            }

            if (!found)
            {
                return false;
            }
        }

        return true;
    }

    private static JsonObject ClaimsFromJson(CliPlatform platform, string? claimsJson, List<string> problems)
    {
        var payload = new JsonObject();
        if (claimsJson is null)
        {
            return payload;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(claimsJson);
        }
        catch (JsonException exception)
        {
            problems.Add("--claims-json is not valid JSON: " + exception.Message);
            return payload;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                problems.Add("--claims-json is not a JSON object");
                return payload;
            }

            // Every name is the schema's, or an error with the analyzer's suggestion: the typed reader would skip it.
            SchemaNames.CheckPayload(document.RootElement, platform.Claims, platform.Name, problems);
            foreach (JsonProperty claim in document.RootElement.EnumerateObject())
            {
                // A long name stands for its claim (close_tab_on_exit for ctoe).
                if (SchemaNames.Find(claim.Name, platform.Claims) is not { } known)
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

        return payload;
    }

    /// <summary>The JSON value of a claim given on the command line, by the claim's type.</summary>
    internal static bool ToJson(ClaimDescriptor claim, string[] values, DateTimeOffset now, out JsonNode? node, out string? problem)
    {
        node = null;
        problem = null;
        string text = values.Length > 0 ? values[0] : "";
        switch (claim.Type)
        {
            case ClaimValueType.Boolean:
                if (values.Length == 0 || TryParseBoolean(text) is true)
                {
                    node = JsonValue.Create(true);
                }
                else if (TryParseBoolean(text) is false)
                {
                    node = JsonValue.Create(false);
                }
                else
                {
                    problem = "takes true or false (yes/no, 1/0, any letter case), not '" + text + "'";
                }

                break;
            case ClaimValueType.Integer when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long integer):
                node = JsonValue.Create(integer);
                break;
            case ClaimValueType.Number when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) && double.IsFinite(number):
                node = JsonValue.Create(number);
                break;
            case ClaimValueType.Integer or ClaimValueType.Number:
                problem = "takes a number, not '" + text + "'";
                break;
            case ClaimValueType.NumericDate:
                if (TryParseTime(text, now, out long seconds))
                {
                    node = JsonValue.Create(seconds);
                }
                else
                {
                    problem = "takes a time: ISO 8601 (2026-12-01T12:00:00Z), Unix seconds, or relative to now (1h, 90m, -5m, 2d)";
                }

                break;
            case ClaimValueType.Seconds:
                if (TryParseDuration(text, out TimeSpan duration) || (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long plain) && (duration = TimeSpan.FromSeconds(plain)) >= TimeSpan.Zero))
                {
                    node = JsonValue.Create((long)duration.TotalSeconds);
                }
                else
                {
                    problem = "takes a duration: seconds or 90s, 10m, 1h, 2d";
                }

                break;
            case ClaimValueType.Array:
                var array = new JsonArray();
                foreach (string value in values)
                {
                    array.Add(Scalar(claim.Items ?? ClaimValueType.String, value));
                }

                node = array;
                break;
            case ClaimValueType.Custom:
                // A converter's value: JSON when the text is JSON (["cloud","local"], true), else a string.
                try
                {
                    node = JsonNode.Parse(text);
                }
                catch (JsonException)
                {
                    node = JsonValue.Create(text);
                }

                break;
            default:
                node = JsonValue.Create(text);
                break;
        }

        return problem is null;
    }

    /// <summary>A boolean as people and spreadsheets write it: <c>true</c>/<c>false</c> in any case (Excel's <c>TRUE</c>), <c>yes</c>/<c>no</c>, <c>1</c>/<c>0</c>.</summary>
    internal static bool? TryParseBoolean(string text) =>
        text.Equals("true", StringComparison.OrdinalIgnoreCase) || text.Equals("yes", StringComparison.OrdinalIgnoreCase) || text == "1" ? true
        : text.Equals("false", StringComparison.OrdinalIgnoreCase) || text.Equals("no", StringComparison.OrdinalIgnoreCase) || text == "0" ? false
        : null;

    private static JsonNode? Scalar(ClaimValueType type, string value) => type switch
    {
        ClaimValueType.Integer when long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long n) => JsonValue.Create(n),
        ClaimValueType.Number when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) => JsonValue.Create(d),
        ClaimValueType.Boolean when TryParseBoolean(value) is { } b => JsonValue.Create(b),
        _ => JsonValue.Create(value),
    };

    /// <summary>ISO 8601, Unix seconds, or a signed duration from now (<c>1h</c>, <c>-5m</c>).</summary>
    internal static bool TryParseTime(string text, DateTimeOffset now, out long seconds)
    {
        seconds = 0;
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out seconds))
        {
            return true;
        }

        bool negative = text.StartsWith('-');
        if (TryParseDuration(negative || text.StartsWith('+') ? text[1..] : text, out TimeSpan offset))
        {
            seconds = (negative ? now - offset : now + offset).ToUnixTimeSeconds();
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset at))
        {
            seconds = at.ToUnixTimeSeconds();
            return true;
        }

        return false;
    }

    /// <summary>A duration such as <c>90s</c>, <c>10m</c>, <c>1h</c>, <c>2d</c>.</summary>
    internal static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = default;
        if (text.Length < 2 || !long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out long amount))
        {
            return false;
        }

        double? seconds = text[^1] switch { 's' => amount, 'm' => amount * 60d, 'h' => amount * 3600d, 'd' => amount * 86400d, _ => null };
        if (seconds is not { } value || value > TimeSpan.MaxValue.TotalSeconds / 2)
        {
            return false;
        }

        duration = TimeSpan.FromSeconds(value);
        return true;
    }

    private static string Describe(CliPlatform platform, ClaimOption option)
    {
        ClaimDescriptor claim = option.Claim;
        var text = new StringBuilder($"'{option.Display}'");
        if (claim.Description is { } description)
        {
            text.Append(": ").Append(description);
        }

        text.Append('.');

        text.Append(claim.Type switch
        {
            ClaimValueType.NumericDate => " A time: ISO 8601, Unix seconds or relative (1h, -5m).",
            ClaimValueType.Seconds => " A duration: seconds, 10m, 1h.",
            ClaimValueType.Boolean => " A flag, or true/false.",
            _ => "",
        });
        if (claim.AllowedValues.Count > 0)
        {
            text.Append(" One of: ").Append(string.Join(", ", claim.AllowedValues)).Append('.');
        }

        if (option.Path.Count == 1 && platform.Filled.Contains(claim.Name))
        {
            text.Append(" Filled by the issuer when absent.");
        }
        else if (claim.IsRequired)
        {
            text.Append(" Required.");
        }

        return text.ToString();
    }

    /// <summary><c>close_tab_on_exit</c>, <c>CloseTabOnExit</c> and <c>closeTabOnExit</c> all give <c>close-tab-on-exit</c>.</summary>
    internal static string Kebab(string name)
    {
        var text = new StringBuilder(name.Length + 8);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (c is '_' or ' ' or '.')
            {
                text.Append('-');
            }
            else if (char.IsUpper(c))
            {
                if (i > 0 && text.Length > 0 && text[^1] != '-' && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
                {
                    text.Append('-');
                }

                text.Append(char.ToLowerInvariant(c));
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }
}

/// <summary>A clock fixed at one instant, for <c>sign --now</c>.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => now;
}
