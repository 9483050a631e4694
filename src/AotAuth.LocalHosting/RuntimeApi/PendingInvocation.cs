using System.Diagnostics;

namespace AotAuth.LocalHosting;

/// <summary>One queued or in-flight invocation; its state only ever moves forward, once.</summary>
internal sealed class PendingInvocation(byte[] payload, InvokeOptions options)
{
    private const int Queued = 0;
    private const int Dispatched = 1;
    private const int Finished = 2;

    private int _state;
    private long _dispatchedAt;
    private ITimer? _timeout;
    private CancellationTokenRegistration _cancellation;

    public string RequestId { get; } = Guid.NewGuid().ToString();

    public byte[] Payload { get; } = payload;

    public InvokeOptions Options { get; } = options;

    // Continuations run asynchronously so that completing an outcome from a Kestrel request
    // never runs the caller's code on the request thread.
    public TaskCompletionSource<InvocationOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TimeSpan Elapsed => _dispatchedAt == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(_dispatchedAt);

    public bool IsFinished => Volatile.Read(ref _state) == Finished;

    public void OnCancellation(Action<PendingInvocation> onCancelled, CancellationToken cancellationToken)
    {
        if (cancellationToken.CanBeCanceled)
        {
            _cancellation = cancellationToken.Register(static s =>
            {
                var (self, callback) = ((PendingInvocation, Action<PendingInvocation>))s!;
                callback(self);
            }, (this, onCancelled));
        }
    }

    /// <summary>Queued → dispatched; false when it was already finished (cancelled while queued).</summary>
    public bool TryDispatch(Action<PendingInvocation> onTimeout)
    {
        if (Interlocked.CompareExchange(ref _state, Dispatched, Queued) != Queued)
        {
            return false;
        }

        _dispatchedAt = Stopwatch.GetTimestamp();
        _timeout = TimeProvider.System.CreateTimer(static s =>
        {
            var (self, callback) = ((PendingInvocation, Action<PendingInvocation>))s!;
            callback(self);
        }, (this, onTimeout), Options.Timeout, Timeout.InfiniteTimeSpan);
        if (IsFinished)
        {
            // Cancelled between the state change and the timer's creation.
            _timeout.Dispose();
        }

        return true;
    }

    /// <summary>Any state but finished → finished; false for the second and later callers.</summary>
    public bool TryFinish()
    {
        if (Interlocked.Exchange(ref _state, Finished) == Finished)
        {
            return false;
        }

        _timeout?.Dispose();
        _cancellation.Unregister(); // not Dispose: this may run inside the registration's own callback
        return true;
    }
}
