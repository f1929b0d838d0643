using System.Collections.Generic;

namespace TokenSchema.Generator.Vocabularies;

/// <summary>
/// The one place that knows every claim vocabulary, shared by the generator, the analyzer and the code fixes.
/// </summary>
/// <example>
/// <code>
/// ClaimVocabularyDefinition daily = ClaimVocabularies.Get(VocabularyId.Daily);
/// ClaimDefinition ctoe = daily.Root.FindByName("ctoe");          // Boolean, long name close_tab_on_exit
/// ClaimDefinition same = daily.Root.FindByLongName("close_tab_on_exit", out _);
/// ClaimDefinition near = daily.Root.FindNearest("cteo");          // ctoe
/// </code>
/// </example>
internal static class ClaimVocabularies
{
    /// <summary>The open vocabulary: the registered claims are type-checked, any other name is allowed.</summary>
    public static readonly ClaimVocabularyDefinition Jwt = new ClaimVocabularyDefinition(VocabularyId.Jwt,
        new ClaimSet("JWT", isOpen: true, RegisteredClaims.AppendTo()));

    /// <summary>Every vocabulary, in <see cref="VocabularyId"/> order.</summary>
    public static readonly IReadOnlyList<ClaimVocabularyDefinition> All = new[]
    {
        Jwt,
        DailyVocabulary.Vocabulary,
        DigitalSambaVocabulary.Vocabulary,
        LiveKitVocabulary.Vocabulary,
        ZoomVocabulary.Vocabulary,
        TwilioVocabulary.Vocabulary,
        HmsVocabulary.Vocabulary,
        StreamVideoVocabulary.Vocabulary,
        JitsiVocabulary.Vocabulary,
    };

    /// <summary>Gets the vocabulary with <paramref name="id"/>.</summary>
    /// <param name="id">The vocabulary id; its numeric value is that of <c>TokenSchema.ClaimVocabulary</c>.</param>
    /// <returns>The vocabulary, or <see langword="null"/> for a value no vocabulary has (a cast integer).</returns>
    public static ClaimVocabularyDefinition? Get(VocabularyId id)
    {
        int index = (int)id;
        return index >= 0 && index < All.Count ? All[index] : null;
    }

    /// <summary>Finds a top-level claim of a vocabulary by its exact name, e.g. <c>("ctoe", Daily)</c>.</summary>
    /// <param name="id">The vocabulary.</param>
    /// <param name="name">The claim name as written in the token.</param>
    /// <returns>The claim, or <see langword="null"/> when the vocabulary does not know it.</returns>
    public static ClaimDefinition? FindClaim(VocabularyId id, string name) => Get(id)?.Root.FindByName(name);

    /// <summary>Finds the registered claim one edit away from <paramref name="name"/> (<c>exq</c> → <c>exp</c>), if any.</summary>
    /// <param name="name">A claim name that is not itself registered.</param>
    public static ClaimDefinition? FindRegisteredOneEditAway(string name)
    {
        if (string.IsNullOrEmpty(name)) return null;
        foreach (ClaimDefinition claim in RegisteredClaims.All)
        {
            if (ClaimNames.Distance(name, claim.Name) == 1) return claim;
        }

        return null;
    }
}
