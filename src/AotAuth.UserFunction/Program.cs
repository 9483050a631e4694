using AotAuth.LambdaRuntime;
using AotAuth.Storage;
using AotAuth.UserFunction;

// Init: read settings and open the user store (DynamoDB with its connection primed, or the
// embedded file store when AOTAUTH_DATA_DIR is set by `aotauth serve`). Then the Runtime API loop.
Func<string, string?> environment = Environment.GetEnvironmentVariable;
return await LambdaBootstrap.RunAsync(async (log, cancellationToken) =>
{
    var settings = UserSettings.FromEnvironment(environment);
    (IUserStore store, PrimeResult? primed) = await StoreFactory.OpenForFunctionAsync(environment, settings.Store, StoreFactory.CreateUserStore, cancellationToken);
    if (primed is { } p)
    {
        log.Write(p.Connected ? LogLevel.Info : LogLevel.Warn, p.ToString());
    }

    return new UserHandler(store, TimeProvider.System, settings.Store.LongestCall, log, EmbeddedMetrics.FromEnvironment(environment, "AotAuth", log));
});
