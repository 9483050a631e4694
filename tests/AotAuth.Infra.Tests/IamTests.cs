using System.Text.Json.Nodes;

namespace AotAuth.Infra.Tests;

[Collection(SharedStacks.Name)]
public class IamTests(StackFixture fixture)
{
    private static readonly string[] XRayActions = ["xray:PutTelemetryRecords", "xray:PutTraceSegments"];

    [Fact]
    public void Authorizer_MayOnlyGetItemOnTheTokenTable()
    {
        var dynamo = Statements("AuthorizerFunction").Where(s => Actions(s).Any(a => a.StartsWith("dynamodb:", StringComparison.Ordinal))).ToList();
        var statement = Assert.Single(dynamo);
        Assert.Equal(["dynamodb:GetItem"], Actions(statement));
        Assert.Equal("""{"Fn::GetAtt":["TokenStoreTableAEF6B158","Arn"]}""", statement["Resource"]!.ToJsonString().Replace(" ", "", StringComparison.Ordinal));
    }

    [Fact]
    public void UserFunction_MayOnlyGetItemAndPutItemOnTheUserTable()
    {
        var dynamo = Statements("UserFunction").Where(s => Actions(s).Any(a => a.StartsWith("dynamodb:", StringComparison.Ordinal))).ToList();
        var statement = Assert.Single(dynamo);
        Assert.Equal(["dynamodb:GetItem", "dynamodb:PutItem"], Actions(statement).Order());
        Assert.Equal("UserStoreTable3A56592B", (string?)statement["Resource"]!["Fn::GetAtt"]![0]);
    }

    [Theory]
    [InlineData("AuthorizerFunction")]
    [InlineData("UserFunction")]
    public void EachFunctionRole_HasOnlyLogsToItsGroupXRayAndItsTable(string prefix)
    {
        var statements = Statements(prefix);
        Assert.Equal(3, statements.Count);
        var logs = Assert.Single(statements, s => Actions(s).Contains("logs:PutLogEvents"));
        Assert.Equal(["logs:CreateLogStream", "logs:PutLogEvents"], Actions(logs).Order());
        Assert.StartsWith(prefix + "NativeLogs", (string?)logs["Resource"]!["Fn::GetAtt"]![0], StringComparison.Ordinal);
        var role = StackFixture.Resource(fixture.Arm64Json, "AWS::IAM::Role", prefix).Value["Properties"]!;
        Assert.Null(role["ManagedPolicyArns"]);
        Assert.Equal("lambda.amazonaws.com", (string?)role["AssumeRolePolicyDocument"]!["Statement"]![0]!["Principal"]!["Service"]);
    }

    [Fact]
    public void NoPolicyTheStackWrites_HasAStarActionOrAStarResource_ExceptForXRay()
    {
        var all = StackFixture.Resources(fixture.Arm64Json, "AWS::IAM::Policy")
            .SelectMany(p => p.Value["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray())
            .Concat(StackFixture.Resources(fixture.Arm64Json, "AWS::IAM::Role")
                .SelectMany(r => r.Value["Properties"]!["Policies"]?.AsArray().SelectMany(p => p!["PolicyDocument"]!["Statement"]!.AsArray()) ?? []))
            .Select(s => s!.AsObject())
            .ToList();
        Assert.True(all.Count >= 6);
        Assert.All(all, s =>
        {
            Assert.DoesNotContain(Actions(s), a => a.Contains('*', StringComparison.Ordinal));
            if (Resources(s).Contains("*"))
            {
                Assert.Equal(XRayActions, Actions(s).Order());
            }
        });
    }

    [Fact]
    public void ApiGateway_MayInvokeTheFunctionsOnlyFromThisApi()
    {
        var permissions = StackFixture.Resources(fixture.Arm64Json, "AWS::Lambda::Permission").Select(p => p.Value["Properties"]!).ToList();
        // The authorizer once, the user function once per route; no test-invoke grants.
        Assert.Equal(1 + Core.Api.AotAuthApi.Definition.Routes.Length, permissions.Count);
        Assert.All(permissions, p =>
        {
            Assert.Equal("lambda:InvokeFunction", (string?)p["Action"]);
            Assert.Equal("apigateway.amazonaws.com", (string?)p["Principal"]);
            string source = p["SourceArn"]!.ToJsonString();
            Assert.Contains("""{"Ref":"UserApiE9AB1AD9"}""", source, StringComparison.Ordinal);
            Assert.DoesNotContain("test-invoke-stage", source, StringComparison.Ordinal);
        });
        Assert.Single(permissions, p => p["SourceArn"]!.ToJsonString().Contains("/authorizers/", StringComparison.Ordinal)
            && p["FunctionName"]!.ToJsonString().Contains("AuthorizerFunction", StringComparison.Ordinal));
    }

    [Fact]
    public void AccountCloudWatchRole_UsesTheAwsManagedPushPolicy_AndIsRetained()
    {
        var role = StackFixture.Resource(fixture.Arm64Json, "AWS::IAM::Role", "UserApiCloudWatchRole").Value;
        Assert.Equal("Retain", (string?)role["DeletionPolicy"]);
        Assert.Contains("AmazonAPIGatewayPushToCloudWatchLogs", role["Properties"]!["ManagedPolicyArns"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Null(role["Properties"]!["Policies"]);
    }

    private static List<string> Actions(JsonObject statement) => Strings(statement["Action"]);

    private static List<string> Resources(JsonObject statement) => Strings(statement["Resource"]);

    private static List<string> Strings(JsonNode? node) => node switch
    {
        JsonArray array => array.Select(n => n is JsonValue v && v.TryGetValue(out string? s) ? s : n!.ToJsonString()).ToList(),
        JsonValue value when value.TryGetValue(out string? s) => [s],
        null => [],
        _ => [node.ToJsonString()],
    };

    private List<JsonObject> Statements(string prefix) =>
        StackFixture.Resources(fixture.Arm64Json, "AWS::IAM::Policy")
            .Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal))
            .SelectMany(p => p.Value["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray())
            .Select(s => s!.AsObject())
            .ToList();
}
