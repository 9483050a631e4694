using System.Collections.Immutable;
using System.Text;
using System.Text.Json;

namespace AotAuth.Gateway;

/// <summary>
/// What an HTTP API answers for a Lambda proxy integration's output (payload format 2.0): an
/// object with <c>statusCode</c> is the response (<c>headers</c>, <c>cookies</c> as
/// <c>set-cookie</c>, <c>body</c>, <c>isBase64Encoded</c>); any other valid JSON is a 200 with
/// that JSON as an <c>application/json</c> body; output that is not JSON, or a function error, is
/// a 500 <c>{"message":"Internal Server Error"}</c>.
/// </summary>
/// <param name="StatusCode">The status.</param>
/// <param name="Headers">Response headers.</param>
/// <param name="Body">Body bytes.</param>
public sealed record HttpProxyResponse(int StatusCode, ImmutableArray<KeyValuePair<string, string>> Headers, byte[] Body)
{
    /// <summary>The gateway's own 500.</summary>
    public static HttpProxyResponse InternalServerError { get; } = Message(500, HttpApiResponses.InternalServerErrorMessage);

    /// <summary>A JSON <c>{"message":...}</c> answer from the gateway itself.</summary>
    public static HttpProxyResponse Message(int status, string message) =>
        new(status, [new("content-type", "application/json")], Encoding.UTF8.GetBytes(JsonMessage(message)));

    /// <summary>Interprets a successful invocation's <paramref name="payload"/>.</summary>
    public static HttpProxyResponse FromFunction(ReadOnlySpan<byte> payload)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(payload.ToArray());
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("statusCode", out JsonElement status))
            {
                return new HttpProxyResponse(200, [new("content-type", "application/json")], payload.ToArray());
            }

            if (status.ValueKind != JsonValueKind.Number || !status.TryGetInt32(out int code) || code is < 100 or > 599)
            {
                return InternalServerError;
            }

            var headers = ImmutableArray.CreateBuilder<KeyValuePair<string, string>>();
            if (root.TryGetProperty("headers", out JsonElement h) && h.ValueKind == JsonValueKind.Object)
            {
                foreach (JsonProperty header in h.EnumerateObject())
                {
                    headers.Add(new(header.Name, header.Value.ValueKind == JsonValueKind.String ? header.Value.GetString()! : header.Value.GetRawText()));
                }
            }

            if (root.TryGetProperty("cookies", out JsonElement cookies) && cookies.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement cookie in cookies.EnumerateArray())
                {
                    headers.Add(new("set-cookie", cookie.GetString() ?? string.Empty));
                }
            }

            byte[] body = [];
            if (root.TryGetProperty("body", out JsonElement b) && b.ValueKind == JsonValueKind.String)
            {
                bool base64 = root.TryGetProperty("isBase64Encoded", out JsonElement flag) && flag.ValueKind == JsonValueKind.True;
                body = base64 ? Convert.FromBase64String(b.GetString()!) : Encoding.UTF8.GetBytes(b.GetString()!);
            }

            return new HttpProxyResponse(code, headers.ToImmutable(), body);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            return InternalServerError;
        }
    }

    private static string JsonMessage(string message)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("message"u8, message);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}

/// <summary>The answers an HTTP API gives itself, with the messages HTTP APIs use.</summary>
public static class HttpApiResponses
{
    /// <summary>No route matches: 404.</summary>
    public const string NotFoundMessage = "Not Found";

    /// <summary>An identity source is missing or empty: 401, the authorizer not invoked.</summary>
    public const string UnauthorizedMessage = "Unauthorized";

    /// <summary>The authorizer refused (<c>isAuthorized: false</c>, or a policy that does not allow the route): 403.</summary>
    public const string ForbiddenMessage = "Forbidden";

    /// <summary>The integration cannot run here (<see cref="FunctionOutcome.Unavailable"/>): 502.</summary>
    public const string BadGatewayMessage = "Bad Gateway";

    /// <summary>The authorizer or the integration failed, or answered something invalid: 500.</summary>
    public const string InternalServerErrorMessage = "Internal Server Error";

    /// <summary>The body is over the 10 MB payload limit: 413.</summary>
    public const string TooLargeMessage = "Request Entity Too Large";
}
