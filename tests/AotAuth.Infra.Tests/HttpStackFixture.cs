using System.Text.Json;
using System.Text.Json.Nodes;
using AotAuth.Infra;
using Amazon.CDK.Assertions;

namespace AotAuth.Infra.Tests;

/// <summary>
/// The stack synthesized as <c>cdk synth -c api=http</c> would (and with <c>-c authorizerResponse=iam</c>),
/// from a temporary publish folder of dummy files, as <see cref="StackFixture"/> does for the REST API.
/// </summary>
public sealed class HttpStackFixture : IDisposable
{
    public HttpStackFixture()
    {
        PublishRoot = DummyPublish.Folder("aotauth-infra-http-", FunctionArchitecture.Arm64);
        (Stack, Simple) = Synth(new() { ["api"] = "http" });
        (_, Iam) = Synth(new() { ["api"] = "http", ["authorizerResponse"] = "iam" });
        SimpleJson = JsonNode.Parse(JsonSerializer.Serialize(Simple.ToJSON()))!.AsObject();
    }

    public string PublishRoot { get; }

    /// <summary>The <c>api=http</c> stack.</summary>
    public AotAuthStack Stack { get; }

    /// <summary>Its template.</summary>
    public Template Simple { get; }

    /// <summary>Its template as a JSON tree.</summary>
    public JsonObject SimpleJson { get; }

    /// <summary>The template of <c>api=http</c> with <c>authorizerResponse=iam</c>.</summary>
    public Template Iam { get; }

    public (AotAuthStack Stack, Template Template) Synth(Dictionary<string, object> context)
    {
        context["publishDir"] = PublishRoot;
        AotAuthStack stack = AotAuthStack.FromContext(CdkApp.New(Directory.GetCurrentDirectory(), context), Directory.GetCurrentDirectory());
        return (stack, Template.FromStack(stack));
    }

    public void Dispose() => Directory.Delete(PublishRoot, recursive: true);
}
