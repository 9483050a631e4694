using System.Net.Sockets;
using System.Text;

namespace AotAuth.Benchmarks;

/// <summary>
/// The smallest Runtime API service that keeps a runtime client honest (raw HTTP/1.1 on
/// loopback, see <see cref="LoopbackHttp"/>), one event per <see cref="ReleaseEvent"/>.
/// <c>next</c> blocks until an event is released; <c>response</c> and <c>error</c> are
/// acknowledged with 202 and signal <see cref="WaitAnsweredAsync"/>.
/// </summary>
internal sealed class LoopbackRuntimeApi : IDisposable
{
    private static readonly byte[] Accepted = Encoding.ASCII.GetBytes(
        "HTTP/1.1 202 Accepted\r\nContent-Type: application/json\r\nContent-Length: 15\r\n\r\n{\"status\":\"OK\"}");

    private readonly SemaphoreSlim _events = new(0);
    private readonly SemaphoreSlim _answers = new(0);
    private readonly byte[] _nextAnswer;
    private readonly LoopbackHttp _http;

    public LoopbackRuntimeApi(byte[] eventBody)
    {
        string head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
            + "Lambda-Runtime-Aws-Request-Id: 8476a536-e9f4-11e8-9739-2dfe598c3fcd\r\n"
            + $"Lambda-Runtime-Deadline-Ms: {DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeMilliseconds()}\r\n"
            + "Lambda-Runtime-Invoked-Function-Arn: arn:aws:lambda:us-east-1:123456789012:function:authorizer\r\n"
            + $"Content-Length: {eventBody.Length}\r\n\r\n";
        _nextAnswer = [.. Encoding.ASCII.GetBytes(head), .. eventBody];
        _http = new LoopbackHttp("loopback-runtime-api", Answer);
    }

    /// <summary>The value for <c>AWS_LAMBDA_RUNTIME_API</c>.</summary>
    public string Address => _http.Address;

    /// <summary>Errors posted by the client (expected: none).</summary>
    public int Errors { get; private set; }

    /// <summary>Length of the last response body posted.</summary>
    public int LastResponseLength { get; private set; }

    /// <summary>Lets one pending (or the next) <c>next</c> call return the event.</summary>
    public void ReleaseEvent() => _events.Release();

    /// <summary>Completes when the client has posted a response or an error.</summary>
    public Task WaitAnsweredAsync() => _answers.WaitAsync(_http.Stopping);

    public void Dispose() => _http.Dispose();

    private void Answer(Socket socket, string head, int bodyLength)
    {
        if (head.StartsWith("GET ", StringComparison.Ordinal) && head.Contains("/runtime/invocation/next ", StringComparison.Ordinal))
        {
            _events.Wait(_http.Stopping);
            socket.Send(_nextAnswer);
            return;
        }

        socket.Send(Accepted);
        if (head.Contains("/error ", StringComparison.Ordinal))
        {
            Errors++;
        }
        else
        {
            LastResponseLength = bodyLength;
        }

        _answers.Release();
    }
}
