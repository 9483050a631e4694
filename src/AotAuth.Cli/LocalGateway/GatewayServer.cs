using AotAuth.Cli.Functions;
using AotAuth.LocalHosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace AotAuth.Cli.LocalGateway;

/// <summary>The local API Gateway: Kestrel on 127.0.0.1 in front of the two function pools.</summary>
internal sealed class GatewayServer : IAsyncDisposable
{
    /// <summary>API Gateway's payload limit.</summary>
    public const long MaxBodyBytes = 10L * 1024 * 1024;

    private readonly WebApplication _app;
    private readonly GatewayPipeline _pipeline;

    private GatewayServer(WebApplication app, GatewayPipeline pipeline, Uri address, FunctionPool authorizer, FunctionPool user)
    {
        _app = app;
        _pipeline = pipeline;
        Address = address;
        Authorizer = authorizer;
        User = user;
    }

    /// <summary>The base URL, e.g. <c>http://127.0.0.1:3000/</c>.</summary>
    public Uri Address { get; }

    /// <summary>The gateway's numbers (also at <c>GET /_aotauth/metrics</c>).</summary>
    public GatewayMetrics Metrics => _pipeline.Metrics;

    /// <summary>The authorizer's instances (tests count its invocations).</summary>
    public FunctionPool Authorizer { get; }

    /// <summary>The user function's instances.</summary>
    public FunctionPool User { get; }

    public static async Task<GatewayServer> StartAsync(GatewayOptions options, FunctionPool authorizer, FunctionPool user, Action<string> log, CancellationToken cancellationToken)
    {
        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(System.Net.IPAddress.Loopback, options.Port);
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = MaxBodyBytes;
            // API Gateway's header limit is 10,240 bytes in all; Kestrel answers 431 beyond it.
            kestrel.Limits.MaxRequestHeadersTotalSize = 10 * 1024;
        });
        builder.Services.AddRoutingCore();
        WebApplication app = builder.Build();
        var pipeline = new GatewayPipeline(options, authorizer, user, new GatewayMetrics(), log);
        app.Run(options.Api == GatewayApi.Http ? new HttpApiPipeline(options, authorizer, user, pipeline.Metrics, log).HandleAsync : pipeline.HandleAsync);
        await app.StartAsync(cancellationToken);

        string bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new GatewayServer(app, pipeline, new Uri(bound.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/"), authorizer, user);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _pipeline.Dispose();
        await Authorizer.DisposeAsync();
        await User.DisposeAsync();
    }
}
