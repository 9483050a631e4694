using AotAuth.Cli.Aws;
using AotAuth.Cli.LocalGateway;
using AotAuth.Core.Contracts;

namespace AotAuth.Cli.Commands;

/// <summary>
/// What <c>token revoke</c> does after the delete, so the revocation takes effect now rather
/// than when caches expire: on AWS it flushes the stage's API Gateway authorizer cache (the API
/// from the stack outputs) and states the bound left, the authorizer's own decision cache; on
/// the embedded store or DynamoDB Local it flushes both caches of a running <c>aotauth serve</c>
/// on the same store (found through the data folder). When a flush fails it states the whole bound.
/// </summary>
internal static class RevocationCaches
{
    public static async Task FlushAsync(TokenStoreHandle store, CancellationToken ct)
    {
        if (store.Aws is AwsTarget aws)
        {
            await FlushApiGatewayAsync(aws, ct);
        }
        else
        {
            await FlushLocalServeAsync(store.Location, ct);
        }
    }

    private static async Task FlushApiGatewayAsync(AwsTarget aws, CancellationToken ct)
    {
        if (aws.Outputs is not { ApiId: string apiId, ApiStage: string stage })
        {
            Console.Error.WriteLine(
                $"API Gateway's authorizer cache was not flushed: no REST API id and stage in the stack outputs (deploy with `cdk deploy --outputs-file {StackOutputNames.DefaultFile}`, or pass --outputs; an HTTP API has no cache flush).");
            Console.Error.WriteLine(TokenCommands.RevocationBound());
            return;
        }

        try
        {
            await ApiGatewayCacheFlush.FlushAsync(await aws.GetCredentialsAsync(), aws.Region, apiId, stage, ct);
        }
        catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException or TaskCanceledException)
        {
            Console.Error.WriteLine($"warning: API Gateway's authorizer cache of {apiId}/{stage} was not flushed: {ex.Message}");
            Console.Error.WriteLine(TokenCommands.RevocationBound());
            return;
        }

        Console.Error.WriteLine(
            $"Flushed API Gateway's authorizer cache of API {apiId}, stage {stage}. A warm authorizer instance may still accept the token for up to " +
            $"{AuthorizerCaching.DefaultDecisionCacheTtlSeconds} s ({AuthorizerCaching.DecisionCacheTtlVariable}, as the stack deploys it).");
    }

    private static async Task FlushLocalServeAsync(StoreLocation location, CancellationToken ct)
    {
        if (ServeAdminFile.ReadRunning(location.DataDirectory, location.StoreKey) is not ServeAdminFile serve)
        {
            Console.Error.WriteLine(location.Kind == StoreKind.File
                ? "No `aotauth serve` is running on this store; one started later begins with empty caches."
                : $"No `aotauth serve` on this store was found in {location.DataDirectory} (give serve's --data); a running one may still accept the token. " + TokenCommands.RevocationBound());
            return;
        }

        try
        {
            await serve.FlushAsync(ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            Console.Error.WriteLine($"warning: the caches of the `aotauth serve` on {serve.Address} were not flushed: {ex.Message}");
            Console.Error.WriteLine(TokenCommands.RevocationBound());
            return;
        }

        Console.Error.WriteLine($"Flushed the caches of the `aotauth serve` on {serve.Address} (its authorizer result cache and the authorizer's decision caches): the next request is refused.");
    }
}
