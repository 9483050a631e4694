using System.Text.Json;
using Amazon.CDK;
using Amazon.CDK.AWS.Apigatewayv2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Constructs;

namespace AotAuth.Cdk;

/// <summary>
/// The <see cref="AotAuthorizer"/> as the Lambda authorizer of one HTTP API
/// (<c>AWS::ApiGatewayV2::Authorizer</c>, <c>REQUEST</c>, payload format 2.0), with the invoke
/// permission scoped to that API's authorizer ARN. <see cref="Protect"/> attaches it to routes.
/// Created by <see cref="AotAuthorizer.NewHttpApiAuthorizer(Construct, string, string, string?)"/>.
/// </summary>
public sealed class HttpApiAuthorizer : Construct
{
    /// <summary>The identity source that makes API Gateway cache simple answers per route.</summary>
    public const string RouteKeyIdentitySource = "$context.routeKey";

    private readonly string _apiId;

    internal HttpApiAuthorizer(Construct scope, string id, AotAuthorizer authorizer, string apiId, string name, string permissionId)
        : base(scope, id)
    {
        _apiId = apiId;
        AotAuthorizerProps props = authorizer.Props;
        bool simple = props.ResponseMode == AuthorizerResponseMode.Simple;
        Stack stack = Stack.Of(this);

        // "Default": the resource's logical id is this construct's, as if it were created in its place.
        Resource = new CfnAuthorizer(this, "Default", new CfnAuthorizerProps
        {
            ApiId = apiId,
            Name = name,
            AuthorizerType = "REQUEST",
            AuthorizerUri = $"arn:{stack.Partition}:apigateway:{stack.Region}:lambda:path/2015-03-31/functions/{authorizer.Function.FunctionArn}/invocations",
            AuthorizerPayloadFormatVersion = "2.0",
            EnableSimpleResponses = simple,

            // A simple answer is for one route, and API Gateway caches it for every request with the
            // same identity source values: $context.routeKey keeps it to the route. An IAM policy covers
            // every scope of the token and is evaluated per request, so the token alone is the key.
            IdentitySource = simple
                ? ["$request.header." + props.IdentityHeader, RouteKeyIdentitySource]
                : ["$request.header." + props.IdentityHeader],
            AuthorizerResultTtlInSeconds = props.ResultTtlSeconds,
        });

        // API Gateway may invoke the function only as this API's authorizer.
        authorizer.Function.AddPermission(permissionId, new Permission
        {
            Principal = new ServicePrincipal("apigateway.amazonaws.com"),
            Action = "lambda:InvokeFunction",
            SourceArn = $"arn:{stack.Partition}:execute-api:{stack.Region}:{stack.Account}:{apiId}/authorizers/{Resource.Ref}",
        });
    }

    /// <summary>The authorizer resource.</summary>
    public CfnAuthorizer Resource { get; }

    /// <summary>The authorizer's id (<c>AuthorizerId</c> of a protected route).</summary>
    public string AuthorizerId => Resource.Ref;

    /// <summary>
    /// Protects the routes named by <paramref name="routeKeys"/> (<c>GET /orders/{id}</c>, <c>$default</c>,
    /// ...): each route of this API in the stack with that key gets <c>AuthorizationType: CUSTOM</c> and
    /// this authorizer. The routes may be an <c>HttpApi</c>'s (<c>AddRoutes</c>) or <c>CfnRoute</c>s;
    /// create them first. Routes not named keep their authorization.
    /// </summary>
    /// <exception cref="ArgumentException">A key names no route of this API (the message lists its routes).</exception>
    public void Protect(params string[] routeKeys)
    {
        ArgumentNullException.ThrowIfNull(routeKeys);
        Stack stack = Stack.Of(this);
        string api = Resolved(stack, _apiId);
        CfnRoute[] routes = [.. stack.Node.FindAll().OfType<CfnRoute>().Where(r => Resolved(stack, r.ApiId) == api)];
        foreach (string key in routeKeys)
        {
            CfnRoute[] matching = [.. routes.Where(r => r.RouteKey == key)];
            if (matching.Length == 0)
            {
                throw new ArgumentException(
                    $"routeKeys: '{key}' is not a route of this HTTP API; its routes are: " +
                    (routes.Length == 0 ? "none yet (add the routes before protecting them)" : string.Join(", ", routes.Select(r => r.RouteKey))),
                    nameof(routeKeys));
            }

            foreach (CfnRoute route in matching)
            {
                route.AuthorizationType = "CUSTOM";
                route.AuthorizerId = AuthorizerId;
            }
        }
    }

    private static string Resolved(Stack stack, string value) => JsonSerializer.Serialize(stack.Resolve(value));
}
