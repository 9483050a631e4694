using System.Collections.Concurrent;
using System.Text;
using AotAuth.Core.Api;
using AotAuth.Gateway;

namespace AotAuth.Gateway.Tests.Pipeline;

/// <summary>
/// The built-in API (REST or HTTP) on the host-independent pipeline, with fake functions at the
/// invoker seam and a manual clock: a request in, an answer out, no socket and no process.
/// </summary>
internal sealed class PipelineRig
{
    public const string AdminSecret = "rig-secret";

    private PipelineRig(IApiFlavour flavour, GatewayMetrics metrics, FakeFunction authorizer, FakeFunction user, FakeTimeProvider clock, ConcurrentQueue<string> log)
    {
        Pipeline = new GatewayPipeline(flavour, metrics, AdminSecret, log.Enqueue);
        Flavour = flavour;
        Authorizer = authorizer;
        User = user;
        Clock = clock;
        Log = log;
    }

    public GatewayPipeline Pipeline { get; }

    public IApiFlavour Flavour { get; }

    public FakeFunction Authorizer { get; }

    public FakeFunction User { get; }

    public FakeTimeProvider Clock { get; }

    public ConcurrentQueue<string> Log { get; }

    public static PipelineRig Rest(Func<string, FunctionResult> authorizer, Func<string, FunctionResult> user) =>
        Create(authorizer, user, (functions, settings, metrics, log) => new RestApiFlavour(AotAuthApi.Definition, functions, settings, metrics, log));

    public static PipelineRig Http(Func<string, FunctionResult> authorizer, Func<string, FunctionResult> user, bool simpleResponses = true) =>
        Create(authorizer, user, (functions, settings, metrics, log) => new HttpApiFlavour(AotAuthApi.HttpDefinition(simpleResponses), functions, settings, metrics, log));

    public Task<GatewayAnswer> SendAsync(string method, string target, string? token = null, string? json = null, string contentType = "application/json", long? declaredLength = null)
    {
        var headers = new List<KeyValuePair<string, string>>();
        if (token is not null)
        {
            headers.Add(new("Authorization", token));
        }

        byte[] body = json is null ? [] : Encoding.UTF8.GetBytes(json);
        if (json is not null)
        {
            headers.Add(new("Content-Type", contentType));
        }

        var request = new GatewayRequest(method, target, headers, new MemoryStream(body), declaredLength ?? (json is null ? null : body.Length), "203.0.113.7");
        return Pipeline.HandleAsync(request, CancellationToken.None);
    }

    public Task<GatewayAnswer> SendAsync(GatewayRequest request) => Pipeline.HandleAsync(request, CancellationToken.None);

    private static PipelineRig Create(
        Func<string, FunctionResult> authorizer,
        Func<string, FunctionResult> user,
        Func<GatewayFunctions, GatewaySettings, GatewayMetrics, Action<string>, IApiFlavour> flavour)
    {
        var authorizerFunction = new FakeFunction(authorizer);
        var userFunction = new FakeFunction(user);
        var functions = new GatewayFunctions(new Dictionary<string, IFunctionInvoker>
        {
            [AotAuthApi.AuthorizerFunction] = authorizerFunction,
            [AotAuthApi.UserFunction] = userFunction,
        });
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var metrics = new GatewayMetrics();
        var log = new ConcurrentQueue<string>();
        return new PipelineRig(flavour(functions, new GatewaySettings("us-east-1", clock), metrics, log.Enqueue), metrics, authorizerFunction, userFunction, clock, log);
    }
}

/// <summary>Reading answers in tests.</summary>
internal static class GatewayAnswerExtensions
{
    public static string BodyText(this GatewayAnswer answer) => Encoding.UTF8.GetString(answer.Body.Span);

    public static string? Header(this GatewayAnswer answer, string name) =>
        answer.Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault();
}
