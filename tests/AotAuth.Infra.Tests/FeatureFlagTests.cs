using System.Text.Json.Nodes;
using Amazon.CDK;
using AotAuth.Core.Api;

namespace AotAuth.Infra.Tests;

/// <summary>
/// The feature flags of infra/cdk.json (those CDK 2.160's <c>cdk init</c> writes) reach the
/// app the tests synthesize, as they reach <c>cdk synth</c>; with them, a changed authorizer
/// gives the stage a new deployment.
/// </summary>
[Collection(SharedStacks.Name)]
public class FeatureFlagTests(StackFixture fixture)
{
    private const string AuthorizerChangeFlag = "@aws-cdk/aws-apigateway:authorizerChangeDeploymentLogicalId";

    [Fact]
    public void ChangingTheAuthorizerTtl_ChangesTheDeploymentLogicalId()
    {
        string at300 = DeploymentId(AotAuthApi.Definition);
        ApiDefinition ttl60 = AotAuthApi.Definition with { Authorizer = AotAuthApi.Definition.Authorizer with { ResultTtlSeconds = 60 } };
        string at60 = DeploymentId(ttl60);

        // The fixture's stack is the TTL-300 one built the same way: same id, so the id is stable.
        Assert.Equal(StackFixture.Resources(fixture.Arm64Json, "AWS::ApiGateway::Deployment").Single().Key, at300);
        Assert.True(at300 != at60, $"the deployment keeps its logical id {at300} when the authorizer TTL goes from 300 to 60 s, so the stage is not redeployed");
    }

    [Fact]
    public void App_GetsEveryContextValueOfCdkJson_AndTheAuthorizerChangeFlagIsOn()
    {
        var context = JsonNode.Parse(File.ReadAllText(CdkJsonPath()))!["context"]!.AsObject();
        Assert.True((bool?)context[AuthorizerChangeFlag] == true, $"infra/cdk.json does not set {AuthorizerChangeFlag}");
        Assert.True(context.Count(c => c.Key.StartsWith("@aws-cdk", StringComparison.Ordinal)) >= 50, "infra/cdk.json lacks the flags cdk init writes");
        foreach (var (key, value) in context)
        {
            if (key is "arch")
            {
                continue; // the fixture synthesizes each architecture explicitly
            }

            string actual = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(fixture.Arm64Stack.Node.TryGetContext(key)))!.ToJsonString();
            Assert.True(JsonNode.DeepEquals(value, JsonNode.Parse(actual)), $"{key}: cdk.json says {value?.ToJsonString()}, the app has {actual}");
        }

        Assert.True(FeatureFlags.Of(fixture.Arm64Stack).IsEnabled(AuthorizerChangeFlag));
    }

    /// <summary>infra/cdk.json of this repository, found without the stack's code.</summary>
    private static string CdkJsonPath() => Path.Combine(RepoPaths.Root, "infra", "cdk.json");

    private string DeploymentId(ApiDefinition definition)
    {
        App app = fixture.NewApp(null);
        var stack = new AotAuthStack(app, AotAuthStack.Name, new AotAuthStackProps
        {
            AuthorizerCodeDirectory = PublishedCode.Directory(fixture.PublishRoot, PublishedCode.AuthorizerProject, FunctionArchitecture.Arm64),
            UserFunctionCodeDirectory = PublishedCode.Directory(fixture.PublishRoot, PublishedCode.UserFunctionProject, FunctionArchitecture.Arm64),
            Description = fixture.Arm64Stack.TemplateOptions.Description,
            Definition = definition,
        });
        var template = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Amazon.CDK.Assertions.Template.FromStack(stack).ToJSON()))!.AsObject();
        return StackFixture.Resources(template, "AWS::ApiGateway::Deployment").Single().Key;
    }
}
