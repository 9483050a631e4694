using System.Collections.Immutable;

namespace AotAuth.Core.Api;

/// <summary>
/// One HTTP API (API Gateway v2) as both the local gateway (<c>aotauth serve --api http</c>) and the
/// CDK stack (<c>-c api=http</c>) build it: the <c>$default</c> stage, one Lambda authorizer with
/// payload format 2.0, and routes integrated with Lambda by proxy (payload format 2.0). HTTP APIs
/// have no models, templates or gateway responses: the user function validates and answers itself.
/// </summary>
/// <param name="StageName">The stage (<c>$default</c>: served at the API's root, and named so in route ARNs).</param>
/// <param name="Authorizer">The Lambda authorizer protecting the routes that name it.</param>
/// <param name="Routes">Every route; a request matching none gets 404 <c>{"message":"Not Found"}</c>.</param>
public sealed record HttpApiDefinition(string StageName, HttpAuthorizerDefinition Authorizer, ImmutableArray<HttpRouteDefinition> Routes)
{
    /// <summary>Authorizers besides <see cref="Authorizer"/> (an API read from a template may have several); routes name theirs.</summary>
    public ImmutableArray<HttpAuthorizerDefinition> OtherAuthorizers { get; init; } = [];

    /// <summary>The authorizer called <paramref name="name"/>; throws when the definition has none.</summary>
    public HttpAuthorizerDefinition AuthorizerNamed(string name) =>
        Authorizer.Name == name ? Authorizer
        : OtherAuthorizers.FirstOrDefault(a => a.Name == name) ?? throw new KeyNotFoundException($"no authorizer named '{name}'");
}

/// <summary>An HTTP API Lambda authorizer (<c>AuthorizerType: REQUEST</c>).</summary>
/// <param name="Name">The authorizer's name.</param>
/// <param name="FunctionName">The function it invokes (a key the local gateway maps to a process).</param>
/// <param name="EnableSimpleResponses">True: the function answers <c>{"isAuthorized":...}</c>; false: an IAM policy.</param>
/// <param name="IdentitySource">
/// Selection expressions (<c>$request.header.X</c>, <c>$context.routeKey</c>): a request missing one
/// of them, or with one empty, gets 401 without the authorizer being invoked; together they are
/// the result cache's key.
/// </param>
/// <param name="ResultTtlSeconds"><c>AuthorizerResultTtlInSeconds</c>; 0 disables caching.</param>
public sealed record HttpAuthorizerDefinition(
    string Name,
    string FunctionName,
    bool EnableSimpleResponses,
    ImmutableArray<string> IdentitySource,
    int ResultTtlSeconds)
{
    /// <summary>The payload format version the built-in API uses, for the authorizer and the integrations.</summary>
    public const string PayloadFormatVersion = "2.0";

    /// <summary>The older payload format: the REST API's event shape; an authorizer answers an IAM policy.</summary>
    public const string PayloadFormatVersion1 = "1.0";

    /// <summary>The authorizer's payload format: <see cref="PayloadFormatVersion"/> (the default) or <see cref="PayloadFormatVersion1"/>.</summary>
    public string PayloadFormat { get; init; } = PayloadFormatVersion;
}

/// <summary>One route, integrated with a Lambda function by proxy (payload format 2.0).</summary>
/// <param name="RouteKey"><c>{METHOD} {path}</c>, e.g. <c>GET /user/{id}</c>, <c>ANY /files/{proxy+}</c>, or <c>$default</c>.</param>
/// <param name="FunctionName">The function the integration invokes.</param>
/// <param name="AuthorizerName">The authorizer protecting the route, or null for none.</param>
public sealed record HttpRouteDefinition(string RouteKey, string FunctionName, string? AuthorizerName)
{
    /// <summary>The route key of the catch-all route: every request no other route matches.</summary>
    public const string DefaultRouteKey = "$default";

    /// <summary>The integration's payload format: 2.0 (the default) or 1.0 (the REST API's proxy event and answer).</summary>
    public string PayloadFormat { get; init; } = HttpAuthorizerDefinition.PayloadFormatVersion;

    /// <summary>True for the <c>$default</c> route.</summary>
    public bool IsDefault => RouteKey == DefaultRouteKey;

    /// <summary>The route key's method (<c>ANY</c> for <c>$default</c>).</summary>
    public string HttpMethod => IsDefault ? "ANY" : RouteKey[..RouteKey.IndexOf(' ', StringComparison.Ordinal)];

    /// <summary>The route key's path, e.g. <c>/user/{id}</c> (<c>/{proxy+}</c> for <c>$default</c>, which also takes <c>/</c>).</summary>
    public string Path => IsDefault ? "/{proxy+}" : RouteKey[(RouteKey.IndexOf(' ', StringComparison.Ordinal) + 1)..];

    /// <inheritdoc />
    public override string ToString() => RouteKey;
}
