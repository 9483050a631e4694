using System.Collections.Concurrent;
using System.Text;
using AotAuth.Core.Api;
using AotAuth.Gateway;
using AotAuth.Gateway.Templates;
using AotAuth.Testing;

namespace AotAuth.Gateway.Tests.Pipeline;

/// <summary>
/// The built-in API (REST or HTTP) on the host-independent pipeline, with fake functions at the
/// invoker seam and a manual clock: a request in, an answer out, no socket and no process.
/// </summary>
internal sealed class PipelineRig(IApiFlavour flavour, GatewayMetrics metrics, FakeFunction authorizer, FakeFunction user, FakeTimeProvider clock, ConcurrentQueue<string> log)
{
    public const string AdminSecret = "rig-secret";

    public GatewayPipeline Pipeline { get; } = new(flavour, metrics, AdminSecret, log.Enqueue);

    public IApiFlavour Flavour { get; } = flavour;

    public FakeFunction Authorizer { get; } = authorizer;

    public FakeFunction User { get; } = user;

    public FakeTimeProvider Clock { get; } = clock;

    public ConcurrentQueue<string> Log { get; } = log;

    public static PipelineRig Rest(Func<string, FunctionResult> authorizer, Func<string, FunctionResult> user) =>
        Rest(ApiSource.BuiltIn, authorizer, user);

    /// <summary>The REST API from <paramref name="source"/>: the built-in definition, or the stack's synthesized template.</summary>
    public static PipelineRig Rest(ApiSource source, Func<string, FunctionResult> authorizer, Func<string, FunctionResult> user)
    {
        ApiDefinition api = source == ApiSource.BuiltIn ? AotAuthApi.Definition : KeptTemplates.Rest;
        return Create(authorizer, user, api.Authorizer.FunctionName, api.Routes.Select(r => r.FunctionName),
            (functions, settings, metrics, log) => new RestApiFlavour(api, functions, settings, metrics, log));
    }

    public static PipelineRig Http(Func<string, FunctionResult> authorizer, Func<string, FunctionResult> user, bool simpleResponses = true) =>
        Http(ApiSource.BuiltIn, authorizer, user, simpleResponses);

    /// <summary>The HTTP API from <paramref name="source"/>, with simple or IAM authorizer answers.</summary>
    public static PipelineRig Http(ApiSource source, Func<string, FunctionResult> authorizer, Func<string, FunctionResult> user, bool simpleResponses = true)
    {
        HttpApiDefinition api = source == ApiSource.BuiltIn ? AotAuthApi.HttpDefinition(simpleResponses)
            : simpleResponses ? KeptTemplates.HttpSimple : KeptTemplates.HttpIam;
        return Create(authorizer, user, api.Authorizer.FunctionName, api.Routes.Select(r => r.FunctionName),
            (functions, settings, metrics, log) => new HttpApiFlavour(api, functions, settings, metrics, log));
    }

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
        string authorizerName,
        IEnumerable<string> userNames,
        Func<GatewayFunctions, GatewaySettings, GatewayMetrics, Action<string>, IApiFlavour> flavour)
    {
        var authorizerFunction = new FakeFunction(authorizer);
        var userFunction = new FakeFunction(user);
        var byName = new Dictionary<string, IFunctionInvoker> { [authorizerName] = authorizerFunction };
        foreach (string name in userNames)
        {
            byName[name] = userFunction;
        }

        var functions = new GatewayFunctions(byName);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var metrics = new GatewayMetrics();
        var log = new ConcurrentQueue<string>();
        return new PipelineRig(flavour(functions, new GatewaySettings("us-east-1", clock), metrics, log.Enqueue), metrics, authorizerFunction, userFunction, clock, log);
    }
}

/// <summary>Where a rig's API model comes from.</summary>
public enum ApiSource
{
    /// <summary>The built-in definition (<c>serve</c> without <c>--template</c>).</summary>
    BuiltIn,

    /// <summary>The project's stack as synthesized (<c>serve --template</c>).</summary>
    Template,
}

/// <summary>The API models read from the kept synthesized templates, once.</summary>
internal static class KeptTemplates
{
    private static readonly Lazy<ApiDefinition> RestModel = new(() => Read(SynthesizedTemplates.Rest).Rest!);
    private static readonly Lazy<HttpApiDefinition> HttpSimpleModel = new(() => Read(SynthesizedTemplates.HttpSimple).Http!);
    private static readonly Lazy<HttpApiDefinition> HttpIamModel = new(() => Read(SynthesizedTemplates.HttpIam).Http!);

    public static ApiDefinition Rest => RestModel.Value;

    public static HttpApiDefinition HttpSimple => HttpSimpleModel.Value;

    public static HttpApiDefinition HttpIam => HttpIamModel.Value;

    public static TemplateDeployment Read(string name) =>
        TemplateDeployment.Read(CloudFormationTemplate.Load(SynthesizedTemplates.PathOf(name)), null, "us-east-1");
}

/// <summary>Reading answers in tests.</summary>
internal static class GatewayAnswerExtensions
{
    public static string BodyText(this GatewayAnswer answer) => Encoding.UTF8.GetString(answer.Body.Span);

    public static string? Header(this GatewayAnswer answer, string name) =>
        answer.Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault();
}
