using System.Collections.Concurrent;
using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AotAuth.LocalHosting;

/// <summary>
/// The Lambda service side of the Runtime API (2018-06-01) on Kestrel, bound to 127.0.0.1 only:
/// queue events with <see cref="InvokeAsync"/>, point a function process at
/// <see cref="RuntimeApiAddress"/>, and read what it answered.
/// </summary>
public sealed partial class RuntimeApiServer : IAsyncDisposable
{
    private readonly Channel<PendingInvocation> _queue = Channel.CreateUnbounded<PendingInvocation>();
    private readonly ConcurrentDictionary<string, PendingInvocation> _inFlight = new(StringComparer.Ordinal);

    // Why an id is no longer answerable, so that a late or second answer reads as what it is.
    // Bounded (oldest forgotten first) so a long-running `aotauth serve` does not grow; an
    // answer for a forgotten id is still refused, as unknown.
    private const int MaxClosedIds = 10_000;
    private readonly ConcurrentDictionary<string, string> _closed = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _closedOrder = new();
    private readonly ConcurrentQueue<string> _anomalies = new();
    private readonly ConcurrentQueue<RuntimeApiFault> _nextFaults = new();
    private readonly ConcurrentQueue<RuntimeApiFault> _answerFaults = new();
    private readonly TaskCompletionSource _firstNext = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<InitErrorReport> _initError = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopping = new();
    private readonly int _maxResponseBytes;
    private readonly Action? _onInitDone;
    private WebApplication? _app;
    private int _nextRequestCount;
    private int _disposed;

    private RuntimeApiServer(RuntimeApiServerOptions options)
    {
        _maxResponseBytes = options.MaxResponseBytes;
        _onInitDone = options.OnInitDone;
    }

    /// <summary>
    /// True where the server answers only connections from its own user (Linux): another local
    /// user can neither take an event nor post an answer. Elsewhere anyone on the machine can.
    /// </summary>
    public static bool RefusesOtherUsers => LoopbackPeers.IsSupported;

    /// <summary>The value for <c>AWS_LAMBDA_RUNTIME_API</c>: <c>127.0.0.1:PORT</c>.</summary>
    public string RuntimeApiAddress { get; private set; } = string.Empty;

    /// <summary>Completes when the function posts <c>/runtime/init/error</c>; cancelled when the server is disposed.</summary>
    public Task<InitErrorReport> InitError => _initError.Task;

    /// <summary>How many <c>next</c> requests arrived (including ones answered with an injected fault).</summary>
    public int NextRequestCount => Volatile.Read(ref _nextRequestCount);

    /// <summary>A snapshot of the protocol violations seen: unknown request id, second answer for one id, answer after timeout, unknown path...</summary>
    public IReadOnlyList<string> Anomalies => _anomalies.ToArray();

