using System.Globalization;
using AotAuth.Cli.Aws;
using AotAuth.Core.Contracts;

namespace AotAuth.Cli.Commands;

/// <summary>
/// What <c>token revoke</c> does after the delete, so the revocation takes effect now rather
/// than when caches expire. On AWS it flushes the stage's API Gateway authorizer cache (the API
/// from the stack outputs), waits until no warm authorizer instance can hand out an Allow from
/// its decision cache (<see cref="AuthorizerCaching.AllowsFromInstancesEndAfter"/>), and flushes
/// again: an Allow served in between would otherwise be cached by API Gateway for its whole
/// result TTL. On the embedded store or DynamoDB Local it flushes both caches of a running
/// <c>aotauth serve</c> on the same store (found through the data folder). Every message that
/// names a bound names the one that holds for what was done.
/// </summary>
internal static class RevocationCaches
{
    /// <summary>What the revocation bounds depend on in the deployed authorizer.</summary>
    /// <param name="DecisionCacheTtlSeconds">Its <c>CACHE_TTL_SECONDS</c>.</param>
    /// <param name="TimeoutSeconds">Its Lambda timeout.</param>
    internal sealed record DeployedAuthorizer(int DecisionCacheTtlSeconds, int TimeoutSeconds)
    {
        /// <summary>The numbers the stack (and AotAuth.Cdk by default) deploys.</summary>
        public static DeployedAuthorizer AsTheStackDeploysIt { get; } = new(AuthorizerCaching.DefaultDecisionCacheTtlSeconds, AuthorizerCaching.AuthorizerTimeoutSeconds);

        /// <summary>When, after the delete, no instance can hand out an Allow any more.</summary>
        public TimeSpan AllowsEndAfter => AuthorizerCaching.AllowsFromInstancesEndAfter(DecisionCacheTtlSeconds, TimeoutSeconds);
    }

    private static readonly TimeSpan CountdownStep = TimeSpan.FromSeconds(10);

    /// <param name="store">The store the token was deleted from.</param>
    /// <param name="deletedAt">When the delete returned: the bounds count from here.</param>
    /// <param name="wait">False for <c>--no-wait</c>: flush once and state the whole bound.</param>
    /// <param name="authorizer">The authorizer as deployed: its <c>CACHE_TTL_SECONDS</c> and timeout.</param>
    /// <param name="ct">Cancels the wait (Ctrl+C); the bound left is stated.</param>
    public static async Task FlushAsync(TokenStoreHandle store, DateTimeOffset deletedAt, bool wait, DeployedAuthorizer authorizer, CancellationToken ct)
    {
        if (store.Aws is AwsTarget aws)
        {
            await FlushApiGatewayAsync(aws, deletedAt, wait, authorizer, ct);
        }
        else
        {
            await FlushLocalServeAsync(store.Location, ct);
        }
    }

    /// <summary>The whole bound, when nothing is flushed after the last Allow an instance can hand out.</summary>
    internal static string WholeBound(DeployedAuthorizer authorizer) =>
        $"Caches may still accept it for up to {AuthorizerCaching.RevocationBound(authorizer.DecisionCacheTtlSeconds, authorizer.TimeoutSeconds)} s after the delete: a warm authorizer " +
        $"instance may hand out a cached Allow for up to {Seconds(authorizer.AllowsEndAfter)} s " +
        $"({InstanceTerms(authorizer)}), and API Gateway keeps an authorizer's answer for {AuthorizerCaching.ResultTtlSeconds} s " +
        "(the API's authorizer result TTL). `aotauth serve` uses the same caches unless " +
        $"{AuthorizerCaching.DecisionCacheTtlVariable} is set in its environment, and forgets both when restarted.";

