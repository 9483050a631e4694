using System.Text.Json.Nodes;
using AotAuth.Core.Api;
using AotAuth.Core.Contracts;
using Amazon.CDK.Assertions;

namespace AotAuth.Infra.Tests;

/// <summary>The template of <c>cdk synth -c api=http</c>: an HTTP API instead of the REST API.</summary>
// In the shared collection: jsii starts once per process, and two fixtures synthesizing in parallel race on it.
[Collection(SharedStacks.Name)]
public sealed class HttpApiTests(HttpStackFixture fixture) : IClassFixture<HttpStackFixture>
{
    private static readonly string[] TokenAndRoute = [AotAuthApi.AuthorizationIdentitySource, AotAuthApi.RouteKeyIdentitySource];
    private static readonly string[] TokenOnly = [AotAuthApi.AuthorizationIdentitySource];

    [Fact]
    public void HttpApi_ReplacesTheRestApi()
    {
        fixture.Simple.ResourceCountIs("AWS::ApiGatewayV2::Api", 1);
        fixture.Simple.HasResourceProperties("AWS::ApiGatewayV2::Api", new Dictionary<string, object> { ["ProtocolType"] = "HTTP" });
        Assert.Empty(StackFixture.Resources(fixture.SimpleJson, "AWS::ApiGateway::RestApi"));
        Assert.Empty(StackFixture.Resources(fixture.SimpleJson, "AWS::ApiGateway::Account"));
        Assert.Null(fixture.Stack.Api);
        Assert.NotNull(fixture.Stack.HttpApi);
    }

    [Fact]
    public void Authorizer_IsALambdaAuthorizerWithPayload20SimpleResponsesAndA300SecondCache()
    {
        fixture.Simple.ResourceCountIs("AWS::ApiGatewayV2::Authorizer", 1);
        fixture.Simple.HasResourceProperties("AWS::ApiGatewayV2::Authorizer", new Dictionary<string, object>
        {
            ["AuthorizerType"] = "REQUEST",
            ["AuthorizerPayloadFormatVersion"] = "2.0",
            ["EnableSimpleResponses"] = true,
            ["AuthorizerResultTtlInSeconds"] = 300,
            // The token, and the route: a simple answer is cached for every request with the same values.
            ["IdentitySource"] = TokenAndRoute,
        });
        string uri = Authorizer()["AuthorizerUri"]!.ToJsonString();
        Assert.Contains("AuthorizerFunctionNativeFunction", uri, StringComparison.Ordinal);
    }

    [Fact]
    public void IamResponses_UsePayload20IamPoliciesAndTheTokenAloneAsIdentitySource()
    {
        fixture.Iam.HasResourceProperties("AWS::ApiGatewayV2::Authorizer", new Dictionary<string, object>
        {
            ["AuthorizerPayloadFormatVersion"] = "2.0",
            ["EnableSimpleResponses"] = false,
            ["IdentitySource"] = TokenOnly,
            ["AuthorizerResultTtlInSeconds"] = 300,
        });
        fixture.Iam.HasResourceProperties("AWS::Lambda::Function", Match.ObjectLike(new Dictionary<string, object>
        {
            ["Environment"] = new Dictionary<string, object>
            {
                ["Variables"] = Match.ObjectLike(new Dictionary<string, object> { [FunctionVariables.AuthorizerResponse] = "iam" }),
            },
        }));
    }

    [Fact]
    public void AuthorizerFunction_AnswersSimpleResponses()
    {
        fixture.Simple.HasResourceProperties("AWS::Lambda::Function", Match.ObjectLike(new Dictionary<string, object>
        {
            ["Description"] = Match.StringLikeRegexp("authorizer"),
            ["Environment"] = new Dictionary<string, object>
            {
                ["Variables"] = Match.ObjectLike(new Dictionary<string, object> { [FunctionVariables.AuthorizerResponse] = "simple" }),
            },
        }));
    }

