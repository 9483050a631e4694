using AotAuth.Core.Contracts;
using AotAuth.LambdaRuntime;
using AotAuth.Storage;
using AotAuth.UserFunction;

// Init: read the store settings and open the user store (DynamoDB with its connection primed, or the
// embedded file store when AOTAUTH_DATA_DIR is set by `aotauth serve`). Then the Runtime API loop.
Func<string, string?> environment = Environment.GetEnvironmentVariable;
return await LambdaBootstrap.RunAsync(async (log, cancellationToken) =>
{
    var settings = StoreSettings.FromEnvironment(environment, FunctionVariables.DefaultUserStoreTimeoutMs);
    IUserStore store = await StoreFactory.OpenForFunctionAsync(environment, settings, StoreFactory.CreateUserStore, log.Info, log.Warn, cancellationToken);
    return new UserHandler(store, TimeProvider.System, settings.LongestCall, log, EmbeddedMetrics.FromEnvironment(environment, "AotAuth", log));
});
