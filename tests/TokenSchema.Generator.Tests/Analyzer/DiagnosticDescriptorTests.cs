using System;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using TokenSchema.Generator.Analyzer;
using TokenSchema.Generator.Diagnostics;
using Xunit;

namespace TokenSchema.Generator.Tests.Analyzer;

public sealed class DiagnosticDescriptorTests
{
    [Fact]
    public void Ids_are_numbered_upward_with_one_prefix_and_category()
    {
        // TKS0024 and TKS0025 are reserved for diagnostics declared elsewhere; every other number is used once, in order.
        string[] reserved = { "TKS0024", "TKS0025" };
        string[] expected = Enumerable.Range(1, DiagnosticDescriptors.All.Length + reserved.Length)
            .Select(n => $"TKS{n:D4}")
            .Where(id => !reserved.Contains(id) || DiagnosticDescriptors.All.Any(d => d.Id == id))
            .Take(DiagnosticDescriptors.All.Length)
            .ToArray();
        for (int i = 0; i < DiagnosticDescriptors.All.Length; i++)
        {
            DiagnosticDescriptor descriptor = DiagnosticDescriptors.All[i];
            Assert.Equal(expected[i], descriptor.Id);
            Assert.Equal("TokenSchema", descriptor.Category);
            Assert.True(descriptor.IsEnabledByDefault);
            Assert.Equal("https://github.com/tokenschema/tokenschema/blob/main/docs/diagnostics.md#" + descriptor.Id.ToLowerInvariant(), descriptor.HelpLinkUri);
        }

        Assert.Equal(DiagnosticDescriptors.All, new TokenPayloadAnalyzer().SupportedDiagnostics);
    }

    [Fact]
    public void Every_diagnostic_is_tracked_in_the_release_file_and_documented()
    {
        string root = RepositoryRoot();
        string[] unshipped = File.ReadAllLines(Path.Combine(root, "generator", "TokenSchema.Generator", "AnalyzerReleases.Unshipped.md"));
        string docs = File.ReadAllText(Path.Combine(root, "docs", "diagnostics.md"));
        foreach (DiagnosticDescriptor descriptor in DiagnosticDescriptors.All)
        {
            string row = Assert.Single(unshipped, line => line.StartsWith(descriptor.Id + " ", StringComparison.Ordinal));
            Assert.Equal($"{descriptor.Id} | TokenSchema | {descriptor.DefaultSeverity} | {descriptor.Title}", row);
            Assert.Contains("\n## " + descriptor.Id + "\n", docs.ReplaceLineEndings("\n"));
            Assert.Contains($"**{descriptor.Title.ToString().Replace("[Claim]", "`[Claim]`").Replace("[TokenPayload]", "`[TokenPayload]`")}** · {descriptor.DefaultSeverity}", docs);
        }
    }

    private static string RepositoryRoot()
    {
        DirectoryInfo? directory = new(AppContext.BaseDirectory);
        while (directory != null && !File.Exists(Path.Combine(directory.FullName, "TokenSchema.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("TokenSchema.sln not found above " + AppContext.BaseDirectory);
    }
}
