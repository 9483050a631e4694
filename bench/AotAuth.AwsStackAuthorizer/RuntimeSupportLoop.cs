using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AotAuth.Core.Contracts;
using AotAuth.LambdaRuntime;

namespace AotAuth.AwsStackAuthorizer;

/// <summary>
/// Stands in for Amazon.Lambda.RuntimeSupport's invocation loop (<c>LambdaBootstrap</c>,
/// <c>RuntimeApiClient</c> and its generated <c>InternalRuntimeApiClient</c>), which does not
/// restore here, by doing what it does per invocation: each Runtime API call is an
/// <see cref="HttpRequestMessage"/> with an <c>Accept</c> header, sent with
/// <see cref="HttpCompletionOption.ResponseHeadersRead"/> on one <see cref="HttpClient"/> over a
/// <see cref="SocketsHttpHandler"/> with a 12-hour timeout; every answer's headers are copied
/// into a dictionary; the event is read as a byte array, the response posted from a
/// <see cref="MemoryStream"/> as <see cref="StreamContent"/>; the answer to a post must be 202,
/// anything else ends the loop with an exception. What it leaves out favours RuntimeSupport:
/// no event or response (de)serialization into typed objects, no <c>ILambdaContext</c>.
/// </summary>
internal sealed class RuntimeSupportLoop(Func<string, string?> environment)
{
    // RuntimeSupport's reason: Lambda freezes the process with a next request open.
    private static readonly TimeSpan HttpTimeout = TimeSpan.FromHours(12);

    private static readonly MediaTypeWithQualityHeaderValue Json = new("application/json");

    /// <summary>The invocation running now, for its log lines (RuntimeSupport's <c>SetCurrentAwsRequestId</c>).</summary>
    public string CurrentRequestId { get; private set; } = string.Empty;

    /// <summary>Runs <paramref name="handler"/> for every event until the Runtime API fails.</summary>
    public async Task RunAsync(IInvocationHandler handler)
    {
        string runtimeApi = "http://" + environment(LambdaVariables.RuntimeApi) + RuntimeApiPaths.Root;
        using var client = new HttpClient(new SocketsHttpHandler()) { Timeout = HttpTimeout };
        client.DefaultRequestHeaders.Add("User-Agent", "aws-lambda-dotnet/stand-in");
        var output = new ArrayBufferWriter<byte>();
        while (true)
        {
            (Dictionary<string, IEnumerable<string>> headers, byte[] body) = await NextAsync(client, runtimeApi);
            var context = new InvocationContext
            {
                RequestId = Header(headers, "Lambda-Runtime-Aws-Request-Id") ?? string.Empty,
                DeadlineUnixMs = long.Parse(Header(headers, "Lambda-Runtime-Deadline-Ms") ?? "0", CultureInfo.InvariantCulture),
                InvokedFunctionArn = Header(headers, "Lambda-Runtime-Invoked-Function-Arn") ?? string.Empty,
                TraceId = Header(headers, "Lambda-Runtime-Trace-Id"),
                Event = body,
            };
            CurrentRequestId = context.RequestId;
            string invocation = runtimeApi + RuntimeApiPaths.Invocation + context.RequestId;
            InvocationResult result;
            try
            {
                result = await handler.InvokeAsync(context, output, CancellationToken.None);
            }
#pragma warning disable CA1031 // As RuntimeSupport: a handler failure is reported, the loop goes on.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Console.Error.WriteLine(ex);
                result = InvocationResult.Failure(ex.GetType().Name, ex.Message);
            }

            if (result.IsSuccess)
            {
                // A RuntimeSupport handler's response is a MemoryStream its serializer wrote.
                using var response = new MemoryStream(output.WrittenSpan.ToArray());
                await PostAsync(client, invocation + "/response", new StreamContent(response), "application/json", errorType: null);
            }
            else
            {
                byte[] error = JsonSerializer.SerializeToUtf8Bytes(
                    new ErrorBody(result.ErrorType!, result.ErrorMessage ?? string.Empty), StandInJson.Default.ErrorBody);
                await PostAsync(client, invocation + "/error", new ByteArrayContent(error), "application/vnd.aws.lambda.error+json", result.ErrorType);
            }

            output.Clear();
        }
    }

    private static async Task<(Dictionary<string, IEnumerable<string>> Headers, byte[] Body)> NextAsync(HttpClient client, string runtimeApi)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(runtimeApi + RuntimeApiPaths.Next, UriKind.Absolute));
        request.Headers.Accept.Add(Json);
        using HttpResponseMessage response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        Dictionary<string, IEnumerable<string>> headers = HeadersOf(response);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new HttpRequestException($"next answered HTTP {(int)response.StatusCode}");
        }

        return (headers, await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false));
    }

    private static async Task PostAsync(HttpClient client, string url, HttpContent content, string contentType, string? errorType)
    {
        using (content)
        using (var request = new HttpRequestMessage(HttpMethod.Post, new Uri(url, UriKind.Absolute)))
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            request.Content = content;
            request.Headers.Accept.Add(Json);
            if (errorType is not null)
            {
                request.Headers.TryAddWithoutValidation("Lambda-Runtime-Function-Error-Type", errorType);
            }

            using HttpResponseMessage response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
            _ = HeadersOf(response);
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                throw new HttpRequestException($"the Runtime API answered a post with HTTP {(int)response.StatusCode}");
            }
        }
    }

    // As the generated client: every header of the answer, content headers included.
    private static Dictionary<string, IEnumerable<string>> HeadersOf(HttpResponseMessage response)
    {
        var headers = response.Headers.ToDictionary(h => h.Key, h => h.Value);
        foreach (KeyValuePair<string, IEnumerable<string>> header in response.Content.Headers)
        {
            headers[header.Key] = header.Value;
        }

        return headers;
    }

    private static string? Header(Dictionary<string, IEnumerable<string>> headers, string name) =>
        headers.TryGetValue(name, out IEnumerable<string>? values) ? string.Join(",", values) : null;
}
