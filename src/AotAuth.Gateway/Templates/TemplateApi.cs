namespace AotAuth.Gateway.Templates;

/// <summary>Which API Gateway flavour an API is.</summary>
public enum ApiKind
{
    /// <summary>A REST API (<c>AWS::ApiGateway::RestApi</c>).</summary>
    Rest,

    /// <summary>An HTTP API (<c>AWS::ApiGatewayV2::Api</c>, protocol HTTP).</summary>
    Http,
}

/// <summary>One API of a template, with every route it has.</summary>
/// <param name="LogicalId">The API's logical id.</param>
/// <param name="Name">Its <c>Name</c> property, or the logical id when it has none.</param>
/// <param name="Kind">REST or HTTP API.</param>
/// <param name="Routes">Its routes (REST: one per method of a resource), in path order.</param>
/// <param name="Authorizers">Its authorizers, by logical id.</param>
public sealed record TemplateApi(
    string LogicalId,
    string Name,
    ApiKind Kind,
    IReadOnlyList<TemplateRoute> Routes,
    IReadOnlyDictionary<string, TemplateAuthorizer> Authorizers);

/// <summary>One route: a REST API method or an HTTP API route.</summary>
/// <param name="LogicalId">The method's or route's logical id.</param>
/// <param name="HttpMethod">Upper-case verb, or <c>ANY</c> (every verb); empty for an HTTP API's <c>$default</c>.</param>
/// <param name="Path">The resource path (<c>/orders/{id}</c>, <c>/files/{proxy+}</c>), or <c>$default</c>.</param>
/// <param name="AuthorizationType"><c>NONE</c>, <c>CUSTOM</c>, <c>AWS_IAM</c>, <c>COGNITO_USER_POOLS</c> or <c>JWT</c>, as written.</param>
/// <param name="Authorizer">The authorizer guarding it, or null for none.</param>
/// <param name="Notes">What this model does not understand about the route; empty when it understands all of it.</param>
public sealed record TemplateRoute(
    string LogicalId,
    string HttpMethod,
    string Path,
    string AuthorizationType,
    TemplateAuthorizer? Authorizer,
    IReadOnlyList<string> Notes)
{
    /// <summary>The HTTP API catch-all route key.</summary>
    public const string DefaultRouteKey = "$default";

    /// <summary>True for an HTTP API's <c>$default</c> route, which has no verb or path a scope could name.</summary>
    public bool IsDefault => Path == DefaultRouteKey;

    /// <inheritdoc />
    public override string ToString() => IsDefault ? DefaultRouteKey : HttpMethod + " " + Path;
}

/// <summary>An authorizer of an API.</summary>
/// <param name="LogicalId">Its logical id.</param>
/// <param name="Name">Its <c>Name</c> property, or the logical id.</param>
/// <param name="Type"><c>TOKEN</c>, <c>REQUEST</c>, <c>COGNITO_USER_POOLS</c> (REST) or <c>REQUEST</c>, <c>JWT</c> (HTTP).</param>
/// <param name="FunctionLogicalId">The template's Lambda function it invokes, or null (another stack's, or none).</param>
public sealed record TemplateAuthorizer(string LogicalId, string Name, string Type, string? FunctionLogicalId)
{
    /// <summary>True for a Lambda authorizer (the kind AotAuth is).</summary>
    public bool IsLambda => Type is "TOKEN" or "REQUEST";

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Type})";
}
