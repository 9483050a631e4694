using System.Globalization;
using AotAuth.Testing.Tls;

namespace AotAuth.ColdStart;

/// <summary>
/// <c>--lambda</c>: every variant at every memory size, with Lambda's CPU share (see
/// <see cref="LambdaCpu"/>) and HTTPS to DynamoDB. Writes <c>coldstart-lambda.md</c> and
/// <c>.png</c>. With <c>--gate</c>, fails unless the authorizer as deployed never failed and
/// answered its first request at least <see cref="GateTimesSooner"/>x sooner than the seed at
/// 128 and 256 MB (relative to the same run: no absolute time fails CI), and unless its warm
/// misses at 128 MB have a p50 at most <see cref="GateWarmP50"/>x and a p90 at most
/// <see cref="GateWarmP90"/>x those at full CPU (see <see cref="WarmReport"/>).
/// </summary>
internal static class LambdaMode
{
    public const double GateTimesSooner = 5;
    public const double GateWarmP50 = 2.5;
    public const double GateWarmP90 = 4;
    private const int GateWarmSize = 128;

    /// <summary>Processes per variant and share in the warm phase; the misses are spread over them.</summary>
    private const int WarmProcesses = 4;

    // The floors too: what any program pays per warm invocation in this harness (the Runtime API
    // exchange over loopback, freeze and thaw), which the others' CPU is read against.
    private static readonly string[] WarmVariants = [LambdaVariants.Deployed, LambdaVariants.Sdk, LambdaVariants.AwsStack, LambdaVariants.Seed, LambdaVariants.DotnetFloor, LambdaVariants.CFloor];
    private static readonly int[] GateSizes = [128, 256];

    public static async Task<int> RunAsync(LambdaOptions options, string root, Uri endpoint, ColdStartFixture fixture, TestCertificates certificates, TlsProxy proxy, string outDir)
    {
        LambdaCpu? cpu = LambdaCpu.TryCreate(out string problem);
        if (cpu is null)
        {
            Console.Error.WriteLine(problem);
            return 2;
        }

        DeployedFunction deployed = DeployedFunction.Read(options.CdkOut, "AotAuth TOKEN authorizer");
        var skipped = new List<string>();
        Variant[] variants = [.. LambdaVariants.Build(root, deployed, endpoint, proxy.Endpoint, fixture, certificates)
            .Where(v => options.Variants.Count == 0 || options.Variants.Contains(v.Name))
            .Concat(options.ExtraNative.Select(n => LambdaVariants.Build(root, deployed, endpoint, proxy.Endpoint, fixture, certificates).First(v => v.Name == LambdaVariants.Deployed) with { Name = n.Name, Executable = n.Path }))
            .Where(v =>
            {
                string[] missing = [.. Variants.Missing([v])];
                if (missing.Length > 0)
                {
                    skipped.Add($"{v.Name} (missing {string.Join(", ", missing)})");
                }

                return missing.Length == 0;
            })];
        Console.WriteLine($"--lambda: {cpu.Describe}; as deployed: {deployed.Bootstrap} ({deployed.MemoryMb} MB in the template); sizes {string.Join(", ", options.Sizes)} MB");
        skipped.ForEach(s => Console.WriteLine("not run: " + s));

        // One unmeasured run of each first: the first start of each executable reads it from disk.
        foreach (Variant variant in variants)
        {
            await ColdStartRun.MeasureAsync(variant);
        }

        var results = new Dictionary<(string, int), List<ColdStartRun>>();
        for (int round = 0; round < options.Runs; round++)
        {
            // Interleaved, so a noisy moment on the machine hits every variant and size alike.
            foreach (int size in options.Sizes)
            {
                foreach (Variant variant in variants)
                {
                    using LambdaCpu.Share share = cpu.Create(size);
                    ColdStartRun run = await ColdStartRun.MeasureAsync(variant, share);
                    (results.TryGetValue((variant.Name, size), out var list) ? list : results[(variant.Name, size)] = []).Add(run);
                }
            }

            Console.Write($"\rround {round + 1}/{options.Runs}");
        }

        Console.WriteLine();
        var report = new LambdaReport(variants, options.Sizes, results);
        string markdown = report.Build(options.Runs, cpu.Describe, skipped);
        Console.Write(markdown);
        LambdaChart.Save(Path.Combine(outDir, "coldstart-lambda.png"), variants, options.Sizes, report);
        WarmReport? warm = null;
        if (options.WarmMisses > 0)
        {
            warm = await RunWarmAsync(cpu, variants, options);
            string warmMarkdown = warm.Build(WarmProcesses);
            Console.Write(warmMarkdown);
            markdown += Environment.NewLine + warmMarkdown;
        }

        await File.WriteAllTextAsync(Path.Combine(outDir, "coldstart-lambda.md"), markdown);
        Console.WriteLine($"report: {Path.Combine(outDir, "coldstart-lambda.md")}, chart: {Path.Combine(outDir, "coldstart-lambda.png")}");
        return options.Gate ? Gate(report, warm, options.Sizes) : 0;
    }

