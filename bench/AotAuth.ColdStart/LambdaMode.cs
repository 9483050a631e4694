using System.Globalization;
using AotAuth.Testing.Tls;

namespace AotAuth.ColdStart;

/// <summary>
/// <c>--lambda</c>: every variant at every memory size, with Lambda's CPU share (see
/// <see cref="LambdaCpu"/>) and HTTPS to DynamoDB. Writes <c>coldstart-lambda.md</c> and
/// <c>.png</c>. With <c>--gate</c>, fails unless the authorizer as deployed never failed and
/// answered its first request at least <see cref="GateTimesSooner"/>x sooner than the seed at
/// 128 and 256 MB (relative to the same run: no absolute time fails CI).
/// </summary>
internal static class LambdaMode
{
    public const double GateTimesSooner = 5;
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
        await File.WriteAllTextAsync(Path.Combine(outDir, "coldstart-lambda.md"), markdown);
        LambdaChart.Save(Path.Combine(outDir, "coldstart-lambda.png"), variants, options.Sizes, report);
        Console.WriteLine($"report: {Path.Combine(outDir, "coldstart-lambda.md")}, chart: {Path.Combine(outDir, "coldstart-lambda.png")}");
        return options.Gate ? Gate(report, options.Sizes) : 0;
    }

    private static int Gate(LambdaReport report, IReadOnlyList<int> sizes)
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
internal sealed record LambdaOptions(int Runs, IReadOnlyList<int> Sizes, IReadOnlyList<string> Variants, string CdkOut, bool Gate)
{
    public static readonly int[] AllSizes = [128, 256, 512, 1024, 1769];
}
