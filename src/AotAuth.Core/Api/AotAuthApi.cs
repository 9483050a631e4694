using System.Collections.Immutable;
using AotAuth.Core.Contracts;

namespace AotAuth.Core.Api;

/// <summary>
/// The API this repository deploys: <c>PUT /user</c> and <c>GET /user/{id}</c> behind the
/// TOKEN authorizer, both integrated (non-proxy) with the user function. The local gateway
/// and the CDK stack both read <see cref="Definition"/>, so the strings here are the ones
/// API Gateway gets: mapping templates are VTL, selection patterns are Java regexes.
/// </summary>
/// <remarks>
/// <para><c>$util.escapeJavaScript</c> turns <c>'</c> into <c>\'</c>, which is not valid JSON; as the
/// API Gateway developer guide prescribes, every use is followed by <see cref="UnescapeSingleQuotes"/>.</para>
/// <para>Selection patterns are anchored by API Gateway (the whole <c>errorMessage</c> must match) and
/// use <c>(?s)</c> so a message with a line break still matches. The catch-all excludes the two
/// known prefixes, so the result does not depend on the order API Gateway tries the patterns in;
/// without a catch-all an unexpected error would fall to the default (success) response.</para>
/// </remarks>
public static class AotAuthApi
{
    /// <summary>The content type of request and response bodies.</summary>
    public const string JsonContentType = "application/json";

    /// <summary>The key the authorizer function is known by.</summary>
    public const string AuthorizerFunction = "authorizer";

    /// <summary>The key the user function is known by.</summary>
    public const string UserFunction = "user";

    /// <summary>The VTL suffix turning <c>\'</c> from <c>$util.escapeJavaScript</c> back into <c>'</c> (AWS's documented fix).</summary>
    public const string UnescapeSingleQuotes = """.replaceAll("\\'","'")""";

    /// <summary>The caller, as a JSON string body (without the quotes) in a request template.</summary>
    public const string PrincipalIdExpression = "$util.escapeJavaScript($context.authorizer.principalId)" + UnescapeSingleQuotes;

    /// <summary>The user model: the seed's schema plus the length limits the user function enforces.</summary>
    public const string UserSchema = """
        {
          "$schema": "http://json-schema.org/draft-04/schema#",
          "title": "user",
          "type": "object",
          "additionalProperties": false,
          "properties": {
            "id": { "type": "string", "minLength": 1, "maxLength": 128 },
            "name": { "type": "string", "minLength": 1, "maxLength": 256 }
          },
          "required": ["id", "name"]
        }
        """;

    /// <summary>Request template of <c>PUT /user</c>: the seed's template plus the caller.</summary>
    public const string PutUserTemplate =
        "{\"action\":\"put\",\"principalId\":\"" + PrincipalIdExpression + "\",\"body\":$input.json('$')}";

    /// <summary>Request template of <c>GET /user/{id}</c>.</summary>
    public const string GetUserTemplate =
        "{\"action\":\"get\",\"principalId\":\"" + PrincipalIdExpression
        + "\",\"id\":\"$util.escapeJavaScript($input.params('id'))" + UnescapeSingleQuotes + "\"}";

    /// <summary>Selection pattern of the 400 response: the user function's <c>BadRequest: </c> errors.</summary>
    public const string BadRequestPattern = "(?s)" + ErrorTypes.BadRequest + ": .*";

    /// <summary>Selection pattern of the 404 response: the user function's <c>NotFound: </c> errors.</summary>
    public const string NotFoundPattern = "(?s)" + ErrorTypes.NotFound + ": .*";

    /// <summary>Selection pattern of the 500 response: any other (non-empty) error message.</summary>
    public const string OtherErrorPattern = "(?s)(?!" + ErrorTypes.BadRequest + ": |" + ErrorTypes.NotFound + ": ).+";

    /// <summary>400 body: <c>{"message":"..."}</c> with the <c>BadRequest: </c> prefix stripped.</summary>
    public const string BadRequestTemplate = "{\"message\":\"$util.escapeJavaScript($input.path('$.errorMessage').replaceFirst(\"^BadRequest: \",\"\"))"
        + UnescapeSingleQuotes + "\"}";

