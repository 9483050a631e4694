using System.Net.Sockets;
using System.Text;
using AotAuth.Core;

namespace AotAuth.Benchmarks;

/// <summary>
/// A DynamoDB endpoint on loopback that answers every request with the benchmark token's item
/// (a GetItem answer), unsigned and unchecked: it stands for the network, not for DynamoDB.
/// </summary>
internal sealed class LoopbackDynamoDb : IDisposable
{
    private readonly byte[] _answer;
    private readonly LoopbackHttp _http;

    public LoopbackDynamoDb()
    {
        string item = $$$$"""{"Item":{"token":{"S":"{{{{Hash}}}}"},"principalId":{"S":"{{{{BenchmarkInputs.PrincipalId}}}}"},"scopes":{"SS":["{{{{BenchmarkInputs.Scope}}}}"]}}}""";
        _answer = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.0\r\nx-amzn-RequestId: bench\r\nContent-Length: {item.Length}\r\n\r\n{item}");
        _http = new LoopbackHttp("loopback-dynamodb", (socket, _, _) => socket.Send(_answer));
    }

    /// <summary>The endpoint URI.</summary>
    public Uri Endpoint => new($"http://{_http.Address}/");

    /// <summary>A GetItem request body for the benchmark token, for a client that sends its own request.</summary>
    public static ReadOnlyMemory<byte> GetItemRequest { get; } = Encoding.ASCII.GetBytes(
        $$$"""{"TableName":"tokens","Key":{"token":{"S":"{{{Hash}}}"}},"ConsistentRead":true}""");

    private static string Hash => TokenHash.Compute(BenchmarkInputs.Token).ToHex();

    public void Dispose() => _http.Dispose();
}
