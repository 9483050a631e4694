using AotAuth.Authorizer;
using AotAuth.LambdaRuntime;
using AotAuth.Storage;

// Init: read settings and build the one DynamoDB client, then run the Runtime API loop.
return await LambdaBootstrap.RunAsync(_ =>
{
    var settings = AuthorizerSettings.FromEnvironment();
    var client = new DynamoDbClient(DynamoDbClientOptions.FromEnvironment());
    var cache = new DecisionCache(TimeProvider.System, settings.CacheTtl, settings.CacheMaxEntries);
    var store = new DynamoDbTokenStore(client, settings.TokenTable);
    return ValueTask.FromResult<IInvocationHandler>(new AuthorizerHandler(store, cache, TimeProvider.System, settings.StoreTimeout));
});
