using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using TokenSchema.Generator.Vocabularies;
using Xunit;
using Xunit.Abstractions;

namespace TokenSchema.Generator.Tests;

/// <summary>
/// The vocabulary tables are the one source of the platforms' limits: every limit of every table entry that a built-in
/// platform schema maps (required, longest string, integer range, allowed values) is enforced by that schema's
/// generated <c>Validate()</c>, or by the member's type.
/// </summary>
public sealed class VocabularyLimitTests(ITestOutputHelper output)
{
    // Members whose type admits only allowed values: the converter's type is the list of values.
    private static readonly Dictionary<string, string> TypedByConverter = new(StringComparer.Ordinal)
    {
        ["Daily.er"] = "DailyRecording holds only Daily's recording modes",
        ["Daily permissions.cs"] = "DailyCanSend is a set of Daily's media",
        ["Daily permissions.ca"] = "DailyCanAdmin is a set of Daily's admin rights",
        ["Zoom Video SDK.geo_regions"] = "ZoomGeoRegions is a set of Zoom's regions",
        ["LiveKit.kind"] = "LiveKitParticipantKind holds only LiveKit's participant kinds (read in any letter case)",
    };

    [Fact]
    public void Every_table_limit_a_platform_schema_maps_is_enforced()
    {
        int checkedLimits = 0, schemas = 0;
        foreach (Type type in typeof(JwtSigner).Assembly.GetExportedTypes())
        {
            if (type.GetCustomAttribute<TokenPayloadAttribute>() is not { } payload || type.Namespace == "TokenSchema")
            {
                continue;
            }

            schemas++;
            ClaimVocabularyDefinition vocabulary = ClaimVocabularies.Get((VocabularyId)(int)payload.Vocabulary)!;
            List<(PropertyInfo Property, ClaimAttribute Claim)> members = type.GetProperties()
                .Select(p => (Property: p, Claim: p.GetCustomAttribute<ClaimAttribute>()!))
                .Where(m => m.Claim is not null)
                .ToList();
            ClaimSet scope = vocabulary.BestFit(members.Where(m => !m.Claim.IsExtension).Select(m => m.Claim.Name).ToList());
            foreach ((PropertyInfo property, ClaimAttribute claim) in members)
            {
                if (scope.FindByName(claim.Name) is not { } definition)
                {
                    continue;
                }

                string where = scope.DisplayName + "." + claim.Name;
                checkedLimits += CheckRequired(type, property, definition, where);
                checkedLimits += CheckMaxLength(type, property, definition, where);
                checkedLimits += CheckRange(type, property, definition, where);
                checkedLimits += CheckAllowedValues(type, property, definition, where);
            }
        }

        output.WriteLine($"{checkedLimits} table limits checked on {schemas} platform schemas");
        Assert.True(schemas >= 8, "the platform schemas were not found");
        Assert.True(checkedLimits >= 25, $"only {checkedLimits} limits checked");
    }

