using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Csv;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Order;

namespace AotAuth.Benchmarks;

/// <summary>The suite's BenchmarkDotNet configuration: memory diagnoser on, one baseline per category.</summary>
internal static class BenchConfig
{
    /// <summary>
    /// The full suite (BenchmarkDotNet's default job), or the CI job: one launch, a short
    /// warm-up and few iterations. CI compares paths with their baselines in the same run,
    /// never with absolute times, so a short job is enough to catch a regression that counts.
    /// </summary>
    public static IConfig Create(string artifactsPath, bool ci)
    {
        Job job = ci
            ? Job.Default.WithId("ci").WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(6)
                .WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(150))
            : Job.Default;

        return ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddColumn(CategoriesColumn.Default)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddLogger(BenchmarkDotNet.Loggers.ConsoleLogger.Default)
            .AddExporter(MarkdownExporter.GitHub, CsvExporter.Default)
            .AddValidator(DefaultConfig.Instance.GetValidators().ToArray())
            .AddAnalyser(DefaultConfig.Instance.GetAnalysers().ToArray())
            .AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory)
            .WithOrderer(new DefaultOrderer(SummaryOrderPolicy.Declared))
            .WithOptions(ConfigOptions.JoinSummary)
            .WithArtifactsPath(artifactsPath);
    }
}
