using System.Text;
using AotAuth.Core.Api;

namespace AotAuth.Gateway;

/// <summary>
/// A REST API, in AWS's order: route (403 MISSING_AUTHENTICATION_TOKEN), payload limit (413),
/// method ARN length (414), identity source and validation expression, TOKEN authorizer (cached
/// by token for the TTL), policy evaluation against this request's method ARN, content type
/// (415), body validation, mapping template, integration, integration response.
/// </summary>
public sealed class RestApiFlavour : IApiFlavour, IDisposable
{
    /// <summary>
    /// The 414 body: AWS documents the status for a method ARN over 1,600 bytes but not the
    /// body; this follows its other built-in answers (<c>{"message":"Request Too Long"}</c> for 413).
    /// </summary>
    public const string UriTooLongBody = """{"message":"Request-URI Too Long"}""";

    /// <summary>The 502 body of an integration that cannot run (API Gateway's body for a broken Lambda integration).</summary>
    public const string BadGatewayBody = """{"message": "Internal server error"}""";

    /// <summary>The 413 body.</summary>
    public const string TooLargeBody = """{"message":"Request Too Long"}""";

    private readonly ApiDefinition _api;
    private readonly RouteTable<RouteDefinition> _routes;
    private readonly GatewayResponses _responses;
    private readonly MethodArnBuilder _arns;
    private readonly Dictionary<string, ModelValidator> _models;
    private readonly GatewayFunctions _functions;
    private readonly Dictionary<string, RestAuthorizer> _authorizers;
    private readonly GatewayMetrics _metrics;
    private readonly Action<string> _log;
    private readonly string _region;
    private readonly TimeProvider _clock;

    /// <param name="api">The API model.</param>
    /// <param name="functions">The functions it names.</param>
    /// <param name="settings">Region and clock.</param>
    /// <param name="metrics">Where decisions and cache lookups are counted.</param>
    /// <param name="log">Where an invalid authorizer answer is reported.</param>
    public RestApiFlavour(ApiDefinition api, GatewayFunctions functions, GatewaySettings settings, GatewayMetrics metrics, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(functions);
        ArgumentNullException.ThrowIfNull(settings);
        _api = api;
        _routes = RouteTable.For(api);
        _responses = new GatewayResponses(api);
        _arns = new MethodArnBuilder(settings.Region, GatewaySettings.AccountId, GatewaySettings.ApiId, api.StageName);
        _models = api.Models.ToDictionary(m => m.Name, m => new ModelValidator(m.Schema), StringComparer.Ordinal);
        _functions = functions;
        _authorizers = AuthorizersInUse.ByName(api.Routes.Select(r => r.AuthorizerName), name => new RestAuthorizer(api.AuthorizerNamed(name), functions, settings.Clock));
        _metrics = metrics;
        _log = log;
        _region = settings.Region;
        _clock = settings.Clock;
    }

    /// <inheritdoc />
    public string RequestIdHeader => "x-amzn-RequestId";

    /// <inheritdoc />
    public IReadOnlyList<IFunctionInvoker> Authorizers => [.. _authorizers.Values.Select(a => a.Function).Distinct()];

    /// <inheritdoc />
    public GatewayAnswer TooLarge() => GatewayAnswer.Json(413, TooLargeBody);

