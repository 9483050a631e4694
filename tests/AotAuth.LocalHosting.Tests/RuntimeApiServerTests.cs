using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AotAuth.LocalHosting;
using AotAuth.Testing.Processes;

namespace AotAuth.LocalHosting.Tests;

/// <summary>The server checked with a plain HttpClient playing the function.</summary>
public sealed class RuntimeApiServerTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private RuntimeApiServer _server = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _server = await RuntimeApiServer.StartAsync();
        _http = new HttpClient { BaseAddress = new Uri($"http://{_server.RuntimeApiAddress}/2018-06-01/runtime/"), Timeout = Patience };
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Server_ListensOnLoopbackOnly()
    {
        Assert.StartsWith("127.0.0.1:", _server.RuntimeApiAddress, StringComparison.Ordinal);
        Assert.InRange(int.Parse(_server.RuntimeApiAddress["127.0.0.1:".Length..]), 1, 65535);
        using var response = await _http.GetAsync("nope");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [SecondUserFact]
    public async Task AnotherUser_CanNeitherTakeAnEventNorAnswerOne_AndTheFunctionsUserStillCan()
    {
        Task<InvocationOutcome> invocation = _server.InvokeAsync(Encoding.UTF8.GetBytes("{\"authorizationToken\":\"callers-token\"}"), new InvokeOptions(TimeSpan.FromSeconds(30)));
        string api = $"http://{_server.RuntimeApiAddress}/2018-06-01/runtime/";

        // Another user long-polls next: the connection is closed unanswered, the event stays queued.
        await using ChildProcess stealer = SecondUser.Start("/usr/bin/curl", "-sS", "-m", "5", api + "invocation/next");
        Assert.True(await stealer.WaitForExitAsync(Patience), stealer.Output);
        Assert.NotEqual(0, stealer.ExitCode);
        Assert.DoesNotContain("callers-token", stealer.Stdout, StringComparison.Ordinal);

        using var next = await _http.GetAsync("invocation/next");
        Assert.Equal("{\"authorizationToken\":\"callers-token\"}", await next.Content.ReadAsStringAsync());
        string requestId = Header(next, "Lambda-Runtime-Aws-Request-Id");

        // It posts an Allow for the request id: refused the same way, the invocation still open.
        await using ChildProcess forger = SecondUser.Start("/usr/bin/curl", "-sS", "-m", "5", "-X", "POST", "-d", "{\"allow\":true}", api + $"invocation/{requestId}/response");
        Assert.True(await forger.WaitForExitAsync(Patience), forger.Output);
        Assert.NotEqual(0, forger.ExitCode);
        Assert.False(invocation.IsCompleted);

        using var answer = await _http.PostAsync($"invocation/{requestId}/response", new StringContent("{\"allow\":false}"));
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        InvocationOutcome outcome = await invocation.WaitAsync(Patience);
        Assert.Equal("{\"allow\":false}", Encoding.UTF8.GetString(outcome.Body));
        Assert.Equal(2, _server.Anomalies.Count(a => a.Contains($"connection from uid {SecondUser.Uid} refused", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Next_CarriesTheEventAndTheDocumentedHeaders()
    {
        var invocation = _server.InvokeAsync(Encoding.UTF8.GetBytes("{\"a\":1}"), new InvokeOptions(TimeSpan.FromSeconds(9), TraceId: "Root=1-abc", FunctionArn: "arn:x"));
        long before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        using var next = await _http.GetAsync("invocation/next");

        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal("{\"a\":1}", await next.Content.ReadAsStringAsync());
        Assert.True(Guid.TryParse(Header(next, "Lambda-Runtime-Aws-Request-Id"), out _));
        Assert.InRange(long.Parse(Header(next, "Lambda-Runtime-Deadline-Ms")), before + 8_000, before + 10_000);
        Assert.Equal("arn:x", Header(next, "Lambda-Runtime-Invoked-Function-Arn"));
        Assert.Equal("Root=1-abc", Header(next, "Lambda-Runtime-Trace-Id"));
        Assert.False(invocation.IsCompleted);
    }

    [Fact]
    public async Task AnswerForAnUnknownRequestId_IsRejectedWith400_AndRecorded()
    {
        using var response = await _http.PostAsync("invocation/no-such-id/response", new StringContent("{}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("InvalidRequestID", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(_server.Anomalies, a => a.Contains("unknown request id no-such-id", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SecondAnswerForOneRequestId_IsRejected_AndTheFirstOneStands()
    {
        var invocation = _server.InvokeAsync(Encoding.UTF8.GetBytes("{}"));
        string id = await NextIdAsync();

        using var first = await _http.PostAsync($"invocation/{id}/response", new StringContent("\"first\""));
        using var second = await _http.PostAsync($"invocation/{id}/error", new StringContent("{\"errorType\":\"X\",\"errorMessage\":\"late\"}"));
        var outcome = await invocation.WaitAsync(Patience);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Equal(InvocationStatus.Success, outcome.Status);
        Assert.Equal("\"first\"", Encoding.UTF8.GetString(outcome.Body));
        Assert.Contains(_server.Anomalies, a => a.Contains($"error for request id {id}, which was already answered", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LateAnswer_IsRejected_AfterATimeout()
    {
        var invocation = _server.InvokeAsync(Encoding.UTF8.GetBytes("{}"), new InvokeOptions(TimeSpan.FromMilliseconds(200)));
        string id = await NextIdAsync();

        var outcome = await invocation.WaitAsync(Patience);
        using var late = await _http.PostAsync($"invocation/{id}/response", new StringContent("{}"));

        Assert.Equal(InvocationStatus.Timeout, outcome.Status);
        Assert.Equal(id, outcome.RequestId);
        Assert.True(outcome.Duration >= TimeSpan.FromMilliseconds(150), $"timed out after {outcome.Duration}");
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Contains(_server.Anomalies, a => a.Contains("which was already timed out", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ResponseOverTheLimit_Gets413_AndTheIdCanStillReportAnError()
    {
        var invocation = _server.InvokeAsync(Encoding.UTF8.GetBytes("{}"));
        string id = await NextIdAsync();

        using var tooLarge = await _http.PostAsync($"invocation/{id}/response", new ByteArrayContent(new byte[RuntimeApiServerOptions.LambdaMaxResponseBytes + 1]));
        using var error = new ByteArrayContent("not json"u8.ToArray());
        error.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.aws.lambda.error+json");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"invocation/{id}/error") { Content = error };
        request.Headers.Add("Lambda-Runtime-Function-Error-Type", "Function.FromHeader");
        using var accepted = await _http.SendAsync(request);
        var outcome = await invocation.WaitAsync(Patience);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        // Framed by Content-Length, as the Runtime API answers, not chunked: a client on a kept-open
        // connection reads exactly that many bytes.
        Assert.Equal((await tooLarge.Content.ReadAsByteArrayAsync()).Length, tooLarge.Content.Headers.ContentLength);
        Assert.Equal("{\"status\":\"OK\"}".Length, accepted.Content.Headers.ContentLength);
        Assert.Equal(InvocationStatus.Error, outcome.Status);
        Assert.Equal("Function.FromHeader", outcome.ErrorType); // unreadable body: the header is the fallback
        Assert.Null(outcome.ErrorMessage);
    }

    [Fact]
    public async Task InitError_IsAcceptedWith202_AndCompletesInitError()
    {
        using var response = await _http.PostAsync("init/error", new StringContent("{\"errorMessage\":\"m\",\"errorType\":\"T\"}"));
        var report = await _server.InitError.WaitAsync(Patience);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(("T", "m"), (report.ErrorType, report.ErrorMessage));
        Assert.Empty(_server.Anomalies);
    }

    [Fact]
    public async Task InvocationCancelledWhileQueued_IsNeverHandedOut()
    {
        using var cancel = new CancellationTokenSource();
        var abandoned = _server.InvokeAsync(Encoding.UTF8.GetBytes("\"abandoned\""), ct: cancel.Token);
        await cancel.CancelAsync();
        var kept = _server.InvokeAsync(Encoding.UTF8.GetBytes("\"kept\""));

        using var next = await _http.GetAsync("invocation/next");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        Assert.Equal("\"kept\"", await next.Content.ReadAsStringAsync());
        Assert.False(kept.IsCompleted);
    }

    private async Task<string> NextIdAsync()
    {
        using var next = await _http.GetAsync("invocation/next");
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        return Header(next, "Lambda-Runtime-Aws-Request-Id");
    }

    private static string Header(HttpResponseMessage response, string name) => response.Headers.GetValues(name).Single();
}
