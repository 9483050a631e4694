using System.Diagnostics;
using System.Runtime.InteropServices;

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

    /// <summary>The repository root (the folder with AotAuth.sln) above the tool or the current folder; null outside a clone.</summary>
    public static string? FindRepositoryRoot()
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

        return null;
    }

    /// <summary>
    /// The program and arguments that run <paramref name="project"/>: built from the clone's
    /// sources when <paramref name="root"/> is a clone (as before), else the Native AOT bootstrap
    /// the installed tool package carries.
    /// </summary>
    public static Task<(string FileName, string[] Arguments)> ResolveAsync(string? root, string project, bool native, bool rebuild, CancellationToken cancellationToken)
    {
        if (root is not null)
        {
            return PrepareAsync(root, project, native, rebuild, cancellationToken);
        }

        string bootstrap = PackagedFunctions.Find(project) ?? throw new InvalidOperationException(
            $"this aotauth carries no {project} bootstrap for {Rid} and no clone of the repository (AotAuth.sln) is above the current folder; install the AotAuth.Cli package for {Rid} or run serve from a clone");
        return Task.FromResult((bootstrap, Array.Empty<string>()));
    }

    /// <summary>How <see cref="ResolveAsync"/> runs the functions, for the start-up line.</summary>
    public static string Describe(string? root, bool native) =>
        root is null ? "the packaged Native AOT bootstraps" : native ? "Native AOT bootstraps" : "JIT builds";

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
        int exitCode = await BuildProgress.RunAsync(what, async onLine =>
        {
            using Process process = Process.Start(info)!;
            Task stdout = Collect(process.StandardOutput, output, onLine);
            Task stderr = Collect(process.StandardError, output, onLine);
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

    private static async Task Collect(StreamReader reader, List<string> output, Action<string> onLine)
    {
        while (await reader.ReadLineAsync() is string line)
        {
            lock (output)
            {
                output.Add(line);
                onLine(line);
            }
        }
    }
}
