using AotAuth.Authorizer;
using AotAuth.LambdaRuntime;
using AotAuth.Storage;

// Init: read settings and build the token store (DynamoDB, or the embedded file store
// when AOTAUTH_DATA_DIR is set by `aotauth serve`), then run the Runtime API loop.
return await LambdaBootstrap.RunAsync(_ =>
{
    var settings = AuthorizerSettings.FromEnvironment();
    var cache = new DecisionCache(TimeProvider.System, settings.CacheTtl, settings.CacheMaxEntries);
    ITokenStore store = StoreFactory.CreateTokenStore();
    return ValueTask.FromResult<IInvocationHandler>(new AuthorizerHandler(store, cache, TimeProvider.System, settings.StoreTimeout, new EmbeddedMetrics("AotAuth")));
});
