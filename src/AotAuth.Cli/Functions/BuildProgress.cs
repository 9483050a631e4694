using System.Diagnostics;
using System.Text.RegularExpressions;
using Spectre.Console;

namespace AotAuth.Cli.Functions;

/// <summary>
/// Progress of a long <c>dotnet build</c> or <c>publish</c> on stderr, from its first second:
/// on a terminal the spinner, with the step it is at; otherwise (a log, CI, a pipe) one line
/// per step (a project restored or built) and a line every <see cref="Heartbeat"/> without
/// one, so a first start is never silent for long.
/// </summary>
internal static partial class BuildProgress
{
    /// <summary>The longest silence in line mode.</summary>
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    /// <summary>True when stderr is a terminal that can draw the spinner.</summary>
    public static bool IsInteractive =>
        !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("TERM") is not ("dumb" or null or "");

    /// <summary>Runs <paramref name="work"/>, which feeds each line of the tool's output to the callback it gets, and reports its steps.</summary>
    public static Task<int> RunAsync(string what, Func<Action<string>, Task<int>> work) =>
        RunAsync(what, Console.Error, IsInteractive, work);

    /// <summary>Testable core of <see cref="RunAsync(string, Func{Action{string}, Task{int}})"/>: reports on <paramref name="output"/>.</summary>
    internal static async Task<int> RunAsync(string what, TextWriter output, bool interactive, Func<Action<string>, Task<int>> work)
    {
        var clock = Stopwatch.StartNew();
        if (interactive)
        {
            IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
            return await console.Status().StartAsync(what + " ...", async context =>
                await work(line =>
                {
                    if (Step(line) is { } step)
                    {
                        context.Status($"{what} ... {step} ({clock.Elapsed.TotalSeconds:F0} s)");
                    }
                }));
        }

        output.WriteLine($"{what} ...");
        long lastLineMs = 0;
        using var heartbeat = new Timer(_ =>
        {
            if (clock.ElapsedMilliseconds - Interlocked.Read(ref lastLineMs) >= Heartbeat.TotalMilliseconds)
            {
                Interlocked.Exchange(ref lastLineMs, clock.ElapsedMilliseconds);
                output.WriteLine($"  still working ({clock.Elapsed.TotalSeconds:F0} s)");
            }
        }, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        return await work(line =>
        {
            if (Step(line) is { } step)
            {
                Interlocked.Exchange(ref lastLineMs, clock.ElapsedMilliseconds);
                output.WriteLine($"  {step} ({clock.Elapsed.TotalSeconds:F0} s)");
            }
        });
    }

    /// <summary>A step in a line of dotnet's output (<c>X -> path</c>, <c>Restored path</c>), or null.</summary>
    internal static string? Step(string line)
    {
        Match built = BuiltLine().Match(line);
        if (built.Success)
        {
            return "built " + built.Groups["project"].Value;
        }

        Match restored = RestoredLine().Match(line);
        return restored.Success ? "restored " + Path.GetFileNameWithoutExtension(restored.Groups["path"].Value) : null;
    }

    [GeneratedRegex(@"^\s*(?<project>[A-Za-z0-9_.\-]+) -> \S")]
    private static partial Regex BuiltLine();

    [GeneratedRegex(@"^\s*Restored (?<path>\S+\.csproj)")]
    private static partial Regex RestoredLine();
}
