using System.Text.Json.Nodes;
using AotAuth.Core.Contracts;

namespace AotAuth.ColdStart;

/// <summary>
/// A function as the synthesized CDK template deploys it: the asset folder Lambda unpacks
/// into <c>/var/task</c>, the memory size and the environment. The harness runs exactly
/// that, with <c>/var/task</c> mapped to the asset folder.
/// </summary>
/// <param name="AssetDirectory">The asset folder in the cloud assembly.</param>
/// <param name="MemoryMb">The function's memory size in MB.</param>
/// <param name="EnvironmentVariables">String variables, with <c>/var/task</c> mapped to <paramref name="AssetDirectory"/>.</param>
/// <param name="Unresolved">Variables whose value is a CloudFormation expression (e.g. a table name <c>Ref</c>): the harness supplies them.</param>
internal sealed record DeployedFunction(string AssetDirectory, int MemoryMb, IReadOnlyDictionary<string, string> EnvironmentVariables, IReadOnlyList<string> Unresolved)
{
    /// <summary>The <c>bootstrap</c> in the asset.</summary>
    public string Bootstrap => Path.Combine(AssetDirectory, "bootstrap");

    /// <summary>Reads the function whose <c>Description</c> starts with <paramref name="description"/> from <c>{cdkOut}/AotAuthStack.template.json</c>.</summary>
    /// <exception cref="InvalidOperationException">No template, no such function, or its asset is missing.</exception>
    public static DeployedFunction Read(string cdkOut, string description)
    {
        string templatePath = Path.Combine(cdkOut, "AotAuthStack.template.json");
        if (!File.Exists(templatePath))
        {
            throw new InvalidOperationException(
                $"{templatePath} is missing: synthesize the x86_64 stack first (bash scripts/publish.sh && cd infra && npx aws-cdk@2.160.0 synth -c arch=x86_64 -o ../artifacts/cdk.out/x86_64)");
        }

        JsonNode template = JsonNode.Parse(File.ReadAllText(templatePath))!;
        foreach ((string _, JsonNode? resource) in template["Resources"]!.AsObject())
        {
            JsonNode? properties = resource!["Properties"];
            if ((string?)resource["Type"] != "AWS::Lambda::Function"
                || properties?["Description"] is not JsonValue d || !((string)d!).StartsWith(description, StringComparison.Ordinal))
            {
                continue;
            }

            string asset = Path.Combine(cdkOut, (string)resource["Metadata"]!["aws:asset:path"]!);
            if (!File.Exists(Path.Combine(asset, "bootstrap")))
            {
                throw new InvalidOperationException($"{asset} holds no bootstrap: synthesize again after publishing");
            }

            var environment = new Dictionary<string, string>();
            var unresolved = new List<string>();
            foreach ((string name, JsonNode? value) in properties["Environment"]?["Variables"]?.AsObject() ?? [])
            {
                if (value is JsonValue text && text.TryGetValue(out string? s))
                {
                    environment[name] = s.StartsWith(TrustStore.LambdaTaskRoot + "/", StringComparison.Ordinal)
                        ? Path.Combine(asset, s[(TrustStore.LambdaTaskRoot.Length + 1)..])
                        : s;
                }
                else
                {
                    unresolved.Add(name);
                }
            }

            return new DeployedFunction(asset, (int)properties["MemorySize"]!, environment, unresolved);
        }

        throw new InvalidOperationException($"no AWS::Lambda::Function described '{description}...' in {templatePath}");
    }
}
