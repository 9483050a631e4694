using System.Collections.Immutable;

namespace AotAuth.Gateway;

/// <summary>What a mapping template can see: the authorizer's result, the request and, for gateway responses, the error.</summary>
public sealed record TemplateContext
{
    /// <summary><c>$context.authorizer.principalId</c>; null renders as an empty string.</summary>
    public string? PrincipalId { get; init; }

    /// <summary><c>$context.authorizer.&lt;key&gt;</c>: the authorizer's context, stringified.</summary>
    public IReadOnlyDictionary<string, string> AuthorizerContext { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary><c>$context.requestId</c>.</summary>
    public string RequestId { get; init; } = "";

    /// <summary>The payload <c>$input</c> reads: the request body, or the Lambda result / error document in a response template.</summary>
    public string Body { get; init; } = "";

    /// <summary>Path parameters, searched first by <c>$input.params('name')</c>.</summary>
    public IReadOnlyDictionary<string, string> PathParameters { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>Query string parameters, searched second.</summary>
    public IReadOnlyDictionary<string, string> QueryParameters { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>Request headers, searched last (names compare case-insensitively).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary><c>$context.error.message</c> in a gateway response; null when there is none.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>A context for an authorized request.</summary>
    public static TemplateContext ForRequest(AuthorizerOutput? authorizer, string requestId, string body, IReadOnlyDictionary<string, string>? pathParameters = null) => new()
    {
        PrincipalId = authorizer?.PrincipalId,
        AuthorizerContext = authorizer?.Context ?? ImmutableDictionary<string, string>.Empty,
        RequestId = requestId,
        Body = body,
        PathParameters = pathParameters ?? ImmutableDictionary<string, string>.Empty,
    };

    /// <summary><c>$input.params(name)</c>: path, then query string, then header; empty when absent.</summary>
    internal string Param(string name)
    {
        if (PathParameters.TryGetValue(name, out var value) || QueryParameters.TryGetValue(name, out value) || Headers.TryGetValue(name, out value))
        {
            return value;
        }

        foreach (var (key, header) in Headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return header;
            }
        }

        return "";
    }
}
