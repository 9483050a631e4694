using System.Globalization;
using System.Text;
using System.Text.Json;

namespace AotAuth.ColdStart;

/// <summary>The markdown report: the cold-start table, ratios to native, targets, benchmarks.</summary>
internal static class ColdStartReport
{
    public const double TargetFirstAnswerMs = 15;
    public const double TargetTimesSoonerThanSeed = 15;
    public const double TargetPeakRssMb = 25;

    public static string Build(IReadOnlyList<Variant> variants, IReadOnlyDictionary<string, List<ColdStartRun>> results, int runs, string? benchmarksJson)
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"Cold start, {runs} runs per variant, interleaved ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, load average {LoadAverage()} at the end)");
        md.AppendLine();
        md.AppendLine("Times in ms from process start: init = to the first `/next`, first answer = to the posted answer of the first invocation (including the DynamoDB call). Cells: median / p90 / min / max.");
        md.AppendLine();
        md.AppendLine("| variant | size | init | first answer | peak RSS (MB) | first answer vs native | failures |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        double nativeFirst = Statistics.Of(results[Variants.Native].Where(r => r.Succeeded).Select(r => r.FirstAnswerMs)).Median;
        foreach (Variant variant in variants)
        {
            List<ColdStartRun> r = results[variant.Name];
            var ok = r.Where(x => x.Succeeded).ToList();
            Statistics init = Statistics.Of(ok.Select(x => x.InitMs));
            Statistics first = Statistics.Of(ok.Select(x => x.FirstAnswerMs));
            Statistics rss = Statistics.Of(ok.Select(x => x.PeakRssMb));
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {variant.Name} | {variant.Size} | {Cell(init)} | {Cell(first)} | {rss.Median:F1} / {rss.P90:F1} / {rss.Min:F1} / {rss.Max:F1} | {first.Median / nativeFirst:F1}x | {r.Count(x => !x.Succeeded)} |");
        }

        md.AppendLine();
        AppendTargets(md, results, nativeFirst);
        AppendBenchmarks(md, benchmarksJson);
        return md.ToString();
    }

    private static void AppendTargets(StringBuilder md, IReadOnlyDictionary<string, List<ColdStartRun>> results, double nativeFirst)
    {
        double seedFirst = Statistics.Of(results[Variants.Seed].Where(r => r.Succeeded).Select(r => r.FirstAnswerMs)).Median;
        double nativeRss = Statistics.Of(results[Variants.Native].Where(r => r.Succeeded).Select(r => r.PeakRssMb)).Max;
        double tlsFirst = Statistics.Of(results[Variants.NativeTls].Where(r => r.Succeeded).Select(r => r.FirstAnswerMs)).Median;
        md.AppendLine("Targets (native authorizer, plain-HTTP DynamoDB Local):");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"- first answer median {nativeFirst:F1} ms (target <= {TargetFirstAnswerMs} ms): {Verdict(nativeFirst <= TargetFirstAnswerMs)}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- {seedFirst / nativeFirst:F1}x sooner than the seed's Node.js handler (target >= {TargetTimesSoonerThanSeed}x): {Verdict(seedFirst / nativeFirst >= TargetTimesSoonerThanSeed)}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- peak RSS max {nativeRss:F1} MB (target <= {TargetPeakRssMb} MB): {Verdict(nativeRss <= TargetPeakRssMb)}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- TLS to DynamoDB (handshake + certificate store load) adds {tlsFirst - nativeFirst:F1} ms to the median first answer ({tlsFirst:F1} ms) with the system trust store in SSL_CERT_FILE (plus the test CA)");
        md.AppendLine();
    }

    private static void AppendBenchmarks(StringBuilder md, string? benchmarksJson)
    {
        if (benchmarksJson is null)
        {
            md.AppendLine("No BenchmarkDotNet results yet (run bench/AotAuth.Benchmarks first).");
            return;
        }

        using JsonDocument doc = JsonDocument.Parse(benchmarksJson);
        JsonElement rootElement = doc.RootElement;
        md.AppendLine(CultureInfo.InvariantCulture, $"BenchmarkDotNet ({rootElement.GetProperty("mode").GetString()} job, {rootElement.GetProperty("date").GetString()} UTC), per operation:");
        md.AppendLine();
        md.AppendLine("| category | benchmark | mean | allocated | ratio to baseline |");
        md.AppendLine("|---|---|---:|---:|---:|");
        foreach (JsonElement row in rootElement.GetProperty("rows").EnumerateArray())
        {
            string mark = row.GetProperty("isBaseline").GetBoolean() ? " (baseline)" : string.Empty;
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {row.GetProperty("category").GetString()} | {row.GetProperty("method").GetString()}{mark} | {FormatNs(Number(row, "meanNs"))} | {row.GetProperty("allocatedBytes").GetInt64()} B | {Number(row, "ratioToBaseline"):F3} |");
        }
    }

    /// <summary>Policy-generation rows of the benchmark results, for the chart.</summary>
    public static List<(string Name, double MeanNs, long Bytes)> PolicyRows(string? benchmarksJson)
    {
        var rows = new List<(string, double, long)>();
        if (benchmarksJson is null)
        {
            return rows;
        }

        using JsonDocument doc = JsonDocument.Parse(benchmarksJson);
        foreach (JsonElement row in doc.RootElement.GetProperty("rows").EnumerateArray())
        {
            if (row.GetProperty("category").GetString() == "policy-generation")
            {
                rows.Add((row.GetProperty("method").GetString()!, Number(row, "meanNs"), row.GetProperty("allocatedBytes").GetInt64()));
            }
        }

        return rows;
    }

    private static double Number(JsonElement row, string name) =>
        row.GetProperty(name).ValueKind == JsonValueKind.Number ? row.GetProperty(name).GetDouble() : double.NaN;

    private static string FormatNs(double ns) => ns < 1000
        ? string.Create(CultureInfo.InvariantCulture, $"{ns:F1} ns")
        : string.Create(CultureInfo.InvariantCulture, $"{ns / 1000:F2} us");

    private static string Cell(Statistics s) => string.Create(CultureInfo.InvariantCulture, $"{s.Median:F1} / {s.P90:F1} / {s.Min:F1} / {s.Max:F1}");

    private static string Verdict(bool met) => met ? "met" : "MISSED";

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
}
