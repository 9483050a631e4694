using AotAuth.Core.Api;

namespace AotAuth.Gateway;

/// <summary>
/// An HTTP API, in AWS's order: route (404), payload limit (413), identity source (401 without
/// invoking the authorizer), authorizer result cache keyed by the identity source values,
/// authorizer (payload 2.0; simple response or IAM policy), its verdict (403), then the Lambda
/// proxy integration (payload 2.0) whose answer is the response. An authorizer or integration
/// failure is a 500.
/// </summary>
public sealed class HttpApiFlavour : IApiFlavour
{
    private readonly RouteTable<HttpRouteDefinition> _routes;
    private readonly MethodArnBuilder _arns;
    private readonly HttpApiContext _context;
    private readonly GatewayFunctions _functions;
    private readonly Dictionary<string, HttpAuthorizer> _authorizers;
    private readonly string _stage;
    private readonly string _region;
    private readonly GatewayMetrics _metrics;
    private readonly Action<string> _log;

    /// <param name="api">The API model.</param>
    /// <param name="functions">The functions it names.</param>
    /// <param name="settings">Region and clock.</param>
    /// <param name="metrics">Where decisions and cache lookups are counted.</param>
    /// <param name="log">Where an invalid authorizer answer is reported.</param>
    public HttpApiFlavour(HttpApiDefinition api, GatewayFunctions functions, GatewaySettings settings, GatewayMetrics metrics, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(functions);
        ArgumentNullException.ThrowIfNull(settings);
        _routes = RouteTable.For(api);
        _stage = api.StageName;
        _region = settings.Region;
        _arns = new MethodArnBuilder(settings.Region, GatewaySettings.AccountId, GatewaySettings.ApiId, api.StageName);
        _context = new HttpApiContext(GatewaySettings.AccountId, GatewaySettings.ApiId, api.StageName, $"{GatewaySettings.ApiId}.execute-api.{settings.Region}.amazonaws.com");
        _functions = functions;
        _authorizers = AuthorizersInUse.ByName(api.Routes.Select(r => r.AuthorizerName), name => new HttpAuthorizer(api.AuthorizerNamed(name), functions, settings.Clock));
        _metrics = metrics;
        _log = log;
    }

    /// <inheritdoc />
    public string RequestIdHeader => "apigw-requestid";

    /// <inheritdoc />
    public IReadOnlyList<IFunctionInvoker> Authorizers => [.. _authorizers.Values.Select(a => a.Function).Distinct()];

    /// <inheritdoc />
    public GatewayAnswer TooLarge() => Answer(HttpProxyResponse.Message(413, HttpApiResponses.TooLargeMessage));

    /// <inheritdoc />
    public int ClearResults() => _authorizers.Values.Sum(a => a.Cache.Clear());

    /// <inheritdoc />
    public async Task<(GatewayAnswer Answer, string Route)> HandleAsync(GatewayExchange exchange)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        if (!_routes.TryMatch(exchange.Method, exchange.Path, out RouteMatch<HttpRouteDefinition>? match))
        {
            return (Answer(HttpProxyResponse.Message(404, HttpApiResponses.NotFoundMessage)), "unmatched");
        }

        string route = match!.Route.RouteKey;
        if (exchange.DeclaresTooLargeBody)
        {
            return (TooLarge(), route);
        }

        byte[] body = await exchange.ReadBodyAsync();
        var request = HttpApiRequest.Create(exchange.Method, exchange.Path, exchange.Query, exchange.Request.Headers, body, exchange.Request.SourceIp, exchange.RequestId, DateTimeOffset.UtcNow);
        ReadOnlyMemory<byte>? authorizerContext = null;
        if (match.Route.AuthorizerName is not null)
        {
            (HttpAuthorizerResult? result, HttpProxyResponse? refusal) = await AuthorizeAsync(_authorizers[match.Route.AuthorizerName], exchange, request, match);
            if (refusal is not null)
            {
                return (Answer(refusal), route);
            }

            authorizerContext = result!.Context;
        }

