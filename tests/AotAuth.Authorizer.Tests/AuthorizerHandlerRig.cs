using System.Buffers;
using System.Text;
using AotAuth.LambdaRuntime;

namespace AotAuth.Authorizer.Tests;

/// <summary>
/// Authorizer handlers over one <see cref="InMemoryTokenStore"/> and one fake clock, wired as the
/// function wires them (a 60 s decision cache of 100 entries, a 200 ms store budget) and invoked as
/// the runtime loop invokes them: an event, a deadline on that clock, an output buffer.
/// </summary>
internal sealed class AuthorizerHandlerRig : IDisposable
{
    /// <summary>Where the fake clock starts.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    // INFO, so every decision line is formatted; written nowhere, since no test reads it.
    private readonly RuntimeLog _log = new(Stream.Null, new LogSettings(Json: false, MinimumLevel: LogLevel.Info));
    private readonly Stream _metrics;
    private readonly List<AuthorizerHandler> _handlers = [];

    /// <param name="metrics">Where the handlers write their metrics; nowhere unless given.</param>
    public AuthorizerHandlerRig(Stream? metrics = null) => _metrics = metrics ?? Stream.Null;

    public FakeTimeProvider Clock { get; } = new(Start);

    public InMemoryTokenStore Store { get; } = new();

    /// <summary>What the last invocation wrote.</summary>
    public ArrayBufferWriter<byte> Output { get; } = new();

    /// <summary>What the last invocation wrote, as text.</summary>
    public string Written => Encoding.UTF8.GetString(Output.WrittenSpan);

    /// <summary>A new handler (with its own decision cache) on the rig's store and clock, disposed with the rig.</summary>
    public AuthorizerHandler NewHandler(HttpResponseMode mode = HttpResponseMode.Simple)
    {
        var handler = new AuthorizerHandler(Store, new DecisionCache(Clock, TimeSpan.FromSeconds(60), 100), Clock, TimeSpan.FromMilliseconds(200), _log,
            new EmbeddedMetrics("AotAuth", _log, "test", _metrics), mode);
        _handlers.Add(handler);
        return handler;
    }

    /// <summary>The invocation of the event <paramref name="json"/>, with <paramref name="remaining"/> (5 s unless given) before its deadline.</summary>
    public InvocationContext Context(string json, TimeSpan? remaining = null) => new()
    {
        RequestId = "req-1",
        DeadlineUnixMs = (Clock.GetUtcNow() + (remaining ?? TimeSpan.FromSeconds(5))).ToUnixTimeMilliseconds(),
        InvokedFunctionArn = "arn:aws:lambda:eu-west-1:123456789012:function:authorizer",
        Event = Encoding.UTF8.GetBytes(json),
    };

    /// <summary>Invokes <paramref name="handler"/> with the event <paramref name="json"/> into an emptied <see cref="Output"/>.</summary>
    public async Task<InvocationResult> InvokeAsync(AuthorizerHandler handler, string json, TimeSpan? remaining = null)
    {
        Output.ResetWrittenCount();
        return await handler.InvokeAsync(Context(json, remaining), Output, CancellationToken.None);
    }

    public void Dispose()
    {
        foreach (AuthorizerHandler handler in _handlers)
        {
            handler.Dispose();
        }
    }
}
