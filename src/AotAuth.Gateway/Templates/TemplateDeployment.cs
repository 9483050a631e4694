using AotAuth.Core.Api;

namespace AotAuth.Gateway.Templates;

/// <summary>
/// What <c>serve --template</c> runs: one API of a synthesized template as the gateway's model
/// (<see cref="Rest"/> or <see cref="Http"/>), the functions and tables it uses, and what the
/// model does not emulate. Built by <see cref="Read"/>; a non-empty <see cref="Refusals"/> means
/// the gateway must not start, because an authorization outcome would differ from AWS's.
/// </summary>
/// <param name="Api">The API's logical id.</param>
/// <param name="Kind">REST or HTTP API.</param>
/// <param name="Rest">The REST API model (null for an HTTP API).</param>
/// <param name="Http">The HTTP API model (null for a REST API).</param>
/// <param name="Functions">Every function the API invokes (authorizers and integrations), by the name the model uses.</param>
/// <param name="Tables">Every DynamoDB table of the template.</param>
/// <param name="NotEmulated">One line per feature the gateway serves without it, naming the logical id and property.</param>
/// <param name="Refusals">One line per feature that would change an authorization outcome: the gateway refuses to start.</param>
public sealed record TemplateDeployment(
    string Api,
    ApiKind Kind,
    ApiDefinition? Rest,
    HttpApiDefinition? Http,
    IReadOnlyList<TemplateFunction> Functions,
    IReadOnlyList<TemplateTable> Tables,
    IReadOnlyList<string> NotEmulated,
    IReadOnlyList<string> Refusals)
{
    /// <summary>The function name of a route whose integration the gateway does not emulate: it answers 502.</summary>
    public const string UnavailableIntegration = "(integration not emulated)";

    /// <summary>
    /// Reads the API <paramref name="apiLogicalId"/> of <paramref name="template"/> (or its only API
    /// when null) for the gateway in <paramref name="region"/>.
    /// </summary>
    /// <exception cref="TemplateException">The template has no API, several and none was chosen, or not the one named.</exception>
    public static TemplateDeployment Read(CloudFormationTemplate template, string? apiLogicalId, string region)
    {
        ArgumentNullException.ThrowIfNull(template);
        TemplateResource[] apis = [.. template.OfType("AWS::ApiGateway::RestApi"), .. template.OfType("AWS::ApiGatewayV2::Api")];
        string choices = string.Join(", ", apis.Select(a => a.LogicalId));
        TemplateResource api = apiLogicalId is null
            ? apis.Length switch
            {
                0 => throw new TemplateException(template.File, "it declares no REST API (AWS::ApiGateway::RestApi) or HTTP API (AWS::ApiGatewayV2::Api)"),
                1 => apis[0],
                _ => throw new TemplateException(template.File, $"it declares {apis.Length} APIs; choose one with --template-api ({choices})"),
            }
            : apis.FirstOrDefault(a => a.LogicalId == apiLogicalId)
                ?? throw new TemplateException(template.File, $"it has no API '{apiLogicalId}' (its APIs: {(choices.Length > 0 ? choices : "none")})");

        var findings = new TemplateFindings();
        var values = new TemplateValues(template, region);
        (ApiDefinition? rest, HttpApiDefinition? http, IReadOnlyCollection<string> functionIds) = api.Type == "AWS::ApiGateway::RestApi"
            ? RestApiModel.Read(template, api, values, findings)
            : HttpApiModel.Read(template, api, values, findings);
        UnreadProperties.Report(template, api, functionIds, findings);
        IReadOnlyList<TemplateFunction> functions = [.. functionIds.Order(StringComparer.Ordinal).Select(id => FunctionReader.Read(template, id, values, findings))];
        return new TemplateDeployment(api.LogicalId, rest is null ? ApiKind.Http : ApiKind.Rest, rest, http, functions, TableReader.Read(template, values), findings.NotEmulated, findings.Refusals);
    }
}

/// <summary>What a template reader found the gateway cannot emulate, one line each.</summary>
internal sealed class TemplateFindings
{
    private readonly List<string> _notEmulated = [];
    private readonly List<string> _refusals = [];

    public IReadOnlyList<string> NotEmulated => _notEmulated;

    public IReadOnlyList<string> Refusals => _refusals;

    /// <summary>A feature served without: <c>{logicalId} {property}: {what happens instead}</c>.</summary>
    public void NotEmulatedFeature(string logicalId, string property, string consequence) =>
        _notEmulated.Add($"{logicalId} {property}: {consequence}");

    /// <summary>A feature that would change who is let in: the gateway refuses to start.</summary>
    public void Refuse(string logicalId, string property, string reason) =>
        _refusals.Add($"{logicalId} {property}: {reason}");
}
