using AotAuth.Core.Contracts;

namespace AotAuth.LocalHosting;

/// <summary>Starts a function executable against a Runtime API server, as Lambda starts a bootstrap.</summary>
public static class FunctionProcess
{
    /// <summary>
    /// Starts <paramref name="fileName"/> with <see cref="LambdaVariables.RuntimeApi"/> pointing at
    /// <paramref name="server"/>, on top of <paramref name="options"/>' environment.
    /// </summary>
    /// <param name="server">The Runtime API the function polls.</param>
    /// <param name="fileName">The bootstrap (or a launcher that execs it).</param>
    /// <param name="options">Arguments, environment and output handling.</param>
    public static ChildProcess Start(RuntimeApiServer server, string fileName, ChildProcessOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        options ??= new ChildProcessOptions();
        var environment = new Dictionary<string, string?>(options.Environment, StringComparer.Ordinal)
        {
            [LambdaVariables.RuntimeApi] = server.RuntimeApiAddress,
        };
        return ChildProcess.Start(fileName, options with { Environment = environment });
    }
}
