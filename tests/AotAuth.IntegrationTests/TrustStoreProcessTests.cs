using System.Text;
using System.Text.Json.Nodes;
using AotAuth.Core;
using AotAuth.Core.Contracts;
using AotAuth.LocalHosting;
using AotAuth.Storage;
using AotAuth.Testing.Tls;
using AotAuth.Testing.Processes;

namespace AotAuth.IntegrationTests;

/// <summary>
/// DynamoDB Local behind a loopback TLS terminator whose certificate chains to a throw-away test
/// root, and a token table holding one valid token: the real native authorizer reaches it over
/// HTTPS with the trust store it ships (SSL_CERT_FILE / SSL_CERT_DIR as the stack sets them).
/// </summary>
public sealed class TrustStoreFixture : IAsyncLifetime
{
    public const string Token = "TrustStoreToken0123456789abcdef";

    private DynamoDbClient? _client;

    public string Table { get; } = DynamoDbLocal.UniqueTableName("auth-token");

    /// <summary>The authorizer's publish folder: bootstrap and the shipped bundle side by side.</summary>
    public string PublishDirectory { get; } = Path.GetDirectoryName(RepoPaths.NativeBootstrap("AotAuth.Authorizer"))!;

    public TestCertificates Certificates { get; private set; } = null!;

    public TlsProxy Proxy { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _client = DynamoDbLocal.CreateClient();
        await DynamoDbTables.EnsureTokenTableAsync(_client, Table, CancellationToken.None);
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        await new DynamoDbTokenStore(_client, Table).PutAsync(
            new TokenRecord(TokenHash.Compute(Token).ToHex(), "carol", ["PUT /user", "GET /user/*"], now + 3600), CancellationToken.None);

        Certificates = TestCertificates.Create(Path.Combine(Path.GetTempPath(), $"aotauth-truststore-{Guid.NewGuid():N}"));
        Proxy = TlsProxy.Start(Certificates, new Uri(DynamoDbLocal.Endpoint));
    }

    public async Task DisposeAsync()
    {
        if (Proxy is not null)
        {
            await Proxy.DisposeAsync();
        }

        Certificates?.Dispose();
        _client?.Dispose();
    }
}

public sealed class TrustStoreProcessTests(TrustStoreFixture fixture) : IClassFixture<TrustStoreFixture>
{
    private const string MethodArn = "arn:aws:execute-api:us-east-1:123456789012:abc123/prod/PUT/user";
    private const string PrimeFailed = "could not open the DynamoDB connection in init";
    private const string PrimeSucceeded = "DynamoDB connection opened in init";
    private static readonly InvokeOptions Options = new(TimeSpan.FromSeconds(10));
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static byte[] TokenEvent(string token) => Encoding.UTF8.GetBytes(
        new JsonObject { ["type"] = "TOKEN", ["authorizationToken"] = token, ["methodArn"] = MethodArn }.ToJsonString());

    [Fact]
    public async Task ShippedStore_DoesNotTrustTheTestRoot_SoAKnownTokenGetsTokenStoreUnavailable_NeverAllow()
    {
        string shipped = Path.Combine(fixture.PublishDirectory, TrustStore.FileName);
        Assert.True(File.Exists(shipped), $"{shipped} is missing: the publish must copy the trust store next to bootstrap");
        await using RuntimeApiServer server = await RuntimeApiServer.StartAsync();
        await using ChildProcess function = StartAuthorizer(server, TrustStore.Environment(fixture.PublishDirectory));
        await server.WaitForFirstNextAsync(CancellationToken.None).WaitAsync(Patience);

        for (int i = 0; i < 2; i++)
        {
            InvocationOutcome outcome = await server.InvokeAsync(TokenEvent(TrustStoreFixture.Token), Options);

            Assert.Equal(InvocationStatus.Error, outcome.Status);
            Assert.Equal("TokenStoreUnavailable", outcome.ErrorType);
            Assert.DoesNotContain("Allow", Encoding.UTF8.GetString(outcome.Body), StringComparison.Ordinal);
        }

        // The init line names the failed handshake, not some other connection problem.
        string init = await WaitForLineAsync(function, PrimeFailed);
        Assert.Contains("SSL", init, StringComparison.Ordinal);
        Assert.DoesNotContain(function.Lines, line => line.Contains(PrimeSucceeded, StringComparison.Ordinal));
        Assert.False(function.HasExited);
    }

    [Fact]
    public async Task ShippedStore_WithTheTestRootAppended_ConnectsInInit_AndTheSameTokenIsAllowed()
    {
        string bundle = fixture.Certificates.WithTestRoot(Path.Combine(fixture.PublishDirectory, TrustStore.FileName), "shipped-plus-test-root.pem");
        var environment = new Dictionary<string, string>(TrustStore.Environment(fixture.PublishDirectory))
        {
            [TrustStore.CertFileVariable] = bundle,
        };
        Assert.Equal(TrustStore.NoCertDir, environment[TrustStore.CertDirVariable]);
        await using RuntimeApiServer server = await RuntimeApiServer.StartAsync();
        await using ChildProcess function = StartAuthorizer(server, environment);
        await server.WaitForFirstNextAsync(CancellationToken.None).WaitAsync(Patience);

        InvocationOutcome outcome = await server.InvokeAsync(TokenEvent(TrustStoreFixture.Token), Options);

        Assert.True(InvocationStatus.Success == outcome.Status, $"{outcome.Status} {outcome.ErrorType}: {outcome.ErrorMessage}\n{string.Join('\n', function.Lines)}");
        JsonNode policy = JsonNode.Parse(outcome.Body)!;
        Assert.Equal("carol", (string?)policy["principalId"]);
        Assert.Equal("Allow", (string?)policy["policyDocument"]!["Statement"]![0]!["Effect"]);
        await WaitForLineAsync(function, PrimeSucceeded);
        Assert.DoesNotContain(function.Lines, line => line.Contains(PrimeFailed, StringComparison.Ordinal));
    }

    private ChildProcess StartAuthorizer(RuntimeApiServer server, IReadOnlyDictionary<string, string> trustStore)
    {
        var environment = new Dictionary<string, string>(trustStore)
        {
            ["DYNAMODB_ENDPOINT"] = fixture.Proxy.Endpoint.ToString(),
            ["TOKEN_TABLE"] = fixture.Table,
        };
        Assert.StartsWith("https://127.0.0.1:", environment["DYNAMODB_ENDPOINT"], StringComparison.Ordinal);
        return TestProcesses.StartFunction(server, RepoPaths.NativeBootstrap("AotAuth.Authorizer"), environment);
    }

    /// <summary>The first output line containing <paramref name="text"/> (output arrives through a pipe, a little late).</summary>
    private static async Task<string> WaitForLineAsync(ChildProcess function, string text)
    {
        DateTime giveUp = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            if (function.Lines.FirstOrDefault(line => line.Contains(text, StringComparison.Ordinal)) is { } found)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < giveUp, $"no line with '{text}' in:\n{string.Join('\n', function.Lines)}");
            await Task.Delay(50);
        }
    }
}
