using System;
using System.Collections.Generic;
using System.Text.Json;
using TokenSchema.Generator.Vocabularies;

namespace TokenSchema.Cli;

/// <summary>
/// The tool's rule for claim names, as strict as the compiler's: every name it reads (<c>--claims-json</c>, JSONL keys,
/// CSV headers, the names inside nested objects) is a claim of the platform's schema, or an error with the analyzer's
/// TKS0001 suggestion (<see cref="ClaimNames.Nearest"/>, the same rule over the same names) before anything is signed.
/// A generated reader skips names its record does not describe, so a name this rule let through would vanish from the
/// token. At the top level a claim's long (REST) name stands for the claim (<c>close_tab_on_exit</c> for <c>ctoe</c>),
/// as it does in the platform's REST API; inside a nested object only the token's own names are read, and a long name
/// there is an error that names the token's name.
/// </summary>
internal static class SchemaNames
{
    /// <summary>The claim <paramref name="name"/> stands for at the top level (itself, or the claim whose long name it is); <see langword="null"/> for a name the schema does not describe.</summary>
    public static ClaimDescriptor? Find(string name, IReadOnlyList<ClaimDescriptor> claims)
    {
        foreach (ClaimDescriptor claim in claims)
        {
            if (claim.Name == name)
            {
                return claim;
            }
        }

        foreach (ClaimDescriptor claim in claims)
        {
            if (claim.LongName == name)
            {
                return claim;
            }
        }

        return null;
    }

    /// <summary>The problem with a top-level name the schema does not describe: "'cteo' is not a daily claim; did you mean 'ctoe' (close_tab_on_exit)?".</summary>
    public static string Unknown(string name, IReadOnlyList<ClaimDescriptor> claims, string platform) =>
        Unknown(name, null, claims, platform + " claim");

    /// <summary>
    /// Checks the names inside a claim's value, at any depth: the members of a nested object, of each item of an array
    /// of objects and of each value of a map of objects. A value of another shape than the schema's is left to the typed
    /// reader, which refuses it with the claim named.
    /// </summary>
    /// <param name="value">The claim's value.</param>
    /// <param name="claim">The claim.</param>
    /// <param name="path">The claim's path, e.g. <c>p</c>.</param>
    /// <param name="platform">The platform, for the messages.</param>
    /// <param name="problems">Receives one problem per unknown name.</param>
    public static void CheckValue(JsonElement value, ClaimDescriptor claim, string path, string platform, List<string> problems)
    {
        if (claim.Members is not { } members)
        {
            return;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Object when claim.Type == ClaimValueType.Map:
                foreach (JsonProperty entry in value.EnumerateObject())
                {
                    CheckObject(entry.Value, members, $"{path}[\"{entry.Name}\"]", platform, problems);
                }

                break;
            case JsonValueKind.Object:
                CheckObject(value, members, path, platform, problems);
                break;
            case JsonValueKind.Array:
                int index = 0;
                foreach (JsonElement item in value.EnumerateArray())
                {
                    CheckObject(item, members, $"{path}[{index++}]", platform, problems);
                }

                break;
        }
    }

    /// <summary>Checks every top-level name of <paramref name="payload"/> and, inside, every nested name.</summary>
    /// <param name="payload">A JSON object of claims.</param>
    /// <param name="claims">The schema's claims.</param>
    /// <param name="platform">The platform, for the messages.</param>
    /// <param name="problems">Receives one problem per unknown name.</param>
    public static void CheckPayload(JsonElement payload, IReadOnlyList<ClaimDescriptor> claims, string platform, List<string> problems)
    {
        foreach (JsonProperty property in payload.EnumerateObject())
        {
            if (Find(property.Name, claims) is { } claim)
            {
                CheckValue(property.Value, claim, claim.Name, platform, problems);
            }
            else
            {
                problems.Add(Unknown(property.Name, claims, platform));
            }
        }
    }

    private static void CheckObject(JsonElement value, IReadOnlyList<ClaimDescriptor> members, string path, string platform, List<string> problems)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (JsonProperty property in value.EnumerateObject())
        {
            ClaimDescriptor? member = null;
            foreach (ClaimDescriptor candidate in members)
            {
                member = candidate.Name == property.Name ? candidate : member;
            }

            if (member is null)
            {
                problems.Add(Unknown(property.Name, path, members, $"{platform} '{path}' claim"));
            }
            else
            {
                CheckValue(property.Value, member, path + "." + member.Name, platform, problems);
            }
        }
    }

    private static string Unknown(string name, string? path, IReadOnlyList<ClaimDescriptor> scope, string what)
    {
        string shown = path is null ? $"'{name}'" : $"'{path}.{name}'";
        ClaimDescriptor? suggestion = null;
        string? suggestedPath = path;
        foreach (ClaimDescriptor claim in scope)
        {
            // Inside a nested object a long name is not read: the token's own name is (permissions.canSend is p.cs).
            if (path is not null && claim.LongName == name && claim.Name != name)
            {
                return $"{shown} is the long name of '{path}.{claim.Name}'; inside a token write '{claim.Name}'";
            }
        }

        suggestion = ClaimNames.Nearest(name, scope, c => c.Name, c => c.LongName);
        if (suggestion is null)
        {
            // The member's name (LiveKit's Identity for sub), or a claim of a nested object given at the wrong level (room_join).
            string wanted = ClaimNames.Normalize(name);
            suggestion = Array.Find(ToArray(scope), c => ClaimNames.Normalize(c.MemberName) == wanted);
            if (suggestion is null && FindNested(wanted, scope, path) is { } nested)
            {
                (suggestion, suggestedPath) = nested;
            }
        }

        if (suggestion is null)
        {
            return $"{shown} is not a {what} (--help lists them)";
        }

        string full = suggestedPath is null ? suggestion.Name : suggestedPath + "." + suggestion.Name;
        string title = suggestion.LongName is { } longName && longName != suggestion.Name ? longName : suggestion.Description ?? suggestion.MemberName;
        return $"{shown} is not a {what}; did you mean '{full}' ({title})?";
    }

    private static (ClaimDescriptor Claim, string Path)? FindNested(string wanted, IReadOnlyList<ClaimDescriptor> scope, string? path)
    {
        foreach (ClaimDescriptor claim in scope)
        {
            if (claim.Members is not { } members)
            {
                continue;
            }

            string nestedPath = path is null ? claim.Name : path + "." + claim.Name;
            foreach (ClaimDescriptor member in members)
            {
                if (ClaimNames.Normalize(member.Name) == wanted || (member.LongName is { } longName && ClaimNames.Normalize(longName) == wanted)
                    || ClaimNames.Normalize(member.MemberName) == wanted)
                {
                    return (member, nestedPath);
                }
            }
        }

        return null;
    }

    private static ClaimDescriptor[] ToArray(IReadOnlyList<ClaimDescriptor> scope)
    {
        var array = new ClaimDescriptor[scope.Count];
        for (int i = 0; i < array.Length; i++)
        {
            array[i] = scope[i];
        }

        return array;
    }
}