    /// <inheritdoc />
    public int ClearResults() => _authorizers.Values.Sum(a => a.Cache.Clear());

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (ModelValidator validator in _models.Values)
        {
            validator.Dispose();
        }
    }

    /// <inheritdoc />
    public async Task<(GatewayAnswer Answer, string Route)> HandleAsync(GatewayExchange exchange)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        if (!_routes.TryMatch(exchange.Method, exchange.Path, out RouteMatch<RouteDefinition>? match))
        {
            return (Answer(_responses.Get(GatewayResponseType.MissingAuthenticationToken)), "unmatched");
        }

        string route = match!.Route.ToString();

        // Checked before the authorizer, as API Gateway does: no invocation for a request that cannot be served.
        return exchange.DeclaresTooLargeBody ? (TooLarge(), route) : (await HandleRouteAsync(exchange, match), route);
    }

    private async Task<GatewayAnswer> HandleRouteAsync(GatewayExchange exchange, RouteMatch<RouteDefinition> match)
    {
        RouteDefinition route = match.Route;
        AuthorizerOutput? identity = null;
        if (route.AuthorizerName is not null)
        {
            // API Gateway limits the method ARN of an authorized method to 1,600 bytes and
            // answers 414 without authorizing; checked before the token too (our choice: AWS
            // documents the 414, not its order against the token check).
            string methodArn = _arns.Build(exchange.Method, exchange.Path);
            if (MethodArnBuilder.IsTooLong(methodArn))
            {
                return GatewayAnswer.Json(414, UriTooLongBody);
            }

            (identity, GatewayResponse? refusal) = await AuthorizeAsync(_authorizers[route.AuthorizerName], exchange, match, methodArn);
            if (refusal is not null)
            {
                return Answer(refusal);
            }
        }

        if (route.Integration == RestIntegration.LambdaProxy)
        {
            return await ProxyAsync(exchange, match, identity);
        }

        // Every integration has passthrough NEVER and one mapping template, for application/json
        // (as the CDK stack deploys it). A request of another media type has no template, and no
        // model to be validated against either, so API Gateway refuses it with 415 here.
        Dictionary<string, string> headers = exchange.JoinedHeaders();
        if (RequestContentType.MediaType(headers.GetValueOrDefault("Content-Type")) != AotAuthApi.JsonContentType)
        {
            return GatewayAnswer.Json(415, RequestContentType.UnsupportedMediaTypeBody);
        }

        byte[] body = await exchange.ReadBodyAsync();
        if (route.ValidateRequestBody && route.RequestModelName is string model && !_models[model].IsValid(body))
        {
            return Answer(_responses.Get(GatewayResponseType.BadRequestBody));
        }

        TemplateContext request = TemplateContext.ForRequest(identity, exchange.RequestId, Encoding.UTF8.GetString(body), match.PathParameters) with
        {
            QueryParameters = QueryString.Parse(exchange.Query),
            Headers = headers,
        };
        string integrationEvent;
        try
        {
            integrationEvent = MappingTemplate.Render(route.RequestTemplate, request);
        }
        catch (FormatException)
        {
            // $input.json('$') over a body that is not JSON, on a method without a validator.
            return Answer(_responses.Get(GatewayResponseType.BadRequestBody));
        }

        FunctionResult result = await _functions[route.FunctionName].InvokeAsync(Encoding.UTF8.GetBytes(integrationEvent), exchange.TraceId, exchange.Aborted);
        if (result.Outcome == FunctionOutcome.Unavailable)
        {
            return GatewayAnswer.Json(502, BadGatewayBody);
        }

        IntegrationResponse response = IntegrationResponseSelector.Select(
            route,
            result.IsSuccess ? null : result.ErrorMessage ?? result.ErrorType ?? "Internal error",
            Encoding.UTF8.GetString(result.Payload),
            request);
        return response.StatusCode == 204 ? GatewayAnswer.Empty(204) : GatewayAnswer.Json(response.StatusCode, response.Body);
    }

    /// <summary>
    /// A Lambda proxy integration: the request (validated against its model when the method's
    /// validator checks bodies) as a payload 1.0 event; the function's answer is the response, a
    /// function error or a malformed answer a 502.
    /// </summary>
    private async Task<GatewayAnswer> ProxyAsync(GatewayExchange exchange, RouteMatch<RouteDefinition> match, AuthorizerOutput? identity)
    {
        byte[] body = await exchange.ReadBodyAsync();
        if (match.Route.ValidateRequestBody && match.Route.RequestModelName is string model && !_models[model].IsValid(body))
        {
            return Answer(_responses.Get(GatewayResponseType.BadRequestBody));
        }

        byte[] proxyEvent = RestProxyEvent.Create(exchange, match, identity, body, _api.StageName, _region, _clock.GetUtcNow());
        FunctionResult result = await _functions[match.Route.FunctionName].InvokeAsync(proxyEvent, exchange.TraceId, exchange.Aborted);
        if (!result.IsSuccess)
        {
            return RestProxyResponse.BadGateway;
        }

        GatewayAnswer answer = RestProxyResponse.FromFunction(result.Payload, out string? problem);
        if (problem is not null)
        {
            _log($"{match.Route} answered 502: {problem}");
        }

        return answer;
    }

    /// <summary>The authorizer step (TOKEN or REQUEST): null refusal means the request may go on.</summary>
    private async Task<(AuthorizerOutput? Identity, GatewayResponse? Refusal)> AuthorizeAsync(RestAuthorizer active, GatewayExchange exchange, RouteMatch<RouteDefinition> match, string methodArn)
    {
        AuthorizerDefinition authorizer = active.Definition;
        string? key = authorizer.IsRequestAuthorizer ? RequestIdentity(exchange, authorizer) : exchange.Header(authorizer.IdentityHeader);
        if (key is null || (!authorizer.IsRequestAuthorizer && !TokenAuthorization.IsTokenAcceptable(key, authorizer)))
        {
            _log($"401 without invoking the authorizer: {(authorizer.IsRequestAuthorizer ? "an identity source is missing or empty" : TokenAuthorization.RefusalReason(key, authorizer))}");
            _metrics.Decision(GatewayDecision.Unauthorized);
            return (null, _responses.Get(GatewayResponseType.Unauthorized));
        }

        bool cached = active.Cache.TryGet(key, out AuthorizerOutput? output);
        _metrics.CacheLookup(cached);
        if (!cached)
        {
            // Read before invoking: a flush while the authorizer runs makes this answer too old to cache.
            long generation = active.Cache.Generation;
            byte[] authorizerEvent = authorizer.IsRequestAuthorizer
                ? RestProxyEvent.RequestAuthorizer(exchange, match, methodArn, _api.StageName, _region, _clock.GetUtcNow())
                : TokenEvent(key, methodArn);
            FunctionResult result = await active.Function.InvokeAsync(authorizerEvent, exchange.TraceId, exchange.Aborted);
            if (!result.IsSuccess)
            {
                GatewayResponseType refusal = TokenAuthorization.ForAuthorizerError(result.Outcome == FunctionOutcome.Error ? result.ErrorMessage : null);
                _metrics.Decision(refusal == GatewayResponseType.Unauthorized ? GatewayDecision.Unauthorized : GatewayDecision.Error);
                return (null, _responses.Get(refusal));
            }

            if (!AuthorizerOutput.TryParse(result.Payload, out output, out string? problem))
            {
                _log($"authorizer answered an invalid response: {problem}");
                _metrics.Decision(GatewayDecision.Error);
                return (null, _responses.Get(GatewayResponseType.AuthorizerConfigurationError));
            }

            active.Cache.Set(key, output!, generation);
        }

        PolicyDecision decision = PolicyEvaluator.Evaluate(output!, methodArn);
        _metrics.Decision(decision switch
        {
            PolicyDecision.Allow => GatewayDecision.Allow,
            PolicyDecision.ExplicitDeny => GatewayDecision.ExplicitDeny,
            _ => GatewayDecision.ImplicitDeny,
        });
        return decision == PolicyDecision.Allow ? (output, null) : (null, _responses.ForDecision(decision));
    }

    /// <summary>
    /// A REQUEST authorizer's cache key: its identity sources' values together. With caching on,
    /// a missing or empty one is null (401 without invoking, as API Gateway answers); with caching
    /// off (TTL 0) the sources are optional.
    /// </summary>
    private static string? RequestIdentity(GatewayExchange exchange, AuthorizerDefinition authorizer)
    {
        const string Header = "method.request.header.", Query = "method.request.querystring.";
        Dictionary<string, string>? query = null;
        var values = new List<string>(authorizer.RequestIdentitySources.Length);
        foreach (string source in authorizer.RequestIdentitySources)
        {
            string? value = source.StartsWith(Header, StringComparison.Ordinal) ? exchange.Header(source[Header.Length..])
                : source.StartsWith(Query, StringComparison.Ordinal) ? (query ??= QueryString.Parse(exchange.Query)).GetValueOrDefault(source[Query.Length..])
                : null;
            if (string.IsNullOrEmpty(value) && authorizer.ResultTtlSeconds > 0)
            {
                return null;
            }

            values.Add(value ?? string.Empty);
        }

        return string.Join('\0', values);
    }

    private static byte[] TokenEvent(string token, string methodArn) => EventPayload.Write(json =>
    {
        json.WriteString("type"u8, "TOKEN"u8);
        json.WriteString("authorizationToken"u8, token);
        json.WriteString("methodArn"u8, methodArn);
    }, 256);

    private static GatewayAnswer Answer(GatewayResponse response) =>
        response.StatusCode == 204 ? GatewayAnswer.Empty(204) with { Headers = [.. response.Headers] } : GatewayAnswer.Json(response.StatusCode, response.Body, response.Headers);

    /// <summary>An authorizer in use: its definition, its function and its own result cache (API Gateway caches per authorizer).</summary>
    private sealed class RestAuthorizer(AuthorizerDefinition definition, GatewayFunctions functions, TimeProvider clock)
    {
        public AuthorizerDefinition Definition { get; } = definition;

        public IFunctionInvoker Function { get; } = functions[definition.FunctionName];

        public AuthorizerResultCache<AuthorizerOutput> Cache { get; } = new(TimeSpan.FromSeconds(definition.ResultTtlSeconds), clock);
    }
}
