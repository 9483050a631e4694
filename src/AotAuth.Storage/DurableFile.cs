using System.Runtime.InteropServices;

namespace AotAuth.Storage;

/// <summary>
/// Crash-safe file primitives for the file stores: a write is a temp file in the same folder,
/// fsynced, renamed over the target (atomic replace) and made durable by fsyncing the folder,
/// so readers see the old or the new file, never half of one, and an acknowledged write
/// survives a power cut. Several processes may share a folder: last rename wins.
/// </summary>
internal static class DurableFile
{
    /// <summary>Suffix of in-flight temp files; their names also start with a dot.</summary>
    internal const string TempSuffix = ".tmp";

    private const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode FileMode600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const int EINTR = 4;
    private const int EINVAL = 22;
    private static readonly TimeSpan StaleTempAge = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Creates <paramref name="folder"/> (and missing parents) with mode 0700 and makes the new
    /// entries durable; an existing folder keeps its mode. Then deletes temp files older than
    /// a minute, left by a process that died mid-write.
    /// </summary>
    internal static void PrepareFolder(string folder)
    {
        var missing = new List<string>();
        for (var dir = Path.GetFullPath(folder); !Directory.Exists(dir); dir = Path.GetDirectoryName(dir)!)
        {
            missing.Add(dir);
        }

        // Top down, one level at a time: CreateDirectory(path, mode) gives only the leaf that mode.
        for (var i = missing.Count - 1; i >= 0; i--)
        {
            _ = OperatingSystem.IsWindows() ? Directory.CreateDirectory(missing[i]) : Directory.CreateDirectory(missing[i], FolderMode);
            // A new folder is an entry in its parent: sync the parent so the entry survives a crash.
            SyncFolder(Path.GetDirectoryName(missing[i])!);
        }

        var cutoff = DateTime.UtcNow - StaleTempAge;
        foreach (var path in Directory.EnumerateFiles(folder, ".*" + TempSuffix))
        {
            try
            {
                if (File.GetLastWriteTimeUtc(path) < cutoff)
                {
                    File.Delete(path);
                }
            }
            catch (IOException)
            {
                // Another process cleaned it up or is still using it: not ours to worry about.
            }
        }
    }

    /// <summary>Reads a whole file; null when it does not exist.</summary>
    internal static async Task<byte[]?> ReadOrNullAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Atomically and durably replaces <paramref name="path"/> with <paramref name="content"/> (mode 0600).</summary>
    internal static void Write(string path, ReadOnlySpan<byte> content)
    {
        var folder = Path.GetDirectoryName(path)!;
        var temp = NewTempPath(folder);
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = FileMode600;
            }

            FileStream stream;
            try
            {
                stream = new FileStream(temp, options);
            }
            catch (DirectoryNotFoundException)
            {
                // The folder was removed while the store was in use (e.g. `rm -rf` of the data folder): recreate it.
                PrepareFolder(folder);
                stream = new FileStream(temp, options);
            }

            using (stream)
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true); // rename(2): atomic replace.
        }
        catch
        {
            TryDeleteQuietly(temp);
            throw;
        }

        SyncFolder(folder);
    }

    /// <summary>
    /// Durably deletes <paramref name="path"/>; false when it did not exist. The file is first
    /// renamed to a temp name, so of several concurrent deleters exactly one returns true.
    /// </summary>
    internal static bool TryDelete(string path)
    {
        var folder = Path.GetDirectoryName(path)!;
        var temp = NewTempPath(folder);
        try
        {
            File.Move(path, temp, overwrite: true);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }

        File.Delete(temp);
        SyncFolder(folder);
        return true;
    }

    private static string NewTempPath(string folder) => Path.Combine(folder, $".{Guid.NewGuid():N}{TempSuffix}");

    private static void TryDeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>fsyncs a folder so renames and deletes in it survive a crash. No-op on Windows (NTFS journals them).</summary>
    private static void SyncFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        int fd;
        do
        {
            fd = FolderSyncNative.Open(folder, FolderSyncNative.OpenDirectoryFlags);
        }
        while (fd < 0 && Marshal.GetLastPInvokeError() == EINTR);

        if (fd < 0)
        {
            throw new IOException($"Could not open folder '{folder}' to sync it (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            // EINVAL: the file system cannot sync folders (some FUSE/network mounts); nothing better exists there.
            if (FolderSyncNative.FSync(fd) != 0 && Marshal.GetLastPInvokeError() is var errno and not EINVAL)
            {
                throw new IOException($"Could not sync folder '{folder}' (errno {errno}).");
            }
        }
        finally
        {
            _ = FolderSyncNative.Close(fd);
        }
    }
}
