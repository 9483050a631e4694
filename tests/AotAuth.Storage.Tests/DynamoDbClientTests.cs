using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace AotAuth.Storage.Tests;

public class DynamoDbClientTests
{
    private static readonly Dictionary<string, AttributeValue> SecretKey = new() { ["token"] = AttributeValue.FromString("secret-key-value") };

    [Fact]
    public async Task GetItem_SendsASignedJson10Request()
    {
        using var handler = FakeHttpHandler.Sequence(() => FakeHttpHandler.Json(HttpStatusCode.OK, "{}"));
        using var client = TestClients.OnHandler(handler);

        await client.GetItemAsync("tokens", SecretKey, consistentRead: true, CancellationToken.None);

        var request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://dynamodb.us-east-1.amazonaws.com/", request.Uri!.ToString());
        Assert.Equal("DynamoDB_20120810.GetItem", request.Headers["X-Amz-Target"]);
        Assert.Equal("application/x-amz-json-1.0", request.Headers["Content-Type"]);
        Assert.Equal("session", request.Headers["X-Amz-Security-Token"]);
        Assert.Matches(@"^\d{8}T\d{6}Z$", request.Headers["X-Amz-Date"]);
        Assert.Matches(
            @"^AWS4-HMAC-SHA256 Credential=AKIDTEST/\d{8}/us-east-1/dynamodb/aws4_request, " +
            "SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target, Signature=[0-9a-f]{64}$",
            request.Headers["Authorization"]);
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal("tokens", body.RootElement.GetProperty("TableName").GetString());
        Assert.Equal("secret-key-value", body.RootElement.GetProperty("Key").GetProperty("token").GetProperty("S").GetString());
        Assert.True(body.RootElement.GetProperty("ConsistentRead").GetBoolean());
    }

    [Fact]
    public async Task GetItem_ReturnsNull_WhenTheResponseHasNoItem()
    {
        using var handler = FakeHttpHandler.Sequence(() => FakeHttpHandler.Json(HttpStatusCode.OK, "{}"));
        using var client = TestClients.OnHandler(handler);

        Assert.Null(await client.GetItemAsync("tokens", SecretKey, consistentRead: false, CancellationToken.None));
    }

    [Fact]
    public async Task GetItem_SucceedsWithThreeCalls_AfterTwoThrottles()
    {
        using var handler = FakeHttpHandler.Sequence(
            () => FakeHttpHandler.Error("ProvisionedThroughputExceededException"),
            () => FakeHttpHandler.Error("ThrottlingException"),
            () => FakeHttpHandler.Json(HttpStatusCode.OK, """{"Item":{"token":{"S":"x"}}}"""));
        using var client = TestClients.OnHandler(handler);

        var item = await client.GetItemAsync("tokens", SecretKey, consistentRead: true, CancellationToken.None);

        Assert.Equal("x", item!["token"].AsString());
        Assert.Equal(3, handler.Calls);
    }

    [Fact]
    public async Task GetItem_FailsAfterMaxRetriesPlusOneCalls_WhenThrottlingPersists()
    {
        using var handler = FakeHttpHandler.Sequence(() => FakeHttpHandler.Error("RequestLimitExceeded"));
        using var client = TestClients.OnHandler(handler, maxRetries: 2);

        var ex = await Assert.ThrowsAsync<DynamoDbException>(() => client.GetItemAsync("tokens", SecretKey, true, CancellationToken.None));

        Assert.Equal("RequestLimitExceeded", ex.ErrorCode);
        Assert.True(ex.IsRetryable);
        Assert.Equal(400, ex.StatusCode);
        Assert.Equal(3, handler.Calls);
    }

    [Fact]
    public async Task GetItem_DoesNotRetry_WhenMaxRetriesIsZero()
    {
        using var handler = FakeHttpHandler.Sequence(() => FakeHttpHandler.Error("ThrottlingException"));
        using var client = TestClients.OnHandler(handler, maxRetries: 0);

        await Assert.ThrowsAsync<DynamoDbException>(() => client.GetItemAsync("tokens", SecretKey, true, CancellationToken.None));

        Assert.Equal(1, handler.Calls);
    }

