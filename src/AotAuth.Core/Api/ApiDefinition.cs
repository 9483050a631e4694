using System.Collections.Immutable;

namespace AotAuth.Core.Api;

/// <summary>
/// One REST API (API Gateway v1) as both the local gateway and the CDK stack build it:
/// one stage, one TOKEN authorizer, models, routes and gateway responses.
/// </summary>
/// <param name="StageName">The deployment stage, part of every method ARN.</param>
/// <param name="Authorizer">The TOKEN authorizer protecting the routes that name it.</param>
/// <param name="Models">Request models, referenced by name from <see cref="RouteDefinition.RequestModelName"/>.</param>
/// <param name="Routes">Every method of the API; a request matching none gets MISSING_AUTHENTICATION_TOKEN.</param>
/// <param name="GatewayResponses">The bodies API Gateway answers with when it refuses a request itself.</param>
public sealed record ApiDefinition(
    string StageName,
    AuthorizerDefinition Authorizer,
    ImmutableArray<ModelDefinition> Models,
    ImmutableArray<RouteDefinition> Routes,
    ImmutableArray<GatewayResponseDefinition> GatewayResponses)
{
    /// <summary>Authorizers besides <see cref="Authorizer"/> (an API read from a template may have several); routes name theirs.</summary>
    public ImmutableArray<AuthorizerDefinition> OtherAuthorizers { get; init; } = [];

    /// <summary>The authorizer called <paramref name="name"/>; throws when the definition has none.</summary>
    public AuthorizerDefinition AuthorizerNamed(string name) =>
        Authorizer.Name == name ? Authorizer
        : OtherAuthorizers.FirstOrDefault(a => a.Name == name) ?? throw new KeyNotFoundException($"no authorizer named '{name}'");

    /// <summary>The model called <paramref name="name"/>; throws when the definition has none.</summary>
    public ModelDefinition Model(string name) =>
        Models.FirstOrDefault(m => m.Name == name) ?? throw new KeyNotFoundException($"no model named '{name}'");

    /// <summary>The gateway response of <paramref name="type"/>; throws when the definition has none.</summary>
    public GatewayResponseDefinition GatewayResponse(GatewayResponseType type) =>
        GatewayResponses.FirstOrDefault(r => r.Type == type) ?? throw new KeyNotFoundException($"no gateway response {type}");
}

/// <summary>A TOKEN Lambda authorizer.</summary>
/// <param name="Name">The authorizer's name in API Gateway.</param>
/// <param name="FunctionName">The function it invokes (a key the local gateway maps to a process).</param>
/// <param name="IdentityHeader">The request header carrying the token.</param>
/// <param name="ValidationExpression">
/// <c>identityValidationExpression</c>: a token that does not match is refused with 401
/// before the function is invoked.
/// </param>
/// <param name="ResultTtlSeconds"><c>authorizerResultTtlInSeconds</c>; 0 disables caching.</param>
public sealed record AuthorizerDefinition(
    string Name,
    string FunctionName,
    string IdentityHeader,
    string ValidationExpression,
    int ResultTtlSeconds)
{
    /// <summary>The identity source as API Gateway spells it, <c>method.request.header.{IdentityHeader}</c>.</summary>
    public string IdentitySource => "method.request.header." + IdentityHeader;

    /// <summary>
    /// The identity sources of a REQUEST authorizer (<c>method.request.header.X</c>,
    /// <c>method.request.querystring.X</c>, <c>context.X</c>); empty for a TOKEN authorizer, whose
    /// identity is <see cref="IdentityHeader"/>. A REQUEST authorizer gets the whole request
    /// (headers, query, path parameters) instead of one token, and its results are cached by
    /// these sources' values together.
    /// </summary>
    public ImmutableArray<string> RequestIdentitySources { get; init; } = [];

    /// <summary>True for a REQUEST authorizer; false for a TOKEN authorizer (the default).</summary>
    public bool IsRequestAuthorizer { get; init; }
}

/// <summary>A request model: a JSON Schema draft-04 document, kept as text so CDK can pass it through.</summary>
/// <param name="Name">Model name (letters and digits, as API Gateway requires).</param>
/// <param name="ContentType">The request content type the model applies to.</param>
/// <param name="Schema">The JSON Schema draft-04 text.</param>
public sealed record ModelDefinition(string Name, string ContentType, string Schema);

