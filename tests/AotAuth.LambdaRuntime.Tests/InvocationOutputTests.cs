using System.Buffers;
using System.Text;
using AotAuth.LocalHosting;

namespace AotAuth.LambdaRuntime.Tests;

/// <summary>
/// An invocation's log and metrics lines leave in one write once its answer is posted, a Warn or
/// Error line at once (with what was held before it), and a line outside an invocation at once.
/// </summary>
public sealed class InvocationOutputTests
{
    [Fact]
    public async Task LogAndMetricsLinesOfAnInvocation_LeaveInOneWrite_AfterTheHandlerReturned()
    {
        var output = new WriteRecorder();
        var log = new RuntimeLog(output, LogSettings.Parse("JSON", "INFO"));
        var metrics = new EmbeddedMetrics("AotAuth", log, "fn");
        int writesDuringHandler = -1;
        await using var run = await LoopRun.StartAsync(new DelegateHandler((_, answer) =>
        {
            log.Info("first");
            metrics.Count("Calls");
            metrics.Flush();
            log.Info("second");
            writesDuringHandler = output.Writes.Count;
            answer.Write("\"ok\""u8);
            return InvocationResult.Success;
        }), log: log);

        var outcome = await run.InvokeAsync("\"x\"");

        Assert.Equal(InvocationStatus.Success, outcome.Status);
        Assert.Equal(0, writesDuringHandler);
        Assert.True(SpinWait.SpinUntil(() => output.Writes.Count > 0, LoopRun.Patience), "the held lines were written");
        string[] lines = Assert.Single(output.Writes).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Contains("\"first\"", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("{\"_aws\"", lines[1], StringComparison.Ordinal);
        Assert.Contains("\"Calls\":1", lines[1], StringComparison.Ordinal);
        Assert.Contains("\"second\"", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task WarnLine_IsWrittenAtOnce_BehindTheLinesHeldBeforeIt()
    {
        var output = new WriteRecorder();
        var log = new RuntimeLog(output, LogSettings.Parse("Text", "INFO"));
        string[]? writtenBeforeReturn = null;
        await using var run = await LoopRun.StartAsync(new DelegateHandler((_, answer) =>
        {
            log.Info("held");
            log.Warn("store slow");
            log.Info("after");
            writtenBeforeReturn = [.. output.Writes];
            answer.Write("null"u8);
            return InvocationResult.Success;
        }), log: log);

        await run.InvokeAsync("\"x\"");

        string urgent = Assert.Single(writtenBeforeReturn!);
        Assert.Matches("\tINFO\theld\n[^\n]+\tWARN\tstore slow\n$", urgent);
        Assert.True(SpinWait.SpinUntil(() => output.Writes.Count == 2, LoopRun.Patience), "the line after the warning was written at the end");
        Assert.EndsWith("\tINFO\tafter\n", output.Writes[1], StringComparison.Ordinal);
    }

    [Fact]
    public void LinesOutsideAnInvocation_AreWrittenOneByOne()
    {
        var output = new WriteRecorder();
        var log = new RuntimeLog(output, LogSettings.Parse("Text", "INFO"));

        log.Info("init 1");
        log.Info("init 2");

        Assert.Equal(2, output.Writes.Count);
    }

    /// <summary>Keeps each write as one string, so a test sees how lines were grouped into writes.</summary>
    private sealed class WriteRecorder : MemoryStream
    {
        private readonly List<string> _writes = [];

        public IReadOnlyList<string> Writes
        {
            get
            {
                lock (_writes)
                {
                    return [.. _writes];
                }
            }
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            lock (_writes)
            {
                _writes.Add(Encoding.UTF8.GetString(buffer));
            }
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));
    }
}
