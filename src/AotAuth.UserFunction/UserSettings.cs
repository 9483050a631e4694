using AotAuth.Storage;

namespace AotAuth.UserFunction;

/// <summary>The user function's configuration, read once from the environment at init.</summary>
internal sealed record UserSettings(StoreSettings Store)
{
    /// <summary><c>DYNAMODB_TIMEOUT_MS</c> when unset: a write may wait longer than an authorizer lookup.</summary>
    public const int DefaultStoreTimeoutMs = 3000;

    /// <summary>Reads the store settings (the store's table and endpoint come from <see cref="StoreFactory"/>).</summary>
    public static UserSettings FromEnvironment() => new(StoreSettings.FromEnvironment(DefaultStoreTimeoutMs));
}
