using AotAuth.Core;
using AotAuth.LocalHosting;
using AotAuth.Storage;
using AotAuth.Testing.Processes;

namespace AotAuth.IntegrationTests;

/// <summary>
/// The native authorizer bootstrap as a real process, against a Runtime API server in
/// the test and a token table in DynamoDB Local holding a few tokens.
/// </summary>
public sealed class AuthorizerFixture : IAsyncLifetime
{
    public const string ValidToken = "IntegrationToken0123456789abcdef";
    public const string ExpiredToken = "ExpiredToken0123";
    public const string UnknownToken = "UnknownToken0123";

    private DynamoDbClient? _client;

    public RuntimeApiServer Server { get; private set; } = null!;

    public ChildProcess Function { get; private set; } = null!;

    public string Table { get; } = DynamoDbLocal.UniqueTableName("auth-token");

    public async Task InitializeAsync()
    {
        _client = DynamoDbLocal.CreateClient();
        await DynamoDbTables.EnsureTokenTableAsync(_client, Table, CancellationToken.None);
        var store = new DynamoDbTokenStore(_client, Table);
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        await store.PutAsync(new TokenRecord(TokenHash.Compute(ValidToken).ToHex(), "alice", ["PUT /user", "GET /user/*"], now + 3600), CancellationToken.None);
        await store.PutAsync(new TokenRecord(TokenHash.Compute(ExpiredToken).ToHex(), "bob", ["* /*"], now - 60), CancellationToken.None);

        Server = await RuntimeApiServer.StartAsync();
        Function = TestProcesses.StartFunction(Server, RepoPaths.NativeBootstrap("AotAuth.Authorizer"), new Dictionary<string, string>
        {
            ["DYNAMODB_ENDPOINT"] = DynamoDbLocal.Endpoint,
            ["TOKEN_TABLE"] = Table,
        });
    }

    public async Task DisposeAsync()
    {
        await Function.DisposeAsync();
        await Server.DisposeAsync();
        _client?.Dispose();
    }
}
