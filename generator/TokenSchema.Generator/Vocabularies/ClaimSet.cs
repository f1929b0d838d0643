using System;
using System.Collections.Generic;

namespace TokenSchema.Generator.Vocabularies;

/// <summary>
/// The claims one JSON object may carry: a vocabulary's top level or a nested object such as Daily's permissions.
/// A closed set rejects names it does not know; an open set (plain JWT) accepts them and only checks the ones it knows.
/// </summary>
internal sealed class ClaimSet
{
    private readonly Dictionary<string, ClaimDefinition> _byName;

    /// <summary>Creates a set of claims.</summary>
    /// <param name="displayName">How diagnostics name the set, e.g. <c>Daily</c> or <c>Daily permissions</c>.</param>
    /// <param name="isOpen">Whether names outside the set are allowed.</param>
    /// <param name="claims">The claims, in the platform's documentation order.</param>
    public ClaimSet(string displayName, bool isOpen, IReadOnlyList<ClaimDefinition> claims)
    {
        DisplayName = displayName ?? throw new ArgumentNullException(nameof(displayName));
        IsOpen = isOpen;
        Claims = claims ?? throw new ArgumentNullException(nameof(claims));
        _byName = new Dictionary<string, ClaimDefinition>(StringComparer.Ordinal);
        foreach (ClaimDefinition claim in claims)
        {
            _byName.Add(claim.Name, claim);
        }
    }

    /// <summary>How diagnostics name the set, e.g. <c>Daily</c> or <c>Daily permissions</c>.</summary>
    public string DisplayName { get; }

    /// <summary>Whether names outside the set are allowed (only the plain JWT vocabulary is open).</summary>
    public bool IsOpen { get; }

    /// <summary>The claims in documentation order.</summary>
    public IReadOnlyList<ClaimDefinition> Claims { get; }

    /// <summary>Finds a claim by its exact (ordinal) name as written in the token.</summary>
    /// <param name="name">The claim name, e.g. <c>ctoe</c>.</param>
    /// <returns>The claim, or <see langword="null"/> when the set does not know the name.</returns>
    public ClaimDefinition? FindByName(string name)
    {
        if (name == null) return null;
        _byName.TryGetValue(name, out ClaimDefinition? claim);
        return claim;
    }

    /// <summary>
    /// Finds the claim whose long (REST) name or former name is <paramref name="name"/>, comparing without regard to
    /// case and underscores (so <c>close_tab_on_exit</c> and <c>closeTabOnExit</c> both find <c>ctoe</c>).
    /// A claim whose token name is <paramref name="name"/> itself is not returned.
    /// </summary>
    /// <param name="name">A name a user may have written instead of the claim name.</param>
    /// <param name="isFormerName">Set when the match is a former claim name rather than a long name.</param>
    /// <returns>The claim, or <see langword="null"/>.</returns>
    public ClaimDefinition? FindByLongName(string name, out bool isFormerName)
    {
        isFormerName = false;
        if (string.IsNullOrEmpty(name)) return null;
        string wanted = ClaimNames.Normalize(name);
        foreach (ClaimDefinition claim in Claims)
        {
            if (string.Equals(claim.Name, name, StringComparison.Ordinal)) continue;
            if (claim.LongName != null && claim.LongName != claim.Name && ClaimNames.Normalize(claim.LongName) == wanted)
            {
                return claim;
            }
        }

        foreach (ClaimDefinition claim in Claims)
        {
            foreach (string former in claim.FormerNames)
            {
                if (ClaimNames.Normalize(former) == wanted)
                {
                    isFormerName = true;
                    return claim;
                }
            }
        }

        return null;
    }

    /// <summary>Finds the claim whose long (REST) name or former name is <paramref name="name"/>; see <see cref="FindByLongName(string, out bool)"/>.</summary>
    /// <param name="name">A long name such as <c>close_tab_on_exit</c>.</param>
    /// <returns>The claim, or <see langword="null"/>.</returns>
    public ClaimDefinition? FindByLongName(string name) => FindByLongName(name, out _);

    /// <summary>
    /// Finds the known claim nearest to a misspelled <paramref name="name"/> by restricted Damerau–Levenshtein distance
    /// over claim names and long names, within <see cref="ClaimNames.SuggestionThreshold"/> of the name's length.
    /// </summary>
    /// <param name="name">The unknown name.</param>
    /// <returns>The nearest claim, or <see langword="null"/> when none is near enough.</returns>
    public ClaimDefinition? FindNearest(string name) => ClaimNames.Nearest(name, Claims, c => c.Name, c => c.LongName);

    /// <summary>Lists this set and every set nested in its claims, depth first, each once.</summary>
    public IReadOnlyList<ClaimSet> SelfAndNestedSets()
    {
        var sets = new List<ClaimSet>();
        Collect(this, sets);
        return sets;
    }

    /// <inheritdoc />
    public override string ToString() => DisplayName;

    private static void Collect(ClaimSet set, List<ClaimSet> sets)
    {
        if (sets.Contains(set)) return;
        sets.Add(set);
        foreach (ClaimDefinition claim in set.Claims)
        {
            if (claim.Members != null) Collect(claim.Members, sets);
        }
    }
}
