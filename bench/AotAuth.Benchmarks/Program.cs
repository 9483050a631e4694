using AotAuth.Testing;
using AotAuth.Benchmarks;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

// Full suite:  dotnet run -c Release --project bench/AotAuth.Benchmarks -- --filter '*'
// CI mode:     dotnet run -c Release --project bench/AotAuth.Benchmarks -- --ci
// Either way the results go to artifacts/bench/benchmarks.{md,json} and the process exits
// non-zero when a production path allocates or is not faster than its category's baseline.
string root = RepoPaths.Root;
string outDir = Path.Combine(root, "artifacts", "bench");
bool ci = args.Contains("--ci");
string[] switcherArgs = ci ? ["--filter", "*"] : args;

var config = BenchConfig.Create(Path.Combine(outDir, "benchmarkdotnet"), ci);
Summary[] summaries = [.. BenchmarkSwitcher.FromAssembly(typeof(CiGate).Assembly).Run(switcherArgs, config)];
if (summaries.Length == 0)
{
    // --help, --list and the like.
    return 0;
}

GateResult gate = CiGate.Check(summaries);
gate.Write(outDir, ci ? "ci" : "full");
Console.WriteLine();
Console.WriteLine(gate.Markdown);
foreach (string failure in gate.Failures)
{
    Console.Error.WriteLine("FAIL: " + failure);
}

Console.WriteLine(gate.Failures.Count == 0 ? "benchmark gate: passed" : $"benchmark gate: {gate.Failures.Count} failure(s)");
return gate.Failures.Count == 0 ? 0 : 1;
