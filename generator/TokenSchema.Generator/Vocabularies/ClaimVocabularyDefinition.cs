using System;
using System.Collections.Generic;

namespace TokenSchema.Generator.Vocabularies;

/// <summary>A platform's claim vocabulary: its top-level claims (registered claims included) and the objects nested in them.</summary>
internal sealed class ClaimVocabularyDefinition
{
    /// <summary>Creates a vocabulary.</summary>
    /// <param name="id">The vocabulary's id, matching <c>TokenSchema.ClaimVocabulary</c>.</param>
    /// <param name="root">The top-level claims.</param>
    /// <param name="matchesNamesIgnoringCase">Whether the platform matches claim names ignoring case (see <see cref="MatchesNamesIgnoringCase"/>).</param>
    public ClaimVocabularyDefinition(VocabularyId id, ClaimSet root, bool matchesNamesIgnoringCase = false)
    {
        Id = id;
        Root = root ?? throw new ArgumentNullException(nameof(root));
        Sets = root.SelfAndNestedSets();
        MatchesNamesIgnoringCase = matchesNamesIgnoringCase;
    }

    /// <summary>
    /// Whether the platform reads claim names ignoring case, at the top level and inside its objects (LiveKit's server
    /// decodes the payload with Go's <c>encoding/json</c>, which matches a field name case-insensitively, the last match
    /// winning). The generated reader of such a vocabulary's payload then refuses a name that equals one of the object's
    /// claim names in another case (<c>ClaimReadErrorKind.CaseVariantName</c>, naming it), so that what it reads is what
    /// the platform reads.
    /// </summary>
    public bool MatchesNamesIgnoringCase { get; }

    /// <summary>The vocabulary's id.</summary>
    public VocabularyId Id { get; }

    /// <summary>How diagnostics name the platform, e.g. <c>Daily</c>.</summary>
    public string DisplayName => Root.DisplayName;

    /// <summary>Whether claim names outside the vocabulary are allowed (only for <see cref="VocabularyId.Jwt"/>).</summary>
    public bool IsOpen => Root.IsOpen;

    /// <summary>
    /// Whether some claim of the vocabulary (nested ones included) has a long (REST) name other than its claim name,
    /// so that payloads of it get a long-form writer.
    /// </summary>
    public bool HasLongNames
    {
        get
        {
            foreach (ClaimSet set in Sets)
            {
                foreach (ClaimDefinition claim in set.Claims)
                {
                    if (claim.LongName != null && claim.LongName != claim.Name) return true;
                }
            }

            return false;
        }
    }

    /// <summary>The top-level claims, registered claims included.</summary>
    public ClaimSet Root { get; }

    /// <summary>The top-level set followed by every nested object's set (Daily permissions, LiveKit video grant, …).</summary>
    public IReadOnlyList<ClaimSet> Sets { get; }

    /// <summary>
    /// Picks the set that a type declaring <paramref name="claimNames"/> most likely describes: the set knowing the most of
    /// the names, the top level on a tie. A type holding <c>hp</c> and <c>cs</c> is Daily's permissions object, not a token.
    /// </summary>
    /// <param name="claimNames">The claim names the type declares.</param>
    public ClaimSet BestFit(IEnumerable<string> claimNames)
    {
        var names = new List<string>(claimNames);
        ClaimSet best = Root;
        int bestCount = Count(Root, names);
        foreach (ClaimSet set in Sets)
        {
            int count = Count(set, names);
            if (count > bestCount)
            {
                best = set;
                bestCount = count;
            }
        }

        return best;
    }

    /// <inheritdoc />
    public override string ToString() => DisplayName;

    private static int Count(ClaimSet set, List<string> names)
    {
        int count = 0;
        foreach (string name in names)
        {
            if (set.FindByName(name) != null) count++;
        }

        return count;
    }
}
