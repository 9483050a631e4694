using System.Text;
using System.Text.Json.Nodes;
using AotAuth.LocalHosting;
using AotAuth.Storage;
using AotAuth.Testing.Processes;

namespace AotAuth.IntegrationTests;

public sealed class UserFunctionProcessTests : IAsyncLifetime
{
    private static readonly InvokeOptions Options = new(TimeSpan.FromSeconds(10));
    private readonly string _table = DynamoDbLocal.UniqueTableName("user");
    private DynamoDbClient _client = null!;
    private RuntimeApiServer _server = null!;
    private ChildProcess _function = null!;

    public async Task InitializeAsync()
    {
        _client = DynamoDbLocal.CreateClient();
        await DynamoDbTables.EnsureUserTableAsync(_client, _table, CancellationToken.None);
        _server = await RuntimeApiServer.StartAsync();
        _function = TestProcesses.StartFunction(_server, RepoPaths.NativeBootstrap("AotAuth.UserFunction"), new Dictionary<string, string>
        {
            ["DYNAMODB_ENDPOINT"] = DynamoDbLocal.Endpoint,
            ["USER_TABLE"] = _table,
        });
    }

    public async Task DisposeAsync()
    {
        await _function.DisposeAsync();
        await _server.DisposeAsync();
        _client.Dispose();
    }

    private Task<InvocationOutcome> Invoke(JsonObject request) =>
        _server.InvokeAsync(Encoding.UTF8.GetBytes(request.ToJsonString()), Options);

    private static JsonObject Put(string id, string name) =>
        new() { ["action"] = "put", ["principalId"] = "alice", ["body"] = new JsonObject { ["id"] = id, ["name"] = name } };

    [Fact]
    public async Task PutThenGet_RoundTrips()
    {
        InvocationOutcome put = await Invoke(Put("u-1", "Ada Lovelace"));
        InvocationOutcome get = await Invoke(new JsonObject { ["action"] = "get", ["principalId"] = "bob", ["id"] = "u-1" });

        Assert.Equal(InvocationStatus.Success, put.Status);
        Assert.Equal(InvocationStatus.Success, get.Status);
        JsonNode user = JsonNode.Parse(get.Body)!;
        Assert.Equal("u-1", (string?)user["id"]);
        Assert.Equal("Ada Lovelace", (string?)user["name"]);
        Assert.Equal("alice", (string?)user["updatedBy"]);
        Assert.True(DateTimeOffset.TryParse((string?)user["updatedAt"], out _));
    }

    [Fact]
    public async Task GetOfAMissingUser_IsNotFound_AndABadBodyIsABadRequest()
    {
        InvocationOutcome missing = await Invoke(new JsonObject { ["action"] = "get", ["principalId"] = "bob", ["id"] = "nobody" });
        InvocationOutcome bad = await Invoke(new JsonObject { ["action"] = "put", ["principalId"] = "bob", ["body"] = new JsonObject { ["id"] = "x" } });

        Assert.StartsWith("NotFound: ", missing.ErrorMessage, StringComparison.Ordinal);
        Assert.StartsWith("BadRequest: ", bad.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThousandPuts_LeaveAThousandItems()
    {
        for (int i = 0; i < 1000; i++)
        {
            InvocationOutcome outcome = await Invoke(Put($"bulk-{i}", $"User {i}"));
            Assert.Equal(InvocationStatus.Success, outcome.Status);
        }

        var ids = new HashSet<string>();
        IReadOnlyDictionary<string, AttributeValue>? startKey = null;
        do
        {
            ScanPage page = await _client.ScanAsync(_table, 500, startKey, CancellationToken.None);
            foreach (var item in page.Items)
            {
                ids.Add(item["id"].AsString()!);
            }

            startKey = page.LastEvaluatedKey;
        }
        while (startKey is not null);

        Assert.Equal(1000, ids.Count(id => id.StartsWith("bulk-", StringComparison.Ordinal)));
    }
}
