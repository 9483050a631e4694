using AotAuth.Core.Contracts;

namespace AotAuth.Storage;

/// <summary>
/// Chooses the stores of a function bootstrap (or the CLI) from the environment:
/// <list type="bullet">
/// <item><c>AOTAUTH_DATA_DIR</c> set: <see cref="FileTokenStore"/> / <see cref="FileUserStore"/> in
/// that folder (local runs with no database server). No DynamoDB client is created.</item>
/// <item>Otherwise DynamoDB, through the client the caller builds (each function from its own
/// settings), tables from <c>TOKEN_TABLE</c> (default <c>auth-token</c>) and <c>USER_TABLE</c>
/// (default <c>user</c>).</item>
/// </list>
/// Blank values count as unset; values are trimmed.
/// </summary>
public static class StoreFactory
{
    /// <summary>The variable naming the file stores' data folder.</summary>
    public const string DataDirectoryVariable = FunctionVariables.DataDirectory;

    /// <summary>The variable naming the DynamoDB token table.</summary>
    public const string TokenTableVariable = FunctionVariables.TokenTable;

    /// <summary>The variable naming the DynamoDB user table.</summary>
    public const string UserTableVariable = FunctionVariables.UserTable;

    /// <summary>The token table when <see cref="TokenTableVariable"/> is unset.</summary>
    public const string DefaultTokenTable = FunctionVariables.DefaultTokenTable;

    /// <summary>The user table when <see cref="UserTableVariable"/> is unset.</summary>
    public const string DefaultUserTable = FunctionVariables.DefaultUserTable;

    /// <summary>The token store the environment asks for.</summary>
    /// <param name="client">Builds the DynamoDB client; called only when DynamoDB is chosen.</param>
    /// <exception cref="InvalidOperationException">DynamoDB is chosen and <paramref name="client"/> finds its settings unusable.</exception>
    public static ITokenStore CreateTokenStore(Func<DynamoDbClient> client) => CreateTokenStore(Environment.GetEnvironmentVariable, client);

    /// <summary>The user store the environment asks for.</summary>
    /// <param name="client">Builds the DynamoDB client; called only when DynamoDB is chosen.</param>
    /// <exception cref="InvalidOperationException">DynamoDB is chosen and <paramref name="client"/> finds its settings unusable.</exception>
    public static IUserStore CreateUserStore(Func<DynamoDbClient> client) => CreateUserStore(Environment.GetEnvironmentVariable, client);

    /// <summary>Testable core of <see cref="CreateTokenStore(Func{DynamoDbClient})"/>: <paramref name="client"/> is only called for DynamoDB.</summary>
    internal static ITokenStore CreateTokenStore(Func<string, string?> environment, Func<DynamoDbClient> client) =>
        Setting(environment, DataDirectoryVariable) is { } dataDirectory
            ? new FileTokenStore(dataDirectory)
            : new DynamoDbTokenStore(client(), Setting(environment, TokenTableVariable) ?? DefaultTokenTable);

    /// <summary>Testable core of <see cref="CreateUserStore(Func{DynamoDbClient})"/>: <paramref name="client"/> is only called for DynamoDB.</summary>
    internal static IUserStore CreateUserStore(Func<string, string?> environment, Func<DynamoDbClient> client) =>
        Setting(environment, DataDirectoryVariable) is { } dataDirectory
            ? new FileUserStore(dataDirectory)
            : new DynamoDbUserStore(client(), Setting(environment, UserTableVariable) ?? DefaultUserTable);

    private static string? Setting(Func<string, string?> environment, string name) =>
        environment(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
