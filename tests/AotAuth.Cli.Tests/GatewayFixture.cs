namespace AotAuth.Cli.Tests;

/// <summary>One gateway with the real JIT functions, shared by a test class.</summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    internal GatewayTestHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await GatewayTestHost.StartAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
