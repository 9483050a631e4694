using System.Diagnostics;
using AotAuth.LocalHosting;
using AotAuth.Core.Api;
using AotAuth.Gateway;
using Microsoft.AspNetCore.Http;

namespace AotAuth.Cli.LocalGateway;

/// <summary>
/// One request through the emulated HTTP API (<c>serve --api http</c>), in AWS's order: route
/// (404), identity source (401 without invoking the authorizer), authorizer result cache keyed by
/// the identity source values, authorizer (payload 2.0; simple response or IAM policy), its
/// verdict (403), then the Lambda proxy integration (payload 2.0) whose answer is the response.
/// An authorizer or integration failure is a 500. Every answer carries <c>apigw-requestid</c>.
/// </summary>
internal sealed class HttpApiPipeline
{
    /// <summary>The account in route ARNs and events, as in the REST gateway's method ARNs.</summary>
    private const string AccountId = "123456789012";

    private readonly HttpApiDefinition _api;
    private readonly HttpRouteTable _routes;
    private readonly HttpIdentitySource _identity;
    private readonly AuthorizerResultCache<HttpAuthorizerResult> _cache;
    private readonly MethodArnBuilder _arns;
    private readonly HttpApiContext _context;
    private readonly FunctionPool _authorizer;
    private readonly FunctionPool _user;
    private readonly Action<string> _log;
    private readonly AdminPaths _admin;

    public HttpApiPipeline(GatewayOptions options, FunctionPool authorizer, FunctionPool user, GatewayMetrics metrics, Action<string> log)
    {
        _api = AotAuthApi.HttpDefinition(options.HttpSimpleResponses);
        _routes = new HttpRouteTable(_api);
        _identity = new HttpIdentitySource(_api.Authorizer.IdentitySource);
        _cache = new AuthorizerResultCache<HttpAuthorizerResult>(TimeSpan.FromSeconds(_api.Authorizer.ResultTtlSeconds), options.Clock);
        _arns = new MethodArnBuilder(options.Region, AccountId, "local", _api.StageName);
        _context = new HttpApiContext(AccountId, "local", _api.StageName, $"local.execute-api.{options.Region}.amazonaws.com");
        _authorizer = authorizer;
        _user = user;
        Metrics = metrics;
        _log = log;
        _admin = new AdminPaths(options, metrics, authorizer, ClearResults, log);
    }

    /// <summary>Requests, decisions, cache and latency numbers.</summary>
    public GatewayMetrics Metrics { get; }

    public async Task HandleAsync(HttpContext http)
    {
        long started = Stopwatch.GetTimestamp();
        string requestId = Guid.NewGuid().ToString();
        http.Response.Headers["apigw-requestid"] = requestId;
        string method = http.Request.Method;
        (string path, string query) = RequestTarget.Of(http);
        if (await _admin.TryHandleAsync(http, method, path))
        {
            return;
        }

        string route = "unmatched";
        HttpProxyResponse response;
        try
        {
            (response, route) = await HandleCoreAsync(http, method, path, query, requestId);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            response = HttpProxyResponse.Message(413, HttpApiResponses.TooLargeMessage);
        }

        await WriteAsync(http, response);
        Metrics.Request(route, response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);

        // Never the Authorization header: only what a user needs to follow the traffic.
        _log($"{method} {path} -> {response.StatusCode} ({Stopwatch.GetElapsedTime(started).TotalMilliseconds:F1} ms, request {requestId})");
    }

