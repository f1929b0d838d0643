using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
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

    /// <summary>Builds the <c>sign &lt;platform&gt;</c> subcommands.</summary>
    internal static IEnumerable<Command> Commands(Option<bool> allowShortKey)
    {
        foreach (CliPlatform platform in CliPlatform.All)
        {
            var command = new Command(platform.Name, $"Issue a {platform.Name} token: one option per claim of its schema, plus --claims-json.");
            var json = new Option<string?>("--claims-json") { Description = "More claims as a JSON object, by claim name or long name." };
            command.Options.Add(json);
            var options = new List<(ClaimDescriptor Claim, Option<string[]> Option)>();
            foreach (ClaimDescriptor claim in platform.Claims)
            {
                if (!HasOption(claim))
                {
                    continue;
                }

                var option = new Option<string[]>(OptionName(claim))
                {
                    Description = Describe(claim),
                    Arity = claim.Type == ClaimValueType.Boolean ? ArgumentArity.ZeroOrMore : ArgumentArity.OneOrMore,
                    AllowMultipleArgumentsPerToken = claim.Type == ClaimValueType.Array,
                };
                if (claim.Type is ClaimValueType.NumericDate && claim.Name == "exp")
                {
                    option.Aliases.Add("--expires-in");
                }

                options.Add((claim, option));
                command.Options.Add(option);
            }

            command.SetAction(result =>
            {
                var given = new List<(ClaimDescriptor, string[])>();
                foreach ((ClaimDescriptor claim, Option<string[]> option) in options)
                {
                    if (result.GetResult(option) is not null)
                    {
                        given.Add((claim, result.GetValue(option) ?? Array.Empty<string>()));
                    }
                }

                return Run(Console.Out, Console.Error, platform, given, result.GetValue(json), Secrets.Read(result),
                    TimeProvider.System, result.GetValue(allowShortKey));
            });
            yield return command;
        }
    }

    /// <summary>Issues a token from the given claim values; returns 0, or 2 with every problem listed.</summary>
    internal static int Run(TextWriter output, TextWriter error, CliPlatform platform, IReadOnlyList<(ClaimDescriptor Claim, string[] Values)> given,
        string? claimsJson, string? secret, TimeProvider clock, bool allowShortKey)
    {
        if (string.IsNullOrEmpty(secret))
        {
            error.WriteLine("No secret: give the platform's API secret with --secret-file, --secret-stdin, or the environment variable named by --secret-env (TOKENSCHEMA_SECRET by default).");
            return 2;
        }

        var problems = new List<string>();
        JsonObject payload = ClaimsFromJson(platform, claimsJson, problems);
        DateTimeOffset now = clock.GetUtcNow();
        foreach ((ClaimDescriptor claim, string[] values) in given)
        {
            if (values.Length > 1 && claim.Type != ClaimValueType.Array)
            {
                problems.Add($"'{claim.Name}' ({OptionName(claim)}) is given {values.Length} times");
            }
            else if (claim.AllowedValues.Count > 0 && claim.Type is ClaimValueType.String or ClaimValueType.Enum && values.Length == 1 &&
                !IsAllowed(claim, values[0]))
            {
                // Left out of the payload, so that the typed record still reads and reports every other problem.
                problems.Add($"'{claim.Name}' is not one of {string.Join(", ", claim.AllowedValues)}");
            }
            else if (ToJson(claim, values, now, out JsonNode? node, out string? problem))
            {
                payload[claim.Name] = node;
            }
            else
            {
                problems.Add($"'{claim.Name}' ({OptionName(claim)}) {problem}");
            }
        }

        try
        {
            // Issued even after a problem with an option, to list the record's own problems too; printed only when valid.
            IssueResult issued = platform.Issue(payload.ToJsonString(), secret, clock, allowShortKey);
            if (issued.Token is not null && problems.Count == 0)
            {
                output.WriteLine(issued.Token);
                return 0;
            }

            problems.AddRange(issued.Problems);
        }
        catch (ArgumentException exception)
        {
            // The key: too short, or not what the issuer takes. Said as it is, without the key.
            error.WriteLine(exception.Message);
            return 2;
        }

        error.WriteLine($"The {platform.Name} token is not valid ({problems.Count} {(problems.Count == 1 ? "problem" : "problems")}):");
        foreach (string problem in problems)
        {
            error.WriteLine("  " + problem);
        }

        return 2;
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

        JsonNode? parsed;
        try
        {
            parsed = JsonNode.Parse(claimsJson);
        }
        catch (JsonException exception)
        {
            problems.Add("--claims-json is not valid JSON: " + exception.Message);
            return payload;
        }

        if (parsed is not JsonObject given)
        {
            problems.Add("--claims-json is not a JSON object");
            return payload;
        }

        foreach (KeyValuePair<string, JsonNode?> claim in given)
        {
            // A long name stands for its claim (close_tab_on_exit for ctoe).
            string name = claim.Key;
            foreach (ClaimDescriptor descriptor in platform.Claims)
            {
                if (descriptor.LongName == claim.Key)
                {
                    name = descriptor.Name;
                }
            }

            payload[name] = claim.Value?.DeepClone();
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
                if (values.Length == 0 || text is "true" or "yes")
                {
                    node = JsonValue.Create(true);
                }
                else if (text is "false" or "no")
                {
                    node = JsonValue.Create(false);
                }
                else
                {
                    problem = "takes true or false, not '" + text + "'";
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

    private static JsonNode? Scalar(ClaimValueType type, string value) => type switch
    {
        ClaimValueType.Integer when long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long n) => JsonValue.Create(n),
        ClaimValueType.Number when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) => JsonValue.Create(d),
        ClaimValueType.Boolean when bool.TryParse(value, out bool b) => JsonValue.Create(b),
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

    private static string Describe(ClaimDescriptor claim)
    {
        var text = new StringBuilder($"'{claim.Name}'");
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

        if (claim.IsRequired)
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
