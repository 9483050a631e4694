using System.Text.Json;

namespace AotAuth.Gateway;

/// <summary>
/// An HTTP API Lambda authorizer's answer (payload format 2.0), validated as API Gateway would:
/// a simple response <c>{"isAuthorized": bool, "context": {...}}</c> when simple responses are
/// enabled, an IAM policy (<see cref="AuthorizerOutput"/>) otherwise. Anything else is a 500.
/// </summary>
public sealed class HttpAuthorizerResult
{
    private HttpAuthorizerResult(bool? isAuthorized, AuthorizerOutput? policy, byte[]? context)
    {
        IsAuthorized = isAuthorized;
        Policy = policy;
        Context = context;
    }

    /// <summary>A simple response's verdict (null for an IAM policy).</summary>
    public bool? IsAuthorized { get; }

    /// <summary>The IAM policy answer (null for a simple response).</summary>
    public AuthorizerOutput? Policy { get; }

    /// <summary>The <c>context</c> object's JSON, passed to the integration as <c>requestContext.authorizer.lambda</c>; null for none.</summary>
    public byte[]? Context { get; }

    /// <summary>
    /// Whether the request with <paramref name="routeArn"/> may pass: a simple response's
    /// <c>isAuthorized</c> (for every route, as cached), or the policy evaluated for this route ARN.
    /// </summary>
    public bool Allows(string routeArn) =>
        IsAuthorized ?? (PolicyEvaluator.Evaluate(Policy!, routeArn) == PolicyDecision.Allow);

    /// <summary>Parses the function's output; false (and why) for an answer API Gateway would refuse.</summary>
    public static bool TryParse(ReadOnlySpan<byte> json, bool simpleResponses, out HttpAuthorizerResult? result, out string? problem)
    {
        result = null;
        if (!simpleResponses)
        {
            if (!AuthorizerOutput.TryParse(json, out AuthorizerOutput? policy, out problem))
            {
                return false;
            }

            result = new HttpAuthorizerResult(null, policy, ContextOf(json));
            return true;
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = 32 });
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("isAuthorized", out JsonElement verdict)
                || verdict.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                problem = "a simple response needs a boolean isAuthorized";
                return false;
            }

            byte[]? context = null;
            if (root.TryGetProperty("context", out JsonElement contextElement) && contextElement.ValueKind != JsonValueKind.Null)
            {
                if (contextElement.ValueKind != JsonValueKind.Object)
                {
                    problem = "context is not an object";
                    return false;
                }

                context = RawJson(contextElement);
            }

            result = new HttpAuthorizerResult(verdict.GetBoolean(), null, context);
            problem = null;
            return true;
        }
        catch (JsonException ex)
        {
            problem = "the response is not JSON: " + ex.Message;
            return false;
        }
    }

    private static byte[]? ContextOf(ReadOnlySpan<byte> json)
    {
        using JsonDocument document = JsonDocument.Parse(json.ToArray());
        return document.RootElement.TryGetProperty("context", out JsonElement context) && context.ValueKind == JsonValueKind.Object
            ? RawJson(context)
            : null;
    }

    // The element's JSON text as bytes (GetRawText keeps it exactly as the function wrote it).
    private static byte[] RawJson(JsonElement element) => System.Text.Encoding.UTF8.GetBytes(element.GetRawText());
}
