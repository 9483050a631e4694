using AotAuth.Core.Contracts;
using AotAuth.Storage;

namespace AotAuth.UserFunction;

/// <summary>The user function's configuration, read once from the environment at init.</summary>
internal sealed record UserSettings(StoreSettings Store)
{
    /// <summary>Reads the store settings (the store's table and endpoint come from <see cref="StoreFactory"/>).</summary>
    /// <param name="environment">Where variables are read (<see cref="EnvironmentSettings"/>).</param>
    public static UserSettings FromEnvironment(Func<string, string?> environment) =>
        new(StoreSettings.FromEnvironment(environment, FunctionVariables.DefaultUserStoreTimeoutMs));
}
