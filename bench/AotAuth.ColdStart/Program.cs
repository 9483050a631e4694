using AotAuth.Testing;
using AotAuth.Testing.Tls;
using System.Globalization;
using AotAuth.ColdStart;

// Usage: dotnet run -c Release --project bench/AotAuth.ColdStart -- [--runs N] [--gate] [--native NAME=PATH ...]
//        ... -- --lambda [--runs N] [--gate] [--warm N] [--native NAME=PATH ...] [--sizes 128,256,...] [--variants "as deployed;seed (Node.js 20 + aws-sdk v2)"] (names as in the report, ';'-separated) [--cdk-out DIR]
// Needs DynamoDB Local (AOTAUTH_DYNAMODB_ENDPOINT), the published bootstraps
// (scripts/publish.sh), a Release build (JIT variant) and `npm ci` in bench/seed-node;
// --lambda also the x86_64 synth (default artifacts/cdk.out/x86_64) and root (cgroups).
// Writes artifacts/bench/coldstart.md and coldstart.png (--lambda: coldstart-lambda.*).
// Exit code: 1 when a run did not answer as expected; with --gate also when the native
// authorizer is not the fastest authorizer variant of this run, or (--lambda) the gate of
// LambdaMode fails (relative only: no absolute time fails CI). 2: a usage or setup error.
bool gate = args.Contains("--gate");
bool lambda = args.Contains("--lambda");
string? runsText = Option("--runs");
int runs = lambda ? 10 : 20;
if (runsText is not null && (!int.TryParse(runsText, CultureInfo.InvariantCulture, out runs) || runs < 1))
{
    Console.Error.WriteLine("--runs needs a positive number");
    return 2;
}

int[] sizes = LambdaOptions.AllSizes;
if (Option("--sizes") is { } sizesText
    && !sizesText.Split(',').All(s => int.TryParse(s, CultureInfo.InvariantCulture, out int mb) && mb is >= 128 and <= 10_240))
{
    Console.Error.WriteLine("--sizes needs memory sizes in MB from 128 to 10240, comma-separated, e.g. 128,256");
    return 2;
}
else if (Option("--sizes") is { } list)
{
    sizes = [.. list.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))];
}

var endpoint = new Uri(Environment.GetEnvironmentVariable("AOTAUTH_DYNAMODB_ENDPOINT")
    ?? throw new InvalidOperationException("Set AOTAUTH_DYNAMODB_ENDPOINT (scripts/dynamodb-local.sh start)."));
int warmMisses = lambda ? 240 : 0;
if (lambda && Option("--warm") is { } warmText && (!int.TryParse(warmText, CultureInfo.InvariantCulture, out warmMisses) || warmMisses < 0))
{
    Console.Error.WriteLine("--warm needs a number of warm misses per variant and share (0: none)");
    return 2;
}

string root = RepoPaths.Root;
string outDir = Path.Combine(root, "artifacts", "bench");
Directory.CreateDirectory(outDir);

ColdStartFixture fixture = await ColdStartFixture.CreateAsync(endpoint, LambdaMode.MissesPerProcess(warmMisses));
using TestCertificates certificates = TestCertificates.Create(Path.Combine(Path.GetTempPath(), "aotauth-coldstart-" + Environment.ProcessId));
await using TlsProxy proxy = TlsProxy.Start(certificates, endpoint);
// --native NAME=PATH (repeatable): more native authorizer builds in the same interleaved run
// (--lambda: with the deployed environment, in the warm phase too, for A/B runs).
var extraNative = new List<(string, string)>();
for (int i = 0; i + 1 < args.Length; i++)
{
    if (args[i] == "--native" && args[i + 1].Split('=', 2) is [string name, string path])
    {
        extraNative.Add((name, Path.GetFullPath(path)));
    }
}

if (lambda)
{
    var options = new LambdaOptions(
        runs,
        sizes,
        Option("--variants") is { } names ? [.. names.Split(';').Select(n => n.Trim())] : [],
        Path.GetFullPath(Option("--cdk-out") ?? Path.Combine(root, "artifacts", "cdk.out", "x86_64")),
        gate,
        warmMisses,
        extraNative);
    return await LambdaMode.RunAsync(options, root, endpoint, fixture, certificates, proxy, outDir);
}

Variant[] variants = Variants.Build(root, endpoint, fixture, proxy.Endpoint, certificates, extraNative);
string[] missing = [.. Variants.Missing(variants)];
if (missing.Length > 0)
{
    Console.Error.WriteLine("missing (run scripts/publish.sh, a Release build and npm ci in bench/seed-node): " + string.Join(", ", missing));
    return 2;
}

Console.WriteLine($"TLS variant: {proxy.Endpoint} -> {endpoint}, SSL_CERT_FILE with {certificates.BundleCertificates} certificates");

// One unmeasured round first: the first start of each executable reads it from disk.
foreach (Variant variant in variants)
{
    await ColdStartRun.MeasureAsync(variant);
}

var results = variants.ToDictionary(v => v.Name, _ => new List<ColdStartRun>());
for (int i = 0; i < runs; i++)
{
    // Interleaved, so a noisy moment on the machine hits every variant alike.
    foreach (Variant variant in variants)
    {
        results[variant.Name].Add(await ColdStartRun.MeasureAsync(variant));
    }

    Console.Write($"\rround {i + 1}/{runs}");
}

Console.WriteLine();
string benchmarksPath = Path.Combine(outDir, "benchmarks.json");
string? benchmarks = File.Exists(benchmarksPath) ? await File.ReadAllTextAsync(benchmarksPath) : null;
string report = ColdStartReport.Build(variants, results, runs, benchmarks);
Console.Write(report);
await File.WriteAllTextAsync(Path.Combine(outDir, "coldstart.md"), report);
Chart.Save(
    Path.Combine(outDir, "coldstart.png"),
    [.. variants.Select(v => (v.Name, Statistics.Of(results[v.Name].Where(r => r.Succeeded).Select(r => r.FirstAnswerMs))))],
    ColdStartReport.PolicyRows(benchmarks));
Console.WriteLine($"report: {Path.Combine(outDir, "coldstart.md")}, chart: {Path.Combine(outDir, "coldstart.png")}");

int failed = results.Values.Sum(r => r.Count(x => !x.Succeeded));
if (failed > 0)
{
    Console.Error.WriteLine($"FAIL: {failed} run(s) did not answer as expected");
    return 1;
}

double Median(string name) => Statistics.Of(results[name].Select(r => r.FirstAnswerMs)).Median;
string[] slower = [.. variants.Where(v => v.Name.StartsWith("authorizer (JIT", StringComparison.Ordinal) || v.Name.StartsWith("seed", StringComparison.Ordinal))
    .Where(v => Median(v.Name) <= Median(Variants.Native)).Select(v => v.Name)];
if (gate && slower.Length > 0)
{
    Console.Error.WriteLine("FAIL: the native authorizer did not answer sooner than " + string.Join(", ", slower));
    return 1;
}

return 0;

string? Option(string name)
{
    int at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}
