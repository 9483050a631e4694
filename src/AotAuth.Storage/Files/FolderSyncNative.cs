using System.Runtime.InteropServices;

namespace AotAuth.Storage;

/// <summary>
/// The libc calls <see cref="DurableFile"/> needs to fsync a folder (.NET cannot open a folder
/// as a file). LibraryImport is source-generated, so this stays Native AOT compatible.
/// </summary>
internal static partial class FolderSyncNative
{
    /// <summary>O_RDONLY | O_DIRECTORY | O_CLOEXEC; the last two differ by OS and CPU.</summary>
    internal static readonly int OpenDirectoryFlags = OperatingSystem.IsLinux()
        ? (RuntimeInformation.ProcessArchitecture is Architecture.Arm or Architecture.Arm64 ? 0x4000 : 0x10000) | 0x80000
        : OperatingSystem.IsMacOS() ? 0x100000 | 0x1000000
        : 0; // Other Unixes: O_RDONLY alone still opens a folder.

    // open(2) is variadic in C; two fixed arguments are fine: without O_CREAT or O_TMPFILE the
    // mode argument is never read.
    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    internal static partial int FSync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int fd);
}