        bool version1 = match.Route.PayloadFormat == HttpAuthorizerDefinition.PayloadFormatVersion1;
        byte[] proxyEvent = version1
            ? RestProxyEvent.ForHttpApi(exchange, match, authorizerContext, body, _stage, _region, request.Time)
            : HttpApiEvents.Proxy(request, match, authorizerContext, _context);
        FunctionResult invoked = await _functions[match.Route.FunctionName].InvokeAsync(proxyEvent, exchange.TraceId, exchange.Aborted);
        return invoked.Outcome switch
        {
            FunctionOutcome.Success when version1 => (RestProxyResponse.TryRead(invoked.Payload, out _) ?? Answer(HttpProxyResponse.InternalServerError), route),
            FunctionOutcome.Success => (Answer(HttpProxyResponse.FromFunction(invoked.Payload)), route),
            FunctionOutcome.Unavailable => (Answer(HttpProxyResponse.Message(502, HttpApiResponses.BadGatewayMessage)), route),
            _ => (Answer(HttpProxyResponse.InternalServerError), route),
        };
    }

    /// <summary>The Lambda authorizer step: a null refusal means the request may go on.</summary>
    private async Task<(HttpAuthorizerResult? Result, HttpProxyResponse? Refusal)> AuthorizeAsync(HttpAuthorizer active, GatewayExchange exchange, HttpApiRequest request, RouteMatch<HttpRouteDefinition> match)
    {
        if (!active.Identity.TryResolve(request, match, out var identity))
        {
            _metrics.Decision(GatewayDecision.Unauthorized);
            return (null, HttpProxyResponse.Message(401, HttpApiResponses.UnauthorizedMessage));
        }

        string routeArn = _arns.Build(request.Method, request.RawPath);
        string key = HttpIdentitySource.CacheKey(identity);
        bool cached = active.Cache.TryGet(key, out HttpAuthorizerResult? result);
        _metrics.CacheLookup(cached);
        if (!cached)
        {
            // Read before invoking: a flush while the authorizer runs makes this answer too old to cache.
            long generation = active.Cache.Generation;
            byte[] authorizerEvent = active.Definition.PayloadFormat == HttpAuthorizerDefinition.PayloadFormatVersion1
                ? RestProxyEvent.HttpAuthorizer(exchange, match, routeArn, identity, _stage, _region, request.Time)
                : HttpApiEvents.Authorizer(request, match, routeArn, identity, _context);
            FunctionResult invoked = await active.Function.InvokeAsync(authorizerEvent, exchange.TraceId, exchange.Aborted);
            if (!invoked.IsSuccess)
            {
                // HTTP APIs document no authorizer error that becomes 401: every failure is a 500.
                _metrics.Decision(GatewayDecision.Error);
                return (null, HttpProxyResponse.InternalServerError);
            }

            if (!HttpAuthorizerResult.TryParse(invoked.Payload, active.Definition.EnableSimpleResponses, out result, out string? problem))
            {
                _log($"authorizer answered an invalid response: {problem}");
                _metrics.Decision(GatewayDecision.Error);
                return (null, HttpProxyResponse.InternalServerError);
            }

            active.Cache.Set(key, result!, generation);
        }

        if (!result!.Allows(routeArn))
        {
            _metrics.Decision(result.IsAuthorized is null ? GatewayDecision.ExplicitDeny : GatewayDecision.ImplicitDeny);
            return (null, HttpProxyResponse.Message(403, HttpApiResponses.ForbiddenMessage));
        }

        _metrics.Decision(GatewayDecision.Allow);
        return (result, null);
    }

    private static GatewayAnswer Answer(HttpProxyResponse response) => new(response.StatusCode, response.Headers, response.Body);

    /// <summary>An authorizer in use: its definition, identity sources, function and its own result cache.</summary>
    private sealed class HttpAuthorizer(HttpAuthorizerDefinition definition, GatewayFunctions functions, TimeProvider clock)
    {
        public HttpAuthorizerDefinition Definition { get; } = definition;

        public HttpIdentitySource Identity { get; } = new(definition.IdentitySource);

        public IFunctionInvoker Function { get; } = functions[definition.FunctionName];

        public AuthorizerResultCache<HttpAuthorizerResult> Cache { get; } = new(TimeSpan.FromSeconds(definition.ResultTtlSeconds), clock);
    }
}
