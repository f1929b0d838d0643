using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace TokenSchema.Generator.Tests;

/// <summary>
/// Every <c>```csharp</c> block of the repository's README.md compiles against the runtime, with the generator as a
/// source generator: each block becomes one file, its type declarations at the top level and its statements in a method
/// of a class that derives from stubs for the README's free variables (<c>dailyApiKey</c>, <c>domainId</c>…; a block's own
/// locals shadow them). All blocks share one compilation, so a later block may use a type an earlier one declares.
/// </summary>
public sealed partial class ReadmeSnippetTests
{
    private const string Prelude = """
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;
        using TokenSchema;
        using TokenSchema.Daily;
        using TokenSchema.DigitalSamba;
        using TokenSchema.Hms;
        using TokenSchema.Jitsi;
        using TokenSchema.LiveKit;
        using TokenSchema.StreamVideo;
        using TokenSchema.Twilio;
        using TokenSchema.Zoom;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;
        """;

    /// <summary>The README's free variables, as the text around the blocks describes them.</summary>
    private const string Stubs = Prelude + """

        #pragma warning disable
        internal class ReadmeStubs
        {
            protected static readonly string dailyApiKey = "", hmsAccessKey = "", hmsAppSecret = "", streamApiSecret = "";
            protected static readonly string jitsiAppId = "", jitsiAppSecret = "", livekitApiKey = "", livekitApiSecret = "";
            protected static readonly string liveKitApiKey = "", liveKitApiSecret = "", token = "";
            protected static readonly string? authorizationHeader = null;
            protected static readonly Guid domainId = Guid.NewGuid(), dailyDomainId = Guid.NewGuid();
            protected static readonly byte[] body = [];
            protected static readonly JwtSigner signer = null!;
            protected static readonly IProgress<BulkSignProgress>? progress = null;
            protected static readonly CancellationToken cancellationToken = default;
            protected static readonly WebApplicationBuilder builder = null!;
            protected static readonly WebApplication app = null!;

            protected static async IAsyncEnumerable<DailyToken> ReadPayloads()
            {
                await Task.Yield();
                yield break;
            }
        }
        """;

    [Fact]
    public void Every_csharp_block_of_the_README_compiles()
    {
        string readme = File.ReadAllText(FindReadme());
        List<string> blocks = CSharpBlocks().Matches(readme).Select(m => m.Groups[1].Value).ToList();
        Assert.True(blocks.Count >= 9, $"only {blocks.Count} csharp blocks found in README.md");

        var sources = new List<string> { Stubs };
        sources.AddRange(blocks.Select((block, i) => Wrap(block, i + 1)));
        GeneratorRun run = TestHelpers.Run(TestHelpers.CreateCompilation(sources.ToArray()).AddReferences(WebReferences()));

        Assert.All(run.RunResult.Results, r => Assert.Null(r.Exception));
        List<Diagnostic> errors = run.OutputCompilation.GetDiagnostics().Concat(run.RunResult.Diagnostics)
            .Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, "README.md's csharp blocks do not compile:\n" + string.Join("\n", errors.Select(e => Describe(e, sources))));
    }

    /// <summary>ASP.NET Core's and Microsoft.Extensions' assemblies and the DI package, for the "Use in ASP.NET Core" block.</summary>
    private static IEnumerable<MetadataReference> WebReferences()
    {
        string trusted = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
        foreach (string path in trusted.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string name = Path.GetFileNameWithoutExtension(path);
            if (name == "Microsoft.AspNetCore" || name.StartsWith("Microsoft.AspNetCore.", StringComparison.Ordinal) || name.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal)
                || name == "TokenSchema.Extensions.DependencyInjection")
            {
                yield return MetadataReference.CreateFromFile(path);
            }
        }
    }

    /// <summary>One block as a file: its usings, its types at the top level, its statements in <c>BlockN.Run()</c>.</summary>
    private static string Wrap(string block, int number)
    {
        var root = (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(block, TestHelpers.ParseOptions).GetRoot();
        var text = new StringBuilder(Prelude).AppendLine();
        foreach (UsingDirectiveSyntax directive in root.Usings)
        {
            text.AppendLine(directive.ToFullString().Trim());
        }

        text.AppendLine("#pragma warning disable CS0168, CS0219, CS1998, CS8321");
        text.AppendLine($"// README.md, csharp block {number}");
        text.AppendLine($"internal sealed class Block{number} : ReadmeStubs");
        text.AppendLine("{");
        text.AppendLine("    public static async Task Run()");
        text.AppendLine("    {");
        foreach (GlobalStatementSyntax statement in root.Members.OfType<GlobalStatementSyntax>())
        {
            text.AppendLine(statement.ToFullString());
        }

        text.AppendLine("    }");
        text.AppendLine("}");
        foreach (MemberDeclarationSyntax member in root.Members.Where(m => m is not GlobalStatementSyntax))
        {
            text.AppendLine(member.ToFullString());
        }

        return text.ToString();
    }

    private static string Describe(Diagnostic error, List<string> sources)
    {
        string file = error.Location.SourceTree?.FilePath ?? "";
        string where = error.Location.GetLineSpan().StartLinePosition.Line is int line && file.StartsWith("Source", StringComparison.Ordinal) &&
            int.TryParse(file["Source".Length..^".cs".Length], out int index) && index < sources.Count
                ? sources[index].Split('\n').ElementAtOrDefault(line)?.Trim() ?? ""
                : "";
        return error + (where.Length > 0 ? "\n    at: " + where : "");
    }

    private static string FindReadme()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, "README.md");
            if (File.Exists(candidate) && File.Exists(Path.Combine(directory.FullName, "TokenSchema.sln")))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("README.md next to TokenSchema.sln, above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^```csharp[ \t]*\r?\n(.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex CSharpBlocks();
}
