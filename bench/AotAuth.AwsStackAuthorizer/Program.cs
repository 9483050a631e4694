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

// Primed in init, as a team tuning this stack for cold starts would: one GetItem for a hash no
// token has, so the first invocation finds the TLS connection open and the SDK's first-use work
// done (the authorizer as deployed primes its own connection in init too).
try
{
    await store.GetAsync(new string('0', 64), settings.Store.LongestCall, CancellationToken.None);
}
#pragma warning disable CA1031 // Priming is best effort: the first invocation connects instead.
catch (Exception ex)
#pragma warning restore CA1031
{
    log.Warn($"priming the token store failed: {ex.GetType().Name}");
}

using var handler = new AuthorizerHandler(store, cache, TimeProvider.System, settings.Store.LongestCall, log, EmbeddedMetrics.FromEnvironment(environment, "AotAuth", log), settings.HttpResponse);
await loop.RunAsync(handler);
