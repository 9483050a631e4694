using AotAuth.Authorizer;
using AotAuth.LambdaRuntime;
using AotAuth.SdkAuthorizer;
using AotAuth.Storage;

// The same init as src/AotAuth.Authorizer/Program.cs, with one difference: the token store
// is SdkTokenStore (AWSSDK.DynamoDBv2) instead of StoreFactory's DynamoDbTokenStore, so a
// cold-start run measures what the SDK costs and nothing else.
Func<string, string?> environment = Environment.GetEnvironmentVariable;
return await LambdaBootstrap.RunAsync((log, _) =>
{
    var settings = AuthorizerSettings.FromEnvironment(environment);
    var cache = new DecisionCache(TimeProvider.System, settings.CacheTtl, settings.CacheMaxEntries);
    ITokenStore store = SdkTokenStore.FromEnvironment(environment, settings.Store);
    return ValueTask.FromResult<IInvocationHandler>(new AuthorizerHandler(store, cache, TimeProvider.System, settings.Store.LongestCall, log, EmbeddedMetrics.FromEnvironment(environment, "AotAuth", log), settings.HttpResponse));
});
