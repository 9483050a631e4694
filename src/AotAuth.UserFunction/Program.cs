using AotAuth.LambdaRuntime;
using AotAuth.Storage;
using AotAuth.UserFunction;

// Init: read settings and build the one DynamoDB client, then run the Runtime API loop.
return await LambdaBootstrap.RunAsync(_ =>
{
    var settings = UserSettings.FromEnvironment();
    var client = new DynamoDbClient(DynamoDbClientOptions.FromEnvironment());
    var store = new DynamoDbUserStore(client, settings.UserTable);
    return ValueTask.FromResult<IInvocationHandler>(new UserHandler(store, TimeProvider.System, settings.StoreTimeout));
});
