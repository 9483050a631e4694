using System.Text.Json.Nodes;

namespace AotAuth.Testing;

/// <summary>
/// The project's own stack as <c>cdk synth</c> writes it, kept in <c>tests/AotAuth.Testing/Templates</c>
/// for the gateway's equivalence tests: REST (<c>-c arch=x86_64</c>), HTTP API with simple answers
/// (<c>-c api=http</c>) and with IAM answers (<c>-c authorizerResponse=iam</c>). Normalised
/// (<see cref="Normalise"/>) so they do not change with the bootstraps' bytes; AotAuth.Infra.Tests
/// checks that they equal what the stack synthesizes now.
/// </summary>
public static class SynthesizedTemplates
{
    /// <summary>The REST API stack.</summary>
    public const string Rest = "aotauth-rest.template.json";

    /// <summary>The HTTP API stack with simple authorizer answers.</summary>
    public const string HttpSimple = "aotauth-http-simple.template.json";

    /// <summary>The HTTP API stack with IAM policy answers.</summary>
    public const string HttpIam = "aotauth-http-iam.template.json";

    /// <summary>The path of a kept template (copied next to the test assembly).</summary>
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Templates", name);

    /// <summary>The path of a kept template in the repository (where a refresh writes it).</summary>
    public static string SourcePathOf(string name) => Path.Combine(RepoPaths.Root, "tests", "AotAuth.Testing", "Templates", name);

    /// <summary>
    /// <paramref name="template"/> without what depends on the build rather than the stack's design:
    /// the template's <c>Description</c> (it names the architecture), the template's and each resource's
    /// <c>Metadata</c>, and each function's <c>Code</c> and <c>Architectures</c>.
    /// </summary>
    public static JsonObject Normalise(JsonObject template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var copy = template.DeepClone().AsObject();
        copy.Remove("Metadata");
        copy.Remove("Description");
        foreach ((_, JsonNode? resource) in copy["Resources"]!.AsObject())
        {
            resource!.AsObject().Remove("Metadata");
            if ((string?)resource["Type"] == "AWS::Lambda::Function" && resource["Properties"] is JsonObject properties)
            {
                properties.Remove("Code");
                properties.Remove("Architectures");
            }
        }

        return copy;
    }
}
