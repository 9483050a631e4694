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
    /// <summary>The token store <paramref name="environment"/> asks for.</summary>
    /// <param name="environment">Where variables are read (<see cref="EnvironmentSettings"/>).</param>
    /// <param name="client">Builds the DynamoDB client; called only when DynamoDB is chosen.</param>
    /// <exception cref="InvalidOperationException">DynamoDB is chosen and <paramref name="client"/> finds its settings unusable.</exception>
    public static ITokenStore CreateTokenStore(Func<string, string?> environment, Func<DynamoDbClient> client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return EnvironmentSettings.Optional(environment, FunctionVariables.DataDirectory) is { } dataDirectory
            ? new FileTokenStore(dataDirectory)
            : new DynamoDbTokenStore(client(), EnvironmentSettings.Text(environment, FunctionVariables.TokenTable, FunctionVariables.DefaultTokenTable));
    }

    /// <summary>The user store <paramref name="environment"/> asks for.</summary>
    /// <param name="environment">Where variables are read (<see cref="EnvironmentSettings"/>).</param>
    /// <param name="client">Builds the DynamoDB client; called only when DynamoDB is chosen.</param>
    /// <exception cref="InvalidOperationException">DynamoDB is chosen and <paramref name="client"/> finds its settings unusable.</exception>
    public static IUserStore CreateUserStore(Func<string, string?> environment, Func<DynamoDbClient> client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return EnvironmentSettings.Optional(environment, FunctionVariables.DataDirectory) is { } dataDirectory
            ? new FileUserStore(dataDirectory)
            : new DynamoDbUserStore(client(), EnvironmentSettings.Text(environment, FunctionVariables.UserTable, FunctionVariables.DefaultUserTable));
    }
}
