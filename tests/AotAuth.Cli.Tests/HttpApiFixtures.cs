using AotAuth.Cli.LocalGateway;

namespace AotAuth.Cli.Tests;

/// <summary>One emulated HTTP API (simple authorizer responses) with the real JIT functions, shared by a test class.</summary>
public sealed class HttpApiFixture : IAsyncLifetime
{
    internal GatewayTestHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await GatewayTestHost.StartAsync(api: GatewayApi.Http);

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

/// <summary>The same HTTP API with the authorizer answering IAM policies (<c>AUTHORIZER_RESPONSE=iam</c>).</summary>
public sealed class HttpApiIamFixture : IAsyncLifetime
{
    internal GatewayTestHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await GatewayTestHost.StartAsync(api: GatewayApi.Http, httpSimpleResponses: false);

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
