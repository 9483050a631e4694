using System.Diagnostics;
using System.Net;
using System.Security.Authentication;

namespace AotAuth.Storage.Tests;

/// <summary>
/// <see cref="DynamoDbClient.PrimeAsync"/> and the connect budget: a client that has never had
/// an answer gets <c>RequestTimeout + ConnectTimeout</c> per call, one that has gets <c>RequestTimeout</c>.
/// </summary>
public class DynamoDbClientPrimeTests
{
    private static readonly Dictionary<string, AttributeValue> Key = new() { ["token"] = AttributeValue.FromString("k") };

    [Theory]
    [InlineData(HttpStatusCode.OK)]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.InternalServerError)]
    public async Task Prime_Connects_WhenTheEndpointAnswersAnything(HttpStatusCode status)
    {
        using var handler = FakeHttpHandler.Sequence(() => new HttpResponseMessage(status) { Content = new StringContent("healthy: dynamodb.us-east-1.amazonaws.com") });
        using var client = TestClients.OnHandler(handler, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1));
        Assert.False(client.IsConnected);

        PrimeResult result = await client.PrimeAsync(CancellationToken.None);

        Assert.True(result.Connected);
        Assert.Null(result.Failure);
        Assert.True(client.IsConnected);
        Assert.StartsWith("DynamoDB connection opened in init", result.ToString(), StringComparison.Ordinal);
        // One unsigned GET of the endpoint: no capacity, no permission, no credentials on the wire.
        RecordedRequest request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal(new Uri("https://dynamodb.us-east-1.amazonaws.com/"), request.Uri);
        Assert.Equal("dynamodb.us-east-1.amazonaws.com", request.Headers["Host"]);
        Assert.False(request.Headers.ContainsKey("Authorization"));
        Assert.False(request.Headers.ContainsKey("X-Amz-Security-Token"));
    }

    [Fact]
    public async Task Prime_ReportsAFailure_AndDoesNotThrow_WhenTheConnectionFails()
    {
        using var handler = new FakeHttpHandler((_, _) => throw new HttpRequestException("Connection refused (dynamodb.us-east-1.amazonaws.com:443)"));
        using var client = TestClients.OnHandler(handler, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1));

        PrimeResult result = await AssertPrimeFailsAsync(client, "HttpRequestException");

        Assert.Contains("Connection refused", result.Failure, StringComparison.Ordinal);
        Assert.StartsWith("could not open the DynamoDB connection in init", result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prime_ReportsAFailedTlsHandshake_AndDoesNotThrow()
    {
        using var handler = new FakeHttpHandler((_, _) => throw new HttpRequestException(
            "The SSL connection could not be established, see inner exception.",
            new AuthenticationException("The remote certificate was rejected by the provided RemoteCertificateValidationCallback.")));
        using var client = TestClients.OnHandler(handler, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1));

        await AssertPrimeFailsAsync(client, "SSL connection could not be established");
    }

    [Fact]
    public async Task Prime_FailsWithoutThrowing_WhenNothingListensOnARealSocket()
    {
        using var client = TestClients.Refused();

        await AssertPrimeFailsAsync(client, "HttpRequestException");
    }

    [Fact]
    public async Task Prime_GivesUpAfterTheConnectTimeout_WhenTheEndpointNeverAnswers()
    {
        using var handler = FakeHttpHandler.Hanging();
        using var client = TestClients.OnHandler(handler, TimeSpan.FromMinutes(2), TimeSpan.FromMilliseconds(200));
        var stopwatch = Stopwatch.StartNew();

        PrimeResult result = await client.PrimeAsync(CancellationToken.None);

        stopwatch.Stop();
        Assert.False(result.Connected);
        Assert.False(client.IsConnected);
        Assert.Equal("no answer within 200 ms", result.Failure);
        // The endpoint never answers and the request budget is 2 minutes: 30 s tells them apart on a loaded machine.
        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromMilliseconds(180), TimeSpan.FromSeconds(30));
        Assert.InRange(result.Elapsed, TimeSpan.FromMilliseconds(180), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Prime_ReportsAFailure_AndDoesNotThrow_WhenTheCallerCancels()
    {
        using var handler = FakeHttpHandler.Hanging();
        using var client = TestClients.OnHandler(handler, TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(2));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var stopwatch = Stopwatch.StartNew();

        PrimeResult result = await client.PrimeAsync(cancel.Token);

        Assert.False(result.Connected);
        Assert.NotNull(result.Failure);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(30), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task ClientThatNeverConnected_GetsTheRequestPlusTheConnectBudget()
    {
        using var handler = FakeHttpHandler.Hanging();
        using var client = TestClients.OnHandler(handler, TimeSpan.FromMilliseconds(150), TimeSpan.FromMilliseconds(150));
        var stopwatch = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<DynamoDbException>(() => client.GetItemAsync("tokens", Key, true, CancellationToken.None));

        stopwatch.Stop();
        Assert.Equal(DynamoDbException.TimeoutCode, ex.ErrorCode);
        Assert.Contains("within 300 ms", ex.Message, StringComparison.Ordinal);
        // The endpoint never answers: 30 s is far from "never" and far above a loaded machine's delay.
        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromMilliseconds(280), TimeSpan.FromSeconds(30));
        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task AfterOneAnswer_ACallGetsTheRequestBudgetAlone()
    {
        using var handler = FakeHttpHandler.AnswersThenHangs(1);
        using var client = TestClients.OnHandler(handler, TimeSpan.FromMilliseconds(150), TimeSpan.FromMinutes(2));
        Assert.Null(await client.GetItemAsync("tokens", Key, true, CancellationToken.None));
        Assert.True(client.IsConnected);

        await AssertTheNextCallTimesOutOnTheRequestBudgetAlone(client);
    }

    [Fact]
    public async Task AfterASuccessfulPrime_ACallGetsTheRequestBudgetAlone()
    {
        using var handler = FakeHttpHandler.AnswersThenHangs(1);
        using var client = TestClients.OnHandler(handler, TimeSpan.FromMilliseconds(150), TimeSpan.FromMinutes(2));
        Assert.True((await client.PrimeAsync(CancellationToken.None)).Connected);

        await AssertTheNextCallTimesOutOnTheRequestBudgetAlone(client);
    }

    [Fact]
    public async Task AfterAFailedPrime_TheFirstCallStillGetsTheConnectBudget()
    {
        using var handler = new FakeHttpHandler(async (call, ct) =>
        {
            if (call == 0)
            {
                throw new HttpRequestException("Connection refused");
            }

            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            return FakeHttpHandler.Json(HttpStatusCode.OK, "{}");
        });
        using var client = TestClients.OnHandler(handler, TimeSpan.FromMilliseconds(150), TimeSpan.FromMilliseconds(150));
        Assert.False((await client.PrimeAsync(CancellationToken.None)).Connected);

        var ex = await Assert.ThrowsAsync<DynamoDbException>(() => client.GetItemAsync("tokens", Key, true, CancellationToken.None));

        Assert.Equal(DynamoDbException.TimeoutCode, ex.ErrorCode);
        Assert.Contains("within 300 ms", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailedTlsHandshake_IsAConnectionFailure_RetriedThenReported_NeverAnAnswer()
    {
        using var handler = new FakeHttpHandler((_, _) => throw new HttpRequestException(
            "The SSL connection could not be established, see inner exception.",
            new AuthenticationException("The remote certificate is invalid because of errors in the certificate chain: UntrustedRoot")));
        using var client = TestClients.OnHandler(handler, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), maxRetries: 2);

        var ex = await Assert.ThrowsAsync<DynamoDbException>(() => client.GetItemAsync("tokens", Key, true, CancellationToken.None));

        Assert.Equal(DynamoDbException.ConnectionFailedCode, ex.ErrorCode);
        Assert.Null(ex.StatusCode);
        Assert.IsType<AuthenticationException>(Assert.IsType<HttpRequestException>(ex.InnerException).InnerException);
        Assert.Equal(3, handler.Calls);
        Assert.False(client.IsConnected);
    }

    /// <summary>Primes <paramref name="client"/>, which must fail without throwing: not connected, and the failure names <paramref name="failure"/>.</summary>
    private static async Task<PrimeResult> AssertPrimeFailsAsync(DynamoDbClient client, string failure)
    {
        PrimeResult result = await client.PrimeAsync(CancellationToken.None);

        Assert.False(result.Connected);
        Assert.False(client.IsConnected);
        Assert.Contains(failure, result.Failure, StringComparison.Ordinal);
        return result;
    }

    /// <summary>The next call (which hangs) fails on its 150 ms request budget, far below the 2-minute connect budget a cold client would add.</summary>
    private static async Task AssertTheNextCallTimesOutOnTheRequestBudgetAlone(DynamoDbClient client)
    {
        var stopwatch = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<DynamoDbException>(() => client.GetItemAsync("tokens", Key, true, CancellationToken.None));

        stopwatch.Stop();
        Assert.Equal(DynamoDbException.TimeoutCode, ex.ErrorCode);
        Assert.Contains("within 150 ms", ex.Message, StringComparison.Ordinal);
        // With room for a loaded machine.
        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromMilliseconds(130), TimeSpan.FromSeconds(30));
    }
}

[Collection(DynamoDbLocalTests.Name)]
public sealed class DynamoDbLocalPrimeTests(DynamoDbLocalFixture fixture)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Prime_OpensARealConnectionToDynamoDbLocal_AndTheClientThenWorks(bool synchronousIo)
    {
        Assert.NotNull(fixture.Client); // the fixture fails the test when the emulator is not configured
        using var client = new DynamoDbClient(new DynamoDbClientOptions
        {
            Endpoint = new Uri(DynamoDbLocal.Endpoint),
            Region = "us-east-1",
            Credentials = AwsCredentials.LocalDummy,
            RequestTimeout = TimeSpan.FromSeconds(15),
            // The emulator's JVM can be slow to answer its first request of a run.
            ConnectTimeout = TimeSpan.FromSeconds(5),
            SynchronousIo = synchronousIo,
        });
        Assert.False(client.IsConnected);

        PrimeResult result = await client.PrimeAsync(CancellationToken.None);

        Assert.True(result.Connected, result.ToString());
        Assert.Null(result.Failure);
        Assert.True(client.IsConnected);
        var ex = await Assert.ThrowsAsync<DynamoDbException>(() =>
            client.DescribeTableAsync(DynamoDbLocalFixture.UniqueTableName("missing"), CancellationToken.None));
        Assert.Equal("ResourceNotFoundException", ex.ErrorCode);
    }
}
