using System.Text;
using System.Text.Json;

namespace AotAuth.UserFunction;

/// <summary>
/// An HTTP API's Lambda proxy event (payload format 2.0): <c>{"version":"2.0","routeKey":"PUT /user",
/// "body":"...","isBase64Encoded":false,"pathParameters":{"id":"..."},"requestContext":{"authorizer":{"lambda":{"principalId":"..."}}}}</c>.
/// HTTP APIs have no request models, so the body is validated here only, by the same rules
/// as the REST model (<see cref="UserRequest.ParsePutBody"/>).
/// </summary>
internal static class ProxyEvent
{
    /// <summary>The route of <c>PUT /user</c>.</summary>
    public const string PutRoute = "PUT /user";

    /// <summary>The route of <c>GET /user/{id}</c>.</summary>
    public const string GetRoute = "GET /user/{id}";

    /// <summary>
    /// True when the event's top level has <c>"version":"2.0"</c>: the proxy event. A cheap scan
    /// that allocates nothing; an event that is not JSON is left to the non-proxy path to refuse.
    /// </summary>
    public static bool IsProxy(ReadOnlySpan<byte> utf8Event)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8Event, new JsonReaderOptions { MaxDepth = 32 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("version"u8))
                {
                    return reader.Read() && reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("2.0"u8);
                }

                reader.Read();
                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Not JSON, or cut short: not ours to judge here.
        }

        return false;
    }

    /// <summary>The request the proxy event carries; throws as <see cref="UserRequest.Parse"/> does.</summary>
    public static UserRequest Parse(JsonElement root)
    {
        string principalId = Principal(root);
        string routeKey = root.TryGetProperty("routeKey", out JsonElement key) && key.ValueKind == JsonValueKind.String ? key.GetString()! : string.Empty;
        return routeKey switch
        {
            PutRoute => ParsePut(root, principalId),
            GetRoute => new UserRequest(UserAction.Get, principalId, UserRequest.ValidId(PathId(root)), null),
            _ => throw new InvalidEventException($"no such route: '{routeKey}'"),
        };
    }

    private static string Principal(JsonElement root)
    {
        if (root.TryGetProperty("requestContext", out JsonElement context) && context.ValueKind == JsonValueKind.Object
            && context.TryGetProperty("authorizer", out JsonElement authorizer) && authorizer.ValueKind == JsonValueKind.Object
            && authorizer.TryGetProperty("lambda", out JsonElement lambda) && lambda.ValueKind == JsonValueKind.Object
            && lambda.TryGetProperty("principalId", out JsonElement principal) && principal.ValueKind == JsonValueKind.String
            && principal.GetString() is { Length: > 0 } principalId)
        {
            return principalId;
        }

        throw new InvalidEventException("requestContext.authorizer.lambda.principalId is missing: is the route behind the authorizer?");
    }

    private static string PathId(JsonElement root)
    {
        if (root.TryGetProperty("pathParameters", out JsonElement parameters) && parameters.ValueKind == JsonValueKind.Object
            && parameters.TryGetProperty("id", out JsonElement id) && id.ValueKind == JsonValueKind.String)
        {
            return UserRequest.StringValue(id, "id");
        }

        throw new InvalidEventException("pathParameters.id is missing");
    }

    private static UserRequest ParsePut(JsonElement root, string principalId)
    {
        if (!root.TryGetProperty("body", out JsonElement body) || body.ValueKind != JsonValueKind.String)
        {
            throw new BadRequestException("the body must be a JSON object with 'id' and 'name'");
        }

        byte[] bytes = IsBase64(root) ? Base64Body(body) : Encoding.UTF8.GetBytes(UserRequest.StringValue(body, "body"));
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException)
        {
            throw new BadRequestException("the body is not valid JSON");
        }

        using (document)
        {
            return UserRequest.ParsePutBody(document.RootElement, principalId);
        }
    }

    private static bool IsBase64(JsonElement root) =>
        root.TryGetProperty("isBase64Encoded", out JsonElement flag) && flag.ValueKind == JsonValueKind.True;

    private static byte[] Base64Body(JsonElement body)
    {
        try
        {
            return Convert.FromBase64String(body.GetString()!);
        }
        catch (FormatException)
        {
            throw new InvalidEventException("the body is marked base64 but is not");
        }
    }
}
