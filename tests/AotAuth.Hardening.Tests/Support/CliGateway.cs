using AotAuth.Cli.Functions;
using AotAuth.LocalHosting;
using AotAuth.Cli.LocalGateway;

namespace AotAuth.Hardening.Tests.Support;

/// <summary>The aotauth CLI's gateway, hosted in the test in front of two function programs.</summary>
internal sealed class CliGateway : IAsyncDisposable
{
    private readonly GatewayServer _server;

    private CliGateway(GatewayServer server) => _server = server;

    /// <summary>The base URL, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Address => _server.Address;

    /// <summary>Process ids of the live authorizer instances.</summary>
    public IReadOnlyList<int> AuthorizerProcessIds => _server.Authorizer.ProcessIds;

    /// <summary>Process ids of the live user function instances.</summary>
    public IReadOnlyList<int> UserProcessIds => _server.User.ProcessIds;

    /// <summary>User function instances started so far.</summary>
    public int UserColdStarts => _server.User.ColdStarts;

    /// <summary>Authorizer invocations so far.</summary>
    public int AuthorizerInvocations => _server.Authorizer.Invocations;

    /// <summary>Starts the gateway on 127.0.0.1 (any free port) in front of the two function programs.</summary>
    public static async Task<CliGateway> StartAsync(FunctionCommand authorizer, FunctionCommand user, Action<string> log, int maxInstances, TimeSpan functionTimeout)
    {
        var options = new GatewayOptions { Port = 0, MaxInstances = maxInstances, FunctionTimeout = functionTimeout };
        GatewayServer server = await GatewayHost.StartAsync(options, Launch(authorizer), Launch(user), log, CancellationToken.None);
        return new CliGateway(server);
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private static FunctionLaunch Launch(FunctionCommand command) => new(command.Name, command.FileName, command.Arguments, command.Environment);
}

/// <summary>How to start one function: the FunctionLaunch fields.</summary>
internal sealed record FunctionCommand(string Name, string FileName, IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string> Environment);
