using System.Diagnostics;
using System.Runtime.InteropServices;
using Spectre.Console;

namespace AotAuth.Cli.Functions;

/// <summary>
/// Finds (and when missing, builds) the function programs <c>serve</c> runs: the JIT
/// build (<c>dotnet bootstrap.dll</c>) by default, the Native AOT <c>bootstrap</c> that
/// deploys with <c>--native</c>. Both come from the repository's own projects.
/// </summary>
internal static class FunctionBuilds
{
    /// <summary>The runtime identifier of this machine, for the native publish.</summary>
    public static string Rid => RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "linux-arm64" : "linux-x64";

    /// <summary>The repository root (the folder with AotAuth.sln) above the tool or the current folder.</summary>
    public static string FindRepositoryRoot()
    {
        foreach (string start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "AotAuth.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("the AotAuth repository (AotAuth.sln) was not found above this tool or the current folder; run serve from a clone of the repository");
    }

    /// <summary>The program and arguments that run <paramref name="project"/>, building it first when missing.</summary>
    public static async Task<(string FileName, string[] Arguments)> PrepareAsync(string root, string project, bool native, bool rebuild, CancellationToken cancellationToken)
    {
        if (native)
        {
            string bootstrap = Path.Combine(root, "artifacts", "publish", project, $"release_{Rid}", "bootstrap");
            if (rebuild || IsStale(root, project, bootstrap))
            {
                await RunDotnetAsync(root, $"Publishing {project} with Native AOT ({Rid}), about a minute the first time", cancellationToken,
                    "publish", Path.Combine("src", project), "-c", "Release", "-r", Rid, "-nologo");
            }

            return (bootstrap, []);
        }

        string dll = Path.Combine(root, "artifacts", "bin", project, "release", "bootstrap.dll");
        if (rebuild || IsStale(root, project, dll))
        {
            await RunDotnetAsync(root, $"Building {project}", cancellationToken, "build", Path.Combine("src", project), "-c", "Release", "-nologo");
        }

        return ("dotnet", [dll]);
    }

    /// <summary>
    /// True when <paramref name="output"/> is missing or older than any source file under
    /// src/ (the function and the libraries it is built from), so serve never runs stale code.
    /// </summary>
    private static bool IsStale(string root, string project, string output)
    {
        if (!File.Exists(output))
        {
            return true;
        }

        DateTime built = File.GetLastWriteTimeUtc(output);
        string[] sources = ["AotAuth.Core", "AotAuth.LambdaRuntime", "AotAuth.Storage", project];
        return sources
            .Select(name => Path.Combine(root, "src", name))
            .Where(Directory.Exists)
            .SelectMany(dir => Directory.EnumerateFiles(dir, "*.*", SearchOption.AllDirectories))
            .Where(file => (file.EndsWith(".cs", StringComparison.Ordinal) || file.EndsWith(".csproj", StringComparison.Ordinal) || file.EndsWith(".props", StringComparison.Ordinal))
                && !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Any(file => File.GetLastWriteTimeUtc(file) > built);
    }

    private static async Task RunDotnetAsync(string root, string what, CancellationToken cancellationToken, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var output = new List<string>();
        // Progress goes to stderr: stdout stays clean for scripts.
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        int exitCode = await console.Status().StartAsync(what + " ...", async _ =>
        {
            using Process process = Process.Start(info)!;
            Task stdout = Collect(process.StandardOutput, output);
            Task stderr = Collect(process.StandardError, output);
            await process.WaitForExitAsync(cancellationToken);
            await Task.WhenAll(stdout, stderr);
            return process.ExitCode;
        });
        if (exitCode != 0)
        {
            foreach (string line in output.TakeLast(30))
            {
                Console.Error.WriteLine(line);
            }

            throw new InvalidOperationException($"`dotnet {string.Join(' ', arguments)}` failed (exit code {exitCode})");
        }

        Console.Error.WriteLine($"{what}: done");
    }

    private static async Task Collect(StreamReader reader, List<string> output)
    {
        while (await reader.ReadLineAsync() is string line)
        {
            lock (output)
            {
                output.Add(line);
            }
        }
    }
}
