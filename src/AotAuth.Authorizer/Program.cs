using AotAuth.Authorizer;
using AotAuth.LambdaRuntime;
using AotAuth.Storage;

// Init: read settings and open the token store (DynamoDB with its connection primed, or the
// embedded file store when AOTAUTH_DATA_DIR is set by `aotauth serve`). Then the Runtime API loop.
Func<string, string?> environment = Environment.GetEnvironmentVariable;
return await LambdaBootstrap.RunAsync(async (log, cancellationToken) =>
{
    var settings = AuthorizerSettings.FromEnvironment(environment);
    var cache = new DecisionCache(TimeProvider.System, settings.CacheTtl, settings.CacheMaxEntries);
    ITokenStore store = await StoreFactory.OpenForFunctionAsync(environment, settings.Store, StoreFactory.CreateTokenStore, log.Info, log.Warn, cancellationToken);
    return new AuthorizerHandler(store, cache, TimeProvider.System, settings.Store.LongestCall, log, EmbeddedMetrics.FromEnvironment(environment, "AotAuth", log), settings.HttpResponse);
});
