using System.Collections.Immutable;
using AotAuth.Core.Api;

namespace AotAuth.Gateway;

/// <summary>A response API Gateway produces itself, without reaching the integration.</summary>
/// <param name="Type">Which refusal.</param>
/// <param name="StatusCode">The HTTP status.</param>
/// <param name="Body">The <c>application/json</c> body.</param>
/// <param name="Headers">Extra headers, e.g. <c>x-amzn-ErrorType</c>.</param>
public sealed record GatewayResponse(GatewayResponseType Type, int StatusCode, string Body, ImmutableDictionary<string, string> Headers);

/// <summary>
/// The gateway responses of an API: status and body from the definition (bodies rendered as
/// templates, so ACCESS_DENIED carries the deny message), plus the <c>x-amzn-ErrorType</c>
/// header API Gateway adds.
/// </summary>
/// <remarks>
/// <c>x-amzn-ErrorType</c>: <c>UnauthorizedException</c>, <c>AccessDeniedException</c>,
/// <c>AuthorizerConfigurationException</c>, <c>BadRequestException</c> and
/// <c>MissingAuthenticationTokenException</c> are what AWS sends. For AUTHORIZER_FAILURE we
/// send <c>AuthorizerFailureException</c>, as LocalStack does; AWS was not observed here, and
/// field reports show <c>AuthorizerConfigurationException</c> for a throwing authorizer too.
/// </remarks>
public sealed class GatewayResponses
{
    /// <summary>The header naming the error type.</summary>
    public const string ErrorTypeHeader = "x-amzn-ErrorType";

    /// <summary>ACCESS_DENIED's message when a Deny statement matched.</summary>
    public const string ExplicitDenyMessage = "User is not authorized to access this resource with an explicit deny";

    /// <summary>ACCESS_DENIED's message when nothing allowed the method.</summary>
    public const string ImplicitDenyMessage = "User is not authorized to access this resource";

    private readonly ApiDefinition _api;

    /// <summary>The gateway responses of <paramref name="api"/>.</summary>
    public GatewayResponses(ApiDefinition api)
    {
        ArgumentNullException.ThrowIfNull(api);
        _api = api;
    }

    /// <summary>The <c>x-amzn-ErrorType</c> value of <paramref name="type"/>.</summary>
    public static string ErrorType(GatewayResponseType type) => type switch
    {
        GatewayResponseType.Unauthorized => "UnauthorizedException",
        GatewayResponseType.AccessDenied => "AccessDeniedException",
        GatewayResponseType.AuthorizerFailure => "AuthorizerFailureException",
        GatewayResponseType.AuthorizerConfigurationError => "AuthorizerConfigurationException",
        GatewayResponseType.BadRequestBody => "BadRequestException",
        GatewayResponseType.MissingAuthenticationToken => "MissingAuthenticationTokenException",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>The response of <paramref name="type"/>; <paramref name="message"/> is <c>$context.error.message</c>.</summary>
    public GatewayResponse Get(GatewayResponseType type, string? message = null)
    {
        GatewayResponseDefinition definition = _api.GatewayResponse(type);
        string body = MappingTemplate.Render(definition.BodyTemplate, new TemplateContext { ErrorMessage = message ?? DefaultMessage(type) });
        return new GatewayResponse(type, definition.StatusCode, body, ImmutableDictionary<string, string>.Empty.Add(ErrorTypeHeader, ErrorType(type)));
    }

    /// <summary>The 403 for a denying policy decision.</summary>
    public GatewayResponse ForDecision(PolicyDecision decision) => decision switch
    {
        PolicyDecision.ExplicitDeny => Get(GatewayResponseType.AccessDenied, ExplicitDenyMessage),
        PolicyDecision.ImplicitDeny => Get(GatewayResponseType.AccessDenied, ImplicitDenyMessage),
        _ => throw new ArgumentException("an Allow decision has no gateway response", nameof(decision)),
    };

    /// <summary>The message API Gateway puts in <c>$context.error.message</c>; null for the 500s (<c>{"message": null}</c>).</summary>
    private static string? DefaultMessage(GatewayResponseType type) => type switch
    {
        GatewayResponseType.Unauthorized => "Unauthorized",
        GatewayResponseType.AccessDenied => ImplicitDenyMessage,
        GatewayResponseType.BadRequestBody => "Invalid request body",
        GatewayResponseType.MissingAuthenticationToken => "Missing Authentication Token",
        _ => null,
    };
}
