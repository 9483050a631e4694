using System.Text;
using System.Text.Json;

namespace AotAuth.Gateway;

/// <summary>
/// What a REST API answers for a Lambda proxy integration's output: an object of <c>statusCode</c>,
/// <c>headers</c>, <c>multiValueHeaders</c>, <c>body</c> and <c>isBase64Encoded</c> is the response;
/// anything else (another field, no status, not JSON) is a malformed proxy response, which API Gateway
/// answers 502 <c>{"message": "Internal server error"}</c>, as it answers a function error.
/// </summary>
public static class RestProxyResponse
{
    /// <summary>The 502 of a failed or malformed proxy integration.</summary>
    public static GatewayAnswer BadGateway => GatewayAnswer.Json(502, RestApiFlavour.BadGatewayBody);

    /// <summary>The answer for a successful invocation's <paramref name="payload"/>; <paramref name="problem"/> says why it is a 502.</summary>
    public static GatewayAnswer FromFunction(byte[] payload, out string? problem) => TryRead(payload, out problem) ?? BadGateway;

    /// <summary>
    /// The response a payload 1.0 answer describes, or null (with the <paramref name="problem"/>) when
    /// it is malformed; what a malformed answer gets is the flavour's (REST 502, HTTP API 500).
    /// </summary>
    public static GatewayAnswer? TryRead(byte[] payload, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(payload);
        try
        {
            using JsonDocument document = JsonDocument.Parse(payload);
            return Read(document.RootElement, out problem);
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            problem = "the answer is not JSON";
            return null;
        }
    }

    private static GatewayAnswer? Read(JsonElement root, out string? problem)
    {
        problem = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            problem = "the answer is not an object";
            return null;
        }

        int status = 0;
        var headers = new List<KeyValuePair<string, string>>();
        byte[] body = [];
        bool base64 = false;
        string? text = null;
        foreach (JsonProperty field in root.EnumerateObject())
        {
            switch (field.Name)
            {
                case "statusCode" when field.Value.ValueKind == JsonValueKind.Number && field.Value.TryGetInt32(out status) && status is >= 100 and <= 599:
                    break;
                case "headers" when field.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Null:
                    headers.AddRange(Strings(field.Value));
                    break;
                case "multiValueHeaders" when field.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Null:
                    headers.AddRange(MultiValues(field.Value));
                    break;
                case "body" when field.Value.ValueKind is JsonValueKind.String or JsonValueKind.Null:
                    text = field.Value.GetString();
                    break;
                case "isBase64Encoded" when field.Value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                    base64 = field.Value.GetBoolean();
                    break;
                default:
                    problem = $"malformed proxy response: field '{field.Name}'";
                    return null;
            }
        }

        if (status == 0)
        {
            problem = "malformed proxy response: no statusCode";
            return null;
        }

        if (text is not null)
        {
            body = base64 ? Convert.FromBase64String(text) : Encoding.UTF8.GetBytes(text);
        }

        return new GatewayAnswer(status, headers, body);
    }

    private static IEnumerable<KeyValuePair<string, string>> Strings(JsonElement headers) =>
        headers.ValueKind == JsonValueKind.Object ? headers.EnumerateObject().Select(h => new KeyValuePair<string, string>(h.Name, Scalar(h.Value))) : [];

    private static IEnumerable<KeyValuePair<string, string>> MultiValues(JsonElement headers) =>
        headers.ValueKind == JsonValueKind.Object
            ? headers.EnumerateObject().Where(h => h.Value.ValueKind == JsonValueKind.Array)
                .SelectMany(h => h.Value.EnumerateArray().Select(v => new KeyValuePair<string, string>(h.Name, Scalar(v))))
            : [];

    private static string Scalar(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
}
