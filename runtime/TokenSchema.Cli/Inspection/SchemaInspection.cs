using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;
using TokenSchema.Daily;

namespace TokenSchema.Inspection;

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
        List<InspectedClaim>? claims = Explain(platform, payloadJson, tokenLength, now, findings);
        if (claims is null)
        {
            return 0;
        }

        WriteClaims(output, claims);
        WriteFindings(output, findings);
        return findings.Count;
    }

    /// <summary>The claims as text: <c>ctoe → close_tab_on_exit: true</c>, nested claims indented under their object.</summary>
    public static void WriteClaims(TextWriter output, IReadOnlyList<InspectedClaim> claims)
    {
        output.WriteLine("claims:");
        foreach (InspectedClaim claim in claims)
        {
            string indent = new(' ', 2 * (claim.Depth + 1));
            string label = claim.LongName is { } longName ? claim.Path + " → " + longName
                : claim.Description is { } description ? claim.Path + " (" + description + ")"
                : claim.Path;
            output.WriteLine(claim.Value is null
                ? indent + label + ":"
                : indent + label + ": " + claim.Value + (claim.LongValues is { } values ? " (" + values + ")" : "") + (claim.Time is { } time ? "  (" + time + ")" : ""));
        }
    }

    /// <summary>The findings as a list, when there are any.</summary>
    public static void WriteFindings(TextWriter output, IReadOnlyList<string> findings)
    {
        if (findings.Count > 0)
        {
            output.WriteLine("findings:");
            foreach (string finding in findings)
            {
                output.WriteLine("  - " + finding);
            }
        }
    }

    /// <summary>
    /// Every claim of <paramref name="payloadJson"/> explained with the platform's schema, and the findings (the schema's
    /// problems, lint); every name and value escaped for a terminal (<see cref="TerminalText"/>). <see langword="null"/>
    /// when the payload is not a JSON object.
    /// </summary>
    /// <exception cref="JsonException">The payload is not JSON.</exception>
    public static List<InspectedClaim>? Explain(string platform, string payloadJson, int tokenLength, DateTimeOffset now, List<string> findings)
    {
        using JsonDocument document = JsonDocument.Parse(payloadJson);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        InspectionPlatform? schema = InspectionPlatform.Find(platform);
        IReadOnlyList<ClaimDescriptor>? descriptors = schema?.Claims;
        var claims = new List<InspectedClaim>();
        Collect(claims, document.RootElement, descriptors, "", now, findings, 0);

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

        return claims;
    }

    private static void Collect(List<InspectedClaim> claims, JsonElement obj, IReadOnlyList<ClaimDescriptor>? descriptors, string prefix, DateTimeOffset now,
        List<string> findings, int depth)
    {
        foreach (JsonProperty claim in obj.EnumerateObject())
        {
            // Names and values come from the token: escaped here, line breaks included, before any line is laid out.
            string path = prefix + TerminalText.Escape(claim.Name);
            ClaimDescriptor? descriptor = Find(descriptors, claim.Name);
            string? longName = descriptor?.LongName is { } known && known != claim.Name ? known : null;
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
                claims.Add(new InspectedClaim(depth, path, longName, longName is null ? descriptor.Description : null, null, null, null));
                Collect(claims, claim.Value, members, path + ".", now, findings, depth + 1);
                continue;
            }

            claims.Add(new InspectedClaim(depth, path, longName, longName is null ? descriptor?.Description : null, Text(claim.Value),
                LongValues(descriptor, claim.Value), Time(claim.Name, descriptor, claim.Value, now, findings, path)));
        }
    }

    /// <summary>The long form of a value made of the claim's allowed values: <c>v,a</c> is "(video, audio)".</summary>
    private static string? LongValues(ClaimDescriptor? descriptor, JsonElement value)
    {
        if (descriptor is not { AllowedValueLongNames.Count: > 0 } || value.ValueKind != JsonValueKind.String)
        {
            return null;
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
                return null;
            }

            longNames.Add(descriptor.AllowedValueLongNames[index]);
        }

        return string.Join(", ", longNames);
    }

    private static string? Time(string name, ClaimDescriptor? descriptor, JsonElement value, DateTimeOffset now, List<string> findings, string path)
    {
        bool isDate = descriptor?.Type == ClaimValueType.NumericDate || (descriptor is null && name is "exp" or "nbf" or "iat");
        if (!isDate || !value.TryGetDouble(out double number))
        {
            return null;
        }

        if (number > MillisecondsThreshold)
        {
            findings.Add($"'{path}' is after the year 3000: a NumericDate in milliseconds instead of seconds");
            return null;
        }

        if (number < -62135596800d)
        {
            return null;
        }

        DateTimeOffset at = DateTimeOffset.FromUnixTimeSeconds((long)Math.Floor(number));
        TimeSpan offset = at - now;
        string relative = name switch
        {
            "exp" => offset > TimeSpan.Zero ? "expires in " + Span(offset) : "expired " + Span(-offset) + " ago",
            "nbf" => offset > TimeSpan.Zero ? "valid in " + Span(offset) : "valid since " + Span(-offset),
            _ => offset > TimeSpan.Zero ? "in " + Span(offset) : Span(-offset) + " ago",
        };
        return at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) + ", " + relative;
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

/// <summary>One claim as <c>inspect</c> explains it; every text is escaped for a terminal.</summary>
/// <param name="Depth">0 at the top level, 1 inside a nested object, …</param>
/// <param name="Path">The claim's path: <c>p.cs</c>.</param>
/// <param name="LongName">The platform's long name, when it has one other than the claim's name.</param>
/// <param name="Description">What the claim means, when it has no long name.</param>
/// <param name="Value">The value as text; <see langword="null"/> for a nested object, whose claims follow.</param>
/// <param name="LongValues">The long form of a value made of allowed values: <c>video, audio</c> for <c>v,a</c>.</param>
/// <param name="Time">A NumericDate as a date and relative to now: <c>2027-01-12T08:00:00Z, 3 days ago</c>.</param>
internal sealed record InspectedClaim(int Depth, string Path, string? LongName, string? Description, string? Value, string? LongValues, string? Time);
