using AotAuth.Core;

namespace AotAuth.UserFunction;

/// <summary>The user function's configuration, read once from the environment at init.</summary>
internal sealed record UserSettings(string UserTable, TimeSpan StoreTimeout)
{
    /// <summary>Reads <c>USER_TABLE</c> and <c>DYNAMODB_TIMEOUT_MS</c>.</summary>
    public static UserSettings FromEnvironment() => new(
        EnvironmentSettings.Text("USER_TABLE", "user"),
        TimeSpan.FromMilliseconds(EnvironmentSettings.WholeNumber("DYNAMODB_TIMEOUT_MS", 3000, min: 50, max: 30_000)));
}
