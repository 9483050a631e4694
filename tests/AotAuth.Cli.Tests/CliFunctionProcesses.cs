using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AotAuth.Cli.Tests;

/// <summary>
/// The function processes <c>serve</c> started for one test, found in /proc: a <c>bootstrap</c>
/// command line and the test's unique data folder in the environment (AOTAUTH_DATA_DIR).
/// </summary>
internal static class CliFunctionProcesses
{
    public static IReadOnlyList<int> Find(string dataFolder)
    {
        string marker = "AOTAUTH_DATA_DIR=" + Path.GetFullPath(dataFolder);
        var found = new List<int>();
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out int pid))
            {
                continue;
            }

            string? cmdline = ReadOrNull(Path.Combine(dir, "cmdline"));
            if (cmdline is null || !cmdline.Contains("bootstrap", StringComparison.Ordinal))
            {
                continue;
            }

            string? environ = ReadOrNull(Path.Combine(dir, "environ"));
            if (environ is not null && environ.Split('\0').Contains(marker, StringComparer.Ordinal))
            {
                found.Add(pid);
            }
        }

        return found;
    }

    /// <summary>Polls until none is left or the grace period ends; returns what is left.</summary>
    public static async Task<IReadOnlyList<int>> WaitUntilGoneAsync(string dataFolder, TimeSpan grace)
    {
        DateTime deadline = DateTime.UtcNow + grace;
        IReadOnlyList<int> left = Find(dataFolder);
        while (left.Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            left = Find(dataFolder);
        }

        return left;
    }

    /// <summary>Kills what a failed test left behind (only processes found by <see cref="Find"/>).</summary>
    public static void KillLeftovers(string dataFolder)
    {
        foreach (int pid in Find(dataFolder))
        {
            try
            {
                using var process = System.Diagnostics.Process.GetProcessById(pid);
                process.Kill();
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Already gone.
            }
        }
    }

    /// <summary>A port that was free a moment ago on 127.0.0.1.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string? ReadOrNull(string file)
    {
        try
        {
            return Encoding.UTF8.GetString(File.ReadAllBytes(file));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
