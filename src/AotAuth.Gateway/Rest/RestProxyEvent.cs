using System.Globalization;
using System.Text;
using System.Text.Json;
using AotAuth.Core.Api;

namespace AotAuth.Gateway;

/// <summary>
/// The payload format 1.0 events, which carry a whole request: a Lambda proxy integration's (a
/// REST API's <c>AWS_PROXY</c>, or an HTTP API route with payload 1.0: the request as it came,
/// headers and query both as last value and as every value, path parameters, body as text, and the
/// request context with the authorizer's answer) and a REQUEST authorizer's (the same request
/// without the body, with its type and method ARN).
/// </summary>
public static class RestProxyEvent
{
    /// <summary>The event's bytes.</summary>
    /// <param name="exchange">The request.</param>
    /// <param name="match">The matched route and its path parameters.</param>
    /// <param name="identity">The authorizer's answer, or null for a method without one.</param>
    /// <param name="body">The body as read.</param>
    /// <param name="stage">The stage name.</param>
    /// <param name="region">The region, in the domain name.</param>
    /// <param name="now">The request time.</param>
    public static byte[] Create(GatewayExchange exchange, RouteMatch<RouteDefinition> match, AuthorizerOutput? identity, byte[] body, string stage, string region, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(match);
        Action<Utf8JsonWriter>? authorizer = identity is null ? null : json =>
        {
            json.WriteString("principalId"u8, identity.PrincipalId);
            foreach ((string key, string value) in identity.Context)
            {
                json.WriteString(key, value);
            }
        };
        return Create(exchange, new PayloadRoute(match.Route.Path, match.PathParameters, null), authorizer, body, stage, region, now);
    }

    /// <summary>
    /// The payload 1.0 event of an HTTP API route (<c>version</c> 1.0, the same shape as a REST
    /// API's), with the Lambda authorizer's context object (<paramref name="authorizerContext"/>,
    /// its JSON, or null) as <c>requestContext.authorizer</c>.
    /// </summary>
    public static byte[] ForHttpApi(GatewayExchange exchange, RouteMatch<HttpRouteDefinition> match, ReadOnlyMemory<byte>? authorizerContext, byte[] body, string stage, string region, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(match);
        Action<Utf8JsonWriter>? authorizer = authorizerContext is not ReadOnlyMemory<byte> context ? null : json =>
        {
            using JsonDocument document = JsonDocument.Parse(context);
            foreach (JsonProperty property in document.RootElement.EnumerateObject())
            {
                property.WriteTo(json);
            }
        };
        return Create(exchange, new PayloadRoute(match.Route.Path, match.PathParameters, match.Route.RouteKey), authorizer, body, stage, region, now);
    }

    private static byte[] Create(GatewayExchange exchange, PayloadRoute route, Action<Utf8JsonWriter>? authorizer, byte[] body, string stage, string region, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        ArgumentNullException.ThrowIfNull(body);
        return EventPayload.Write(json =>
        {
            if (route.RouteKey is not null)
            {
                json.WriteString("version"u8, "1.0"u8);
            }

            WriteRequest(json, exchange, route, authorizer, stage, region, now);
            if (body.Length == 0)
            {
                json.WriteNull("body"u8);
            }
            else
            {
                json.WriteString("body"u8, Encoding.UTF8.GetString(body));
            }

            json.WriteBoolean("isBase64Encoded"u8, false);
        }, 1024 + body.Length);
    }

    /// <summary>The event of a REST API REQUEST authorizer for <paramref name="methodArn"/>.</summary>
    public static byte[] RequestAuthorizer(GatewayExchange exchange, RouteMatch<RouteDefinition> match, string methodArn, string stage, string region, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(match);
        return Authorizer(exchange, new PayloadRoute(match.Route.Path, match.PathParameters, null), methodArn, null, stage, region, now);
    }

    /// <summary>
    /// The event of an HTTP API Lambda authorizer with payload format 1.0: <c>version</c> 1.0,
    /// <c>type</c> REQUEST, the route ARN as <c>methodArn</c>, the identity source values joined
    /// with commas as <c>identitySource</c>, and the request as a REST REQUEST authorizer gets it.
    /// </summary>
    public static byte[] HttpAuthorizer(GatewayExchange exchange, RouteMatch<HttpRouteDefinition> match, string routeArn, IReadOnlyList<string> identitySource, string stage, string region, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(match);
        ArgumentNullException.ThrowIfNull(identitySource);
        return Authorizer(exchange, new PayloadRoute(match.Route.Path, match.PathParameters, match.Route.RouteKey), routeArn, string.Join(',', identitySource), stage, region, now);
    }

