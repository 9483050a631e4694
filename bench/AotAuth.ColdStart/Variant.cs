using System.Globalization;

namespace AotAuth.ColdStart;

/// <summary>One way of running a function: an executable, its arguments and environment.</summary>
/// <param name="Name">Shown in the table and the chart.</param>
/// <param name="Executable">What is started.</param>
/// <param name="Arguments">Its arguments.</param>
/// <param name="Environment">Its environment (added to the harness's own).</param>
/// <param name="Payload">The event queued for the first invocation.</param>
/// <param name="ExpectedInAnswer">Text the first answer must contain for the run to count (e.g. an Allow).</param>
/// <param name="SizePaths">Files or folders whose total size is the deployment size.</param>
/// <param name="SizeNote">What the size leaves out (e.g. the shared runtime).</param>
/// <param name="WarmPayload">An event for a second, warm invocation to time (null: none).</param>
internal sealed record Variant(
    string Name,
    string Executable,
    IReadOnlyList<string> Arguments,
    IReadOnlyDictionary<string, string> Environment,
    byte[] Payload,
    string ExpectedInAnswer,
    IReadOnlyList<string> SizePaths,
    string SizeNote = "",
    byte[]? WarmPayload = null)
{
    /// <summary>The deployment size in MB, with <see cref="SizeNote"/> when something is left out.</summary>
    public string Size
    {
        get
        {
            long bytes = SizePaths.Sum(SizeOf);
            string mb = (bytes / 1024.0 / 1024.0).ToString("F1", CultureInfo.InvariantCulture) + " MB";
            return SizeNote.Length == 0 ? mb : $"{mb} {SizeNote}";
        }
    }

    private static long SizeOf(string path) =>
        Directory.Exists(path)
            ? new DirectoryInfo(path).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length)
            : File.Exists(path) ? new FileInfo(path).Length : 0;
}
