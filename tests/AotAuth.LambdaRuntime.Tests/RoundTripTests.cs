using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;
using AotAuth.LocalHosting;
using AotAuth.LambdaRuntime;

namespace AotAuth.LambdaRuntime.Tests;

public class RoundTripTests
{
    [Fact]
    public async Task SuccessfulInvocation_ReturnsExactlyTheBytesTheHandlerWrote()
    {
        byte[] expected = [0x7B, 0x22, 0xC3, 0xA9, 0x22, 0x3A, 0x31, 0x7D, 0x0A]; // {"é":1}\n, non-ASCII on purpose
        await using var run = await LoopRun.StartAsync(new DelegateHandler((_, output) =>
        {
            output.Write(expected);
            return InvocationResult.Success;
        }));

        var outcome = await run.InvokeAsync("{}");

        Assert.Equal(InvocationStatus.Success, outcome.Status);
        Assert.Equal(expected, outcome.Body);
        Assert.False(string.IsNullOrEmpty(outcome.RequestId));
        Assert.Empty(run.Server.Anomalies);
    }

    [Fact]
    public async Task OneThousandSequentialInvocations_AreEachAnsweredExactlyOnce()
    {
        var handler = DelegateHandler.Echo();
        await using var run = await LoopRun.StartAsync(handler);
        var requestIds = new HashSet<string>();

        for (int i = 0; i < 1000; i++)
        {
            var outcome = await run.InvokeAsync($"{{\"n\":{i}}}");
            Assert.Equal(InvocationStatus.Success, outcome.Status);
            Assert.Equal($"{{\"n\":{i}}}", Utf8.Text(outcome.Body));
            Assert.True(requestIds.Add(outcome.RequestId), $"request id {outcome.RequestId} was used twice");
        }

        Assert.Equal(1000, handler.Calls);
        Assert.Equal(1000, requestIds.Count);
        Assert.InRange(run.Server.NextRequestCount, 1000, 1001); // the loop is already waiting for #1001
        Assert.Empty(run.Server.Anomalies);
        Assert.False(run.Exit.IsCompleted);
    }

    [Fact]
    public async Task ShortResponseAfterALongOne_CarriesNoBytesOfTheLongOne()
    {
        var writers = new List<object>();
        bool freeSpaceWasZeroed = false;
        await using var run = await LoopRun.StartAsync(new DelegateHandler((context, output) =>
        {
            writers.Add(output);
            if (writers.Count == 2)
            {
                // The reused buffer must have been cleared, not just rewound.
                freeSpaceWasZeroed = !output.GetSpan(10_000)[..10_000].ContainsAnyExcept((byte)0);
            }

            output.Write(context.Event.Span);
            return InvocationResult.Success;
        }));

        var longOne = await run.InvokeAsync(new string('A', 10_000));
        var shortOne = await run.InvokeAsync("b");

        Assert.Equal(10_000, longOne.Body.Length);
        Assert.Equal("b", Utf8.Text(shortOne.Body));
        Assert.Same(writers[0], writers[1]);
        Assert.True(freeSpaceWasZeroed, "the output buffer still held bytes of the previous response");
    }

    [Fact]
    public async Task EventBuffer_IsReusedAndClearedBetweenInvocations()
    {
        var events = new List<ReadOnlyMemory<byte>>();
        await using var run = await LoopRun.StartAsync(new DelegateHandler((context, output) =>
        {
            events.Add(context.Event);
            return InvocationResult.Success;
        }));

        await run.InvokeAsync("{\"token\":\"secret-secret-secret\"}");
        await run.InvokeAsync("{}");

        // Same array both times, and past the second (2-byte) event nothing of the first survives.
        Assert.True(MemoryMarshal.TryGetArray(events[0], out var first));
        Assert.True(MemoryMarshal.TryGetArray(events[1], out var second));
        Assert.Same(first.Array, second.Array);
        Assert.False(events[0].Span[2..].ContainsAnyExcept((byte)0), "bytes of the previous event survived");
    }

    [Fact]
    public async Task ResponseOverSixMegabytes_BecomesAResponseSizeTooLargeError_AndTheLoopGoesOn()
    {
        await using var run = await LoopRun.StartAsync(new DelegateHandler((context, output) =>
        {
            int size = context.Event.Span.SequenceEqual("\"big\""u8) ? RuntimeApiServerOptions.LambdaMaxResponseBytes + 1 : 2;
            output.GetSpan(size)[..size].Fill((byte)'1');
            output.Advance(size);
            return InvocationResult.Success;
        }));

        var tooBig = await run.InvokeAsync("\"big\"");
        var small = await run.InvokeAsync("\"small\"");

        Assert.Equal(InvocationStatus.Error, tooBig.Status);
        Assert.Equal("Function.ResponseSizeTooLarge", tooBig.ErrorType);
        using var document = JsonDocument.Parse(tooBig.Body);
        Assert.Contains("6291557", document.RootElement.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
        Assert.Equal(InvocationStatus.Success, small.Status);
        Assert.Equal("11", Utf8.Text(small.Body));
        Assert.Empty(run.Server.Anomalies);
    }
}