    [Fact]
    public void Every_platform_schema_describes_its_claims_as_its_vocabulary_table_does()
    {
        int described = 0;
        foreach (Type type in typeof(JwtSigner).Assembly.GetExportedTypes())
        {
            if (type.GetCustomAttribute<TokenPayloadAttribute>() is not { } payload || type.Namespace == "TokenSchema")
            {
                continue;
            }

            ClaimVocabularyDefinition vocabulary = ClaimVocabularies.Get((VocabularyId)(int)payload.Vocabulary)!;
            var descriptors = (IReadOnlyList<ClaimDescriptor>)type.GetProperty(nameof(IClaimSchema.ClaimDescriptors), BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
            var extensions = type.GetProperties().Select(p => p.GetCustomAttribute<ClaimAttribute>()).Where(c => c is { IsExtension: true }).Select(c => c!.Name).ToHashSet();
            ClaimSet scope = vocabulary.BestFit(descriptors.Select(d => d.Name).Where(n => !extensions.Contains(n)).ToList());
            foreach (ClaimDescriptor descriptor in descriptors)
            {
                string where = type.Name + "." + descriptor.Name;
                if (scope.FindByName(descriptor.Name) is not { } definition)
                {
                    Assert.Null(descriptor.Description);
                    continue;
                }

                described++;
                Assert.Equal(definition.Description, descriptor.Description);
                Assert.Equal(vocabulary.HasLongNames ? definition.LongName ?? definition.Name : null, descriptor.LongName);
                Assert.True(!definition.IsRequired || descriptor.IsRequired, where + " is required in the table");
                Assert.True(definition.MaxLength is null || descriptor.Type is not (ClaimValueType.String or ClaimValueType.Uri) || descriptor.MaxLength <= definition.MaxLength, where + ": " + descriptor.MaxLength);
                if (descriptor.Type == ClaimValueType.String && definition.AllowedValues.Count > 0)
                {
                    Assert.Equal(definition.AllowedValues, descriptor.AllowedValues);
                }
            }
        }

        output.WriteLine($"{described} claims described as their tables say");
        Assert.True(described >= 60, described.ToString());
    }

    private static int CheckRequired(Type type, PropertyInfo property, ClaimDefinition definition, string where)
    {
        if (!definition.IsRequired)
        {
            return 0;
        }

        if (property.PropertyType.IsValueType && Nullable.GetUnderlyingType(property.PropertyType) is null)
        {
            return 1; // Never absent: the type enforces it.
        }

        AssertProblem(Instance(type), definition.Name, "is required", where);
        return 1;
    }

    private static int CheckMaxLength(Type type, PropertyInfo property, ClaimDefinition definition, string where)
    {
        if (definition.MaxLength is not { } maxLength)
        {
            return 0;
        }

        object tooLong = property.PropertyType == typeof(Uri)
            ? new Uri("https://example.com/" + new string('a', maxLength))
            : property.PropertyType == typeof(string)
                ? new string('a', maxLength + 1)
                : throw new Xunit.Sdk.XunitException(where + ": a length limit on a " + property.PropertyType.Name + " member is not checked");
        AssertProblem(With(type, property, tooLong), definition.Name, "is longer than " + maxLength + " characters", where);
        return 1;
    }

    private static int CheckRange(Type type, PropertyInfo property, ClaimDefinition definition, string where)
    {
        if (definition.Minimum is null && definition.Maximum is null)
        {
            return 0;
        }

        Type number = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (number.IsEnum)
        {
            // Validate refuses undefined enum values, so the defined ones are the values the member can hold.
            foreach (object defined in Enum.GetValues(number))
            {
                long n = Convert.ToInt64(defined, System.Globalization.CultureInfo.InvariantCulture);
                Assert.True(n >= (definition.Minimum ?? long.MinValue) && n <= (definition.Maximum ?? long.MaxValue), $"{where}: {number.Name}.{defined} is {n}, outside the table's range");
            }

            return 1;
        }

        int count = 0;
        foreach (long outside in new[] { definition.Minimum - 1, definition.Maximum + 1 }.Where(v => v is not null).Select(v => v!.Value))
        {
            object value = number == typeof(int) ? (object)checked((int)outside)
                : number == typeof(long) ? outside
                : number == typeof(TimeSpan) ? TimeSpan.FromSeconds(outside)
                : throw new Xunit.Sdk.XunitException(where + ": a range on a " + number.Name + " member is not checked");
            AssertProblem(With(type, property, value), definition.Name, "is not", where);
            count++;
        }

        return count;
    }

    private static int CheckAllowedValues(Type type, PropertyInfo property, ClaimDefinition definition, string where)
    {
        if (definition.AllowedValues.Count == 0)
        {
            return 0;
        }

        Type member = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        Type? element = member.IsArray ? member.GetElementType()
            : member.IsGenericType && member.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) ? member.GetGenericArguments()[0]
            : null;
        if (property.GetCustomAttribute<ClaimConverterAttribute>() is not null)
        {
            Assert.True(TypedByConverter.ContainsKey(where), $"{where}: allowed values on a {member.Name} member written by a converter are not checked");
        }
        else if (member == typeof(string))
        {
            AssertProblem(With(type, property, "not-a-value"), definition.Name, "not one of", where);
        }
        else if ((element ?? member).IsEnum)
        {
            // The enum's wire strings are the values the member can hold (TKS0013 checks them against the table).
            Type enumType = element ?? member;
            foreach (FieldInfo field in enumType.GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                string wire = field.GetCustomAttribute<ClaimValueAttribute>()?.Value ?? field.Name;
                Assert.True(definition.AllowedValues.Contains(wire), $"{where}: {enumType.Name}.{field.Name} is written as '{wire}', which the table does not allow");
            }
        }
        else if (element == typeof(string))
        {
            AssertProblem(With(type, property, new[] { definition.AllowedValues[0], "not-a-value" }), definition.Name + "[1]", "not one of", where);
        }
        else
        {
            Assert.Fail($"{where}: allowed values on a {member.Name} member are not checked");
        }

        return 1;
    }

    private static object Instance(Type type) => Activator.CreateInstance(type)!;

    private static object With(Type type, PropertyInfo property, object value)
    {
        object instance = Instance(type);
        property.SetValue(instance, value);
        return instance;
    }

    private static void AssertProblem(object payload, string claim, string message, string where)
    {
        ClaimValidationResult result = LoadedAssembly.Validate(payload);
        Assert.True(
            result.Problems.Any(p => p.Claim == claim && p.Message.Contains(message, StringComparison.Ordinal)),
            $"{where}: expected '{claim}' {message}…, got: {result}");
    }
}
