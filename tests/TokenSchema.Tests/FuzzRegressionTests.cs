using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using TokenSchema.Fuzz;
using Xunit;
using Xunit.Abstractions;

namespace TokenSchema.Tests;

/// <summary>
/// Replays every input the coverage-guided fuzzer kept (its corpus) and every crash it found, through the same targets:
/// each must now pass (no exception out of the verifier or the reader; an accepted token signs and reads back the same).
/// The inputs replayed must be exactly those listed in <c>tests/TokenSchema.Fuzz/inputs.sha256</c> (checked into git,
/// <c>sha256sum</c> format, rewritten by <c>fuzz.sh</c> when it adds crashes), with the same contents: a lost, emptied
/// or changed input fails the replay instead of shrinking it.
/// </summary>
public sealed class FuzzRegressionTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("verify")]
    [InlineData("read")]
    public void Every_corpus_input_and_every_crash_found_passes_its_target(string target)
    {
        Action<ReadOnlySpan<byte>> run = target == "verify" ? FuzzTargets.VerifyToken : FuzzTargets.ReadPayload;
        string root = Path.Combine(AppContext.BaseDirectory, "fuzz");
        string[] files = new[] { "corpus", "crashes" }
            .Select(folder => Path.Combine(root, folder, target))
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal)
            .ToArray();

        // The list checked into git, for this target: "<sha256>  corpus/<target>/<name>".
        Dictionary<string, string> listed = Listed(Path.Combine(root, "inputs.sha256"))
            .Where(entry => entry.Key.Split('/')[1] == target)
            .ToDictionary(entry => entry.Key, entry => entry.Value, StringComparer.Ordinal);
        var replayed = files.ToDictionary(file => Path.GetRelativePath(root, file).Replace('\\', '/'), file => file, StringComparer.Ordinal);

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

        string[] missing = listed.Keys.Where(name => !replayed.ContainsKey(name)).Order(StringComparer.Ordinal).ToArray();
        string[] unlisted = replayed.Keys.Where(name => !listed.ContainsKey(name)).Order(StringComparer.Ordinal).ToArray();
        string[] changed = listed.Where(entry => replayed.TryGetValue(entry.Key, out string? file) &&
                Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file))) != entry.Value)
            .Select(entry => entry.Key).Order(StringComparer.Ordinal).ToArray();

        output.WriteLine($"fuzz {target}: {files.Length} inputs replayed of {listed.Count} listed in inputs.sha256, {failures} failed");
        Assert.True(listed.Count > 0, "inputs.sha256 lists no input for " + target);
        Assert.True(missing.Length == 0, $"{missing.Length} listed inputs were not replayed (not copied to the test output?): " + string.Join(", ", missing.Take(10)));
        Assert.True(unlisted.Length == 0, $"{unlisted.Length} inputs are not in inputs.sha256 (regenerate it): " + string.Join(", ", unlisted.Take(10)));
        Assert.True(changed.Length == 0, $"{changed.Length} inputs differ from inputs.sha256: " + string.Join(", ", changed.Take(10)));
        Assert.Equal(listed.Count, files.Length);
        Assert.Equal(0, failures);
    }

    [Fact]
    public void The_list_of_inputs_has_both_targets()
    {
        // Counts when the list was written: 232 verify inputs; 238 read inputs and 9 read crashes. Growing is fine.
        List<KeyValuePair<string, string>> listed = Listed(Path.Combine(AppContext.BaseDirectory, "fuzz", "inputs.sha256"));
        Assert.True(listed.Count(entry => entry.Key.StartsWith("corpus/verify/", StringComparison.Ordinal)) >= 232);
        Assert.True(listed.Count(entry => entry.Key.StartsWith("corpus/read/", StringComparison.Ordinal)) >= 238);
        Assert.True(listed.Count(entry => entry.Key.StartsWith("crashes/read/", StringComparison.Ordinal)) >= 9);
    }

    private static List<KeyValuePair<string, string>> Listed(string path)
    {
        Assert.True(File.Exists(path), path + " was not copied to the test output");
        return File.ReadAllLines(path)
            .Where(line => line.Length > 0)
            .Select(line => new KeyValuePair<string, string>(line[66..], line[..64]))
            .ToList();
    }
}
