using System.Globalization;

namespace AotAuth.ColdStart;

/// <summary>
/// Gives a function process Lambda's CPU: a full CPU during init (the "init boost"), then
/// memory/1769 of one CPU once init is over, enforced by the kernel's CFS bandwidth
/// controller over a 20 ms period. Each process gets a cgroup of its own under
/// <see cref="Root"/>: cgroup v2 (<c>cpu.max</c>) where the cpu controller is enabled there,
/// else cgroup v1 (<c>cpu.cfs_quota_us</c>). Needs root.
/// </summary>
internal sealed partial class LambdaCpu
{
    /// <summary>Lambda's memory size that buys one full vCPU.</summary>
    public const int OneVcpuMb = 1769;

    private const int PeriodUs = 20_000;
    private const int MinimumQuotaUs = 1_000; // the kernel refuses a smaller quota

    private readonly bool _v2;

    // cgroup v1 only: where the per-process freezer cgroups go (null: no freezer hierarchy).
    private readonly string? _freezerRoot;

    private LambdaCpu(string root, bool v2, string? freezerRoot)
    {
        Root = root;
        _v2 = v2;
        _freezerRoot = freezerRoot;
    }

    /// <summary>The folder under which the per-process cgroups are made.</summary>
    public string Root { get; }

    /// <summary>Which controller is used, for the report.</summary>
    public string Describe => _v2 ? $"cgroup v2 cpu.max and cgroup.freeze under {Root}"
        : $"cgroup v1 cpu.cfs_quota_us under {Root}" + (_freezerRoot is null ? ", SIGSTOP/SIGCONT as freezer" : $", freezer under {_freezerRoot}");

    /// <summary>The CPU quota per 20 ms period for <paramref name="memoryMb"/>.</summary>
    public static int QuotaUs(int memoryMb) => Math.Max(MinimumQuotaUs, (int)Math.Round((double)PeriodUs * memoryMb / OneVcpuMb));

    /// <summary>Finds a writable CPU controller, or says why there is none.</summary>
    public static LambdaCpu? TryCreate(out string problem)
    {
        // v2: the unified hierarchy at /sys/fs/cgroup with the cpu controller available.
        const string V2 = "/sys/fs/cgroup";
        if (File.Exists(Path.Combine(V2, "cgroup.controllers"))
            && File.ReadAllText(Path.Combine(V2, "cgroup.controllers")).Split(' ', '\n').Contains("cpu")
            && TryMakeRoot(V2, v2: true, out LambdaCpu? cpu))
        {
            problem = string.Empty;
            return cpu;
        }

        const string V1 = "/sys/fs/cgroup/cpu";
        if (File.Exists(Path.Combine(V1, "cpu.cfs_quota_us")) && TryMakeRoot(V1, v2: false, out cpu))
        {
            problem = string.Empty;
            return cpu;
        }

        problem = "--lambda needs a writable cgroup CPU controller (cgroup v2 cpu.max or v1 cpu.cfs_quota_us under /sys/fs/cgroup) and root; neither is available here";
        return null;
    }

    /// <summary>A new cgroup for one process, at a full CPU until <see cref="Share.Throttle"/>.</summary>
    public Share Create(int memoryMb)
    {
        string name = $"run-{Environment.ProcessId}-{Guid.NewGuid():N}"[..28];
        string path = Path.Combine(Root, name);
        Directory.CreateDirectory(path);
        string? freezer = _v2 ? path : _freezerRoot is null ? null : Path.Combine(_freezerRoot, name);
        if (freezer is not null && !_v2)
        {
            Directory.CreateDirectory(freezer);
        }

        var share = new Share(_v2, path, freezer, memoryMb);
        share.SetQuota(PeriodUs);
        return share;
    }

