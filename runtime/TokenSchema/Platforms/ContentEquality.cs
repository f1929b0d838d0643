using System;
using System.Collections.Generic;
using System.Text.Json;

namespace TokenSchema;

/// <summary>Content equality for the lists, maps and JSON values of the platform tokens' records.</summary>
internal static class ContentEquality
{
    public static bool ListEquals<T>(IReadOnlyList<T>? left, IReadOnlyList<T>? right)
    {
        if (ReferenceEquals(left, right))
        {
            return true;
        }

        if (left is null || right is null || left.Count != right.Count)
        {
            return false;
        }

        for (int i = 0; i < left.Count; i++)
        {
            if (!EqualityComparer<T>.Default.Equals(left[i], right[i]))
            {
                return false;
            }
        }

        return true;
    }

    public static bool JsonEquals(JsonElement? left, JsonElement? right)
    {
        if (left is null || right is null)
        {
            return left is null && right is null;
        }

#if NET9_0_OR_GREATER
        return JsonElement.DeepEquals(left.Value, right.Value);
#else
        return left.Value.ValueKind == right.Value.ValueKind && left.Value.GetRawText() == right.Value.GetRawText();
#endif
    }

    public static bool MapEquals(IReadOnlyDictionary<string, string>? left, IReadOnlyDictionary<string, string>? right)
    {
        if (ReferenceEquals(left, right))
        {
            return true;
        }

        if (left is null || right is null || left.Count != right.Count)
        {
            return false;
        }

        foreach (KeyValuePair<string, string> entry in left)
        {
            if (!right.TryGetValue(entry.Key, out string? value) || value != entry.Value)
            {
                return false;
            }
        }

        return true;
    }
}
