using System.Buffers;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using AotAuth.Cli.Functions;
using AotAuth.LocalHosting;
using AotAuth.Core.Api;
using AotAuth.Gateway;
using Microsoft.AspNetCore.Http;

namespace AotAuth.Cli.LocalGateway;

/// <summary>
/// One request through the emulated API Gateway, in AWS's order: route, method ARN length
/// (414), identity source and validation expression, authorizer (cached by token for the
/// TTL), policy evaluation against this request's method ARN, content type (415), body
/// validation, mapping template, integration, integration response. Every answer carries
/// <c>x-amzn-RequestId</c>.
/// </summary>
internal sealed class GatewayPipeline : IDisposable
{
    /// <summary>
    /// The 414 body: AWS documents the status for a method ARN over 1,600 bytes but not the
    /// body; this follows its other built-in answers (<c>{"message":"Request Too Long"}</c> for 413).
    /// </summary>
    internal const string UriTooLongBody = """{"message":"Request-URI Too Long"}""";

    private readonly ApiDefinition _api = AotAuthApi.Definition;
    private readonly RouteTable _routes;
    private readonly GatewayResponses _responses;
    private readonly MethodArnBuilder _arns;
    private readonly AuthorizerResultCache<AuthorizerOutput> _cache;
    private readonly Dictionary<string, ModelValidator> _models;
    private readonly FunctionPool _authorizer;
    private readonly FunctionPool _user;
    private readonly Action<string> _log;
    private readonly AdminPaths _admin;

    public GatewayPipeline(GatewayOptions options, FunctionPool authorizer, FunctionPool user, GatewayMetrics metrics, Action<string> log)
    {
        Metrics = metrics;
        _routes = new RouteTable(_api);
        _responses = new GatewayResponses(_api);
        _arns = new MethodArnBuilder(options.Region, "123456789012", "local", _api.StageName);
        _cache = new AuthorizerResultCache<AuthorizerOutput>(TimeSpan.FromSeconds(_api.Authorizer.ResultTtlSeconds), options.Clock);
        _models = _api.Models.ToDictionary(m => m.Name, m => new ModelValidator(m.Schema), StringComparer.Ordinal);
        _authorizer = authorizer;
        _user = user;
        _log = log;
        _admin = new AdminPaths(options, metrics, authorizer, ClearResults, log);
    }

    /// <summary>Requests, decisions, cache and latency numbers.</summary>
    public GatewayMetrics Metrics { get; }

    public void Dispose()
    {
        foreach (ModelValidator validator in _models.Values)
        {
            validator.Dispose();
        }
    }

    public async Task HandleAsync(HttpContext http)
    {
        long started = Stopwatch.GetTimestamp();
        string requestId = Guid.NewGuid().ToString();
        string traceId = TraceIds.New();
        http.Response.Headers["x-amzn-RequestId"] = requestId;
        string method = http.Request.Method;
        string path = RequestTarget.Of(http).Path;
        if (await _admin.TryHandleAsync(http, method, path))
        {
            return;
        }

        int status;
        string route = "unmatched";
        try
        {
            (status, route) = await HandleCoreAsync(http, method, path, requestId, traceId);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            status = await WriteAsync(http, 413, """{"message":"Request Too Long"}""");
        }

        Metrics.Request(route, status, Stopwatch.GetElapsedTime(started).TotalMilliseconds);

        // Never the Authorization header: only what a user needs to follow the traffic.
        _log($"{method} {path} -> {status} ({Stopwatch.GetElapsedTime(started).TotalMilliseconds:F1} ms, request {requestId})");
    }

    private async Task<(int Status, string Route)> HandleCoreAsync(HttpContext http, string method, string path, string requestId, string traceId)
    {
        if (!_routes.TryMatch(method, path, out RouteMatch? match))
        {
            return (await WriteAsync(http, _responses.Get(GatewayResponseType.MissingAuthenticationToken)), "unmatched");
        }

        RouteDefinition route = match!.Route;
        if (http.Request.ContentLength > GatewayServer.MaxBodyBytes)
        {
            // Checked before the authorizer, as API Gateway does: no invocation for a request that cannot be served.
            return (await WriteAsync(http, 413, """{"message":"Request Too Long"}"""), route.ToString());
        }

        return (await HandleRouteAsync(http, method, path, match, requestId, traceId), route.ToString());
    }

