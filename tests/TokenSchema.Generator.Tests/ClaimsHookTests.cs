using System;
using System.Linq;
using Xunit;

namespace TokenSchema.Generator.Tests;

/// <summary>The sources of <see cref="ClaimsHookTests"/>, compiled, generated and loaded once.</summary>
public sealed class CompiledClaimsHookSamples : IDisposable
{
    public const string Source = """"
        using System;
        using System.ComponentModel.DataAnnotations;
        using TokenSchema;

        namespace Samples.Hook
        {
            /// <summary>A payload with a generated rule and a cross-claim rule in the hook.</summary>
            [TokenPayload]
            public sealed partial record Window
            {
                [Claim("sub"), Required] public string? Subject { get; init; }
                [Claim("nbf")] public long? From { get; init; }
                [Claim("exp")] public long? To { get; init; }

                private void ValidateClaims(ref ClaimProblemCollector problems)
                {
                    if (From is { } from && To is { } to && to - from > 60)
                    {
                        problems.Add("exp", "is more than 60 seconds after 'nbf'");
                    }
                }

                public static Window Valid() => new() { Subject = "a", From = 0, To = 60 };

                public static Window Both() => new() { From = 0, To = 61 };

                public static Window HookOnly() => new() { Subject = "a", From = 0, To = 61 };

                public static long ValidateAllocations(Window token)
                {
                    token.Validate();
                    long before = GC.GetAllocatedBytesForCurrentThread();
                    for (int i = 0; i < 100; i++)
                    {
                        token.Validate();
                    }

                    return GC.GetAllocatedBytesForCurrentThread() - before;
                }
            }

            /// <summary>A struct payload whose only rule is the hook (no generated checks).</summary>
            [TokenPayload]
            public partial struct OnlyHook
            {
                [Claim("n")] public int Count { get; set; }

                internal void ValidateClaims(ref ClaimProblemCollector problems)
                {
                    if (Count < 0)
                    {
                        problems.Add("n", "is negative");
                    }
                }

                public static OnlyHook Negative() => new() { Count = -1 };
            }
        }
        """";

    public CompiledClaimsHookSamples()
    {
        Loaded = TestHelpers.CompileAndLoad(Source);
    }

    internal LoadedAssembly Loaded { get; }

    public void Dispose() => Loaded.Dispose();
}

/// <summary>The <c>ValidateClaims</c> hook: <c>Validate()</c> calls it after the generated checks.</summary>
public sealed class ClaimsHookTests(CompiledClaimsHookSamples samples) : IClassFixture<CompiledClaimsHookSamples>
{
    private LoadedAssembly Loaded => samples.Loaded;

    [Fact]
    public void Hook_problems_follow_the_generated_ones()
    {
        ClaimValidationResult result = LoadedAssembly.Validate(Loaded.Call("Samples.Hook.Window", "Both"));

        Assert.Equal(["'sub' is required", "'exp' is more than 60 seconds after 'nbf'"], result.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Hook_alone_makes_the_payload_invalid()
    {
        ClaimValidationResult result = LoadedAssembly.Validate(Loaded.Call("Samples.Hook.Window", "HookOnly"));

        Assert.Equal("exp", Assert.Single(result.Problems).Claim);
    }

    [Fact]
    public void Valid_payload_with_a_hook_validates_without_allocating()
    {
        object token = Loaded.Call("Samples.Hook.Window", "Valid");

        ClaimValidationResult result = LoadedAssembly.Validate(token);
        long allocated = (long)Loaded.GetType("Samples.Hook.Window").GetMethod("ValidateAllocations")!.Invoke(null, new[] { token })!;

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Hook_runs_on_a_payload_without_generated_rules()
    {
        ClaimValidationResult result = LoadedAssembly.Validate(Loaded.Call("Samples.Hook.OnlyHook", "Negative"));

        Assert.Equal("'n' is negative", Assert.Single(result.Problems).ToString());
    }

    [Fact]
    public void Generated_validate_calls_the_hook_last_and_only_when_declared()
    {
        GeneratorRun run = TestHelpers.Run(CompiledClaimsHookSamples.Source);

        string window = run.Sources.Single(s => s.Key.Contains("Window", StringComparison.Ordinal)).Value;
        int call = window.IndexOf("ValidateClaims(ref __problems);", StringComparison.Ordinal);
        Assert.True(call > window.IndexOf("is required", StringComparison.Ordinal));
        Assert.True(call < window.IndexOf("return __problems.ToResult();", StringComparison.Ordinal));
    }
}
