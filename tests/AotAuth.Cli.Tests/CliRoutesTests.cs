using AotAuth.Core.Api;
using AotAuth.Storage;

namespace AotAuth.Cli.Tests;

/// <summary><c>aotauth routes</c> and the scope check of <c>token create</c>, both from the one API definition.</summary>
public sealed class CliRoutesTests : IDisposable
{
    private readonly CliTempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Routes_PrintsEachRouteWithItsScope_AndTheAuthorizerSettings()
    {
        CliResult result = await CliProcess.RunAsync(_temp.Path, "routes");

        Assert.True(result.ExitCode == 0, result.ToString());
        string[] lines = CliProcess.Lines(result.Stdout);
        foreach (RouteDefinition route in AotAuthApi.Definition.Routes)
        {
            Assert.Contains(lines, line => line.StartsWith(route.ToString() + " ", StringComparison.Ordinal) && line.Contains(RouteScopes.ScopeOf(route), StringComparison.Ordinal));
        }

        AuthorizerDefinition authorizer = AotAuthApi.Definition.Authorizer;
        Assert.Contains(lines, line => line.Contains(authorizer.IdentitySource, StringComparison.Ordinal)
            && line.Contains(authorizer.ValidationExpression, StringComparison.Ordinal)
            && line.Contains($"{authorizer.ResultTtlSeconds} s", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TokenCreate_WithAScopeThatReachesNoRoute_FailsNamingTheRoutes_AndStoresNothing()
    {
        CliResult result = await CliProcess.RunAsync(_temp.Path, "token", "create", "--data", _temp.Data, "--principal", "p", "--scope", "GET /users/*");

        Assert.True(result.ExitCode == 1 && result.Stdout.Length == 0, result.ToString());
        string line = Assert.Single(CliProcess.Lines(result.Stderr));
        Assert.Contains("'GET /users/*'", line, StringComparison.Ordinal);
        Assert.Contains("--force", line, StringComparison.Ordinal);
        foreach (RouteDefinition route in AotAuthApi.Definition.Routes)
        {
            Assert.Contains(route.ToString(), line, StringComparison.Ordinal);
        }

        Assert.False(Directory.Exists(Path.Combine(_temp.Data, "tokens")) && Directory.GetFiles(Path.Combine(_temp.Data, "tokens")).Length > 0);
    }

    [Fact]
    public async Task TokenCreate_WithForce_StoresAScopeThatReachesNoRoute()
    {
        CliResult result = await CliProcess.RunAsync(_temp.Path, "token", "create", "--data", _temp.Data, "--principal", "p", "--scope", "GET /users/*", "--force");

        Assert.True(result.ExitCode == 0, result.ToString());
        TokenRecord record = Assert.Single(await new FileTokenStore(_temp.Data).ListAsync(CancellationToken.None).ToListAsync());
        Assert.Equal(["GET /users/*"], record.Scopes);
    }
}
