using AotAuth.Core;

namespace AotAuth.UserFunction;

/// <summary>The user function's configuration, read once from the environment at init.</summary>
internal sealed record UserSettings(TimeSpan StoreTimeout)
{
    /// <summary>Reads <c>DYNAMODB_TIMEOUT_MS</c> (the store's table and endpoint come from <see cref="AotAuth.Storage.StoreFactory"/>).</summary>
    public static UserSettings FromEnvironment() => new(
        TimeSpan.FromMilliseconds(EnvironmentSettings.WholeNumber("DYNAMODB_TIMEOUT_MS", 3000, min: 50, max: 30_000)));
}
