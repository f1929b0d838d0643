using System;
using System.Collections.Generic;
using System.Text;

namespace TokenSchema.Generator.Vocabularies;

/// <summary>String helpers for comparing claim names and member names.</summary>
internal static class ClaimNames
{
    /// <summary>
    /// The restricted Damerau–Levenshtein (optimal string alignment) distance between two names: insertions,
    /// deletions, substitutions and transpositions of adjacent characters each cost 1. Names equal apart from
    /// letter case are at distance 1, never 0, so <c>EXP</c> is one edit away from <c>exp</c>.
    /// </summary>
    /// <param name="a">The first name.</param>
    /// <param name="b">The second name.</param>
    public static int Distance(string a, string b)
    {
        if (a == null) throw new ArgumentNullException(nameof(a));
        if (b == null) throw new ArgumentNullException(nameof(b));
        if (string.Equals(a, b, StringComparison.Ordinal)) return 0;
        if (string.Equals(a, b, StringComparison.OrdinalIgnoreCase)) return 1;

        string x = a.ToLowerInvariant();
        string y = b.ToLowerInvariant();
        int[,] d = new int[x.Length + 1, y.Length + 1];
        for (int i = 0; i <= x.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= y.Length; j++) d[0, j] = j;
        for (int i = 1; i <= x.Length; i++)
        {
            for (int j = 1; j <= y.Length; j++)
            {
                int cost = x[i - 1] == y[j - 1] ? 0 : 1;
                int best = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1])
                {
                    best = Math.Min(best, d[i - 2, j - 2] + 1);
                }

                d[i, j] = best;
            }
        }

        return d[x.Length, y.Length];
    }

    /// <summary>
    /// The largest distance at which a known name is offered as a suggestion for an unknown name of
    /// <paramref name="length"/> characters: 1 up to four characters, then one more per three characters.
    /// </summary>
    /// <param name="length">The unknown name's length.</param>
    public static int SuggestionThreshold(int length) => Math.Max(1, (length + 1) / 3);

    /// <summary>
    /// The candidate nearest to a misspelled <paramref name="name"/> by <see cref="Distance"/> over each candidate's
    /// claim name and long name, within <see cref="SuggestionThreshold"/> of the name's length; the first of equals wins.
    /// The one suggestion rule: the analyzer's TKS0001 and the <c>tokenschema</c> tool both ask it.
    /// </summary>
    /// <typeparam name="T">The candidates' type (a vocabulary's claim, a schema's descriptor).</typeparam>
    /// <param name="name">The unknown name.</param>
    /// <param name="candidates">The known claims, in documentation order.</param>
    /// <param name="claimName">A candidate's name in the token.</param>
    /// <param name="longName">A candidate's long name, or <see langword="null"/>.</param>
    /// <returns>The nearest candidate, or <see langword="null"/> when none is near enough.</returns>
    public static T? Nearest<T>(string name, IEnumerable<T> candidates, Func<T, string> claimName, Func<T, string?> longName)
        where T : class
    {
        if (string.IsNullOrEmpty(name)) return null;
        int threshold = SuggestionThreshold(name.Length);
        T? best = null;
        int bestDistance = int.MaxValue;
        foreach (T candidate in candidates)
        {
            int distance = Distance(name, claimName(candidate));
            if (longName(candidate) is string alternative)
            {
                distance = Math.Min(distance, Distance(name, alternative));
            }

            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = candidate;
            }
        }

        return bestDistance <= threshold ? best : null;
    }

    /// <summary>Lower-cases <paramref name="name"/> and drops everything but letters and digits: <c>close_tab_on_exit</c> → <c>closetabonexit</c>.</summary>
    /// <param name="name">A claim name, long name or member name.</param>
    public static string Normalize(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (char c in name)
        {
            if (char.IsLetterOrDigit(c)) builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }
}
