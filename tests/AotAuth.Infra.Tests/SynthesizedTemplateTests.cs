using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;

namespace AotAuth.Infra.Tests;

/// <summary>
/// The templates the gateway's equivalence tests serve (<see cref="SynthesizedTemplates"/>) are
/// what the stack synthesizes now. When the stack changes on purpose, refresh them with
/// <c>AOTAUTH_REFRESH_TEMPLATES=1</c> and review the diff.
/// </summary>
[Collection(SharedStacks.Name)]
public sealed class SynthesizedTemplateTests(StackFixture rest, HttpStackFixture http) : IClassFixture<HttpStackFixture>
{
    [Fact]
    public void TheKeptRestTemplate_IsWhatTheStackSynthesizes() => AssertKept(SynthesizedTemplates.Rest, rest.X64Json);

    [Fact]
    public void TheKeptHttpTemplates_AreWhatTheStackSynthesizes()
    {
        AssertKept(SynthesizedTemplates.HttpSimple, Json(http.Simple));
        AssertKept(SynthesizedTemplates.HttpIam, Json(http.Iam));
    }

    private static JsonObject Json(Template template) => JsonNode.Parse(JsonSerializer.Serialize(template.ToJSON()))!.AsObject();

    private static void AssertKept(string name, JsonObject synthesized)
    {
        JsonObject now = SynthesizedTemplates.Normalise(synthesized);
        string path = SynthesizedTemplates.SourcePathOf(name);
        if (Environment.GetEnvironmentVariable("AOTAUTH_REFRESH_TEMPLATES") == "1")
        {
            File.WriteAllText(path, now.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        }

        JsonNode kept = JsonNode.Parse(File.ReadAllText(path))!;
        Assert.True(JsonNode.DeepEquals(kept, now), $"{path} is not what the stack synthesizes now; refresh it with AOTAUTH_REFRESH_TEMPLATES=1 and review the diff");
    }
}