    private static async Task FlushApiGatewayAsync(AwsTarget aws, DateTimeOffset deletedAt, bool wait, DeployedAuthorizer authorizer, CancellationToken ct)
    {
        if (aws.Outputs is not { ApiId: string apiId, ApiStage: string stage })
        {
            Console.Error.WriteLine(
                $"API Gateway's authorizer cache was not flushed: no REST API id and stage in the stack outputs (deploy with `cdk deploy --outputs-file {StackOutputNames.DefaultFile}`, or pass --outputs; an HTTP API has no cache flush).");
            Console.Error.WriteLine(WholeBound(authorizer));
            return;
        }

        if (!await TryFlushAsync(aws, apiId, stage, ct))
        {
            Console.Error.WriteLine(WholeBound(authorizer));
            return;
        }

        TimeSpan allowsEnd = authorizer.AllowsEndAfter;
        if (!wait)
        {
            Console.Error.WriteLine($"Flushed API Gateway's authorizer cache of API {apiId}, stage {stage}, once (--no-wait).");
            Console.Error.WriteLine(WholeBound(authorizer));
            return;
        }

        DateTimeOffset due = deletedAt + allowsEnd;
        Console.Error.WriteLine(
            $"Flushed API Gateway's authorizer cache of API {apiId}, stage {stage}. Flushing it again {Seconds(allowsEnd)} s after the delete, " +
            $"when no warm authorizer instance can hand out an Allow for the token any more ({InstanceTerms(authorizer)}); --no-wait skips this.");
        try
        {
            await CountDownAsync(due, ct);
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("Interrupted before the second flush. " + WholeBound(authorizer));
            throw;
        }

        if (!await TryFlushAsync(aws, apiId, stage, ct))
        {
            Console.Error.WriteLine(WholeBound(authorizer));
            return;
        }

        Console.Error.WriteLine(
            $"Flushed it again, {Seconds(DateTimeOffset.UtcNow - deletedAt)} s after the delete: no cache can allow the token any more. " +
            $"It was accepted for at most {Seconds(allowsEnd)} s after the delete.");
    }

    private static async Task<bool> TryFlushAsync(AwsTarget aws, string apiId, string stage, CancellationToken ct)
    {
        try
        {
            await ApiGatewayCacheFlush.FlushAsync(await aws.GetCredentialsAsync(), aws.Region, apiId, stage, ct);
            return true;
        }
        catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            Console.Error.WriteLine($"warning: API Gateway's authorizer cache of {apiId}/{stage} was not flushed: {ex.Message}");
            return false;
        }
    }

    /// <summary>Waits until <paramref name="due"/>, showing the seconds left: in place on a terminal, a line every 10 s otherwise.</summary>
    private static async Task CountDownAsync(DateTimeOffset due, CancellationToken ct)
    {
        bool terminal = !Console.IsErrorRedirected;
        TimeSpan step = terminal ? TimeSpan.FromSeconds(1) : CountdownStep;
        for (TimeSpan left = due - DateTimeOffset.UtcNow; left > TimeSpan.Zero; left = due - DateTimeOffset.UtcNow)
        {
            string line = $"  flushing again in {Math.Ceiling(left.TotalSeconds).ToString(CultureInfo.InvariantCulture)} s";
            Console.Error.Write(terminal ? "\r" + line + "   " : line + Environment.NewLine);
            await Task.Delay(left < step ? left : step, ct);
        }

        if (terminal)
        {
            Console.Error.WriteLine();
        }
    }

    private static string InstanceTerms(DeployedAuthorizer authorizer) =>
        $"its decision cache, {authorizer.DecisionCacheTtlSeconds} s ({AuthorizerCaching.DecisionCacheTtlVariable}), + the store budget, {Seconds(AuthorizerCaching.StoreBudget)} s, " +
        $"+ the authorizer's timeout, {authorizer.TimeoutSeconds} s";

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);

    private static async Task FlushLocalServeAsync(StoreLocation location, CancellationToken ct)
    {
        if (ServeAdminFile.ReadRunning(location.DataDirectory, location.StoreKey) is not ServeAdminFile serve)
        {
            Console.Error.WriteLine(location.Kind == StoreKind.File
                ? "No `aotauth serve` is running on this store; one started later begins with empty caches."
                : $"No `aotauth serve` on this store was found in {location.DataDirectory} (give serve's --data); a running one may still accept the token. " + WholeBound(DeployedAuthorizer.AsTheStackDeploysIt));
            return;
        }

        try
        {
            await serve.FlushAsync(ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            Console.Error.WriteLine($"warning: the caches of the `aotauth serve` on {serve.Address} were not flushed: {ex.Message}");
            Console.Error.WriteLine(WholeBound(DeployedAuthorizer.AsTheStackDeploysIt));
            return;
        }

        Console.Error.WriteLine($"Flushed the caches of the `aotauth serve` on {serve.Address} (its authorizer result cache and the authorizer's decision caches): the next request is refused.");
    }
}
