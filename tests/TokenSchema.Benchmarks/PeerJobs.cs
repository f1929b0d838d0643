using System;
using System.Linq;
using System.Reflection;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.ConsoleArguments;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;

namespace TokenSchema.Benchmarks;

/// <summary>
/// The jobs of the peer comparison (<see cref="SignBenchmarks"/>, <see cref="VerifyBenchmarks"/>): one BenchmarkDotNet
/// run, one summary per class, three builds of the benchmarks.
/// </summary>
/// <remarks>
/// <para>
/// Two versions of Microsoft.IdentityModel.JsonWebTokens cannot load in one process, and the MAC opt-out switch is read
/// once per process, so the peers that need a different build run in jobs of their own:
/// </para>
/// <list type="bullet">
/// <item><see cref="Main"/>: every row, built against IdentityModel 8.23.0, the MAC on its default path. The baseline job.</item>
/// <item><see cref="IdentityModel816"/>: only the IdentityModel rows, built with <c>/p:IdentityModelVersion=8.16.0</c>.</item>
/// <item><see cref="BclMac"/>: only the TokenSchema rows marked <see cref="AlsoOnBclMacAttribute"/>, built with
/// <c>/p:TokenSchemaMac=DotNetHmac</c>, which sets the <c>TokenSchema.DisableSystemLibcrypto</c> switch a user sets.</item>
/// </list>
/// <para>
/// With a baseline job and a baseline method, BenchmarkDotNet puts every row of a class in one group and takes as its
/// baseline the baseline method in the baseline job: every Ratio, in every job, is against IdentityModel 8.23.0's row
/// in the <see cref="Main"/> job. The Job column tells the rows apart.
/// </para>
/// <para>
/// The jobs take the run settings of the command line's job (<c>--job dry</c>, <c>--job short --iterationCount 15</c>…).
/// The other benchmark classes run in the command line's job only.
/// </para>
/// </remarks>
internal static class PeerJobs
{
    /// <summary>Every row; IdentityModel 8.23.0; the baseline job.</summary>
    public const string Main = "IdentityModel-8.23.0";

    /// <summary>The IdentityModel rows, built against IdentityModel 8.16.0.</summary>
    public const string IdentityModel816 = "IdentityModel-8.16.0";

    /// <summary>The TokenSchema rows with the MAC on .NET's HMAC (the opt-out switch set).</summary>
    public const string BclMac = "BclMac";

    private static readonly Type[] PeerClasses = [typeof(SignBenchmarks), typeof(VerifyBenchmarks)];

    /// <summary>Adds the three peer jobs, built on the command line's job, and the filter that keeps each job to its rows.</summary>
    /// <param name="config">The program's config.</param>
    /// <param name="args">The command line, parsed here only to read its job.</param>
    /// <returns>The config to run with.</returns>
    public static IConfig AddTo(IConfig config, string[] args)
    {
        (bool parsed, IConfig commandLine, _) = ConfigParser.Parse(args, NullLogger.Instance, config);
        if (!parsed)
        {
            return config; // BenchmarkSwitcher parses again and reports the error.
        }

        // "--job dry" or "--job short" alone arrives as a job; a job with settings ("--iterationCount 15") as a mutator,
        // which BenchmarkDotNet applies to every job, these included.
        Job? commandLineJob = commandLine.GetJobs().FirstOrDefault(job => !job.Meta.IsMutator);
        Job baseJob = commandLineJob ?? Job.Default;
        ManualConfig result = ManualConfig.Create(config);
        result.AddJob(
            baseJob.WithId(Main).AsBaseline(),
            baseJob.WithMsBuildArguments("/p:IdentityModelVersion=8.16.0").WithId(IdentityModel816),
            baseJob.WithMsBuildArguments("/p:TokenSchemaMac=DotNetHmac").WithId(BclMac));
        if (commandLineJob is null)
        {
            // The other classes' job: without it they would see only the peer jobs, which the filter refuses them.
            result.AddJob(Job.Default);
        }

        result.AddFilter(new SimpleFilter(Runs));
        return result;
    }

    /// <summary>Whether <paramref name="benchmark"/> runs: each peer job its own rows, the other classes none of them.</summary>
    private static bool Runs(BenchmarkCase benchmark)
    {
        string job = benchmark.Job.Id;
        bool peerJob = job is Main or IdentityModel816 or BclMac;
        if (!PeerClasses.Contains(benchmark.Descriptor.Type))
        {
            return !peerJob;
        }

        MethodInfo method = benchmark.Descriptor.WorkloadMethod;
        return job switch
        {
            Main => true,
            IdentityModel816 => method.Name.StartsWith("IdentityModel_", StringComparison.Ordinal),
            BclMac => method.IsDefined(typeof(AlsoOnBclMacAttribute)),
            _ => false,
        };
    }
}

/// <summary>Runs a TokenSchema row in the <see cref="PeerJobs.BclMac"/> job too: with the MAC on .NET's HMAC.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class AlsoOnBclMacAttribute : Attribute
{
}

/// <summary>What this build of the benchmarks was built for, from the project's MSBuild properties.</summary>
internal static class BuildFlavour
{
    /// <summary>The IdentityModel version the project was built against (<c>IdentityModelVersion</c>).</summary>
    public static string IdentityModelVersion => Metadata("IdentityModelVersion");

    /// <summary>Whether the build sets the MAC opt-out switch (<c>/p:TokenSchemaMac=DotNetHmac</c>).</summary>
    public static bool BclMac => Metadata("TokenSchemaMac") == "DotNetHmac";

    /// <summary>
    /// Throws unless the loaded IdentityModel is the version this build was made for, and the MAC runs on the path the
    /// build asks for: a job that silently ran the wrong build would otherwise print plausible rows.
    /// </summary>
    public static void Check()
    {
        string loaded = typeof(Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler).Assembly
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "?";
        if (loaded.Split('+')[0] != IdentityModelVersion)
        {
            throw new InvalidOperationException($"Built for IdentityModel {IdentityModelVersion}, but {loaded} is loaded.");
        }

        if (BclMac && JwtSigner.MacImplementation != JwtMacImplementation.DotNetHmac)
        {
            throw new InvalidOperationException("Built with the MAC opt-out switch, but the MAC is on " + JwtSigner.MacImplementation + ".");
        }

        if (!BclMac && JwtSigner.MacImplementation != JwtMacImplementation.SavedStateLibcrypto)
        {
            Console.WriteLine($"// Note: the MAC is on {JwtSigner.MacImplementation} here ({JwtSigner.MacImplementationReason}): the TokenSchema rows measure .NET's HMAC.");
        }
    }

    private static string Metadata(string key) =>
        typeof(BuildFlavour).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value ?? "";
}
