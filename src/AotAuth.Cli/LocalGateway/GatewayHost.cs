using AotAuth.Cli.Functions;
using AotAuth.LocalHosting;

namespace AotAuth.Cli.LocalGateway;

/// <summary>Builds the two function pools and the gateway in front of them.</summary>
internal static class GatewayHost
{
    public static async Task<GatewayServer> StartAsync(GatewayOptions options, FunctionLaunch authorizer, FunctionLaunch user, Action<string> log, CancellationToken ct)
    {
        var authorizerPool = new FunctionPool(authorizer, options.MaxInstances, options.FunctionTimeout, log);
        var userPool = new FunctionPool(user, options.MaxInstances, options.FunctionTimeout, log);
        try
        {
            return await GatewayServer.StartAsync(options, authorizerPool, userPool, log, ct);
        }
        catch
        {
            await authorizerPool.DisposeAsync();
            await userPool.DisposeAsync();
            throw;
        }
    }
}
