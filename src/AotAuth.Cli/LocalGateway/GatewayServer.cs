using AotAuth.Gateway;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace AotAuth.Cli.LocalGateway;

/// <summary>
/// The local API Gateway on the wire: Kestrel on 127.0.0.1, turning each HTTP request into a
/// <see cref="GatewayRequest"/> for the <see cref="GatewayPipeline"/> and its answer back into HTTP.
/// Everything API Gateway does happens in the pipeline; this only speaks HTTP.
/// </summary>
internal sealed class GatewayServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private GatewayServer(WebApplication app, GatewayPipeline pipeline, Uri address)
    {
        _app = app;
        Pipeline = pipeline;
        Address = address;
    }

    /// <summary>The base URL, e.g. <c>http://127.0.0.1:3000/</c>.</summary>
    public Uri Address { get; }

    /// <summary>The pipeline behind the socket.</summary>
    public GatewayPipeline Pipeline { get; }

    /// <summary>The gateway's numbers (also at <c>GET /_aotauth/metrics</c>).</summary>
    public GatewayMetrics Metrics => Pipeline.Metrics;

    /// <summary>Serves <paramref name="pipeline"/> on 127.0.0.1:<paramref name="port"/> (0: any free port).</summary>
    public static async Task<GatewayServer> StartAsync(int port, GatewayPipeline pipeline, CancellationToken cancellationToken)
    {
        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(System.Net.IPAddress.Loopback, port);
            kestrel.AddServerHeader = false;

            // The pipeline enforces the payload limit itself (413 in the API's own words) and reads
            // at most one byte past it; Kestrel's bound sits just above, so it never answers first.
            kestrel.Limits.MaxRequestBodySize = GatewayLimits.MaxBodyBytes + 1;
            kestrel.Limits.MaxRequestHeadersTotalSize = GatewayLimits.MaxHeaderBytes;
        });
        builder.Services.AddRoutingCore();
        WebApplication app = builder.Build();
        app.Run(http => ServeAsync(pipeline, http));
        await app.StartAsync(cancellationToken);

        string bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new GatewayServer(app, pipeline, new Uri(bound.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task ServeAsync(GatewayPipeline pipeline, HttpContext http)
    {
        HttpRequest request = http.Request;

        // The target as the client sent it: API Gateway routes on the raw path, not Kestrel's decoded one.
        string target = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path.Value ?? "/";
        var headers = new List<KeyValuePair<string, string>>();
        foreach ((string name, Microsoft.Extensions.Primitives.StringValues values) in request.Headers)
        {
            foreach (string? value in values)
            {
                headers.Add(new(name, value ?? string.Empty));
            }
        }

        GatewayAnswer answer = await pipeline.HandleAsync(
            new GatewayRequest(request.Method, target, headers, request.Body, request.ContentLength, http.Connection.RemoteIpAddress?.ToString() ?? "127.0.0.1"),
            http.RequestAborted);
        http.Response.StatusCode = answer.StatusCode;
        foreach ((string name, string value) in answer.Headers)
        {
            http.Response.Headers.Append(name, value);
        }

        if (!answer.Body.IsEmpty && answer.StatusCode != StatusCodes.Status204NoContent)
        {
            await http.Response.Body.WriteAsync(answer.Body, http.RequestAborted);
        }
    }
}
