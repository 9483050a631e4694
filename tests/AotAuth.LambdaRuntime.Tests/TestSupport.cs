using System.Buffers;
using System.Text;
using AotAuth.LocalHosting;
using AotAuth.LambdaRuntime;

namespace AotAuth.LambdaRuntime.Tests;

/// <summary>A handler built from a lambda, so each test states its behaviour inline.</summary>
internal sealed class DelegateHandler(Func<InvocationContext, IBufferWriter<byte>, InvocationResult> handle) : IInvocationHandler
{
    public int Calls;

    public ValueTask<InvocationResult> InvokeAsync(InvocationContext context, IBufferWriter<byte> output, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Calls);
        return ValueTask.FromResult(handle(context, output));
    }

    /// <summary>Writes the event back unchanged.</summary>
    public static DelegateHandler Echo() => new((context, output) =>
    {
        output.Write(context.Event.Span);
        return InvocationResult.Success;
    });
}

/// <summary>A RuntimeApiServer plus the real bootstrap loop running against it in-process.</summary>
internal sealed class LoopRun : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly CancellationTokenSource _stop = new();

    private LoopRun(RuntimeApiServer server) => Server = server;

    public RuntimeApiServer Server { get; }

    public Task<int> Exit { get; private set; } = Task.FromResult(-1);

    public static Task<LoopRun> StartAsync(IInvocationHandler handler, Action<RuntimeApiServer>? beforeStart = null, RuntimeLog? log = null) =>
        StartAsync(_ => ValueTask.FromResult(handler), beforeStart, log: log);

    /// <summary>Starts the loop; <paramref name="log"/> null is the bootstrap's own (stderr, settings from the environment).</summary>
    public static async Task<LoopRun> StartAsync(
        Func<CancellationToken, ValueTask<IInvocationHandler>> initialize,
        Action<RuntimeApiServer>? beforeStart = null,
        RuntimeApiServerOptions? serverOptions = null,
        RuntimeLog? log = null)
    {
        var run = new LoopRun(await RuntimeApiServer.StartAsync(serverOptions));
        beforeStart?.Invoke(run.Server);
        var options = new LambdaBootstrapOptions { RuntimeApiAddress = run.Server.RuntimeApiAddress, Log = log };
        run.Exit = Task.Run(() => LambdaBootstrap.RunAsync((_, cancellationToken) => initialize(cancellationToken), options, run._stop.Token));
        return run;
    }

    public Task<InvocationOutcome> InvokeAsync(string payload, InvokeOptions? options = null) =>
        Server.InvokeAsync(Encoding.UTF8.GetBytes(payload), options).WaitAsync(Patience);

    public async Task<int> StopAsync()
    {
        await _stop.CancelAsync();
        return await Exit.WaitAsync(Patience);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await Exit.WaitAsync(Patience);
        }
        finally
        {
            await Server.DisposeAsync();
            _stop.Dispose();
        }
    }
}

internal static class Utf8
{
    public static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}

/// <summary>
/// Tests of state that is process-wide by nature run alone: the loop writes <c>_X_AMZN_TRACE_ID</c>
/// into the process environment, as Lambda's runtimes do, and any other loop in the process would
/// overwrite it. Configuration is never read this way (tests pass their own environment).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideStateGroup
{
    public const string Name = "Process-wide state";
}
