using AotAuth.Core.Api;
using AotAuth.Core.Contracts;
using AotAuth.Gateway.Templates;
using AotAuth.LocalHosting;
using AotAuth.Storage;

namespace AotAuth.Cli.Commands;

/// <summary>
/// <c>serve --template</c>: one API of a synthesized template instead of the built-in one. Reads
/// it, says what it does not emulate (and refuses to start when that would change who is let in),
/// creates its tables on DynamoDB Local, and launches its functions with the store's environment.
/// </summary>
internal static class ServeTemplate
{
    /// <summary>Reads the API and writes the not-emulated lines.</summary>
    /// <exception cref="TemplateException">Unreadable template, no such API, or a feature that would change an authorization outcome.</exception>
    public static TemplateDeployment Read(string path, string? api, string region, Action<string> write)
    {
        TemplateDeployment deployment = TemplateDeployment.Read(CloudFormationTemplate.Load(path), api, region);
        foreach (string line in deployment.NotEmulated)
        {
            write($"not emulated: {line}");
        }

        foreach (TemplateFunction function in deployment.Functions.Where(f => f.Problem is not null))
        {
            write($"cannot run {function.Name}: {function.Problem}; its routes answer 502");
        }

        foreach (string line in deployment.Refusals)
        {
            write($"refused: {line}");
        }

        if (deployment.Refusals.Count > 0)
        {
            throw new TemplateException(path, $"not started, because the local gateway would decide these requests differently from API Gateway ({deployment.Refusals.Count} refused feature(s) above)");
        }

        return deployment;
    }

    /// <summary>The template's token table (recognised by its key schema), or null.</summary>
    public static TemplateTable? TokenTable(TemplateDeployment deployment) => deployment.Tables.FirstOrDefault(t => t.IsTokenTable);

    /// <summary>On DynamoDB Local, every table of the template, created from its key schema (the token table with its TTL).</summary>
    public static async Task EnsureTablesAsync(TemplateDeployment deployment, DynamoDbClient client, CancellationToken ct)
    {
        foreach (TemplateTable table in deployment.Tables)
        {
            await (table.IsTokenTable
                ? DynamoDbTables.EnsureTokenTableAsync(client, table.Name, ct)
                : DynamoDbTables.EnsureTableAsync(client, table.Name, [.. table.Keys.Select(k => (k.Name, k.KeyType, k.AttributeType))], ct));
        }
    }

    /// <summary>
    /// How to start <paramref name="function"/>: the store's environment under the template's own
    /// variables, so a table reference names the local table, and the DynamoDB endpoint for any AWS SDK.
    /// </summary>
    public static FunctionLaunch Launch(TemplateFunction function, IReadOnlyDictionary<string, string> storeEnvironment)
    {
        var environment = new Dictionary<string, string>(storeEnvironment);
        if (storeEnvironment.TryGetValue(FunctionVariables.DynamoDbEndpoint, out string? endpoint))
        {
            environment["AWS_ENDPOINT_URL_DYNAMODB"] = endpoint;
        }

        foreach ((string key, string value) in function.Environment)
        {
            environment[key] = value;
        }

        return new FunctionLaunch(function.Name, function.Bootstrap!, [], environment) { MemorySizeMb = function.MemoryMb };
    }

    /// <summary>The scope of every route behind the authorizer (a demo token's scopes).</summary>
    public static string[] Scopes(TemplateDeployment deployment) => deployment.Rest is { } rest
        ? [.. rest.Routes.Where(r => r.AuthorizerName is not null).Select(RouteScopes.ScopeOf)]
        : [.. deployment.Http!.Routes.Where(r => r.AuthorizerName is not null && !r.IsDefault).Select(r => RouteScopes.ScopeOf(r.HttpMethod, AotAuth.Core.PathTemplate.Parse(r.Path)))];

    /// <summary>Every route as <c>{METHOD} {path}</c>, for the start banner.</summary>
    public static IEnumerable<(string Method, string Path)> Routes(TemplateDeployment deployment) => deployment.Rest is { } rest
        ? rest.Routes.Select(r => (r.HttpMethod, r.Path))
        : deployment.Http!.Routes.Select(r => r.IsDefault ? ("*", "/ ($default: any other request)") : (r.HttpMethod, r.Path));
}
