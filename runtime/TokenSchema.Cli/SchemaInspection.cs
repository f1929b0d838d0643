using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;
using TokenSchema.Daily;

namespace TokenSchema.Cli;

/// <summary>
/// Explains a token's payload with a platform's schema: every claim with its long name, times as dates and as "in" or
/// "ago", the schema's own validation problems, and what the platform would silently ignore or refuse (lint). All of it
/// comes from the payload types' generated <see cref="IClaimSchema.ClaimDescriptors"/>, so no list is kept here.
/// </summary>
internal static class SchemaInspection
{
    /// <summary>The first second of the year 3000: a NumericDate after it is milliseconds.</summary>
    private const long MillisecondsThreshold = 32503680000;

    /// <summary>Writes the claims, the schema's problems and the lint findings of <paramref name="payloadJson"/>.</summary>
    /// <returns>The number of problems and findings written.</returns>
    public static int Describe(TextWriter output, string platform, string payloadJson, int tokenLength, DateTimeOffset now, List<string> findings)
    {
        using JsonDocument document = JsonDocument.Parse(payloadJson);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return 0;
        }

        CliPlatform? schema = CliPlatform.Find(platform);
        IReadOnlyList<ClaimDescriptor>? descriptors = schema?.Claims;
        output.WriteLine("claims:");
        WriteClaims(output, document.RootElement, descriptors, "", now, findings, "  ");

        if (schema is not null)
        {
            foreach (ClaimProblem problem in schema.Problems(payloadJson))
            {
                findings.Add(TerminalText.Escape($"'{problem.Claim}' {problem.Message} (the {platform} schema's validation)"));
            }
        }

        if (!document.RootElement.TryGetProperty("exp", out _))
        {
            findings.Add("no 'exp': the token never expires (LiveKit's server refuses such tokens; verifiers require exp by default)");
        }

        if (platform == "daily" && tokenLength > DailyTokenIssuer.MaxRecommendedLength)
        {
            findings.Add($"the token is {tokenLength} characters; Daily refuses tokens longer than {DailyTokenIssuer.MaxRecommendedLength}");
        }

        if (findings.Count > 0)
        {
            output.WriteLine("findings:");
            foreach (string finding in findings)
            {
                output.WriteLine("  - " + finding);
            }
        }

        return findings.Count;
    }

    private static void WriteClaims(TextWriter output, JsonElement obj, IReadOnlyList<ClaimDescriptor>? descriptors, string prefix, DateTimeOffset now,
        List<string> findings, string indent)
    {
        foreach (JsonProperty claim in obj.EnumerateObject())
        {
            // Names and values come from the token: escaped here, line breaks included, before any line is laid out.
            string path = prefix + TerminalText.Escape(claim.Name);
            ClaimDescriptor? descriptor = Find(descriptors, claim.Name);
            string label = descriptor?.LongName is { } longName && longName != claim.Name ? path + " → " + longName
                : descriptor?.Description is { } description ? path + " (" + description + ")"
                : path;
            if (descriptor is null && descriptors is not null)
            {
                ClaimDescriptor? byLongName = FindByLongName(descriptors, claim.Name);
                findings.Add(byLongName is not null
                    ? $"'{path}' is the long name of '{prefix}{byLongName.Name}'; self-signed tokens carry '{byLongName.Name}', and the platform ignores '{TerminalText.Escape(claim.Name)}'"
                    : $"'{path}' is not a claim of the schema; the platform ignores it");
            }

            IReadOnlyList<ClaimDescriptor>? members = descriptor?.Members;
            if (claim.Value.ValueKind == JsonValueKind.Object && members is not null && descriptor!.Type == ClaimValueType.Object)
            {
                output.WriteLine(indent + label + ":");
                WriteClaims(output, claim.Value, members, path + ".", now, findings, indent + "  ");
                continue;
            }

            output.WriteLine(indent + label + ": " + Text(claim.Value) + LongValues(descriptor, claim.Value) + Time(claim.Name, descriptor, claim.Value, now, findings, path));
        }
    }

    /// <summary>The long form of a value made of the claim's allowed values: <c>v,a</c> is "(video, audio)".</summary>
    private static string LongValues(ClaimDescriptor? descriptor, JsonElement value)
    {
        if (descriptor is not { AllowedValueLongNames.Count: > 0 } || value.ValueKind != JsonValueKind.String)
        {
            return "";
        }

        string text = value.GetString()!;
        string[] items = descriptor.ValueSeparator is { } separator ? text.Split(separator) : new[] { text };
        var longNames = new List<string>(items.Length);
        foreach (string item in items)
        {
            int index = -1;
            for (int i = 0; i < descriptor.AllowedValues.Count && index < 0; i++)
            {
                index = descriptor.AllowedValues[i] == item ? i : -1;
            }

            if (index < 0)
            {
                return "";
            }

            longNames.Add(descriptor.AllowedValueLongNames[index]);
        }

        return " (" + string.Join(", ", longNames) + ")";
    }

    private static string Time(string name, ClaimDescriptor? descriptor, JsonElement value, DateTimeOffset now, List<string> findings, string path)
    {
        bool isDate = descriptor?.Type == ClaimValueType.NumericDate || (descriptor is null && name is "exp" or "nbf" or "iat");
        if (!isDate || !value.TryGetDouble(out double number))
        {
            return "";
        }

        if (number > MillisecondsThreshold)
        {
            findings.Add($"'{path}' is after the year 3000: a NumericDate in milliseconds instead of seconds");
            return "";
        }

        if (number < -62135596800d)
        {
            return "";
        }

        DateTimeOffset at = DateTimeOffset.FromUnixTimeSeconds((long)Math.Floor(number));
        TimeSpan offset = at - now;
        string relative = name switch
        {
            "exp" => offset > TimeSpan.Zero ? "expires in " + Span(offset) : "expired " + Span(-offset) + " ago",
            "nbf" => offset > TimeSpan.Zero ? "valid in " + Span(offset) : "valid since " + Span(-offset),
            _ => offset > TimeSpan.Zero ? "in " + Span(offset) : Span(-offset) + " ago",
        };
        return "  (" + at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) + ", " + relative + ")";
    }

    /// <summary>A duration in its largest unit: "59 min", "3 days".</summary>
    internal static string Span(TimeSpan span) =>
        span.TotalDays >= 2 ? ((int)span.TotalDays).ToString(CultureInfo.InvariantCulture) + " days"
        : span.TotalHours >= 2 ? ((int)span.TotalHours).ToString(CultureInfo.InvariantCulture) + " h"
        : span.TotalMinutes >= 1 ? ((int)span.TotalMinutes).ToString(CultureInfo.InvariantCulture) + " min"
        : ((int)span.TotalSeconds).ToString(CultureInfo.InvariantCulture) + " s";

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => TerminalText.Escape(value.GetString()),
        _ => TerminalText.Escape(value.GetRawText()),
    };

    private static ClaimDescriptor? Find(IReadOnlyList<ClaimDescriptor>? descriptors, string name)
    {
        if (descriptors is not null)
        {
            foreach (ClaimDescriptor descriptor in descriptors)
            {
                if (descriptor.Name == name)
                {
                    return descriptor;
                }
            }
        }

        return null;
    }

    private static ClaimDescriptor? FindByLongName(IReadOnlyList<ClaimDescriptor> descriptors, string name)
    {
        foreach (ClaimDescriptor descriptor in descriptors)
        {
            if (descriptor.LongName == name && descriptor.Name != name)
            {
                return descriptor;
            }
        }

        return null;
    }
}
