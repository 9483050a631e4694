using AotAuth.Authorizer;
using AotAuth.LambdaRuntime;
using AotAuth.Storage;

// Init: read settings and build the token store (DynamoDB, or the embedded file store
// when AOTAUTH_DATA_DIR is set by `aotauth serve`). Init runs on a full CPU on Lambda and
// invocations on memory/1769 of one, so the DynamoDB connection (TCP + TLS) is opened
// here, not in the first invocation. Then the Runtime API loop.
Func<string, string?> environment = Environment.GetEnvironmentVariable;
return await LambdaBootstrap.RunAsync(async (log, cancellationToken) =>
{
    var settings = AuthorizerSettings.FromEnvironment(environment);
    var cache = new DecisionCache(TimeProvider.System, settings.CacheTtl, settings.CacheMaxEntries);
    DynamoDbClient? dynamoDb = null;
    ITokenStore store = StoreFactory.CreateTokenStore(environment,
        () => dynamoDb = new DynamoDbClient(settings.Store.ClientOptions(DynamoDbClientOptions.FromEnvironment(environment))));
    if (dynamoDb is not null && settings.Store.PrimeConnection)
    {
        PrimeResult primed = await dynamoDb.PrimeAsync(cancellationToken);
        log.Write(primed.Connected ? LogLevel.Info : LogLevel.Warn, primed.ToString());
    }

    return new AuthorizerHandler(store, cache, TimeProvider.System, settings.Store.LongestCall, log, EmbeddedMetrics.FromEnvironment(environment, "AotAuth", log), settings.HttpResponse);
});
