using AotAuth.Authorizer;
using AotAuth.AwsStackAuthorizer;
using AotAuth.LambdaRuntime;
using AotAuth.SdkAuthorizer;
using AotAuth.Storage;

// The SDK variant's init (bench/AotAuth.SdkAuthorizer/Program.cs) under RuntimeSupport's loop
// instead of ours: the authorizer's log lines go through Console, as a RuntimeSupport
// function's do.
Func<string, string?> environment = Environment.GetEnvironmentVariable;
var loop = new RuntimeSupportLoop(environment);
var log = new RuntimeLog(new ConsoleLogStream(loop), LogSettings.FromEnvironment(environment));
var settings = AuthorizerSettings.FromEnvironment(environment);
var cache = new DecisionCache(TimeProvider.System, settings.CacheTtl, settings.CacheMaxEntries);
ITokenStore store = SdkTokenStore.FromEnvironment(environment, settings.Store);
using var handler = new AuthorizerHandler(store, cache, TimeProvider.System, settings.Store.LongestCall, log, EmbeddedMetrics.FromEnvironment(environment, "AotAuth", log), settings.HttpResponse);
await loop.RunAsync(handler);
