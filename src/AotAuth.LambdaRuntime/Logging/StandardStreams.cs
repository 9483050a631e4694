using Microsoft.Win32.SafeHandles;

namespace AotAuth.LambdaRuntime;

/// <summary>
/// The process's stderr as a plain unbuffered stream (each write one <c>write</c>
/// call on the descriptor), instead of <c>Console.OpenStandardError</c>. On Unix the
/// console's streams initialise terminal and signal handling on their first write, which
/// starts the runtime's signal-handling thread; a function's output is a pipe, never a
/// terminal, and that thread is woken by every freeze and thaw of the sandbox between
/// invocations (measured: 7 % of a warm invocation's CPU; docs/performance.md, "Warm invocations on AWS").
/// </summary>
internal static class StandardStreams
{
    /// <summary>stderr (descriptor 2), not owned: disposing the stream leaves it open.</summary>
    public static Stream Error() => Open(2);

    private static FileStream Open(int descriptor) =>
        new(new SafeFileHandle(descriptor, ownsHandle: false), FileAccess.Write, bufferSize: 0);
}
