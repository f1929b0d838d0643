using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace TokenSchema.Benchmarks;

/// <summary>
/// Runs the benchmarks, for example:
/// <c>dotnet run -c Release --project tests/TokenSchema.Benchmarks -- --filter '*' --job short</c>; the full peer
/// comparison (RESULTS.md, "How to run the full comparison"):
/// <c>dotnet run -c Release --project tests/TokenSchema.Benchmarks -- --filter '*SignBenchmarks*' '*VerifyBenchmarks*' --job short --iterationCount 15 --warmupCount 5</c>.
/// </summary>
public static class Program
{
    /// <summary>Entry point: BenchmarkDotNet's command line.</summary>
    /// <param name="args">BenchmarkDotNet's arguments (filter, job, exporters).</param>
    public static void Main(string[] args)
    {
        // On a shared, busy machine the minimum and the median say more than the mean: show them too.
        IConfig config = DefaultConfig.Instance.AddColumn(StatisticColumn.Median, StatisticColumn.Min);
        // SignBenchmarks and VerifyBenchmarks run every peer in one run: three jobs, see PeerJobs.
        config = PeerJobs.AddTo(config, args);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
    }
}
