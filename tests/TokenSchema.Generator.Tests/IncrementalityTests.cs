using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TokenSchema.Generator.Model;
using Xunit;

namespace TokenSchema.Generator.Tests;

/// <summary>The pipeline caches its models: unrelated edits re-run nothing, and the models hold no compiler objects.</summary>
public sealed class IncrementalityTests
{
    private static readonly string[] StepNames = typeof(TokenPayloadGenerator.StepNames)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToArray();

    [Fact]
    public void Generator_names_its_steps()
    {
        Assert.Equal(new[] { "ParsePayloads", "SupportedPayloads" }, StepNames.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Adding_an_unrelated_syntax_tree_leaves_every_step_cached()
    {
        CSharpCompilation compilation = TestHelpers.CreateCompilation(Sources.All);
        GeneratorDriver driver = TestHelpers.CreateDriver().RunGenerators(compilation);

        CSharpCompilation edited = compilation.AddSyntaxTrees(
            CSharpSyntaxTree.ParseText("namespace Elsewhere { internal sealed class Unrelated { public int Value { get; set; } } }", TestHelpers.ParseOptions));
        GeneratorRunResult second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertAllCached(second);
    }

    [Fact]
    public void Running_again_on_a_cloned_compilation_leaves_every_step_cached()
    {
        CSharpCompilation compilation = TestHelpers.CreateCompilation(Sources.All);
        GeneratorDriver driver = TestHelpers.CreateDriver().RunGenerators(compilation);

        GeneratorRunResult second = driver.RunGenerators(compilation.Clone()).GetRunResult().Results.Single();

        AssertAllCached(second);
    }

    [Fact]
    public void Editing_a_claim_name_reruns_that_payload_and_changes_its_source()
    {
        CSharpCompilation compilation = TestHelpers.CreateCompilation(Sources.All);
        GeneratorDriver driver = TestHelpers.CreateDriver().RunGenerators(compilation);
        SyntaxTree daily = compilation.SyntaxTrees.First();
        SyntaxTree renamed = daily.WithChangedText(
            Microsoft.CodeAnalysis.Text.SourceText.From(Sources.Daily.Replace("[Claim(\"ud\")", "[Claim(\"user\")", StringComparison.Ordinal)));

        GeneratorDriverRunResult result = driver.RunGenerators(compilation.ReplaceSyntaxTree(daily, renamed)).GetRunResult();

        IncrementalStepRunReason[] reasons = result.Results.Single().TrackedSteps["ParsePayloads"]
            .SelectMany(step => step.Outputs)
            .Select(output => output.Reason)
            .ToArray();
        Assert.Contains(IncrementalStepRunReason.Modified, reasons);
        string source = result.Results.Single().GeneratedSources.Single(s => s.HintName == "Samples.Daily.DailyToken.TokenPayload.g.cs").SourceText.ToString();
        Assert.Contains("\"user\"u8", source, StringComparison.Ordinal);
    }

    [Fact]
    public void Models_hold_no_symbols_syntax_locations_or_compilations()
    {
        GeneratorRunResult result = TestHelpers.CreateDriver()
            .RunGenerators(TestHelpers.CreateCompilation(Sources.All))
            .GetRunResult().Results.Single();
        var walker = new ModelWalker();

        foreach (string name in StepNames)
        {
            foreach (IncrementalGeneratorRunStep step in result.TrackedSteps[name])
            {
                foreach ((object value, IncrementalStepRunReason _) in step.Outputs)
                {
                    walker.Visit(value, name);
                }
            }
        }

        Assert.Empty(walker.Offenders);
        Assert.True(walker.Payloads >= 6, $"Only {walker.Payloads} payload models were walked.");
    }

    [Fact]
    public void Model_walker_finds_a_symbol_hidden_in_a_model()
    {
        // Proves the walk above can fail: a symbol smuggled into an object graph is found.
        ISymbol symbol = TestHelpers.CreateCompilation("class C { }").GetTypeByMetadataName("C")!;
        var walker = new ModelWalker();

        walker.Visit(new object[] { "text", new List<object> { symbol } }, "test");

        Assert.Single(walker.Offenders);
    }

    private static void AssertAllCached(GeneratorRunResult result)
    {
        foreach (string name in StepNames)
        {
            Assert.True(result.TrackedSteps.TryGetValue(name, out var steps), $"Step {name} was not tracked.");
            Assert.NotEmpty(steps!);
            foreach (IncrementalGeneratorRunStep step in steps!)
            {
                foreach ((object _, IncrementalStepRunReason reason) in step.Outputs)
                {
                    Assert.True(
                        reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                        $"Step {name} ran again: {reason}.");
                }
            }
        }

        foreach ((object _, IncrementalStepRunReason reason) in result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs))
        {
            Assert.Equal(IncrementalStepRunReason.Cached, reason);
        }
    }

    private sealed class ModelWalker
    {
        private readonly HashSet<object> _seen = new(ReferenceEqualityComparer.Instance);

        public List<string> Offenders { get; } = new();

        public int Payloads { get; private set; }

        public void Visit(object? value, string path)
        {
            if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !_seen.Add(value))
            {
                return;
            }

            if (value is ISymbol or SyntaxNode or Location or Compilation or SemanticModel or SyntaxTree)
            {
                Offenders.Add(path + ": " + value.GetType().FullName);
                return;
            }

            if (value is PayloadSpec)
            {
                Payloads++;
            }

            if (value is IEnumerable sequence)
            {
                int index = 0;
                foreach (object? item in sequence)
                {
                    Visit(item, path + "[" + index++ + "]");
                }
            }

            for (Type? type = value.GetType(); type is not null && type != typeof(object); type = type.BaseType)
            {
                foreach (FieldInfo field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    Visit(field.GetValue(value), path + "." + field.Name);
                }
            }
        }
    }
}
