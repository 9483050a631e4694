using System.Text;

namespace AotAuth.Gateway;

/// <summary>What the gateway answers: a status, headers (in order, a name may repeat) and a body.</summary>
/// <param name="StatusCode">The HTTP status.</param>
/// <param name="Headers">Response headers; a server appends each.</param>
/// <param name="Body">The body; written unless empty or the status is 204.</param>
public sealed record GatewayAnswer(int StatusCode, IReadOnlyList<KeyValuePair<string, string>> Headers, ReadOnlyMemory<byte> Body)
{
    /// <summary>The content type of every answer the gateway writes itself.</summary>
    public const string JsonContentType = "application/json";

    /// <summary>A JSON answer the gateway produces itself.</summary>
    public static GatewayAnswer Json(int statusCode, string body) =>
        new(statusCode, [new("Content-Type", JsonContentType)], Encoding.UTF8.GetBytes(body));

    /// <summary>A JSON answer with <paramref name="headers"/> first.</summary>
    public static GatewayAnswer Json(int statusCode, string body, IEnumerable<KeyValuePair<string, string>> headers) =>
        new(statusCode, [.. headers, new("Content-Type", JsonContentType)], Encoding.UTF8.GetBytes(body));

    /// <summary>A status without a body.</summary>
    public static GatewayAnswer Empty(int statusCode) => new(statusCode, [], ReadOnlyMemory<byte>.Empty);

    /// <summary>This answer with <paramref name="name"/> set first (the request id).</summary>
    public GatewayAnswer WithHeaderFirst(string name, string value) => this with { Headers = [new(name, value), .. Headers] };
}