    private async Task<int> HandleRouteAsync(HttpContext http, string method, string path, RouteMatch match, string requestId, string traceId)
    {
        RouteDefinition route = match.Route;
        AuthorizerOutput? identity = null;
        if (route.AuthorizerName is not null)
        {
            // API Gateway limits the method ARN of an authorized method to 1,600 bytes and
            // answers 414 without authorizing; checked before the token too (our choice: AWS
            // documents the 414, not its order against the token check).
            string methodArn = _arns.Build(method, path);
            if (MethodArnBuilder.IsTooLong(methodArn))
            {
                return await WriteAsync(http, StatusCodes.Status414UriTooLong, UriTooLongBody);
            }

            (identity, GatewayResponse? refusal) = await AuthorizeAsync(http, methodArn, traceId);
            if (refusal is not null)
            {
                return await WriteAsync(http, refusal);
            }
        }

        // Every integration has passthrough NEVER and one mapping template, for application/json
        // (as the CDK stack deploys it). A request of another media type has no template, and no
        // model to be validated against either, so API Gateway refuses it with 415 here.
        if (RequestContentType.MediaType(http.Request.ContentType) != AotAuthApi.JsonContentType)
        {
            return await WriteAsync(http, StatusCodes.Status415UnsupportedMediaType, RequestContentType.UnsupportedMediaTypeBody);
        }

        byte[] body = await ReadBodyAsync(http);
        if (route.ValidateRequestBody && route.RequestModelName is string model && !_models[model].IsValid(body))
        {
            return await WriteAsync(http, _responses.Get(GatewayResponseType.BadRequestBody));
        }

        TemplateContext request = TemplateContext.ForRequest(identity, requestId, Encoding.UTF8.GetString(body), match.PathParameters) with
        {
            QueryParameters = http.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal),
            Headers = http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
        };
        string integrationEvent;
        try
        {
            integrationEvent = MappingTemplate.Render(route.RequestTemplate, request);
        }
        catch (FormatException)
        {
            // $input.json('$') over a body that is not JSON, on a method without a validator.
            return await WriteAsync(http, _responses.Get(GatewayResponseType.BadRequestBody));
        }

        FunctionResult result = await _user.InvokeAsync(Encoding.UTF8.GetBytes(integrationEvent), traceId, http.RequestAborted);
        IntegrationResponse response = IntegrationResponseSelector.Select(
            route,
            result.IsSuccess ? null : result.ErrorMessage ?? result.ErrorType ?? "Internal error",
            Encoding.UTF8.GetString(result.Payload),
            request);
        return await WriteAsync(http, response.StatusCode, response.Body);
    }

    /// <summary>The TOKEN authorizer step: null refusal means the request may go on.</summary>
    private async Task<(AuthorizerOutput? Identity, GatewayResponse? Refusal)> AuthorizeAsync(HttpContext http, string methodArn, string traceId)
    {
        string? token = http.Request.Headers[_api.Authorizer.IdentityHeader].FirstOrDefault();
        if (!TokenAuthorization.IsTokenAcceptable(token, _api.Authorizer))
        {
            Metrics.Decision(GatewayDecision.Unauthorized);
            return (null, _responses.Get(GatewayResponseType.Unauthorized));
        }

        bool cached = _cache.TryGet(token!, out AuthorizerOutput? output);
        Metrics.CacheLookup(cached);
        if (!cached)
        {
            long generation = _cache.Generation;
            FunctionResult result = await _authorizer.InvokeAsync(TokenEvent(token!, methodArn), traceId, http.RequestAborted);
            if (!result.IsSuccess)
            {
                GatewayResponseType refusal = TokenAuthorization.ForAuthorizerError(result.Outcome == FunctionOutcome.Error ? result.ErrorMessage : null);
                Metrics.Decision(refusal == GatewayResponseType.Unauthorized ? GatewayDecision.Unauthorized : GatewayDecision.Error);
                return (null, _responses.Get(refusal));
            }

            if (!AuthorizerOutput.TryParse(result.Payload, out output, out string? problem))
            {
                _log($"authorizer answered an invalid response: {problem}");
                Metrics.Decision(GatewayDecision.Error);
                return (null, _responses.Get(GatewayResponseType.AuthorizerConfigurationError));
            }

            _cache.Set(token!, output!, generation);
        }

        PolicyDecision decision = PolicyEvaluator.Evaluate(output!, methodArn);
        Metrics.Decision(decision switch
        {
            PolicyDecision.Allow => GatewayDecision.Allow,
            PolicyDecision.ExplicitDeny => GatewayDecision.ExplicitDeny,
            _ => GatewayDecision.ImplicitDeny,
        });
        return decision == PolicyDecision.Allow ? (output, null) : (null, _responses.ForDecision(decision));
    }

    private static byte[] TokenEvent(string token, string methodArn)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type"u8, "TOKEN"u8);
            json.WriteString("authorizationToken"u8, token);
            json.WriteString("methodArn"u8, methodArn);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static async Task<byte[]> ReadBodyAsync(HttpContext http)
    {
        using var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body, http.RequestAborted);
        return body.ToArray();
    }

    private static Task<int> WriteAsync(HttpContext http, GatewayResponse response)
    {
        foreach ((string name, string value) in response.Headers)
        {
            http.Response.Headers[name] = value;
        }

        return WriteAsync(http, response.StatusCode, response.Body);
    }

    private static async Task<int> WriteAsync(HttpContext http, int status, string body)
    {
        http.Response.StatusCode = status;
        if (status != StatusCodes.Status204NoContent)
        {
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(body, http.RequestAborted);
        }

        return status;
    }

    private int ClearResults() => _cache.Clear();
}