    [Fact]
    public async Task ResourceNotFound_IsParsedAndNotRetried()
    {
        using var handler = FakeHttpHandler.Sequence(() => FakeHttpHandler.Error("ResourceNotFoundException", "Requested resource not found"));
        using var client = TestClients.OnHandler(handler);

        var ex = await Assert.ThrowsAsync<DynamoDbException>(() => client.GetItemAsync("tokens", SecretKey, true, CancellationToken.None));

        Assert.Equal("ResourceNotFoundException", ex.ErrorCode);
        Assert.Equal(400, ex.StatusCode);
        Assert.False(ex.IsRetryable);
        Assert.Contains("Requested resource not found", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-key-value", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, handler.Calls);
    }

    [Fact]
    public async Task ErrorMessage_IsReadFromACapitalizedMessageField()
    {
        using var handler = FakeHttpHandler.Sequence(() => FakeHttpHandler.Error("ValidationException", "Bad input", messageField: "Message"));
        using var client = TestClients.OnHandler(handler);

        var ex = await Assert.ThrowsAsync<DynamoDbException>(() => client.GetItemAsync("tokens", SecretKey, true, CancellationToken.None));

        Assert.Equal("ValidationException", ex.ErrorCode);
        Assert.Contains("Bad input", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServerErrors_AreRetried_EvenWithoutAJsonBody()
    {
        using var handler = FakeHttpHandler.Sequence(
            () => new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StringContent("<html>bad gateway</html>") },
            () => FakeHttpHandler.Json(HttpStatusCode.OK, "{}"));
        using var client = TestClients.OnHandler(handler);

        await client.PutItemAsync("tokens", SecretKey, condition: null, CancellationToken.None);

        Assert.Equal(2, handler.Calls);
    }

    [Fact]
    public async Task ConnectionFailures_AreRetried()
    {
        using var handler = new FakeHttpHandler((call, _) => call == 0
            ? throw new HttpRequestException("connection reset")
            : Task.FromResult(FakeHttpHandler.Json(HttpStatusCode.OK, "{}")));
        using var client = TestClients.OnHandler(handler);

        await client.DeleteItemAsync("tokens", SecretKey, CancellationToken.None);

        Assert.Equal(2, handler.Calls);
    }

    [Fact]
    public async Task SlowEndpoint_TimesOutWithinTheRequestTimeout()
    {
        using var handler = FakeHttpHandler.Hanging();
        using var client = TestClients.OnHandler(handler, requestTimeout: TimeSpan.FromMilliseconds(200));
        var stopwatch = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<DynamoDbException>(() => client.GetItemAsync("tokens", SecretKey, true, CancellationToken.None));

        Assert.Equal(DynamoDbException.TimeoutCode, ex.ErrorCode);
        Assert.Null(ex.StatusCode);
        // The endpoint never answers: 30 s tells a cut-off from a hang on a loaded machine.
        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromMilliseconds(150), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task CallerCancellation_SurfacesAsOperationCanceled_NotAsTimeout()
    {
        using var handler = FakeHttpHandler.Hanging();
        using var client = TestClients.OnHandler(handler, requestTimeout: TimeSpan.FromSeconds(10));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetItemAsync("tokens", SecretKey, true, cts.Token));
    }

    [Fact]
    public async Task RefusedConnection_FailsQuicklyWithConnectionFailed()
    {
        using var client = TestClients.Refused();
        var stopwatch = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<DynamoDbException>(() => client.GetItemAsync("tokens", SecretKey, true, CancellationToken.None));

        Assert.Equal(DynamoDbException.ConnectionFailedCode, ex.ErrorCode);
        Assert.True(ex.IsRetryable);
        Assert.IsType<HttpRequestException>(ex.InnerException);
        // A refusal is not waited out: far below the 2-minute request timeout.
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(30), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task UnparsableSuccessBody_ThrowsInvalidResponse()
    {
        using var handler = FakeHttpHandler.Sequence(() => FakeHttpHandler.Json(HttpStatusCode.OK, """{"Item":{"token":"not-an-attribute-value"}}"""));
        using var client = TestClients.OnHandler(handler);

        var ex = await Assert.ThrowsAsync<DynamoDbException>(() => client.GetItemAsync("tokens", SecretKey, true, CancellationToken.None));

        Assert.Equal(DynamoDbException.InvalidResponseCode, ex.ErrorCode);
    }

    [Theory]
    [InlineData(0, 25)]
    [InlineData(1, 50)]
    [InlineData(2, 100)]
    [InlineData(3, 200)]
    [InlineData(4, 250)]
    [InlineData(30, 250)]
    public void Backoff_IsFullJitterUnderTheCappedExponentialCeiling(int retry, double ceilingMs)
    {
        Assert.Equal(TimeSpan.Zero, RetryBackoff.ComputeDelay(retry, 0));
        Assert.Equal(ceilingMs / 2, RetryBackoff.ComputeDelay(retry, 0.5).TotalMilliseconds, precision: 3);
        Assert.True(RetryBackoff.ComputeDelay(retry, 0.9999).TotalMilliseconds < ceilingMs);
    }
}
