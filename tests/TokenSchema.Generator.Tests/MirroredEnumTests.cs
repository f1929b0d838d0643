using System;
using System.Linq;
using TokenSchema.Generator.Vocabularies;
using Xunit;

namespace TokenSchema.Generator.Tests;

/// <summary>
/// The generator cannot reference the runtime, so it mirrors the runtime enums whose values attributes carry into a
/// compilation as integers; each mirror must have exactly the runtime enum's names and values.
/// </summary>
public sealed class MirroredEnumTests
{
    [Theory]
    [InlineData(typeof(VocabularyId), typeof(ClaimVocabulary))]
    [InlineData(typeof(DeclaredJsonType), typeof(ClaimJsonType))]
    public void Generator_enum_has_the_runtime_enums_names_and_values(Type mirror, Type runtime)
    {
        Assert.Equal(Members(runtime), Members(mirror));
    }

    [Fact]
    public void Comparison_sees_a_differing_value()
    {
        // The comparison is by name and value, so a renumbered member would not pass.
        Assert.NotEqual(Members(typeof(VocabularyId)), Members(typeof(StringComparison)));
    }

    private static (string Name, long Value)[] Members(Type enumType) =>
        Enum.GetValues(enumType).Cast<object>()
            .Select(value => (Enum.GetName(enumType, value)!, Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)))
            .OrderBy(member => member.Item2).ThenBy(member => member.Item1, StringComparer.Ordinal)
            .ToArray();
}
