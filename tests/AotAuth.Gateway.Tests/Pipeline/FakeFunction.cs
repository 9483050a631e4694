using System.Collections.Concurrent;
using System.Text;
using AotAuth.Gateway;

namespace AotAuth.Gateway.Tests.Pipeline;

/// <summary>
/// A function at the gateway's invoker seam: answers each event with what the test scripts,
/// and keeps every event and trace id it was given.
/// </summary>
internal sealed class FakeFunction(Func<string, FunctionResult> answer) : IFunctionInvoker
{
    public ConcurrentQueue<string> Events { get; } = new();

    public ConcurrentQueue<string?> TraceIds { get; } = new();

    public int Invocations => Events.Count;

    public int Retirements { get; private set; }

    /// <summary>Runs while an invocation is under way (before the answer), once; e.g. a flush landing mid-call.</summary>
    public Func<Task>? DuringNextInvocation { get; set; }

    /// <summary>Runs when the instances are retired (the flush's first step).</summary>
    public Func<Task>? OnRetire { get; set; }

    public static FunctionResult Success(string json) => new(FunctionOutcome.Success, Encoding.UTF8.GetBytes(json), null, null);

    public static FunctionResult Failure(string errorMessage) => new(FunctionOutcome.Error, [], "Error", errorMessage);

    public async Task<FunctionResult> InvokeAsync(byte[] payload, string? traceId, CancellationToken cancellationToken)
    {
        string text = Encoding.UTF8.GetString(payload);
        Events.Enqueue(text);
        TraceIds.Enqueue(traceId);
        if (DuringNextInvocation is { } during)
        {
            DuringNextInvocation = null;
            await during();
        }

        return answer(text);
    }

    public async Task<int> RetireAllAsync()
    {
        if (OnRetire is not null)
        {
            await OnRetire();
        }

        Retirements++;
        return 1;
    }
}
