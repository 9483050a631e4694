using System.Text;
using AotAuth.Core;
using AotAuth.Storage;

namespace AotAuth.ColdStart;

/// <summary>
/// The data every variant reads: a token table holding the token's hash (for our
/// authorizer), a table holding the token in plain text under the key <c>token</c> (the
/// seed's schema: it looks tokens up as they are), and a user table. Names are unique
/// per run, so a DynamoDB Local shared with the tests is left alone.
/// </summary>
internal sealed record ColdStartFixture(string TokenTable, string SeedTable, string UserTable)
{
    public const string Token = "ColdStartToken0123456789abcdefAB";

    /// <summary>A second known token: the warm invocation after a cold start looks it up (a cache miss, one GetItem).</summary>
    public const string WarmToken = "ColdStartWarmToken0123456789abcd";

    public static byte[] AuthorizerEvent { get; } = EventFor(Token);

    public static byte[] WarmAuthorizerEvent { get; } = EventFor(WarmToken);

    /// <summary>The HTTP API (payload format 2.0) authorizer event for <see cref="Token"/>, as an HTTP API sends it.</summary>
    public static byte[] HttpAuthorizerEvent { get; } = Encoding.UTF8.GetBytes(
        $$$"""{"version":"2.0","type":"REQUEST","routeArn":"arn:aws:execute-api:us-east-1:123456789012:abc123/$default/PUT/user","identitySource":["{{{Token}}}","PUT /user"],"routeKey":"PUT /user","rawPath":"/user","rawQueryString":"","headers":{"authorization":"{{{Token}}}","content-type":"application/json","host":"abc123.execute-api.us-east-1.amazonaws.com"},"requestContext":{"accountId":"123456789012","apiId":"abc123","http":{"method":"PUT","path":"/user","protocol":"HTTP/1.1","sourceIp":"203.0.113.7","userAgent":"curl/8.5.0"},"requestId":"coldstart","routeKey":"PUT /user","stage":"$default","timeEpoch":1795694400000}}""");

    public static byte[] UserEvent { get; } = Encoding.UTF8.GetBytes(
        """{"action":"put","principalId":"coldstart","body":{"id":"cold-1","name":"Cold Start"}}""");

    /// <summary>Known tokens, each a decision-cache miss the first time a process sees it (<see cref="WarmSeries"/>).</summary>
    public static string MissToken(int i) => $"WarmMiss{i:D6}0123456789abcdefgh";

    /// <summary>TOKEN events for <see cref="MissToken"/> 0 to <paramref name="count"/> - 1.</summary>
    public static byte[][] MissEvents(int count) => [.. Enumerable.Range(0, count).Select(i => EventFor(MissToken(i)))];

    /// <summary>Creates the tables with <see cref="Token"/>, <see cref="WarmToken"/> and <paramref name="missTokens"/> <see cref="MissToken"/>s in both token tables.</summary>
    public static async Task<ColdStartFixture> CreateAsync(Uri endpoint, int missTokens = 0)
    {
        string suffix = Guid.NewGuid().ToString("N")[..8];
        var fixture = new ColdStartFixture("coldstart-token-" + suffix, "coldstart-seed-" + suffix, "coldstart-user-" + suffix);
        using var client = new DynamoDbClient(new DynamoDbClientOptions { Endpoint = endpoint, Region = "us-east-1", Credentials = new AwsCredentials("local", "local", null) });
        await DynamoDbTables.EnsureTokenTableAsync(client, fixture.TokenTable, CancellationToken.None);
        await DynamoDbTables.EnsureTokenTableAsync(client, fixture.SeedTable, CancellationToken.None);
        await DynamoDbTables.EnsureUserTableAsync(client, fixture.UserTable, CancellationToken.None);
        foreach (string token in new[] { Token, WarmToken }.Concat(Enumerable.Range(0, missTokens).Select(MissToken)))
        {
            await new DynamoDbTokenStore(client, fixture.TokenTable).PutAsync(
                new TokenRecord(TokenHash.Compute(token).ToHex(), "coldstart", ["PUT /user", "GET /user/*"], null), CancellationToken.None);
            await client.PutItemAsync(fixture.SeedTable, new Dictionary<string, AttributeValue> { ["token"] = AttributeValue.FromString(token) }, null, CancellationToken.None);
        }

        return fixture;
    }

    private static byte[] EventFor(string token) => Encoding.UTF8.GetBytes(
        $$"""{"type":"TOKEN","authorizationToken":"{{token}}","methodArn":"arn:aws:execute-api:us-east-1:123456789012:abc123/prod/PUT/user"}""");
}
