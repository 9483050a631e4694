using System.Net;
using System.Net.Sockets;
using System.Text;

// The .NET floor (bench/AotAuth.FloorFunction.csproj says why): GET the next event, POST a fixed
// Allow, forever, over one raw HTTP/1.1 request per connection. What the authorizer adds to this
// is its own cost; what this costs is .NET's (runtime start, sockets) and the harness's.
string api = Environment.GetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API") ?? throw new InvalidOperationException("AWS_LAMBDA_RUNTIME_API is not set");
var runtimeApi = IPEndPoint.Parse(api);
byte[] allow = """{"principalId":"floor","policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":"Allow","Resource":"*"}]}}"""u8.ToArray();
while (true)
{
    string next = Exchange(runtimeApi, $"GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: {api}\r\nConnection: close\r\n\r\n", []);
    const string Header = "\r\nLambda-Runtime-Aws-Request-Id:";
    int at = next.IndexOf(Header, StringComparison.OrdinalIgnoreCase) + Header.Length;
    string requestId = next[at..next.IndexOf('\r', at)].Trim();
    Exchange(runtimeApi, $"POST /2018-06-01/runtime/invocation/{requestId}/response HTTP/1.1\r\nHost: {api}\r\nContent-Length: {allow.Length}\r\nConnection: close\r\n\r\n", allow);
}

// Sends one request and reads the whole answer (the server closes the connection after it).
static string Exchange(IPEndPoint endpoint, string head, byte[] body)
{
    using var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
    socket.Connect(endpoint);
    socket.Send(Encoding.ASCII.GetBytes(head));
    socket.Send(body);
    var answer = new MemoryStream();
    byte[] buffer = new byte[16 * 1024];
    for (int read; (read = socket.Receive(buffer)) > 0;)
    {
        answer.Write(buffer, 0, read);
    }

    return Encoding.ASCII.GetString(answer.GetBuffer(), 0, (int)answer.Length);
}
