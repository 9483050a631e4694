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

    /// <summary>
    /// A function's store at init, the one way both functions open theirs: <paramref name="create"/>
    /// (<see cref="CreateTokenStore"/> or <see cref="CreateUserStore"/>) with a DynamoDB client on
    /// <paramref name="settings"/> and the environment's endpoint, whose connection (TCP + TLS) is
    /// opened now when <see cref="StoreSettings.PrimeConnection"/>: init runs on a full CPU on Lambda,
    /// invocations on memory/1769 of one. What priming achieved is reported as a log line's message
    /// (<see cref="PrimeResult.ToString"/>); nothing is reported when nothing was primed (the file
    /// store, or priming off).
    /// </summary>
    /// <param name="environment">Where variables are read (<see cref="EnvironmentSettings"/>).</param>
    /// <param name="settings">The function's store settings.</param>
    /// <param name="create">Chooses and builds the store.</param>
    /// <param name="info">Told that the connection is open.</param>
    /// <param name="warn">Told why the connection could not be opened (the first call connects instead).</param>
    /// <param name="cancellationToken">Cancels the priming.</param>
    /// <returns>The store.</returns>
    /// <exception cref="InvalidOperationException">DynamoDB is chosen and the environment's endpoint or credentials are unusable.</exception>
    public static async Task<TStore> OpenForFunctionAsync<TStore>(
        Func<string, string?> environment, StoreSettings settings, Func<Func<string, string?>, Func<DynamoDbClient>, TStore> create,
        Action<string> info, Action<string> warn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(create);
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(warn);
        DynamoDbClient? dynamoDb = null;
        TStore store = create(environment, () => dynamoDb = new DynamoDbClient(settings.ClientOptions(DynamoDbClientOptions.FromEnvironment(environment))));
        if (dynamoDb is not null && settings.PrimeConnection)
        {
            PrimeResult primed = await dynamoDb.PrimeAsync(cancellationToken).ConfigureAwait(false);
            (primed.Connected ? info : warn)(primed.ToString());
        }

        return store;
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
