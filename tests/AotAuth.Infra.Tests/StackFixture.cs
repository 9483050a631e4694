using System.Text.Json;
using System.Text.Json.Nodes;
using AotAuth.Infra;
using Amazon.CDK;
using Amazon.CDK.Assertions;

namespace AotAuth.Infra.Tests;

/// <summary>
/// Synthesizes the stack once per architecture (jsii synth takes seconds) from a temporary
/// publish folder of dummy files (<see cref="DummyPublish"/>), so no real publish is needed.
/// </summary>
public sealed class StackFixture : IDisposable
{
    public StackFixture()
    {
        PublishRoot = DummyPublish.Folder("aotauth-infra-", FunctionArchitecture.Arm64, FunctionArchitecture.X64);
        (Arm64Stack, Arm64) = Synth(null);
        (_, X64) = Synth("x86_64");
        Arm64Json = ToJson(Arm64);
        X64Json = ToJson(X64);
    }

    public string PublishRoot { get; }

    public Template Arm64 { get; }

    public Template X64 { get; }

    /// <summary>The arm64 template as a JSON tree, for checks that walk every statement.</summary>
    public JsonObject Arm64Json { get; }

    public JsonObject X64Json { get; }

    /// <summary>The arm64 stack itself, for construct-level checks.</summary>
    public AotAuthStack Arm64Stack { get; }

    /// <summary>
    /// A new app built the way Program.cs builds it (infra/cdk.json's context: its feature flags
    /// and arch), with the given context over it, as <c>cdk synth -c</c> would pass it.
    /// </summary>
    public App NewApp(string? arch, string? publishDir = null)
    {
        var context = new Dictionary<string, object> { ["publishDir"] = publishDir ?? PublishRoot };
        if (arch is not null)
        {
            context["arch"] = arch;
        }

        return CdkApp.New(Directory.GetCurrentDirectory(), context);
    }

    public void Dispose() => Directory.Delete(PublishRoot, recursive: true);

    /// <summary>The resources of <paramref name="type"/> in <paramref name="template"/>, by logical id.</summary>
    public static IEnumerable<KeyValuePair<string, JsonObject>> Resources(JsonObject template, string type) =>
        template["Resources"]!.AsObject()
            .Where(r => (string?)r.Value!["Type"] == type)
            .Select(r => new KeyValuePair<string, JsonObject>(r.Key, r.Value!.AsObject()));

    /// <summary>The single resource of <paramref name="type"/> whose logical id starts with <paramref name="prefix"/>.</summary>
    public static KeyValuePair<string, JsonObject> Resource(JsonObject template, string type, string prefix) =>
        Resources(template, type).Single(r => r.Key.StartsWith(prefix, StringComparison.Ordinal));

    private (AotAuthStack Stack, Template Template) Synth(string? arch)
    {
        AotAuthStack stack = AotAuthStack.FromContext(NewApp(arch), Directory.GetCurrentDirectory());
        return (stack, Template.FromStack(stack));
    }

    private static JsonObject ToJson(Template template) =>
        JsonNode.Parse(JsonSerializer.Serialize(template.ToJSON()))!.AsObject();
}

[CollectionDefinition(Name)]
public sealed class SharedStacks : ICollectionFixture<StackFixture>
{
    public const string Name = "stack";
}
