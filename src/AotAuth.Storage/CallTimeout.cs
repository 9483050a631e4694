namespace AotAuth.Storage;

/// <summary>
/// The default way a store call is held to a budget: a token cancelled after the budget, its
/// firing reported as <see cref="TimeoutException"/>. Stores whose transport can bound the call
/// itself (<see cref="DynamoDbTokenStore"/>, <see cref="DynamoDbUserStore"/>) override the
/// budgeted members instead, and need no timer.
/// </summary>
internal static class CallTimeout
{
    /// <summary>Runs <paramref name="call"/> with a token that is also cancelled after <paramref name="timeout"/>.</summary>
    /// <exception cref="TimeoutException">The budget ran out first.</exception>
    public static async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> call, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(timeout);
        try
        {
            return await call(budget.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (budget.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"the store did not answer within {timeout.TotalMilliseconds:0} ms", ex);
        }
    }
}