    private async Task<(HttpProxyResponse Response, string Route)> HandleCoreAsync(HttpContext http, string method, string path, string rawQuery, string requestId)
    {
        if (!_routes.TryMatch(method, path, out HttpRouteMatch? match))
        {
            return (HttpProxyResponse.Message(404, HttpApiResponses.NotFoundMessage), "unmatched");
        }

        string route = match!.Route.RouteKey;
        if (http.Request.ContentLength > GatewayServer.MaxBodyBytes)
        {
            return (HttpProxyResponse.Message(413, HttpApiResponses.TooLargeMessage), route);
        }

        byte[] body = await ReadBodyAsync(http);
        var request = HttpApiRequest.Create(
            method, path, rawQuery,
            http.Request.Headers.SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v ?? string.Empty))),
            body, http.Connection.RemoteIpAddress?.ToString() ?? "127.0.0.1", requestId, DateTimeOffset.UtcNow);

        ReadOnlyMemory<byte>? authorizerContext = null;
        if (match.Route.AuthorizerName is not null)
        {
            (HttpAuthorizerResult? result, HttpProxyResponse? refusal) = await AuthorizeAsync(http, request, match);
            if (refusal is not null)
            {
                return (refusal, route);
            }

            authorizerContext = result!.Context;
        }

        FunctionResult invoked = await _user.InvokeAsync(HttpApiEvents.Proxy(request, match, authorizerContext, _context), TraceIds.New(), http.RequestAborted);
        return (invoked.IsSuccess ? HttpProxyResponse.FromFunction(invoked.Payload) : HttpProxyResponse.InternalServerError, route);
    }

    /// <summary>The Lambda authorizer step: a null refusal means the request may go on.</summary>
    private async Task<(HttpAuthorizerResult? Result, HttpProxyResponse? Refusal)> AuthorizeAsync(HttpContext http, HttpApiRequest request, HttpRouteMatch match)
    {
        if (!_identity.TryResolve(request, match, out var identity))
        {
            Metrics.Decision(GatewayDecision.Unauthorized);
            return (null, HttpProxyResponse.Message(401, HttpApiResponses.UnauthorizedMessage));
        }

        string routeArn = _arns.Build(request.Method, request.RawPath);
        string key = HttpIdentitySource.CacheKey(identity);
        bool cached = _cache.TryGet(key, out HttpAuthorizerResult? result);
        Metrics.CacheLookup(cached);
        if (!cached)
        {
            long generation = _cache.Generation;
            byte[] authorizerEvent = HttpApiEvents.Authorizer(request, match, routeArn, identity, _context);
            FunctionResult invoked = await _authorizer.InvokeAsync(authorizerEvent, TraceIds.New(), http.RequestAborted);
            if (!invoked.IsSuccess)
            {
                // HTTP APIs document no authorizer error that becomes 401: every failure is a 500.
                Metrics.Decision(GatewayDecision.Error);
                return (null, HttpProxyResponse.InternalServerError);
            }

            if (!HttpAuthorizerResult.TryParse(invoked.Payload, _api.Authorizer.EnableSimpleResponses, out result, out string? problem))
            {
                _log($"authorizer answered an invalid response: {problem}");
                Metrics.Decision(GatewayDecision.Error);
                return (null, HttpProxyResponse.InternalServerError);
            }

            _cache.Set(key, result!, generation);
        }

        if (!result!.Allows(routeArn))
        {
            Metrics.Decision(result.IsAuthorized is null ? GatewayDecision.ExplicitDeny : GatewayDecision.ImplicitDeny);
            return (null, HttpProxyResponse.Message(403, HttpApiResponses.ForbiddenMessage));
        }

        Metrics.Decision(GatewayDecision.Allow);
        return (result, null);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpContext http)
    {
        using var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body, http.RequestAborted);
        return body.ToArray();
    }

    private static async Task WriteAsync(HttpContext http, HttpProxyResponse response)
    {
        http.Response.StatusCode = response.StatusCode;
        foreach ((string name, string value) in response.Headers)
        {
            http.Response.Headers.Append(name, value);
        }

        if (response.Body.Length > 0 && response.StatusCode != StatusCodes.Status204NoContent)
        {
            await http.Response.Body.WriteAsync(response.Body, http.RequestAborted);
        }
    }

    private int ClearResults() => _cache.Clear();
}
