using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using TokenSchema.Generator.Helpers;
using TokenSchema.Generator.Model;
using Xunit;

namespace TokenSchema.Generator.Tests;

/// <summary>The parser's model and the small building blocks under the emitter.</summary>
public sealed class ModelTests
{
    private static PayloadSpec ParseOne(string source)
    {
        GeneratorRunResult result = TestHelpers.CreateDriver()
            .RunGenerators(TestHelpers.CreateCompilation("using System; using System.Collections.Generic; using System.ComponentModel.DataAnnotations; using TokenSchema;\n" + source))
            .GetRunResult().Results.Single();
        return result.TrackedSteps["SupportedPayloads"]
            .SelectMany(step => step.Outputs)
            .Select(output => (PayloadSpec)output.Value)
            .Single();
    }

    [Fact]
    public void Parser_reads_names_order_shapes_and_missing_claim_behaviour()
    {
        PayloadSpec spec = ParseOne("""
            namespace N;
            [TokenPayload]
            public sealed partial record P([Claim("a")] int A, [Claim("b")] string? B = "x")
            {
                [Claim("c")] public required string C { get; init; }
                [Claim("d")] public IReadOnlyList<Guid?>? D { get; init; }
                [Claim("e")] public bool E { get; init; } = true;
                public string? NotAClaim { get; init; }
            }
            """);

        Assert.Equal("global::N.P", spec.FullyQualifiedName);
        Assert.Equal("record", spec.Keyword);
        Assert.True(spec.UsesPositionalConstructor);
        Assert.Equal(new[] { "a", "b", "c", "d", "e" }, spec.Claims.Select(c => c.Name));
        Assert.Equal(
            new[] { MissingClaimBehavior.Fail, MissingClaimBehavior.KeepDefault, MissingClaimBehavior.Fail, MissingClaimBehavior.Null, MissingClaimBehavior.KeepDefault },
            spec.Claims.Select(c => c.WhenMissing));
        Assert.Equal("\"x\"", spec.Claims[1].DefaultValueLiteral);
        Assert.Equal(new[] { 0, 1, -1, -1, -1 }, spec.Claims.Select(c => c.ParameterIndex));
        ValueSpec list = spec.Claims[3].Value;
        Assert.Equal(ValueKind.List, list.Kind);
        Assert.Equal("global::System.Collections.Generic.IReadOnlyList<global::System.Guid?>", list.Type);
        Assert.True(list.Element!.IsNullable);
        Assert.Equal(ValueKind.Guid, list.Element.Kind);
    }

    [Fact]
    public void Parser_turns_data_annotations_into_rules_and_adds_time_order()
    {
        PayloadSpec spec = ParseOne("""
            [TokenPayload]
            public partial class Q
            {
                [Claim("iat")] public long? IssuedAt { get; set; }
                [Claim("s"), Required, StringLength(9, MinimumLength = 3), Url] public string? S { get; set; }
                [Claim("r"), Range(0.25, 2.5)] public double R { get; set; }
                [Claim("exp")] public DateTimeOffset Expires { get; set; }
            }
            """);

        Assert.Null(spec.Namespace);
        Assert.Equal(
            new[] { ValidationRuleKind.Required, ValidationRuleKind.MinLength, ValidationRuleKind.MaxLength, ValidationRuleKind.Url },
            spec.Claims[1].Rules.Select(r => r.Kind));
        Assert.Equal(("3", "9"), (spec.Claims[1].Rules[1].Minimum, spec.Claims[1].Rules[2].Maximum));
        // Finiteness is not a rule but a check every double gets.
        ValidationRuleSpec range = Assert.Single(spec.Claims[2].Rules);
        Assert.Equal((ValidationRuleKind.Range, "0.25d", "2.5d", "0.25", "2.5"), (range.Kind, range.Minimum, range.Maximum, range.MinimumText, range.MaximumText));
        ValidationRuleSpec after = Assert.Single(spec.Claims[3].Rules);
        Assert.Equal((ValidationRuleKind.After, "iat", "IssuedAt", false), (after.Kind, after.OtherClaim, after.OtherMemberName, after.OtherIsDateTimeOffset));
    }

    [Fact]
    public void Models_parsed_twice_from_the_same_source_are_equal()
    {
        const string source = """
            public enum K { [ClaimValue("x-y")] A, B }
            [TokenPayload] public partial record struct R([Claim("k")] K[] Ks) { [Claim("m")] public IReadOnlyDictionary<string, K?>? M { get; init; } }
            """;

        PayloadSpec first = ParseOne(source);
        PayloadSpec second = ParseOne(source);

        Assert.NotSame(first, second);
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.Equal(new[] { "x-y", "B" }, first.Claims[0].Value.Element!.EnumMembers.Select(m => m.WireValue));
    }

    [Fact]
    public void Equatable_array_compares_by_elements()
    {
        var a = new ImmutableEquatableArray<string>(new[] { "x", "y" });
        var b = new[] { "x", "y" }.ToImmutableEquatableArray();
        var c = new[] { "x" }.ToImmutableEquatableArray();
        var d = new[] { "y", "x" }.ToImmutableEquatableArray();

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, c);
        Assert.NotEqual(a, d);
        Assert.Equal(ImmutableEquatableArray<string>.Empty, Array.Empty<string>().ToImmutableEquatableArray());
        Assert.Equal(new[] { "x", "y" }, a);
    }

    [Fact]
    public void Source_writer_indents_and_keeps_single_blank_lines_only_between_statements()
    {
        var writer = new SourceWriter();
        writer.Open("class C");
        writer.Line();
        writer.Line("int a;");
        writer.Line();
        writer.Line();
        writer.Line("int b;");
        writer.Line();
        writer.Close();

        Assert.Equal("class C\n{\n    int a;\n\n    int b;\n}\n", writer.ToString());
        Assert.Throws<InvalidOperationException>(() => writer.Close());
    }
}
