using System.Buffers;
using System.Net;
using System.Net.Sockets;
using AotAuth.LambdaRuntime;

namespace AotAuth.LambdaRuntime.Tests;

/// <summary>
/// What the client puts on the wire, seen through a bare HttpListener playing the Runtime API
/// (RuntimeApiServer normalises some of it, so it cannot show these details).
/// </summary>
public class WireFormatTests
{
    [Fact]
    public async Task ErrorsAndResponses_CarryTheDocumentedContentTypesAndErrorTypeHeader()
    {
        using var listener = StartListener(out string address);
        using var stop = new CancellationTokenSource();
        var handler = new DelegateHandler((context, output) =>
        {
            if (context.Event.Span.SequenceEqual("\"throw\""u8))
            {
                throw new ArgumentException("bad input");
            }

            output.Write(context.Event.Span);
            return InvocationResult.Success;
        });
        var exit = Task.Run(() => LambdaBootstrap.RunAsync((_, _) => ValueTask.FromResult<IInvocationHandler>(handler), new LambdaBootstrapOptions { RuntimeApiAddress = address }, stop.Token)); // the loop blocks its thread

        await AnswerNextAsync(listener, "req-1", "\"throw\""u8.ToArray(), chunked: false);
        var error = await CaptureAsync(listener);
        byte[] bigEvent = new byte[40_000]; // over the initial 16 KB event buffer, sent without Content-Length
        bigEvent.AsSpan().Fill((byte)'7');
        await AnswerNextAsync(listener, "req-2", bigEvent, chunked: true);
        var response = await CaptureAsync(listener);
        await listener.GetContextAsync().WaitAsync(LoopRun.Patience); // the third next: the loop went on
        await stop.CancelAsync();
        listener.Stop();

        Assert.Equal("/2018-06-01/runtime/invocation/req-1/error", error.Path);
        Assert.Equal("application/vnd.aws.lambda.error+json", error.ContentType);
        Assert.Equal("Function.ArgumentException", error.ErrorTypeHeader);
        Assert.StartsWith("{\"errorMessage\":\"bad input\",\"errorType\":\"ArgumentException\",\"stackTrace\":[", Utf8.Text(error.Body), StringComparison.Ordinal);
        Assert.Equal("/2018-06-01/runtime/invocation/req-2/response", response.Path);
        Assert.Equal("application/json", response.ContentType);
        Assert.Null(response.ErrorTypeHeader);
        Assert.Equal(bigEvent, response.Body);
        Assert.Equal(LambdaExitCodes.Cancelled, await exit.WaitAsync(LoopRun.Patience));
    }

    private sealed record Captured(string Path, string? ContentType, string? ErrorTypeHeader, byte[] Body);

    private static HttpListener StartListener(out string address)
    {
        // HttpListener cannot bind port 0; borrow a free port from the OS first.
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            address = $"127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}";
        }

        var listener = new HttpListener();
        listener.Prefixes.Add($"http://{address}/");
        listener.Start();
        return listener;
    }

    private static async Task AnswerNextAsync(HttpListener listener, string requestId, byte[] body, bool chunked)
    {
        var context = await listener.GetContextAsync().WaitAsync(LoopRun.Patience);
        Assert.Equal("/2018-06-01/runtime/invocation/next", context.Request.Url!.AbsolutePath);
        context.Response.Headers["Lambda-Runtime-Aws-Request-Id"] = requestId;
        context.Response.Headers["Lambda-Runtime-Deadline-Ms"] = DateTimeOffset.UtcNow.AddSeconds(10).ToUnixTimeMilliseconds().ToString();
        context.Response.Headers["Lambda-Runtime-Invoked-Function-Arn"] = "arn:test";
        context.Response.SendChunked = chunked;
        if (!chunked)
        {
            context.Response.ContentLength64 = body.Length;
        }

        await context.Response.OutputStream.WriteAsync(body);
        context.Response.Close();
    }

    private static async Task<Captured> CaptureAsync(HttpListener listener)
    {
        var context = await listener.GetContextAsync().WaitAsync(LoopRun.Patience);
        using var body = new MemoryStream();
        await context.Request.InputStream.CopyToAsync(body);
        var captured = new Captured(context.Request.Url!.AbsolutePath, context.Request.ContentType, context.Request.Headers["Lambda-Runtime-Function-Error-Type"], body.ToArray());
        context.Response.StatusCode = 202;
        context.Response.Close();
        return captured;
    }
}