    /// <summary>
    /// Warm misses of as deployed, the SDK variant, the seed and the floors (those in the run) at full CPU and
    /// every size, <see cref="WarmProcesses"/> processes each, interleaved like the cold starts.
    /// </summary>
    private static async Task<WarmReport> RunWarmAsync(LambdaCpu cpu, IReadOnlyList<Variant> variants, LambdaOptions options)
    {
        Variant[] warmVariants = [.. variants.Where(v => WarmVariants.Contains(v.Name) || options.ExtraNative.Any(n => n.Name == v.Name))];
        int[] shares = [LambdaCpu.OneVcpuMb, .. options.Sizes.Where(s => s != LambdaCpu.OneVcpuMb)];
        byte[][] events = ColdStartFixture.MissEvents(MissesPerProcess(options.WarmMisses));
        var random = new Random(23);
        var results = new Dictionary<(string, int), List<WarmSeries>>();
        for (int round = 0; round < WarmProcesses; round++)
        {
            foreach (int size in shares)
            {
                foreach (Variant variant in warmVariants)
                {
                    using LambdaCpu.Share share = cpu.Create(size);
                    ColdStartRun run = await ColdStartRun.MeasureAsync(variant, share, events, random);
                    WarmSeries series = run.Misses ?? new WarmSeries([], double.NaN, false);
                    (results.TryGetValue((variant.Name, size), out var list) ? list : results[(variant.Name, size)] = []).Add(series);
                }
            }

            Console.Write($"\rwarm round {round + 1}/{WarmProcesses}");
        }

        Console.WriteLine();
        return new WarmReport([.. warmVariants.Select(v => v.Name)], shares, results);
    }

    /// <summary>Distinct tokens each warm process needs (a process's cache starts empty, so processes share them).</summary>
    public static int MissesPerProcess(int warmMisses) => (warmMisses + WarmProcesses - 1) / WarmProcesses;

    private static int Gate(LambdaReport report, WarmReport? warm, IReadOnlyList<int> sizes)
    {
        var failures = new List<string>();
        foreach (int size in sizes)
        {
            if (report.Failures(LambdaVariants.Deployed, size) is var failed and > 0)
            {
                failures.Add($"as deployed failed {failed} cold start(s) at {size} MB");
            }
        }

        foreach (int size in GateSizes.Where(sizes.Contains))
        {
            double times = report.FirstAnswer(LambdaVariants.Seed, size) / report.FirstAnswer(LambdaVariants.Deployed, size);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"gate: at {size} MB as deployed answers {times:F1}x sooner than the seed (needs >= {GateTimesSooner}x)"));
            if (!(times >= GateTimesSooner))
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"at {size} MB as deployed is only {times:F1}x sooner than the seed"));
            }
        }

        if (warm is not null && sizes.Contains(GateWarmSize))
        {
            if (warm.Failures(LambdaVariants.Deployed, GateWarmSize) + warm.Failures(LambdaVariants.Deployed, LambdaCpu.OneVcpuMb) is var failed and > 0)
            {
                failures.Add($"as deployed failed {failed} warm process(es)");
            }

            (double p50, double p90) = warm.Ratio(LambdaVariants.Deployed, GateWarmSize);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"gate: warm misses at {GateWarmSize} MB vs full CPU: p50 {p50:F2}x (needs <= {GateWarmP50}x), p90 {p90:F2}x (needs <= {GateWarmP90}x); CPU per warm invocation {warm.CpuPerInvocation(LambdaVariants.Deployed, LambdaCpu.OneVcpuMb):F3} ms at full CPU, {warm.CpuPerInvocation(LambdaVariants.Deployed, GateWarmSize):F3} ms at {GateWarmSize} MB (reported, not gated)"));
            if (!(p50 <= GateWarmP50) || !(p90 <= GateWarmP90))
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"warm misses at {GateWarmSize} MB: p50 {p50:F2}x and p90 {p90:F2}x of full CPU"));
            }
        }

        failures.ForEach(f => Console.Error.WriteLine("FAIL: " + f));
        return failures.Count == 0 ? 0 : 1;
    }
}

/// <summary>The options of a <c>--lambda</c> run.</summary>
/// <param name="Runs">Runs per variant and size.</param>
/// <param name="Sizes">Memory sizes in MB.</param>
/// <param name="Variants">Names of the variants to run (empty: all).</param>
/// <param name="CdkOut">The cloud assembly of the x86_64 synth.</param>
/// <param name="Gate">Apply the CI gate.</param>
/// <param name="WarmMisses">Warm decision-cache misses per variant and share (0: no warm phase).</param>
/// <param name="ExtraNative">Other authorizer builds (name, bootstrap) run as deployed otherwise, cold and warm (A/B runs).</param>
internal sealed record LambdaOptions(int Runs, IReadOnlyList<int> Sizes, IReadOnlyList<string> Variants, string CdkOut, bool Gate, int WarmMisses, IReadOnlyList<(string Name, string Path)> ExtraNative)
{
    public static readonly int[] AllSizes = [128, 256, 512, 1024, 1769];
}
