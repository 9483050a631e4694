using System.Globalization;
using AotAuth.Gateway;

namespace AotAuth.LocalHosting;

/// <summary>
/// Lambda's scaling for one function, on one machine: an invocation goes to an idle
/// instance; when all are busy a new one starts (a cold start), up to the concurrency
/// limit, after which invocations wait. An instance that timed out or crashed is thrown
/// away, so the next request gets a fresh one, as Lambda does.
/// </summary>
public sealed class FunctionPool : IFunctionInvoker, IAsyncDisposable
{
    private readonly FunctionLaunch _launch;
    private readonly TimeSpan _timeout;
    private readonly Action<string> _log;
    private readonly SemaphoreSlim _slots;
    private readonly Stack<FunctionInstance> _idle = new();
    private readonly HashSet<FunctionInstance> _all = [];
    private readonly HashSet<FunctionInstance> _retireOnReturn = [];
    private readonly Lock _lock = new();
    private int _invocations;
    private int _coldStarts;
    private bool _disposed;

    /// <summary>Creates an empty pool; instances start on demand.</summary>
    /// <param name="launch">How to start an instance.</param>
    /// <param name="maxInstances">The concurrency limit.</param>
    /// <param name="timeout">The function's timeout per invocation.</param>
    /// <param name="log">Receives output lines and REPORT lines.</param>
    public FunctionPool(FunctionLaunch launch, int maxInstances, TimeSpan timeout, Action<string> log)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInstances, 1);
        _launch = launch;
        _timeout = timeout;
        _log = log;
        _slots = new SemaphoreSlim(maxInstances, maxInstances);
    }

    /// <summary>The function's short name.</summary>
    public string Name => _launch.Name;

    /// <summary>Invocations started so far (tests count authorizer calls with it).</summary>
    public int Invocations => Volatile.Read(ref _invocations);

    /// <summary>Instances started so far.</summary>
    public int ColdStarts => Volatile.Read(ref _coldStarts);

    /// <summary>Process ids of the live instances (tests kill them to prove recovery).</summary>
    public IReadOnlyList<int> ProcessIds
    {
        get
        {
            lock (_lock)
            {
                return [.. _all.Select(i => i.ProcessId)];
            }
        }
    }

    /// <summary>Runs one invocation on an idle or new instance and prints its REPORT line.</summary>
    public async Task<FunctionResult> InvokeAsync(byte[] payload, string? traceId, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        FunctionInstance? instance = null;
        try
        {
            Interlocked.Increment(ref _invocations);
            instance = TakeIdle();
            if (instance is null)
            {
                try
                {
                    instance = await FunctionInstance.StartAsync(_launch, _log);
                }
                catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or IOException)
                {
                    _log($"[{Name}] could not start: {ex.Message}");
                    return new FunctionResult(FunctionOutcome.Crashed, [], "Runtime.InvalidEntrypoint", "Error: the function could not be started");
                }

                Interlocked.Increment(ref _coldStarts);
                lock (_lock)
                {
                    _all.Add(instance);
                }
            }

            var (result, requestId, durationMs, initMs) = await instance.InvokeAsync(payload, _timeout, traceId, cancellationToken);
            _log(ReportLine(requestId, durationMs, initMs, instance.PeakMemoryMb(), result));
            bool retire;
            lock (_lock)
            {
                retire = _retireOnReturn.Remove(instance);
            }

            if (retire || result.Outcome is FunctionOutcome.Timeout or FunctionOutcome.Crashed || !instance.IsAlive)
            {
                await RetireAsync(instance);
            }
            else
            {
                lock (_lock)
                {
                    _idle.Push(instance);
                }
            }

            instance = null;
            return result;
        }
        finally
        {
            if (instance is not null)
            {
                // Cancelled mid-invocation (the server is stopping): do not reuse it.
                await RetireAsync(instance);
            }

            _slots.Release();
        }
    }

    /// <summary>
    /// Retires every instance: idle ones now, busy ones when their invocation ends. What they
    /// hold in memory (the authorizer's decision cache) goes with them; the next invocation
    /// starts a fresh instance. Returns how many instances there were.
    /// </summary>
    public async Task<int> RetireAllAsync()
    {
        FunctionInstance[] idle;
        int count;
        lock (_lock)
        {
            count = _all.Count;
            idle = [.. _idle];
            _idle.Clear();
            _retireOnReturn.UnionWith(_all.Except(idle));
            _all.ExceptWith(idle);
        }

        foreach (FunctionInstance instance in idle)
        {
            await instance.DisposeAsync();
        }

        return count;
    }

    /// <summary>Stops every instance.</summary>
    public async ValueTask DisposeAsync()
    {
        FunctionInstance[] all;
        lock (_lock)
        {
            _disposed = true;
            all = [.. _all];
            _all.Clear();
            _idle.Clear();
        }

        foreach (FunctionInstance instance in all)
        {
            await instance.DisposeAsync();
        }
    }

    private FunctionInstance? TakeIdle()
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            while (_idle.TryPop(out FunctionInstance? instance))
            {
                if (instance.IsAlive)
                {
                    return instance;
                }

                // Died while idle (killed from outside): forget it; the caller starts a new one.
                _all.Remove(instance);
                _ = instance.DisposeAsync().AsTask();
            }
        }

        return null;
    }

    private async Task RetireAsync(FunctionInstance instance)
    {
        lock (_lock)
        {
            _all.Remove(instance);
        }

        await instance.DisposeAsync();
    }

    private string ReportLine(string requestId, double durationMs, double? initMs, int maxMemoryMb, FunctionResult result)
    {
        var line = string.Create(CultureInfo.InvariantCulture,
            $"[{Name}] REPORT RequestId: {requestId}\tDuration: {durationMs:F2} ms\tBilled Duration: {Math.Max(1, Math.Ceiling(durationMs)):F0} ms\tMemory Size: {_launch.MemorySizeMb} MB\tMax Memory Used: {maxMemoryMb} MB");
        if (initMs is double init)
        {
            line += string.Create(CultureInfo.InvariantCulture, $"\tInit Duration: {init:F2} ms");
        }

        return result.Outcome is FunctionOutcome.Timeout or FunctionOutcome.Crashed ? line + $"\tStatus: {result.Outcome.ToString().ToLowerInvariant()}" : line;
    }
}