    private static byte[] Authorizer(GatewayExchange exchange, PayloadRoute route, string methodArn, string? identitySource, string stage, string region, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        return EventPayload.Write(json =>
        {
            if (route.RouteKey is not null)
            {
                json.WriteString("version"u8, "1.0"u8);
            }

            json.WriteString("type"u8, "REQUEST"u8);
            json.WriteString("methodArn"u8, methodArn);
            if (identitySource is not null)
            {
                json.WriteString("identitySource"u8, identitySource);
            }

            WriteRequest(json, exchange, route, null, stage, region, now);
        });
    }

    private static void WriteRequest(Utf8JsonWriter json, GatewayExchange exchange, PayloadRoute route, Action<Utf8JsonWriter>? authorizer, string stage, string region, DateTimeOffset now)
    {
        json.WriteString("resource"u8, route.Path);
        json.WriteString("path"u8, QueryString.Decode(exchange.Path));
        json.WriteString("httpMethod"u8, exchange.Method);
        WriteValues(json, "headers"u8, "multiValueHeaders"u8, exchange.Request.Headers);
        WriteValues(json, "queryStringParameters"u8, "multiValueQueryStringParameters"u8, QueryString.Pairs(exchange.Query));
        if (route.PathParameters.IsEmpty)
        {
            json.WriteNull("pathParameters"u8);
        }
        else
        {
            json.WriteStartObject("pathParameters"u8);
            foreach ((string name, string value) in route.PathParameters)
            {
                json.WriteString(name, value);
            }

            json.WriteEndObject();
        }

        json.WriteNull("stageVariables"u8);
        json.WriteStartObject("requestContext"u8);
        json.WriteString("resourcePath"u8, route.Path);
        if (route.RouteKey is not null)
        {
            json.WriteString("routeKey"u8, route.RouteKey);
        }

        json.WriteString("httpMethod"u8, exchange.Method);
        json.WriteString("requestTime"u8, now.ToString("dd/MMM/yyyy:HH:mm:ss +0000", CultureInfo.InvariantCulture));
        json.WriteNumber("requestTimeEpoch"u8, now.ToUnixTimeMilliseconds());
        json.WriteString("path"u8, "/" + stage + QueryString.Decode(exchange.Path));
        json.WriteString("accountId"u8, GatewaySettings.AccountId);
        json.WriteString("protocol"u8, "HTTP/1.1");
        json.WriteString("stage"u8, stage);
        json.WriteString("domainPrefix"u8, GatewaySettings.ApiId);
        json.WriteString("domainName"u8, $"{GatewaySettings.ApiId}.execute-api.{region}.amazonaws.com");
        json.WriteString("apiId"u8, GatewaySettings.ApiId);
        json.WriteString("requestId"u8, exchange.RequestId);
        json.WriteStartObject("identity"u8);
        json.WriteString("sourceIp"u8, exchange.Request.SourceIp);
        if (exchange.Header("User-Agent") is { } agent)
        {
            json.WriteString("userAgent"u8, agent);
        }

        json.WriteEndObject();
        if (authorizer is not null)
        {
            json.WriteStartObject("authorizer"u8);
            authorizer(json);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    /// <summary>A name's last value under <paramref name="single"/>, all its values under <paramref name="multi"/>; both null when there are none.</summary>
    private static void WriteValues(Utf8JsonWriter json, ReadOnlySpan<byte> single, ReadOnlySpan<byte> multi, IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var byName = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach ((string name, string value) in pairs)
        {
            if (!byName.TryGetValue(name, out List<string>? values))
            {
                byName[name] = values = [];
                order.Add(name);
            }

            values.Add(value);
        }

        if (order.Count == 0)
        {
            json.WriteNull(single);
            json.WriteNull(multi);
            return;
        }

        json.WriteStartObject(single);
        foreach (string name in order)
        {
            json.WriteString(name, byName[name][^1]);
        }

        json.WriteEndObject();
        json.WriteStartObject(multi);
        foreach (string name in order)
        {
            json.WriteStartArray(name);
            foreach (string value in byName[name])
            {
                json.WriteStringValue(value);
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    /// <summary>The route as a payload 1.0 event names it: its path, the bound parameters, and (HTTP API) its route key.</summary>
    private sealed record PayloadRoute(string Path, System.Collections.Immutable.ImmutableDictionary<string, string> PathParameters, string? RouteKey);
}
