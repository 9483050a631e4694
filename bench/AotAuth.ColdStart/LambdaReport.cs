using System.Globalization;
using System.Text;

namespace AotAuth.ColdStart;

/// <summary>The markdown report of a <c>--lambda</c> run.</summary>
internal sealed class LambdaReport(IReadOnlyList<Variant> variants, IReadOnlyList<int> sizes, IReadOnlyDictionary<(string Variant, int Size), List<ColdStartRun>> results)
{
    /// <summary>Median first answer of the successful runs (NaN when none succeeded or not run).</summary>
    public double FirstAnswer(string variant, int size) => Of(variant, size, r => r.FirstAnswerMs).Median;

    /// <summary>Failed runs of one cell.</summary>
    public int Failures(string variant, int size) => results.TryGetValue((variant, size), out var r) ? r.Count(x => !x.Succeeded) : 0;

    public string Build(int runs, string controller, IReadOnlyList<string> skipped)
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"Cold start as Lambda runs it: {runs} runs per variant and size, interleaved ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, load average {LoadAverage()} at the end).");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Each function process runs in its own cgroup ({controller}): one full CPU until its first `/next`, then memory/{LambdaCpu.OneVcpuMb} of a CPU per 20 ms period. DynamoDB Local is reached over HTTPS through a loopback proxy presenting root -> intermediate -> leaf (RSA 2048), except the plain-HTTP floor. \"As deployed\" is the authorizer asset and environment of the synthesized x86_64 template (`/var/task` mapped to the asset folder); each trust store has the test root appended.");
        md.AppendLine();
        foreach (string line in skipped)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"- not run: {line}");
        }

        md.AppendLine("First answer (process start to the posted answer of the first invocation, ms), median:");
        md.AppendLine();
        md.AppendLine("| variant | " + string.Join(" | ", sizes.Select(s => $"{s} MB")) + " |");
        md.AppendLine("|---|" + string.Concat(sizes.Select(_ => "---:|")));
        foreach (Variant v in variants)
        {
            md.AppendLine($"| {v.Name} | " + string.Join(" | ", sizes.Select(s => FailedOr(v.Name, s, $"{FirstAnswer(v.Name, s):F0}"))) + " |");
        }

        md.AppendLine();
        md.AppendLine("Every cell: first answer median / p90, init median (start to first `/next`, full CPU), warm invocation median / p90 (a second known token: one GetItem on the open connection), peak RSS median, failed runs:");
        md.AppendLine();
        md.AppendLine("| variant | size | first answer | init | warm | peak RSS | failures |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (Variant v in variants)
        {
            foreach (int s in sizes)
            {
                Statistics first = Of(v.Name, s, r => r.FirstAnswerMs);
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {v.Name} | {s} MB | {first.Median:F1} / {first.P90:F1} | {Of(v.Name, s, r => r.InitMs).Median:F1} | {Cell(Of(v.Name, s, r => r.WarmMs))} | {Of(v.Name, s, r => r.PeakRssMb).Median:F1} MB | {Failures(v.Name, s)} |");
            }
        }

        md.AppendLine();
        AppendRatios(md);
        AppendCost(md);
        return md.ToString();
    }

    private void AppendRatios(StringBuilder md)
    {
        md.AppendLine("Ratios and effects (medians of first answer):");
        md.AppendLine();
        md.AppendLine("| | " + string.Join(" | ", sizes.Select(s => $"{s} MB")) + " |");
        md.AppendLine("|---|" + string.Concat(sizes.Select(_ => "---:|")));
        Row("seed / as deployed (x sooner)", s => FirstAnswer(LambdaVariants.Seed, s) / FirstAnswer(LambdaVariants.Deployed, s), "F1", "x");
        Row("as deployed / plain HTTP", s => FirstAnswer(LambdaVariants.Deployed, s) / FirstAnswer(LambdaVariants.PlainHttp, s), "F2", "x");
        Row("priming saves (no priming - deployed)", s => FirstAnswer(LambdaVariants.DeployedNoPriming, s) - FirstAnswer(LambdaVariants.Deployed, s), "F0", " ms");
        Row("shipped store saves, primed (system - deployed)", s => FirstAnswer(LambdaVariants.SystemStore, s) - FirstAnswer(LambdaVariants.Deployed, s), "F0", " ms");
        Row("shipped store saves, unprimed", s => FirstAnswer(LambdaVariants.SystemStoreNoPriming, s) - FirstAnswer(LambdaVariants.DeployedNoPriming, s), "F0", " ms");
        Row("AWSSDK.DynamoDBv2 / as deployed", s => FirstAnswer(LambdaVariants.Sdk, s) / FirstAnswer(LambdaVariants.Deployed, s), "F1", "x");
        Row("AWS .NET stack / as deployed", s => FirstAnswer(LambdaVariants.AwsStack, s) / FirstAnswer(LambdaVariants.Deployed, s), "F1", "x");
        Row("as deployed / .NET floor", s => FirstAnswer(LambdaVariants.Deployed, s) / FirstAnswer(LambdaVariants.DotnetFloor, s), "F1", "x");
        Row("as deployed - .NET floor", s => FirstAnswer(LambdaVariants.Deployed, s) - FirstAnswer(LambdaVariants.DotnetFloor, s), "F0", " ms");
        Row("as deployed / C floor", s => FirstAnswer(LambdaVariants.Deployed, s) / FirstAnswer(LambdaVariants.CFloor, s), "F1", "x");
        Row(".NET floor / C floor", s => FirstAnswer(LambdaVariants.DotnetFloor, s) / FirstAnswer(LambdaVariants.CFloor, s), "F1", "x");
        md.AppendLine();

        void Row(string name, Func<int, double> value, string format, string unit) =>
            md.AppendLine($"| {name} | " + string.Join(" | ", sizes.Select(s => value(s) is var x && double.IsFinite(x) ? x.ToString(format, CultureInfo.InvariantCulture) + unit : "-")) + " |");
    }

    private void AppendCost(StringBuilder md)
    {
        md.AppendLine("Cost per million authorizations (us-east-1, billed ms rounded up, $0.20 per million requests included; cold = init + first invocation, billed since 2025):");
        md.AppendLine();
        md.AppendLine("| size | as deployed warm (ms, median) | warm arm64 | warm x86_64 | as deployed cold (ms) | cold arm64 | cold x86_64 | seed cold arm64 |");
        md.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (int s in sizes)
        {
            double warm = Of(LambdaVariants.Deployed, s, r => r.WarmMs).Median;
            double cold = FirstAnswer(LambdaVariants.Deployed, s);
            double seedCold = FirstAnswer(LambdaVariants.Seed, s);
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {s} MB | {warm:F1} | {Dollars(warm, s, LambdaCost.Arm64PerGbSecond)} | {Dollars(warm, s, LambdaCost.X64PerGbSecond)} | {cold:F0} | {Dollars(cold, s, LambdaCost.Arm64PerGbSecond)} | {Dollars(cold, s, LambdaCost.X64PerGbSecond)} | {Dollars(seedCold, s, LambdaCost.Arm64PerGbSecond)} |");
        }

        md.AppendLine();
    }

    private static string Cell(Statistics s) => string.Create(CultureInfo.InvariantCulture, $"{s.Median:F1} / {s.P90:F1}");

    private static string Dollars(double ms, int size, double price) =>
        double.IsFinite(ms) ? LambdaCost.PerMillion(ms, size, price).ToString("$0.00", CultureInfo.InvariantCulture) : "-";

    private string FailedOr(string variant, int size, string text) =>
        Failures(variant, size) is var f and > 0 ? $"{text} ({f} failed)" : text;

    private Statistics Of(string variant, int size, Func<ColdStartRun, double> value) =>
        Statistics.Of(results.TryGetValue((variant, size), out var runs) ? runs.Where(r => r.Succeeded).Select(value).Where(double.IsFinite) : []);

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
}
