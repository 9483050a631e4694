using AotAuth.LambdaRuntime;
using AotAuth.Storage;
using AotAuth.UserFunction;

// Init: read settings and build the user store (DynamoDB, or the embedded file store
// when AOTAUTH_DATA_DIR is set by `aotauth serve`), opening the DynamoDB connection on
// init's full CPU (see the authorizer's Program.cs). Then the Runtime API loop.
Func<string, string?> environment = Environment.GetEnvironmentVariable;
return await LambdaBootstrap.RunAsync(async (log, cancellationToken) =>
{
    var settings = UserSettings.FromEnvironment(environment);
    DynamoDbClient? dynamoDb = null;
    IUserStore store = StoreFactory.CreateUserStore(environment,
        () => dynamoDb = new DynamoDbClient(settings.Store.ClientOptions(DynamoDbClientOptions.FromEnvironment(environment))));
    if (dynamoDb is not null && settings.Store.PrimeConnection)
    {
        PrimeResult primed = await dynamoDb.PrimeAsync(cancellationToken);
        log.Write(primed.Connected ? LogLevel.Info : LogLevel.Warn, primed.ToString());
    }

    return new UserHandler(store, TimeProvider.System, settings.Store.LongestCall, log, EmbeddedMetrics.FromEnvironment(environment, "AotAuth", log));
});
