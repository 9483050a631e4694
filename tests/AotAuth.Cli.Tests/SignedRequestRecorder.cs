using System.Collections.Concurrent;
using System.Net;
using AotAuth.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AotAuth.Cli.Tests;

/// <summary>One request as the recorder received it.</summary>
internal sealed record RecordedRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, byte[] Body, DateTimeOffset ReceivedAt)
{
    /// <summary>The access key id in the Authorization header's credential scope.</summary>
    public string AccessKeyId => Headers["authorization"].Split("Credential=")[1].Split('/')[0];

    /// <summary>
    /// True when the request's SigV4 signature is the one these credentials make for it:
    /// recomputed with the project's signer over the headers the request says it signed.
    /// </summary>
    public bool IsSignedBy(AwsCredentials credentials, string region, string service)
    {
        string authorization = Headers["authorization"];
        string[] signedHeaders = authorization.Split("SignedHeaders=")[1].Split(',')[0].Split(';');
        var headers = signedHeaders
            .Where(name => name is not ("x-amz-date" or "x-amz-security-token"))
            .Select(name => new KeyValuePair<string, string>(name, Headers[name]))
            .ToList();
        DateTimeOffset time = DateTimeOffset.ParseExact(Headers["x-amz-date"], "yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal);
        SigV4Signature expected = new SigV4Signer(credentials, region, service).Sign(Method, Path, Query, headers, Body, time);
        return expected.Authorization == authorization;
    }
}

/// <summary>
/// A loopback HTTP endpoint that records every request (headers and body) and either forwards
/// it to an upstream (DynamoDB Local, which checks no signature) or answers a fixed status
/// (API Gateway's 202 for a cache flush). Tests then check who signed what.
/// </summary>
internal sealed class SignedRequestRecorder : IAsyncDisposable
{
    private static readonly HttpClient Forwarder = new();

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    private SignedRequestRecorder(WebApplication app) => _app = app;

    public Uri Address { get; private set; } = null!;

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public static async Task<SignedRequestRecorder> StartAsync(Uri? upstream, HttpStatusCode answer = HttpStatusCode.Accepted, string? answerBody = null, string answerType = "application/json")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        WebApplication app = builder.Build();
        var recorder = new SignedRequestRecorder(app);
        app.Run(context => recorder.HandleAsync(context, upstream, answer, answerBody, answerType));
        await app.StartAsync();
        recorder.Address = new Uri(app.Urls.First());
        return recorder;
    }

    private async Task HandleAsync(HttpContext context, Uri? upstream, HttpStatusCode answer, string? answerBody, string answerType)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.Ordinal);
        _requests.Enqueue(new RecordedRequest(context.Request.Method, context.Request.Path.Value ?? "/", context.Request.QueryString.Value?.TrimStart('?') ?? string.Empty, headers, body.ToArray(), DateTimeOffset.UtcNow));
        if (upstream is null)
        {
            context.Response.StatusCode = (int)answer;
            if (answerBody is not null)
            {
                context.Response.ContentType = answerType;
                await context.Response.WriteAsync(answerBody);
            }

            return;
        }

        using var forward = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri(upstream, context.Request.Path.Value + context.Request.QueryString.Value))
        {
            Content = new ByteArrayContent(body.ToArray()),
        };
        foreach ((string name, string value) in headers)
        {
            if (name is "host" or "content-length" or "transfer-encoding")
            {
                continue;
            }

            if (!forward.Headers.TryAddWithoutValidation(name, value))
            {
                forward.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        using HttpResponseMessage response = await Forwarder.SendAsync(forward);
        context.Response.StatusCode = (int)response.StatusCode;
        context.Response.ContentType = response.Content.Headers.ContentType?.ToString();
        await response.Content.CopyToAsync(context.Response.Body);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
