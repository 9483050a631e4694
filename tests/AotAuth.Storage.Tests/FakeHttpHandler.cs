using System.Net;
using System.Text;

namespace AotAuth.Storage.Tests;

/// <summary>An HttpMessageHandler that answers from a script and records what it was sent.</summary>
internal sealed class FakeHttpHandler(Func<int, CancellationToken, Task<HttpResponseMessage>> respond) : HttpMessageHandler
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public List<RecordedRequest> Requests { get; } = [];

    /// <summary>Answers each call with the next response of the list (the last one repeats).</summary>
    public static FakeHttpHandler Sequence(params Func<HttpResponseMessage>[] responses) =>
        new((call, _) => Task.FromResult(responses[Math.Min(call, responses.Length - 1)]()));

    /// <summary>Never answers: every call waits until its token is cancelled, as an endpoint that went silent.</summary>
    public static FakeHttpHandler Hanging() => AnswersThenHangs(0);

    /// <summary>Answers the first <paramref name="answered"/> calls with {} and hangs on every later one.</summary>
    public static FakeHttpHandler AnswersThenHangs(int answered) => new(async (call, ct) =>
    {
        if (call >= answered)
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
        }

        return Json(HttpStatusCode.OK, "{}");
    });

    public static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/x-amz-json-1.0") };

    public static HttpResponseMessage Error(string code, string message = "details", string messageField = "message", HttpStatusCode status = HttpStatusCode.BadRequest) =>
        Json(status, $$"""{"__type":"com.amazonaws.dynamodb.v20120810#{{code}}","{{messageField}}":"{{message}}"}""");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        lock (Requests)
        {
            Requests.Add(new RecordedRequest(request.Method, request.RequestUri, headers, body));
        }

        var call = Interlocked.Increment(ref _calls) - 1;
        return await respond(call, cancellationToken);
    }
}

internal sealed record RecordedRequest(HttpMethod Method, Uri? Uri, Dictionary<string, string> Headers, string Body);
