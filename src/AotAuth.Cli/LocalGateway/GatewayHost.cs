using AotAuth.Core.Api;
using AotAuth.Gateway;
using AotAuth.Gateway.Templates;
using AotAuth.LocalHosting;

namespace AotAuth.Cli.LocalGateway;

/// <summary>
/// <c>serve</c>'s gateway: a pool of processes per function, the pipeline over the API model
/// (the built-in API of the chosen kind, or one API of a template), and the server in front.
/// Disposing stops the server first, then the functions.
/// </summary>
internal sealed class GatewayHost : IAsyncDisposable
{
    private readonly IApiFlavour _flavour;
    private readonly IReadOnlyDictionary<string, FunctionPool> _pools;

    private GatewayHost(GatewayServer server, IApiFlavour flavour, IReadOnlyDictionary<string, FunctionPool> pools)
    {
        Server = server;
        _flavour = flavour;
        _pools = pools;
    }

    /// <summary>The HTTP side.</summary>
    public GatewayServer Server { get; }

    /// <summary>The base URL, e.g. <c>http://127.0.0.1:3000/</c>.</summary>
    public Uri Address => Server.Address;

    /// <summary>The gateway's numbers (also at <c>GET /_aotauth/metrics</c>).</summary>
    public GatewayMetrics Metrics => Server.Metrics;

    /// <summary>The built-in API's authorizer instances (tests count its invocations).</summary>
    public FunctionPool Authorizer => _pools[AotAuthApi.AuthorizerFunction];

    /// <summary>The built-in API's user function instances.</summary>
    public FunctionPool User => _pools[AotAuthApi.UserFunction];

    /// <summary>The built-in API of <see cref="GatewayOptions.Api"/>'s kind, with its two functions.</summary>
    public static Task<GatewayHost> StartAsync(GatewayOptions options, FunctionLaunch authorizer, FunctionLaunch user, Action<string> log, CancellationToken ct)
    {
        var pools = new Dictionary<string, FunctionPool>
        {
            [AotAuthApi.AuthorizerFunction] = new FunctionPool(authorizer, options.MaxInstances, options.FunctionTimeout, log),
            [AotAuthApi.UserFunction] = new FunctionPool(user, options.MaxInstances, options.FunctionTimeout, log),
        };
        return StartAsync(options, pools, [], (functions, settings, metrics) => options.Api == GatewayApi.Http
            ? new HttpApiFlavour(AotAuthApi.HttpDefinition(options.HttpSimpleResponses), functions, settings, metrics, log)
            : new RestApiFlavour(AotAuthApi.Definition, functions, settings, metrics, log), log, ct);
    }

    /// <summary>
    /// The API of a template: a pool per function that can run here (its own timeout and memory),
    /// an <see cref="UnavailableFunction"/> for each that cannot and for integrations not emulated.
    /// </summary>
    /// <param name="launch">Makes the launch of a runnable function (adds the store's environment).</param>
    public static Task<GatewayHost> StartAsync(GatewayOptions options, TemplateDeployment deployment, Func<TemplateFunction, FunctionLaunch> launch, Action<string> log, CancellationToken ct)
    {
        var pools = deployment.Functions.Where(f => f.Bootstrap is not null).ToDictionary(
            f => f.Name, f => new FunctionPool(launch(f), options.MaxInstances, TimeSpan.FromSeconds(f.TimeoutSeconds), log));
        var unavailable = deployment.Functions.Where(f => f.Problem is not null).ToDictionary(f => f.Name, f => (IFunctionInvoker)new UnavailableFunction(f.Problem!));
        unavailable[TemplateDeployment.UnavailableIntegration] = new UnavailableFunction("the integration is not emulated");
        return StartAsync(options, pools, unavailable, (functions, settings, metrics) => deployment.Rest is { } rest
            ? new RestApiFlavour(rest, functions, settings, metrics, log)
            : new HttpApiFlavour(deployment.Http!, functions, settings, metrics, log), log, ct);
    }

    private static async Task<GatewayHost> StartAsync(
        GatewayOptions options,
        Dictionary<string, FunctionPool> pools,
        Dictionary<string, IFunctionInvoker> others,
        Func<GatewayFunctions, GatewaySettings, GatewayMetrics, IApiFlavour> flavourOf,
        Action<string> log,
        CancellationToken ct)
    {
        var invokers = new Dictionary<string, IFunctionInvoker>(others);
        foreach ((string name, FunctionPool pool) in pools)
        {
            invokers[name] = pool;
        }

        var metrics = new GatewayMetrics();
        IApiFlavour? flavour = null;
        try
        {
            flavour = flavourOf(new GatewayFunctions(invokers), new GatewaySettings(options.Region, options.Clock), metrics);
            var pipeline = new GatewayPipeline(flavour, metrics, options.AdminSecret, log);
            return new GatewayHost(await GatewayServer.StartAsync(options.Port, pipeline, ct), flavour, pools);
        }
        catch
        {
            (flavour as IDisposable)?.Dispose();
            foreach (FunctionPool pool in pools.Values)
            {
                await pool.DisposeAsync();
            }

            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        (_flavour as IDisposable)?.Dispose();
        foreach (FunctionPool pool in _pools.Values)
        {
            await pool.DisposeAsync();
        }
    }
}
