using AotAuth.LambdaRuntime;
using AotAuth.Storage;
using AotAuth.UserFunction;

// Init: read settings and build the user store (DynamoDB, or the embedded file store
// when AOTAUTH_DATA_DIR is set by `aotauth serve`), then run the Runtime API loop.
return await LambdaBootstrap.RunAsync(_ =>
{
    var settings = UserSettings.FromEnvironment();
    IUserStore store = StoreFactory.CreateUserStore();
    return ValueTask.FromResult<IInvocationHandler>(new UserHandler(store, TimeProvider.System, settings.StoreTimeout, new EmbeddedMetrics("AotAuth")));
});
