using System.Globalization;
using System.Text;
using System.Text.Json;
using AotAuth.Core.Api;

namespace AotAuth.Gateway;

/// <summary>
/// The payload format 2.0 events an HTTP API sends to Lambda, field for field as AWS documents
/// them ("Working with AWS Lambda authorizers for HTTP APIs", "Working with AWS Lambda proxy
/// integrations for HTTP APIs"): the authorizer's event and the integration's proxy event.
/// </summary>
public static class HttpApiEvents
{
    /// <summary>The authorizer event: <c>version</c>, <c>type</c>, <c>routeArn</c>, <c>identitySource</c>, <c>routeKey</c>, the request.</summary>
    public static byte[] Authorizer(HttpApiRequest request, RouteMatch<HttpRouteDefinition> match, string routeArn, IReadOnlyList<string> identitySource, HttpApiContext api)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(match);
        ArgumentNullException.ThrowIfNull(identitySource);
        return EventPayload.Write(json =>
        {
            json.WriteString("version"u8, "2.0"u8);
            json.WriteString("type"u8, "REQUEST"u8);
            json.WriteString("routeArn"u8, routeArn);
            json.WriteStartArray("identitySource"u8);
            foreach (string value in identitySource)
            {
                json.WriteStringValue(value);
            }

            json.WriteEndArray();
            WriteRequest(json, request, match, api);
            json.WriteEndObject(); // requestContext, left open by WriteRequest
        });
    }

    /// <summary>
    /// The proxy event: the request, with the authorizer's context as <c>requestContext.authorizer.lambda</c>
    /// (<paramref name="authorizerContext"/>: the context object's JSON, or null for none).
    /// </summary>
    public static byte[] Proxy(HttpApiRequest request, RouteMatch<HttpRouteDefinition> match, ReadOnlyMemory<byte>? authorizerContext, HttpApiContext api)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(match);
        return EventPayload.Write(json =>
        {
            json.WriteString("version"u8, "2.0"u8);
            WriteRequest(json, request, match, api);
            if (authorizerContext is ReadOnlyMemory<byte> context)
            {
                json.WriteStartObject("authorizer"u8);
                json.WritePropertyName("lambda"u8);
                json.WriteRawValue(context.Span, skipInputValidation: false);
                json.WriteEndObject();
            }

            json.WriteEndObject(); // requestContext
            if (!request.Body.IsEmpty)
            {
                // Text stays text; bytes that are not UTF-8 go base64, as HTTP APIs send binary bodies.
                bool text = IsUtf8(request.Body.Span);
                json.WriteString("body"u8, text ? Encoding.UTF8.GetString(request.Body.Span) : Convert.ToBase64String(request.Body.Span));
                json.WriteBoolean("isBase64Encoded"u8, !text);
            }
            else
            {
                json.WriteBoolean("isBase64Encoded"u8, false);
            }
        });
    }

    /// <summary>The parts both events share, leaving <c>requestContext</c> open for the caller to finish.</summary>
    private static void WriteRequest(Utf8JsonWriter json, HttpApiRequest request, RouteMatch<HttpRouteDefinition> match, HttpApiContext api)
    {
        json.WriteString("routeKey"u8, match.Route.RouteKey);
        json.WriteString("rawPath"u8, request.RawPath);
        json.WriteString("rawQueryString"u8, request.RawQueryString);
        if (!request.Cookies.IsEmpty)
        {
            json.WriteStartArray("cookies"u8);
            foreach (string cookie in request.Cookies)
            {
                json.WriteStringValue(cookie);
            }

            json.WriteEndArray();
        }

        WriteMap(json, "headers"u8, request.Headers);
        var query = request.QueryParameters();
        if (!query.IsEmpty)
        {
            WriteMap(json, "queryStringParameters"u8, query);
        }

        if (!match.PathParameters.IsEmpty)
        {
            WriteMap(json, "pathParameters"u8, match.PathParameters.OrderBy(p => p.Key, StringComparer.Ordinal));
        }

        json.WriteStartObject("requestContext"u8);
        json.WriteString("accountId"u8, api.AccountId);
        json.WriteString("apiId"u8, api.ApiId);
        json.WriteString("domainName"u8, api.DomainName);
        json.WriteString("domainPrefix"u8, api.ApiId);
        json.WriteStartObject("http"u8);
        json.WriteString("method"u8, request.Method);
        json.WriteString("path"u8, request.RawPath);
        json.WriteString("protocol"u8, "HTTP/1.1"u8);
        json.WriteString("sourceIp"u8, request.SourceIp);
        json.WriteString("userAgent"u8, request.Header("user-agent") ?? string.Empty);
        json.WriteEndObject();
        json.WriteString("requestId"u8, request.RequestId);
        json.WriteString("routeKey"u8, match.Route.RouteKey);
        json.WriteString("stage"u8, api.Stage);
        json.WriteString("time"u8, request.Time.ToString("dd/MMM/yyyy:HH:mm:ss +0000", CultureInfo.InvariantCulture));
        json.WriteNumber("timeEpoch"u8, request.Time.ToUnixTimeMilliseconds());
    }

    private static void WriteMap(Utf8JsonWriter json, ReadOnlySpan<byte> name, IEnumerable<KeyValuePair<string, string>> values)
    {
        json.WriteStartObject(name);
        foreach ((string key, string value) in values)
        {
            json.WriteString(key, value);
        }

        json.WriteEndObject();
    }

    private static bool IsUtf8(ReadOnlySpan<byte> bytes) => System.Text.Unicode.Utf8.IsValid(bytes);
}

/// <summary>Where the local HTTP API pretends to run: account, API id, stage, domain.</summary>
/// <param name="AccountId">Twelve-digit account id.</param>
/// <param name="ApiId">The API id.</param>
/// <param name="Stage">The stage (<c>$default</c>).</param>
/// <param name="DomainName">The host name the API answers on.</param>
public sealed record HttpApiContext(string AccountId, string ApiId, string Stage, string DomainName);
