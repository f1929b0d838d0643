using System;
using System.IO;
using System.Linq;
using TokenSchema.Fuzz;
using Xunit;
using Xunit.Abstractions;

namespace TokenSchema.Tests;

/// <summary>
/// Replays every input the coverage-guided fuzzer kept (its corpus) and every crash it found, through the same targets:
/// each must now pass (no exception out of the verifier or the reader; an accepted token signs and reads back the same).
/// </summary>
public sealed class FuzzRegressionTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("verify")]
    [InlineData("read")]
    public void Every_corpus_input_and_every_crash_found_passes_its_target(string target)
    {
        Action<ReadOnlySpan<byte>> run = target == "verify" ? FuzzTargets.VerifyToken : FuzzTargets.ReadPayload;
        string[] files = new[] { "corpus", "crashes" }
            .Select(folder => Path.Combine(AppContext.BaseDirectory, "fuzz", folder, target))
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal)
            .ToArray();
        int failures = 0;
        foreach (string file in files)
        {
            try
            {
                run(File.ReadAllBytes(file));
            }
            catch (Exception exception)
            {
                failures++;
                output.WriteLine($"{Path.GetFileName(file)}: {exception.GetType().Name}: {exception.Message}");
            }
        }

        output.WriteLine($"fuzz {target}: {files.Length} inputs replayed, {failures} failed");
        Assert.True(files.Length >= 2, "the corpus was not copied to the test output");
        Assert.Equal(0, failures);
    }
}
