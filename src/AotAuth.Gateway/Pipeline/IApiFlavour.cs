namespace AotAuth.Gateway;

/// <summary>
/// One kind of API Gateway API (a REST API, an HTTP API) behind the shared pipeline: what it
/// answers for a request, from routing to the integration's answer, over an API model that is
/// data (routes, authorizers, integrations), not code.
/// </summary>
public interface IApiFlavour
{
    /// <summary>The header that carries the request id (<c>x-amzn-RequestId</c>, <c>apigw-requestid</c>).</summary>
    string RequestIdHeader { get; }

    /// <summary>The functions behind the API's authorizers: a cache flush retires their instances.</summary>
    IReadOnlyList<IFunctionInvoker> Authorizers { get; }

    /// <summary>Answers <paramref name="exchange"/>; the route is the matched route key, or <c>unmatched</c>.</summary>
    Task<(GatewayAnswer Answer, string Route)> HandleAsync(GatewayExchange exchange);

    /// <summary>The answer to a body over <see cref="GatewayLimits.MaxBodyBytes"/> (413).</summary>
    GatewayAnswer TooLarge();

    /// <summary>Forgets every cached authorizer result, starting a new cache generation; says how many there were.</summary>
    int ClearResults();
}