    [Fact]
    public void EveryRoute_IsBehindTheAuthorizer_WithALambdaProxyIntegrationOfPayload20()
    {
        var routes = StackFixture.Resources(fixture.SimpleJson, "AWS::ApiGatewayV2::Route").Select(r => r.Value["Properties"]!).ToList();
        Assert.Equal(
            AotAuthApi.HttpDefinition().Routes.Select(r => r.RouteKey).Order(),
            routes.Select(r => (string)r["RouteKey"]!).Order());
        string authorizerId = StackFixture.Resources(fixture.SimpleJson, "AWS::ApiGatewayV2::Authorizer").Single().Key;
        Assert.All(routes, r =>
        {
            Assert.Equal("CUSTOM", (string?)r["AuthorizationType"]);
            Assert.Equal($$"""{"Ref":"{{authorizerId}}"}""", r["AuthorizerId"]!.ToJsonString());
        });

        var integration = StackFixture.Resources(fixture.SimpleJson, "AWS::ApiGatewayV2::Integration").Single().Value["Properties"]!;
        Assert.Equal("AWS_PROXY", (string?)integration["IntegrationType"]);
        Assert.Equal("2.0", (string?)integration["PayloadFormatVersion"]);
        Assert.Contains("UserFunctionNativeFunction", integration["IntegrationUri"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultStage_AutoDeploys_WithThrottlingAndJsonAccessLogsWithoutTheToken()
    {
        var stage = StackFixture.Resources(fixture.SimpleJson, "AWS::ApiGatewayV2::Stage").Single().Value["Properties"]!;
        Assert.Equal("$default", (string?)stage["StageName"]);
        Assert.True((bool?)stage["AutoDeploy"]);
        Assert.Equal(100, (double)stage["DefaultRouteSettings"]!["ThrottlingRateLimit"]!);
        Assert.Equal(200, (double)stage["DefaultRouteSettings"]!["ThrottlingBurstLimit"]!);
        string format = (string)stage["AccessLogSettings"]!["Format"]!;
        Assert.NotNull(JsonNode.Parse(format));
        Assert.DoesNotContain("authorization", format, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("UserHttpApiAccessLogs", stage["AccessLogSettings"]!["DestinationArn"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ApiGateway_MayInvokeTheFunctionsOnlyAsThisApisAuthorizerAndRoutes()
    {
        var permissions = StackFixture.Resources(fixture.SimpleJson, "AWS::Lambda::Permission").Select(p => p.Value["Properties"]!).ToList();
        string apiId = StackFixture.Resources(fixture.SimpleJson, "AWS::ApiGatewayV2::Api").Single().Key;

        // The authorizer once, the user function once per route.
        Assert.Equal(1 + AotAuthApi.HttpDefinition().Routes.Length, permissions.Count);
        Assert.All(permissions, p =>
        {
            Assert.Equal("lambda:InvokeFunction", (string?)p["Action"]);
            Assert.Equal("apigateway.amazonaws.com", (string?)p["Principal"]);
            Assert.Contains($$"""{"Ref":"{{apiId}}"}""", p["SourceArn"]!.ToJsonString(), StringComparison.Ordinal);
        });
        Assert.Single(permissions, p => p["SourceArn"]!.ToJsonString().Contains("/authorizers/", StringComparison.Ordinal)
            && p["FunctionName"]!.ToJsonString().Contains("AuthorizerFunction", StringComparison.Ordinal));
        Assert.Single(permissions, p => p["SourceArn"]!.ToJsonString().Contains("/*/PUT/user\"", StringComparison.Ordinal));
        Assert.Single(permissions, p => p["SourceArn"]!.ToJsonString().Contains("/*/GET/user/*\"", StringComparison.Ordinal));
    }

    [Fact]
    public void UnknownApiContextValue_IsAnError()
    {
        var error = Assert.Throws<InvalidOperationException>(() => fixture.Synth(new() { ["api"] = "graphql" }));
        Assert.Contains("-c api", error.Message, StringComparison.Ordinal);
    }

    private JsonObject Authorizer() =>
        StackFixture.Resources(fixture.SimpleJson, "AWS::ApiGatewayV2::Authorizer").Single().Value["Properties"]!.AsObject();
}
