using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using AotAuth.LocalHosting;

namespace AotAuth.LambdaRuntime.Tests;

/// <summary><see cref="RuntimeApiServerOptions.OnInitDone"/>: once, at the first <c>next</c>, before it is answered.</summary>
public sealed class InitDoneTests
{
    // Long enough that a callback run after (or beside) the answer would visibly come late.
    private static readonly TimeSpan SlowCallback = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task OnInitDone_RunsOnceBeforeTheFirstNextIsAnswered_AndNeverAgain()
    {
        var order = new ConcurrentQueue<string>();
        int calls = 0;
        await using var server = await RuntimeApiServer.StartAsync(new RuntimeApiServerOptions
        {
            OnInitDone = () =>
            {
                Thread.Sleep(SlowCallback);
                Interlocked.Increment(ref calls);
                order.Enqueue("init done");
            },
        });
        using var http = new HttpClient { BaseAddress = new Uri($"http://{server.RuntimeApiAddress}/2018-06-01/runtime/"), Timeout = LoopRun.Patience };
        Assert.Equal(0, Volatile.Read(ref calls));

        for (int i = 0; i < 3; i++)
        {
            var invocation = server.InvokeAsync(Utf8.Bytes($"{{\"n\":{i}}}"));
            using var next = await http.GetAsync("invocation/next");
            Assert.Equal(HttpStatusCode.OK, next.StatusCode);
            order.Enqueue($"event {await next.Content.ReadAsStringAsync()} (callback ran {Volatile.Read(ref calls)} time(s))");
            string id = next.Headers.GetValues("Lambda-Runtime-Aws-Request-Id").Single();
            using var answer = await http.PostAsync($"invocation/{id}/response", new StringContent("{}"));
            Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
            Assert.Equal(InvocationStatus.Success, (await invocation.WaitAsync(LoopRun.Patience)).Status);
        }

        Assert.Equal(
            ["init done", "event {\"n\":0} (callback ran 1 time(s))", "event {\"n\":1} (callback ran 1 time(s))", "event {\"n\":2} (callback ran 1 time(s))"],
            order.ToArray());
        Assert.Equal(1, Volatile.Read(ref calls));
        Assert.Equal(3, server.NextRequestCount);
    }

    [Fact]
    public async Task OnInitDone_RunsWhenTheFirstNextArrives_EvenWithNoEventQueued()
    {
        using var called = new SemaphoreSlim(0);
        await using var server = await RuntimeApiServer.StartAsync(new RuntimeApiServerOptions { OnInitDone = () => called.Release() });
        using var http = new HttpClient { BaseAddress = new Uri($"http://{server.RuntimeApiAddress}/2018-06-01/runtime/"), Timeout = LoopRun.Patience };

        Task<HttpResponseMessage> polling = http.GetAsync("invocation/next");

        // The function's init is over when it polls, whether or not an event is waiting.
        Assert.True(await called.WaitAsync(LoopRun.Patience), "OnInitDone did not run for a first next that is still long-polling");
        Assert.False(polling.IsCompleted);
        var invocation = server.InvokeAsync(Utf8.Bytes("\"e\""));
        using HttpResponseMessage next = await polling;
        Assert.Equal("\"e\"", await next.Content.ReadAsStringAsync());
        Assert.Equal(0, called.CurrentCount);
        Assert.False(invocation.IsCompleted);
    }

    [Fact]
    public async Task OnInitDone_ComesAfterTheFunctionInitAndBeforeItsFirstInvocation_WithTheRealLoop()
    {
        var order = new ConcurrentQueue<string>();
        var handler = new DelegateHandler((context, output) =>
        {
            order.Enqueue("invoke");
            output.Write(context.Event.Span);
            return InvocationResult.Success;
        });
        await using var run = await LoopRun.StartAsync(
            async ct =>
            {
                // A slow init: were the first next sent before it ends, "init done" would come first.
                await Task.Delay(SlowCallback, ct);
                order.Enqueue("init");
                return handler;
            },
            serverOptions: new RuntimeApiServerOptions
            {
                // No sleep here: the callback blocks a pool thread, and with two cores that alone
                // can reorder things (the first test checks "before the answer" with a slow callback).
                OnInitDone = () => order.Enqueue("init done"),
            });

        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(InvocationStatus.Success, (await run.InvokeAsync("{}")).Status);
        }

        Assert.Equal(["init", "init done", "invoke", "invoke", "invoke"], order.ToArray());
    }
}
