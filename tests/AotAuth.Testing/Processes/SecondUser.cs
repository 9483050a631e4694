using AotAuth.LocalHosting;
using Xunit;

namespace AotAuth.Testing.Processes;

/// <summary>
/// Another local user (<c>nobody</c>, uid 65534) for tests of what such a user can reach: a
/// program run through <c>setpriv</c>. Possible only as root on Linux, as CI runs.
/// </summary>
public static class SecondUser
{
    /// <summary>The uid the programs run as.</summary>
    public const int Uid = 65534;

    private const string Setpriv = "/usr/bin/setpriv";

    /// <summary>Why a test that needs the second user cannot run here, or null when it can.</summary>
    public static string? Unavailable { get; } =
        !OperatingSystem.IsLinux() ? "needs Linux"
        : !File.Exists(Setpriv) ? "needs setpriv (util-linux)"
        : Environment.UserName != "root" ? "needs root, to run a program as a second user"
        : null;

    /// <summary>Starts <paramref name="fileName"/> as uid and gid <see cref="Uid"/>, without supplementary groups.</summary>
    public static ChildProcess Start(string fileName, params string[] arguments) =>
        ChildProcess.Start(Setpriv, new ChildProcessOptions
        {
            Arguments = [$"--reuid={Uid}", $"--regid={Uid}", "--clear-groups", fileName, .. arguments],
            WorkingDirectory = "/",
        });
}

/// <summary>A fact that is skipped, saying why, where <see cref="SecondUser"/> cannot run.</summary>
public sealed class SecondUserFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> from <see cref="SecondUser.Unavailable"/>.</summary>
    public SecondUserFactAttribute() => Skip = SecondUser.Unavailable!;
}
