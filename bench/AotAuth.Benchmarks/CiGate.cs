using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Reports;

namespace AotAuth.Benchmarks;

/// <summary>One benchmark's result as the gate and the report see it.</summary>
/// <param name="Category">The benchmark category.</param>
/// <param name="Method">The benchmark method.</param>
/// <param name="IsBaseline">True for the category's baseline.</param>
/// <param name="IsProductionPath">True for a path the authorizer ships (see <see cref="ProductionPathAttribute"/>).</param>
/// <param name="MeanNs">Mean time per operation in nanoseconds (NaN when it did not run).</param>
/// <param name="AllocatedBytes">Bytes allocated per operation (-1 when unknown).</param>
/// <param name="RatioToBaseline">Mean divided by the baseline's mean.</param>
public sealed record BenchmarkRow(string Category, string Method, bool IsBaseline, bool IsProductionPath, double MeanNs, long AllocatedBytes, double RatioToBaseline);

/// <summary>What the gate found: the rows, the rule violations, and a markdown table.</summary>
internal sealed record GateResult(IReadOnlyList<BenchmarkRow> Rows, IReadOnlyList<string> Failures, string Markdown)
{
    public void Write(string outDir, string mode)
    {
        Directory.CreateDirectory(outDir);
        var document = new { mode, date = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), cores = Environment.ProcessorCount, rows = Rows, failures = Failures };
        File.WriteAllText(Path.Combine(outDir, "benchmarks.json"), JsonSerializer.Serialize(document, CiGate.JsonOptions));
        File.WriteAllText(Path.Combine(outDir, "benchmarks.md"), Markdown);
    }
}

/// <summary>
/// Reads BenchmarkDotNet's summaries and applies the CI rules to every
/// <see cref="ProductionPathAttribute"/> benchmark, comparing it with its category's
/// baseline from the same run: it must allocate nothing (or stay in its allocation budget) and
/// be faster. No absolute times.
/// </summary>
internal static class CiGate
{
    internal static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static GateResult Check(IEnumerable<Summary> summaries)
    {
        var failures = new List<string>();
        var rows = new List<BenchmarkRow>();
        var reports = summaries.SelectMany(s => s.Reports).ToList();
        foreach (var summary in summaries.Where(s => s.HasCriticalValidationErrors))
        {
            failures.Add($"validation errors in {summary.Title}: " + string.Join("; ", summary.ValidationErrors.Select(e => e.Message)));
        }

        foreach (var group in reports.GroupBy(r => r.BenchmarkCase.Descriptor.Categories.FirstOrDefault() ?? "(none)"))
        {
            BenchmarkReport? baseline = group.FirstOrDefault(r => r.BenchmarkCase.Descriptor.Baseline);
            double baselineMean = Mean(baseline);
            foreach (BenchmarkReport report in group)
            {
                MethodInfo method = report.BenchmarkCase.Descriptor.WorkloadMethod;
                ProductionPathAttribute? rules = method.GetCustomAttribute<ProductionPathAttribute>();
                double mean = Mean(report);
                long allocated = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? -1;
                rows.Add(new BenchmarkRow(group.Key, method.Name, report.BenchmarkCase.Descriptor.Baseline, rules is not null, mean, allocated, mean / baselineMean));

                string name = $"{group.Key}/{method.Name}";
                if (double.IsNaN(mean))
                {
                    failures.Add($"{name} did not produce a result (it threw or was not run)");
                    continue;
                }

                if (rules is null)
                {
                    continue;
                }

                if (rules.MustNotAllocate && allocated != 0)
                {
                    failures.Add($"{name} allocates {allocated} B per operation (expected 0 B)");
                }

                if (rules.MaxAllocatedBytes > 0 && !(allocated >= 0 && allocated <= rules.MaxAllocatedBytes))
                {
                    failures.Add($"{name} allocates {allocated} B per operation (budget {rules.MaxAllocatedBytes} B)");
                }

                if (rules.MustBeatBaseline && !(mean < baselineMean))
                {
                    failures.Add($"{name} is not faster than its baseline ({mean:F1} ns vs {baselineMean:F1} ns)");
                }
            }
        }

        return new GateResult(rows, failures, ToMarkdown(rows));
    }

    private static double Mean(BenchmarkReport? report) => report?.ResultStatistics?.Mean ?? double.NaN;

    private static string ToMarkdown(List<BenchmarkRow> rows)
    {
        var md = new StringBuilder();
        md.AppendLine("| category | benchmark | mean | allocated | ratio to baseline | gated |");
        md.AppendLine("|---|---|---:|---:|---:|---|");
        foreach (BenchmarkRow r in rows)
        {
            string gated = r.IsBaseline ? "baseline" : r.IsProductionPath ? "production" : "-";
            md.AppendLine(CultureInfo.InvariantCulture, $"| {r.Category} | {r.Method} | {FormatTime(r.MeanNs)} | {r.AllocatedBytes} B | {r.RatioToBaseline:F3} | {gated} |");
        }

        return md.ToString();
    }

    internal static string FormatTime(double ns) => ns switch
    {
        double.NaN => "n/a",
        < 1_000 => string.Create(CultureInfo.InvariantCulture, $"{ns:F1} ns"),
        < 1_000_000 => string.Create(CultureInfo.InvariantCulture, $"{ns / 1_000:F2} us"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{ns / 1_000_000:F2} ms"),
    };
}