    /// <summary>Starts Kestrel on 127.0.0.1 (port 0 = ephemeral). Logs nothing.</summary>
    /// <param name="options">Port and limits; null for the defaults.</param>
    /// <param name="ct">Cancels the start.</param>
    public static async Task<RuntimeApiServer> StartAsync(RuntimeApiServerOptions? options = null, CancellationToken ct = default)
    {
        options ??= new RuntimeApiServerOptions();
        var server = new RuntimeApiServer(options);

        // The empty builder has no logging providers, configuration sources or routing: nothing
        // prints to the console and start-up stays cheap. Requests are routed by hand below.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null; // the 6 MB rule is ours, answered with 413
            kestrel.Listen(IPAddress.Loopback, options.Port, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                listen.Use(next => connection => server.AdmitsPeer(connection) ? next(connection) : Task.CompletedTask);
            });
        });
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(2));

        var app = builder.Build();
        app.Run(server.HandleAsync);
        await app.StartAsync(ct);
        server._app = app;

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()
            ?? throw new InvalidOperationException("Kestrel did not report its address.");
        var bound = new Uri(addresses.Addresses.First());
        server.RuntimeApiAddress = $"127.0.0.1:{bound.Port}";
        return server;
    }

    /// <summary>
    /// Queues an event for the next <c>next</c> call. Completes with the function's response or error,
    /// or with <see cref="InvocationStatus.Timeout"/> when <see cref="InvokeOptions.Timeout"/> passes after
    /// dispatch. The timeout starts at dispatch, as Lambda's does: while no function polls, only
    /// <paramref name="ct"/> ends the wait.
    /// </summary>
    /// <param name="payload">The event; copied.</param>
    /// <param name="options">Timeout, trace id and ARN; null for <see cref="InvokeOptions.Default"/>.</param>
    /// <param name="ct">Abandons the invocation; a later answer for it is rejected.</param>
    public Task<InvocationOutcome> InvokeAsync(ReadOnlyMemory<byte> payload, InvokeOptions? options = null, CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var pending = new PendingInvocation(payload.ToArray(), options ?? InvokeOptions.Default);
        pending.OnCancellation(
            p =>
            {
                if (Close(p, "cancelled by the caller"))
                {
                    p.Completion.TrySetCanceled(ct);
                }
            },
            ct);
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(pending), this);

        return pending.Completion.Task;
    }

    /// <summary>Completes when the function first calls <c>next</c>, i.e. when its init is done.</summary>
    /// <param name="ct">Stops waiting.</param>
    public Task WaitForFirstNextAsync(CancellationToken ct) => _firstNext.Task.WaitAsync(ct);

    /// <summary>Makes the next matching request misbehave once (see <see cref="RuntimeApiFault"/>).</summary>
    /// <param name="fault">What to do.</param>
    public void InjectFault(RuntimeApiFault fault)
    {
        var queue = fault is RuntimeApiFault.NextReturns500 or RuntimeApiFault.NextReturns403
            or RuntimeApiFault.NextClosesConnection or RuntimeApiFault.NextOmitsRequestId ? _nextFaults : _answerFaults;
        queue.Enqueue(fault);
    }

    /// <summary>Stops Kestrel, aborting long-polling <c>next</c> calls, and cancels unfinished invocations.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _queue.Writer.TryComplete();
        await _stopping.CancelAsync();
        while (_queue.Reader.TryRead(out var queued))
        {
            if (queued.TryFinish())
            {
                queued.Completion.TrySetCanceled();
            }
        }

        foreach (var pending in _inFlight.Values)
        {
            if (Close(pending, "server stopped"))
            {
                pending.Completion.TrySetCanceled();
            }
        }

        _initError.TrySetCanceled();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _stopping.Dispose();
    }

    /// <summary>Finishes an invocation exactly once and remembers why its id is closed.</summary>
    private bool Close(PendingInvocation pending, string reason)
    {
        if (!pending.TryFinish())
        {
            return false;
        }

        _closed[pending.RequestId] = reason;
        _closedOrder.Enqueue(pending.RequestId);
        while (_closedOrder.Count > MaxClosedIds && _closedOrder.TryDequeue(out string? oldest))
        {
            _closed.TryRemove(oldest, out _);
        }

        _inFlight.TryRemove(pending.RequestId, out _);
        return true;
    }

    private void OnTimeout(PendingInvocation pending)
    {
        if (Close(pending, "timed out"))
        {
            string message = $"Task timed out after {pending.Options.Timeout.TotalSeconds:0.00} seconds";
            pending.Completion.TrySetResult(new InvocationOutcome(
                pending.RequestId, InvocationStatus.Timeout, [], "Sandbox.Timedout", message, pending.Elapsed));
        }
    }

    private void RecordAnomaly(string anomaly) => _anomalies.Enqueue(anomaly);

    /// <summary>True for a connection from this process's user; another user's is closed unanswered.</summary>
    private bool AdmitsPeer(ConnectionContext connection)
    {
        if (!LoopbackPeers.IsSupported)
        {
            return true;
        }

        uint? owner = connection.RemoteEndPoint is IPEndPoint client && connection.LocalEndPoint is IPEndPoint local
            ? LoopbackPeers.OwnerOf(client, local)
            : null;
        if (owner == LoopbackPeers.CurrentUser)
        {
            return true;
        }

        RecordAnomaly($"connection from {(owner is uint uid ? $"uid {uid}" : "an unknown user")} refused: only uid {LoopbackPeers.CurrentUser} may use this Runtime API");
        connection.Abort();
        return false;
    }
}
