using System.Net;
using System.Net.Sockets;
using System.Text;

// The .NET floor (bench/AotAuth.FloorFunction.csproj says why): GET the next event, POST a fixed
// Allow, forever, over one kept-open HTTP/1.1 connection (as every Lambda runtime client does, and
// as the C floor does). What the authorizer adds to this is its own cost; what this costs is
// .NET's (runtime start, sockets) and the harness's.
string api = Environment.GetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API") ?? throw new InvalidOperationException("AWS_LAMBDA_RUNTIME_API is not set");
var runtimeApi = IPEndPoint.Parse(api);
byte[] allow = """{"principalId":"floor","policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":"Allow","Resource":"*"}]}}"""u8.ToArray();
using var socket = new Socket(runtimeApi.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
socket.Connect(runtimeApi);
byte[] buffer = new byte[1 << 20];
while (true)
{
    string next = Exchange(socket, buffer, $"GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: {api}\r\n\r\n", []);
    const string Header = "\r\nLambda-Runtime-Aws-Request-Id:";
    int at = next.IndexOf(Header, StringComparison.OrdinalIgnoreCase) + Header.Length;
    string requestId = next[at..next.IndexOf('\r', at)].Trim();
    Exchange(socket, buffer, $"POST /2018-06-01/runtime/invocation/{requestId}/response HTTP/1.1\r\nHost: {api}\r\nContent-Length: {allow.Length}\r\n\r\n", allow);
}

// Sends one request and reads its answer: the head, then as many bytes as its Content-Length says.
static string Exchange(Socket socket, byte[] buffer, string head, byte[] body)
{
    socket.Send([.. Encoding.ASCII.GetBytes(head), .. body]);
    int length = 0;
    while (true)
    {
        int read = socket.Receive(buffer.AsSpan(length));
        if (read == 0)
        {
            throw new IOException("the Runtime API closed the connection");
        }

        length += read;
        string text = Encoding.ASCII.GetString(buffer, 0, length);
        int end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0)
        {
            continue;
        }

        const string Field = "\r\nContent-Length:";
        int field = text.IndexOf(Field, StringComparison.OrdinalIgnoreCase);
        if (field < 0 || field > end)
        {
            throw new IOException("an answer without Content-Length");
        }

        int bodyLength = int.Parse(text.AsSpan(field + Field.Length, text.IndexOf('\r', field + Field.Length) - field - Field.Length).Trim());
        if (length >= end + 4 + bodyLength)
        {
            return text;
        }
    }
}
