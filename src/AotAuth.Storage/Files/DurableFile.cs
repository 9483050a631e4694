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
    /// <exception cref="IOException">The file exists but cannot be read (message: <see cref="Redacted"/>).</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be opened (message: <see cref="Redacted"/>).</exception>
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
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Redacted(ex, path);
        }
    }

    /// <summary>
    /// How a file is named in messages: its folder and the first 8 characters of its name, e.g.
    /// <c>tokens/3f2a9c1e….json</c>. The stores name files by a SHA-256 (of a token, of a user id),
    /// and their messages reach logs and terminals, where only such a prefix may appear.
    /// </summary>
    internal static string Label(string path)
    {
        string folder = Path.GetFileName(Path.GetDirectoryName(path)) ?? string.Empty;
        string name = Path.GetFileName(path);
        string extension = Path.GetExtension(name);
        string stem = name[..^extension.Length];
        return $"{folder}/{(stem.Length > 8 ? stem[..8] + "\u2026" : stem)}{extension}";
    }

    /// <summary>
    /// An exception of the same type as <paramref name="cause"/> (for the I/O types the stores
    /// meet) whose message names the file by its <see cref="Label"/> and holds no full hash. The
    /// cause is not kept as the inner exception: its message has the full path, and whoever logs
    /// the exception with its inner ones would log that.
    /// </summary>
    internal static Exception Redacted(Exception cause, string path)
    {
        string label = Label(path);
        string message = WithoutHashes(cause.Message.Replace(path, label, StringComparison.Ordinal));
        if (!message.Contains(label, StringComparison.Ordinal))
        {
            message = $"{label}: {message}";
        }

        return cause switch
        {
            UnauthorizedAccessException => new UnauthorizedAccessException(message),
            FileNotFoundException => new FileNotFoundException(message),
            DirectoryNotFoundException => new DirectoryNotFoundException(message),
            PathTooLongException => new PathTooLongException(message),
            EndOfStreamException => new EndOfStreamException(message),
            _ => new IOException(message, cause.HResult),
        };
    }

    /// <summary><paramref name="text"/> with every run of 64 or more hex digits cut to its first 8 and an ellipsis.</summary>
    internal static string WithoutHashes(string text)
    {
        const int HashLength = 64;
        System.Text.StringBuilder? redacted = null;
        int copied = 0;
        for (int i = 0; i < text.Length;)
        {
            int end = i;
            while (end < text.Length && char.IsAsciiHexDigit(text[end]))
            {
                end++;
            }

            if (end - i >= HashLength)
            {
                redacted ??= new System.Text.StringBuilder(text.Length);
                redacted.Append(text, copied, i + 8 - copied).Append('\u2026');
                copied = end;
            }

            i = end == i ? i + 1 : end;
        }

        return redacted is null ? text : redacted.Append(text, copied, text.Length - copied).ToString();
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
        catch (Exception ex)
        {
            TryDeleteQuietly(temp);
            if (ex is IOException or UnauthorizedAccessException)
            {
                throw Redacted(ex, path);
            }

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
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Redacted(ex, path);
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