    private static bool TryMakeRoot(string hierarchy, bool v2, out LambdaCpu? cpu)
    {
        cpu = null;
        try
        {
            string root = Path.Combine(hierarchy, "aotauth-coldstart");
            Directory.CreateDirectory(root);
            if (v2)
            {
                // Children may only use the cpu controller when their parent delegates it.
                File.WriteAllText(Path.Combine(hierarchy, "cgroup.subtree_control"), "+cpu");
                File.WriteAllText(Path.Combine(root, "cgroup.subtree_control"), "+cpu");
            }

            cpu = new LambdaCpu(root, v2, v2 ? null : TryMakeFreezerRoot());
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    // Lambda freezes a sandbox between invocations with the cgroup freezer; v1 has it as its own hierarchy.
    private static string? TryMakeFreezerRoot()
    {
        const string V1Freezer = "/sys/fs/cgroup/freezer";
        try
        {
            if (!Directory.Exists(V1Freezer))
            {
                return null;
            }

            string root = Path.Combine(V1Freezer, "aotauth-coldstart");
            Directory.CreateDirectory(root);
            return File.Exists(Path.Combine(root, "freezer.state")) ? root : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>One process's cgroup.</summary>
    /// <param name="v2">cgroup v2 (<c>cpu.max</c>, <c>cgroup.freeze</c>), else v1.</param>
    /// <param name="path">The cgroup folder.</param>
    /// <param name="freezer">Its freezer cgroup (v2: <paramref name="path"/>); null: none, SIGSTOP freezes instead.</param>
    /// <param name="memoryMb">The Lambda memory size whose share <see cref="Throttle"/> applies.</param>
    public sealed class Share(bool v2, string path, string? freezer, int memoryMb) : IDisposable
    {
        /// <summary>The cgroup folder; a process joins by writing its pid to <c>cgroup.procs</c>.</summary>
        public string Path { get; } = path;

        /// <summary>The Lambda memory size whose share <see cref="Throttle"/> applies.</summary>
        public int MemoryMb { get; } = memoryMb;

        /// <summary>
        /// A command prefix that moves the process into this cgroup, then stops it (SIGSTOP)
        /// until <see cref="Release"/>, then execs the real executable: not one instruction of it
        /// runs outside the cgroup, and the measured start excludes the shell and the cgroup
        /// migration (which waits for an RCU grace period, ~10 ms on cgroup v1).
        /// </summary>
        public IReadOnlyList<string> Launcher => ["/bin/sh", "-c", $"echo $$ > '{System.IO.Path.Combine(Path, "cgroup.procs")}' && "
            + (freezer is not null && !v2 ? $"echo $$ > '{System.IO.Path.Combine(freezer, "cgroup.procs")}' && " : string.Empty)
            + "kill -STOP $$ && exec \"$0\" \"$@\""];

        /// <summary>Waits until the launcher of <paramref name="pid"/> has stopped itself in this cgroup.</summary>
        /// <exception cref="TimeoutException">It did not within 10 s.</exception>
        public static void WaitUntilStopped(int pid)
        {
            long deadline = Environment.TickCount64 + 10_000;
            while (Environment.TickCount64 < deadline)
            {
                // /proc/PID/stat: "pid (comm) STATE ...": T is stopped.
                string stat = File.ReadAllText($"/proc/{pid}/stat");
                if (stat[(stat.LastIndexOf(')') + 2)..].StartsWith('T'))
                {
                    return;
                }

                Thread.Sleep(1);
            }

            throw new TimeoutException($"process {pid} did not stop in its cgroup");
        }

        /// <summary>Lets a stopped launcher go on (SIGCONT): it execs the function at once.</summary>
        public static void Release(int pid)
        {
            if (Signals.Kill(pid, Signals.Continue) != 0)
            {
                throw new InvalidOperationException($"SIGCONT to {pid} failed (errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()})");
            }
        }

        /// <summary>
        /// Freezes the process <paramref name="pid"/> (in this cgroup) as Lambda freezes a sandbox
        /// between invocations: with the cgroup freezer, else with SIGSTOP (which also wakes the
        /// runtime's SIGCONT handling on the thaw: a little more CPU than Lambda's freeze).
        /// </summary>
        public void Freeze(int pid) => SetFrozen(pid, frozen: true);

        /// <summary>Thaws what <see cref="Freeze"/> froze.</summary>
        public void Thaw(int pid) => SetFrozen(pid, frozen: false);

        private void SetFrozen(int pid, bool frozen)
        {
            if (freezer is null)
            {
                if (frozen && Signals.Kill(pid, Signals.Stop) != 0)
                {
                    throw new InvalidOperationException($"SIGSTOP to {pid} failed (errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()})");
                }

                if (!frozen)
                {
                    Release(pid);
                }
            }
            else if (v2)
            {
                File.WriteAllText(System.IO.Path.Combine(freezer, "cgroup.freeze"), frozen ? "1" : "0");
            }
            else
            {
                File.WriteAllText(System.IO.Path.Combine(freezer, "freezer.state"), frozen ? "FROZEN" : "THAWED");
            }
        }

        /// <summary>Init is over: from now on the process gets memory/1769 of a CPU.</summary>
        public void Throttle() => SetQuota(QuotaUs(MemoryMb));

        /// <summary>Removes the cgroup (its processes must have exited).</summary>
        public void Dispose()
        {
            for (int attempt = 0; attempt < 50; attempt++)
            {
                try
                {
                    Directory.Delete(Path);
                    if (freezer is not null && freezer != Path)
                    {
                        Directory.Delete(freezer);
                    }

                    return;
                }
                catch (IOException)
                {
                    Thread.Sleep(10); // the killed process is still being reaped
                }
            }
        }

        internal void SetQuota(int quotaUs)
        {
            string q = quotaUs.ToString(CultureInfo.InvariantCulture);
            string p = PeriodUs.ToString(CultureInfo.InvariantCulture);
            if (v2)
            {
                File.WriteAllText(System.IO.Path.Combine(Path, "cpu.max"), $"{q} {p}");
            }
            else
            {
                File.WriteAllText(System.IO.Path.Combine(Path, "cpu.cfs_period_us"), p);
                File.WriteAllText(System.IO.Path.Combine(Path, "cpu.cfs_quota_us"), q);
            }
        }
    }

    private static partial class Signals
    {
        public const int Continue = 18; // SIGCONT on x86_64 and arm64 Linux
        public const int Stop = 19; // SIGSTOP on x86_64 and arm64 Linux

        [System.Runtime.InteropServices.LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
        public static partial int Kill(int pid, int signal);
    }
}
