using AotAuth.Core.Api;
using AotAuth.Gateway;
using AotAuth.LocalHosting;

namespace AotAuth.Cli.LocalGateway;

/// <summary>
/// <c>serve</c>'s gateway: the two function pools, the pipeline over the built-in API model of
/// the chosen kind (only that kind is built), and the server in front. Disposing stops the
/// server first, then the functions.
/// </summary>
internal sealed class GatewayHost : IAsyncDisposable
{
    private readonly IApiFlavour _flavour;

    private GatewayHost(GatewayServer server, IApiFlavour flavour, FunctionPool authorizer, FunctionPool user)
    {
        Server = server;
        _flavour = flavour;
        Authorizer = authorizer;
        User = user;
    }

    /// <summary>The HTTP side.</summary>
    public GatewayServer Server { get; }

    /// <summary>The base URL, e.g. <c>http://127.0.0.1:3000/</c>.</summary>
    public Uri Address => Server.Address;

    /// <summary>The gateway's numbers (also at <c>GET /_aotauth/metrics</c>).</summary>
    public GatewayMetrics Metrics => Server.Metrics;

    /// <summary>The authorizer's instances (tests count its invocations).</summary>
    public FunctionPool Authorizer { get; }

    /// <summary>The user function's instances.</summary>
    public FunctionPool User { get; }

    public static async Task<GatewayHost> StartAsync(GatewayOptions options, FunctionLaunch authorizer, FunctionLaunch user, Action<string> log, CancellationToken ct)
    {
        var authorizerPool = new FunctionPool(authorizer, options.MaxInstances, options.FunctionTimeout, log);
        var userPool = new FunctionPool(user, options.MaxInstances, options.FunctionTimeout, log);
        var functions = new GatewayFunctions(new Dictionary<string, IFunctionInvoker>
        {
            [AotAuthApi.AuthorizerFunction] = authorizerPool,
            [AotAuthApi.UserFunction] = userPool,
        });
        var settings = new GatewaySettings(options.Region, options.Clock);
        var metrics = new GatewayMetrics();
        IApiFlavour flavour = options.Api == GatewayApi.Http
            ? new HttpApiFlavour(AotAuthApi.HttpDefinition(options.HttpSimpleResponses), functions, settings, metrics, log)
            : new RestApiFlavour(AotAuthApi.Definition, functions, settings, metrics, log);
        try
        {
            var pipeline = new GatewayPipeline(flavour, metrics, options.AdminSecret, log);
            return new GatewayHost(await GatewayServer.StartAsync(options.Port, pipeline, ct), flavour, authorizerPool, userPool);
        }
        catch
        {
            (flavour as IDisposable)?.Dispose();
            await authorizerPool.DisposeAsync();
            await userPool.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        (_flavour as IDisposable)?.Dispose();
        await Authorizer.DisposeAsync();
        await User.DisposeAsync();
    }
}
