namespace AotAuth.LocalHosting.Tests;

/// <summary>The one launcher, checked with <c>/bin/sh</c> as the child.</summary>
public sealed class ChildProcessTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Output_KeepsStdoutAndStderrApart_AndAnUnfinishedLastLine()
    {
        await using ChildProcess child = Shell("printf 'out1\\nout2'; printf 'err1\\n' >&2; exit 3");

        Assert.True(await child.WaitForExitAsync(Patience));
        Assert.Equal(3, child.ExitCode);
        Assert.Equal("out1\nout2", child.Stdout);
        Assert.Equal("err1\n", child.Stderr);
        Assert.Equal(["err1", "out1", "out2"], child.Lines.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task OnLine_ReceivesEveryLine_EvenWhenOutputIsNotKept()
    {
        var seen = new List<string>();
        await using ChildProcess child = ChildProcess.Start("/bin/sh", new ChildProcessOptions
        {
            Arguments = ["-c", "for i in 1 2 3; do echo line$i; done"],
            OnLine = line =>
            {
                lock (seen)
                {
                    seen.Add(line);
                }
            },
            KeepOutput = false,
        });

        Assert.True(await child.WaitForExitAsync(Patience));
        Assert.Equal(["line1", "line2", "line3"], seen);
        Assert.Empty(child.Lines);
        Assert.Equal("", child.Stdout);
    }

    [Fact]
    public async Task Environment_SetsAndRemovesVariables_AndWorkingDirectoryApplies()
    {
        Environment.SetEnvironmentVariable("AOTAUTH_CHILD_TEST_INHERITED", "parent");
        string folder = Directory.CreateTempSubdirectory("aotauth-child-").FullName;
        try
        {
            await using ChildProcess child = ChildProcess.Start("/bin/sh", new ChildProcessOptions
            {
                Arguments = ["-c", "echo \"set=$AOTAUTH_SET inherited=${AOTAUTH_CHILD_TEST_INHERITED-unset} pwd=$(pwd)\""],
                Environment = new Dictionary<string, string?> { ["AOTAUTH_SET"] = "yes", ["AOTAUTH_CHILD_TEST_INHERITED"] = null },
                WorkingDirectory = folder,
            });

            Assert.True(await child.WaitForExitAsync(Patience));
            Assert.Equal($"set=yes inherited=unset pwd={folder}\n", child.Stdout);
        }
        finally
        {
            Environment.SetEnvironmentVariable("AOTAUTH_CHILD_TEST_INHERITED", null);
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Stdin_IsClosed_SoAReaderSeesEndOfInput()
    {
        await using ChildProcess child = Shell("cat; echo done");

        Assert.True(await child.WaitForExitAsync(Patience));
        Assert.Equal("done\n", child.Stdout);
    }

    [Fact]
    public async Task Interrupt_SendsSigint_AndExitedFires()
    {
        await using ChildProcess child = Shell("trap 'echo got-int; exit 7' INT; echo ready; while true; do sleep 0.05; done");
        await WaitForAsync(() => child.Stdout.Contains("ready", StringComparison.Ordinal));

        child.Interrupt();

        Assert.True(await child.WaitForExitAsync(Patience));
        Assert.Equal(7, child.ExitCode);
        Assert.Contains("got-int", child.Stdout, StringComparison.Ordinal);
        Assert.True(child.Exited.IsCancellationRequested);
    }

    [Fact]
    public async Task Dispose_KillsTheWholeProcessTree()
    {
        int grandchild;
        await using (ChildProcess child = Shell("sleep 60 & echo $!; wait"))
        {
            await WaitForAsync(() => child.Stdout.EndsWith('\n'));
            grandchild = int.Parse(child.Stdout.Trim(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(Directory.Exists($"/proc/{grandchild}"));
            Assert.False(child.HasExited);
        }

        await WaitForAsync(() => !IsRunning(grandchild));
    }

    [Fact]
    public async Task WaitForExit_IsFalse_WhileTheProcessRuns()
    {
        await using ChildProcess child = Shell("sleep 60");

        Assert.False(await child.WaitForExitAsync(TimeSpan.FromMilliseconds(200)));
        Assert.False(child.Exited.IsCancellationRequested);
        Assert.NotNull(child.PeakResidentSetMb());
    }

    [Fact]
    public async Task FunctionProcess_PointsTheChildAtTheRuntimeApi()
    {
        await using RuntimeApiServer server = await RuntimeApiServer.StartAsync();
        await using ChildProcess child = FunctionProcess.Start(server, "/bin/sh", new ChildProcessOptions
        {
            Arguments = ["-c", "echo $AWS_LAMBDA_RUNTIME_API"],
        });

        Assert.True(await child.WaitForExitAsync(Patience));
        Assert.Equal(server.RuntimeApiAddress + "\n", child.Stdout);
    }

    private static ChildProcess Shell(string script) =>
        ChildProcess.Start("/bin/sh", new ChildProcessOptions { Arguments = ["-c", script] });

    // A killed process stays as a zombie until its parent reaps it: zombie counts as gone.
    private static bool IsRunning(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within the patience");
            await Task.Delay(20);
        }
    }
}