/// <summary>One method of a resource, integrated with a Lambda function (non-proxy, <c>AWS</c> type).</summary>
/// <param name="HttpMethod">Upper-case HTTP method.</param>
/// <param name="Path">Resource path, e.g. <c>/user/{id}</c>; a <c>{name}</c> segment is a path parameter.</param>
/// <param name="FunctionName">The function the integration invokes.</param>
/// <param name="AuthorizerName">The authorizer protecting the method, or null for none.</param>
/// <param name="ValidateRequestBody">
/// Whether the request validator also checks the body against the request model. Every route's
/// validator checks its <see cref="RequiredRequestParameters"/>; this says whether the body is checked too.
/// </param>
/// <param name="RequestModelName">The model for <see cref="AotAuthApi.JsonContentType"/> bodies, or null.</param>
/// <param name="RequestTemplate">The <see cref="AotAuthApi.JsonContentType"/> request mapping template (VTL).</param>
/// <param name="IntegrationResponses">
/// The integration responses: exactly one without a selection pattern (the default, used
/// for success), the others selected by matching the Lambda <c>errorMessage</c>.
/// </param>
public sealed record RouteDefinition(
    string HttpMethod,
    string Path,
    string FunctionName,
    string? AuthorizerName,
    bool ValidateRequestBody,
    string? RequestModelName,
    string RequestTemplate,
    ImmutableArray<IntegrationResponseDefinition> IntegrationResponses)
{
    /// <summary>
    /// How the function is integrated: <see cref="RestIntegration.Lambda"/> (the default: request and
    /// response mapped by templates) or <see cref="RestIntegration.LambdaProxy"/> (the request as an
    /// event, the function's answer as the response).
    /// </summary>
    public RestIntegration Integration { get; init; } = RestIntegration.Lambda;

    /// <summary>The integration response used for a successful invocation.</summary>
    public IntegrationResponseDefinition DefaultResponse =>
        IntegrationResponses.Single(r => r.SelectionPattern is null);

    /// <summary>The <see cref="Path"/>, parsed.</summary>
    public PathTemplate Template => PathTemplate.Parse(Path);

    /// <summary>The path parameters: the names of the <see cref="Path"/>'s <c>{name}</c> segments, in order.</summary>
    public ImmutableArray<string> PathParameters => Template.ParameterNames;

    /// <summary>
    /// The request parameters every request must carry, as API Gateway names them
    /// (<c>method.request.path.{name}</c> for each of <see cref="PathParameters"/>), which the
    /// method's request validator checks. A path parameter is always required; the local gateway's
    /// route match already demands one non-empty segment for it, so this check never refuses a
    /// request that matched a route there.
    /// </summary>
    public ImmutableArray<string> RequiredRequestParameters =>
        [.. PathParameters.Select(p => "method.request.path." + p)];

    /// <inheritdoc />
    public override string ToString() => HttpMethod + " " + Path;
}

/// <summary>How a REST API method reaches its Lambda function.</summary>
public enum RestIntegration
{
    /// <summary><c>AWS</c>: the request through a mapping template, the answer through integration responses.</summary>
    Lambda,

    /// <summary><c>AWS_PROXY</c>: the whole request as the event (payload 1.0); the function's answer is the response.</summary>
    LambdaProxy,
}

/// <summary>An integration response of a Lambda (non-proxy) integration.</summary>
/// <param name="StatusCode">The method response status it produces.</param>
/// <param name="SelectionPattern">
/// A Java regular expression that must match the whole Lambda <c>errorMessage</c>;
/// null for the default response (every success, and any error no pattern matches).
/// </param>
/// <param name="ResponseTemplate">
/// The <c>application/json</c> response mapping template, or null to pass the Lambda
/// payload through unchanged.
/// </param>
public sealed record IntegrationResponseDefinition(int StatusCode, string? SelectionPattern, string? ResponseTemplate);

/// <summary>A customised gateway response: what API Gateway answers when it refuses a request itself.</summary>
/// <param name="Type">Which refusal.</param>
/// <param name="StatusCode">The HTTP status.</param>
/// <param name="BodyTemplate">The <c>application/json</c> body template (may use <c>$context.error.messageString</c>).</param>
public sealed record GatewayResponseDefinition(GatewayResponseType Type, int StatusCode, string BodyTemplate)
{
    /// <summary>The response type as API Gateway and CDK spell it, e.g. <c>ACCESS_DENIED</c>.</summary>
    public string AwsName => Type switch
    {
        GatewayResponseType.Unauthorized => "UNAUTHORIZED",
        GatewayResponseType.AccessDenied => "ACCESS_DENIED",
        GatewayResponseType.AuthorizerFailure => "AUTHORIZER_FAILURE",
        GatewayResponseType.AuthorizerConfigurationError => "AUTHORIZER_CONFIGURATION_ERROR",
        GatewayResponseType.BadRequestBody => "BAD_REQUEST_BODY",
        GatewayResponseType.MissingAuthenticationToken => "MISSING_AUTHENTICATION_TOKEN",
        _ => throw new ArgumentOutOfRangeException(nameof(Type), Type, null),
    };
}

/// <summary>The gateway response types this API customises.</summary>
public enum GatewayResponseType
{
    /// <summary>UNAUTHORIZED (401): no token, a malformed token, or the authorizer failed with <c>Unauthorized</c>.</summary>
    Unauthorized,

    /// <summary>ACCESS_DENIED (403): the policy denies the method ARN, explicitly or implicitly.</summary>
    AccessDenied,

    /// <summary>AUTHORIZER_FAILURE (500): the authorizer function failed or timed out.</summary>
    AuthorizerFailure,

    /// <summary>AUTHORIZER_CONFIGURATION_ERROR (500): the authorizer answered something that is not a valid policy response.</summary>
    AuthorizerConfigurationError,

    /// <summary>BAD_REQUEST_BODY (400): the request validator refused the body.</summary>
    BadRequestBody,

    /// <summary>MISSING_AUTHENTICATION_TOKEN (403): no route for the method and path.</summary>
    MissingAuthenticationToken,
}
