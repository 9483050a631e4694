using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using AotAuth.Core.Api;

namespace AotAuth.Gateway;

/// <summary>The client-facing result of a Lambda (non-proxy) integration.</summary>
/// <param name="StatusCode">The method response status.</param>
/// <param name="Body">The response body (<c>application/json</c>); empty for 204.</param>
public sealed record IntegrationResponse(int StatusCode, string Body);

/// <summary>
/// Picks a route's integration response as API Gateway does for a Lambda integration: a
/// successful invocation uses the default response (no selection pattern); a failed one uses
/// the first response whose selection pattern matches the whole <c>errorMessage</c>, and the
/// default response when none does (the pitfall a catch-all pattern avoids).
/// </summary>
/// <remarks>
/// Selection patterns are Java regexes from the API definition, not user input; they run on
/// .NET's engine, anchored at both ends, with a timeout. Java and .NET agree on the constructs
/// the definition uses (<c>(?s)</c>, <c>.*</c>, negative lookahead).
/// </remarks>
public static class IntegrationResponseSelector
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(1);
    private static readonly ConcurrentDictionary<string, Regex> Patterns = new(StringComparer.Ordinal);

    /// <summary>
    /// The response for an invocation of <paramref name="route"/>'s function: a failure when
    /// <paramref name="lambdaErrorMessage"/> is not null, otherwise a success returning
    /// <paramref name="lambdaPayload"/>.
    /// </summary>
    public static IntegrationResponse Select(RouteDefinition route, string? lambdaErrorMessage, string lambdaPayload = "", TemplateContext? request = null)
    {
        ArgumentNullException.ThrowIfNull(route);
        if (lambdaErrorMessage is null)
        {
            return Respond(route.DefaultResponse, lambdaPayload ?? "", request);
        }

        // The Lambda error document as response templates see it; $input.path('$.errorMessage') reads it.
        string errorDocument = "{\"errorMessage\":" + MappingTemplate.Quote(lambdaErrorMessage) + "}";
        foreach (IntegrationResponseDefinition response in route.IntegrationResponses)
        {
            if (response.SelectionPattern is { } pattern && Matches(pattern, lambdaErrorMessage))
            {
                return Respond(response, errorDocument, request);
            }
        }

        return Respond(route.DefaultResponse, errorDocument, request);
    }

    /// <summary>True when the Java-style <paramref name="selectionPattern"/> matches all of <paramref name="errorMessage"/>.</summary>
    public static bool Matches(string selectionPattern, string errorMessage)
    {
        ArgumentNullException.ThrowIfNull(selectionPattern);
        ArgumentNullException.ThrowIfNull(errorMessage);
        Regex regex = Patterns.GetOrAdd(selectionPattern, p => new Regex(@"\A(?:" + p + @")\z", RegexOptions.CultureInvariant, RegexTimeout));
        return regex.IsMatch(errorMessage);
    }

    private static IntegrationResponse Respond(IntegrationResponseDefinition response, string payload, TemplateContext? request)
    {
        if (response.StatusCode == 204)
        {
            return new IntegrationResponse(204, "");
        }

        if (response.ResponseTemplate is null)
        {
            return new IntegrationResponse(response.StatusCode, payload);
        }

        // A response template sees the request's context and parameters, and the Lambda payload as $input.
        TemplateContext context = (request ?? new TemplateContext()) with { Body = payload };
        return new IntegrationResponse(response.StatusCode, MappingTemplate.Render(response.ResponseTemplate, context));
    }
}