    /// <summary>404 body: <c>{"message":"..."}</c> with the <c>NotFound: </c> prefix stripped.</summary>
    public const string NotFoundTemplate = "{\"message\":\"$util.escapeJavaScript($input.path('$.errorMessage').replaceFirst(\"^NotFound: \",\"\"))"
        + UnescapeSingleQuotes + "\"}";

    /// <summary>500 body: a fixed message; internal error text (store names, exceptions) never reaches the caller.</summary>
    public const string InternalErrorTemplate = "{\"message\":\"Internal server error\"}";

    /// <summary>The API.</summary>
    public static ApiDefinition Definition { get; } = new(
        StageName: "prod",
        Authorizer: new AuthorizerDefinition(
            Name: AuthorizerFunction,
            FunctionName: AuthorizerFunction,
            IdentityHeader: "Authorization",
            ValidationExpression: TokenFormat.ValidationExpression,
            ResultTtlSeconds: 300),
        Models: [new ModelDefinition("User", JsonContentType, UserSchema)],
        Routes:
        [
            new RouteDefinition("PUT", "/user", UserFunction, AuthorizerFunction, ValidateRequestBody: true, "User", PutUserTemplate,
            [
                new IntegrationResponseDefinition(204, null, null),
                new IntegrationResponseDefinition(400, BadRequestPattern, BadRequestTemplate),
                new IntegrationResponseDefinition(404, NotFoundPattern, NotFoundTemplate),
                new IntegrationResponseDefinition(500, OtherErrorPattern, InternalErrorTemplate),
            ]),
            new RouteDefinition("GET", "/user/{id}", UserFunction, AuthorizerFunction, ValidateRequestBody: false, null, GetUserTemplate,
            [
                new IntegrationResponseDefinition(200, null, null),
                new IntegrationResponseDefinition(404, NotFoundPattern, NotFoundTemplate),
                new IntegrationResponseDefinition(400, BadRequestPattern, BadRequestTemplate),
                new IntegrationResponseDefinition(500, OtherErrorPattern, InternalErrorTemplate),
            ]),
        ],
        GatewayResponses:
        [
            new GatewayResponseDefinition(GatewayResponseType.Unauthorized, 401, "{\"message\":\"Unauthorized\"}"),
            new GatewayResponseDefinition(GatewayResponseType.AccessDenied, 403, "{\"message\":$context.error.messageString}"),
            new GatewayResponseDefinition(GatewayResponseType.AuthorizerFailure, 500, "{\"message\": null}"),
            new GatewayResponseDefinition(GatewayResponseType.AuthorizerConfigurationError, 500, "{\"message\": null}"),
            new GatewayResponseDefinition(GatewayResponseType.BadRequestBody, 400, "{\"message\": \"Invalid request body\"}"),
            new GatewayResponseDefinition(GatewayResponseType.MissingAuthenticationToken, 403, "{\"message\":\"Missing Authentication Token\"}"),
        ]);

    /// <summary>The identity source of the token: the <c>Authorization</c> header.</summary>
    public const string AuthorizationIdentitySource = "$request.header.Authorization";

    /// <summary>The identity source that makes the result cache per route.</summary>
    public const string RouteKeyIdentitySource = "$context.routeKey";

    /// <summary>
    /// The same API as an HTTP API: the same routes, authorizer function and result TTL. With
    /// simple responses the identity source is the token and <c>$context.routeKey</c>: HTTP APIs
    /// cache a simple answer for every request with the same identity source values, and a
    /// token's answer differs between routes, so it must be cached per route (AWS's advice for
    /// per-route caching). An IAM policy covers every scope of the token and is evaluated for each
    /// request, so with IAM responses the token alone is the identity source, as on REST.
    /// </summary>
    /// <param name="simpleResponses">True for simple responses (the default), false for IAM policies.</param>
    public static HttpApiDefinition HttpDefinition(bool simpleResponses = true) => new(
        StageName: "$default",
        Authorizer: new HttpAuthorizerDefinition(
            Name: AuthorizerFunction,
            FunctionName: AuthorizerFunction,
            EnableSimpleResponses: simpleResponses,
            IdentitySource: simpleResponses ? [AuthorizationIdentitySource, RouteKeyIdentitySource] : [AuthorizationIdentitySource],
            ResultTtlSeconds: Definition.Authorizer.ResultTtlSeconds),
        Routes: [.. Definition.Routes.Select(r => new HttpRouteDefinition(r.ToString(), r.FunctionName, r.AuthorizerName))]);
}
