using System.Text.Json.Nodes;
using AotAuth.Core.Api;
using Amazon.CDK.Assertions;

namespace AotAuth.Infra.Tests;

[Collection(SharedStacks.Name)]
public class ApiTests(StackFixture fixture)
{
    private static readonly ApiDefinition Api = AotAuthApi.Definition;

    [Fact]
    public void Authorizer_IsATokenAuthorizerOnTheAuthorizationHeader_WithRegexAnd300sCache()
    {
        fixture.Arm64.ResourceCountIs("AWS::ApiGateway::Authorizer", 1);
        fixture.Arm64.HasResourceProperties("AWS::ApiGateway::Authorizer", new Dictionary<string, object>
        {
            ["Type"] = "TOKEN",
            ["IdentitySource"] = "method.request.header.Authorization",
            ["IdentityValidationExpression"] = "^[a-zA-Z0-9]{3,32}$",
            ["AuthorizerResultTtlInSeconds"] = 300,
        });
        string uri = Authorizer()["AuthorizerUri"]!.ToJsonString();
        Assert.Contains("AuthorizerFunctionNativeFunction", uri, StringComparison.Ordinal);
    }

    [Fact]
    public void PutUser_HasTheModelAndAValidatorOfBodyAndParameters()
    {
        JsonObject put = Method("PUT", "user");
        JsonObject validator = Validator(put, "PUT /user");
        Assert.True((bool?)validator["ValidateRequestBody"] == true, "PUT /user: ValidateRequestBody is " + Show(validator["ValidateRequestBody"]));
        Assert.True((bool?)validator["ValidateRequestParameters"] == true, "PUT /user: ValidateRequestParameters is " + Show(validator["ValidateRequestParameters"]));
        string modelId = (string)put["RequestModels"]!["application/json"]!["Ref"]!;
        var model = fixture.Arm64Json["Resources"]![modelId]!;
        Assert.Equal("AWS::ApiGateway::Model", (string?)model["Type"]);
        Assert.Equal("User", (string?)model["Properties"]!["Name"]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(AotAuthApi.UserSchema), model["Properties"]!["Schema"]));
    }

    [Fact]
    public void GetUserId_RequiresItsPathParameter_AndHasAParametersValidator()
    {
        // cdk-nag AwsSolutions-APIG2: every method validated; GET has no body, so parameters only.
        JsonObject get = Method("GET", "userid");
        Assert.Equal("""{"method.request.path.id":true}""", get["RequestParameters"]!.ToJsonString());
        JsonObject validator = Validator(get, "GET /user/{id}");
        Assert.True((bool?)validator["ValidateRequestParameters"] == true, "GET /user/{id}: ValidateRequestParameters is " + Show(validator["ValidateRequestParameters"]));
        Assert.False((bool?)validator["ValidateRequestBody"] ?? false, "GET /user/{id}: the validator checks a body the route does not have");
    }

    [Fact]
    public void EveryMethod_ValidatesItsParametersAndItsBody_WhereTheDefinitionSays()
    {
        foreach (RouteDefinition route in Api.Routes)
        {
            JsonObject method = Method(route.HttpMethod, LogicalIdPath(route.Path));
            JsonObject validator = Validator(method, route.ToString());
            Assert.True((bool?)validator["ValidateRequestParameters"] == true, $"{route}: ValidateRequestParameters is {Show(validator["ValidateRequestParameters"])}");
            Assert.Equal(route.ValidateRequestBody, (bool?)validator["ValidateRequestBody"] ?? false);

            // Independent of the stack's code: a {name} segment is a required path parameter.
            var expected = route.Path.Split('/').Where(p => p.StartsWith('{')).Select(p => "method.request.path." + p[1..^1]).Order(StringComparer.Ordinal).ToList();
            var declared = method["RequestParameters"]?.AsObject().ToList() ?? [];
            Assert.All(declared, p => Assert.True((bool)p.Value!, $"{route}: {p.Key} is declared optional"));
            Assert.Equal(expected, declared.Select(p => p.Key).Order(StringComparer.Ordinal).ToList());
        }
    }

    [Fact]
    public void Validators_AreOnePerKind_AndEveryOneValidatesParameters()
    {
        var validators = StackFixture.Resources(fixture.Arm64Json, "AWS::ApiGateway::RequestValidator").Select(v => v.Value["Properties"]!).ToList();
        int kinds = Api.Routes.Select(r => r.ValidateRequestBody).Distinct().Count();
        Assert.Equal(kinds, validators.Count);
        Assert.All(validators, v => Assert.True((bool?)v["ValidateRequestParameters"] == true, $"validator {(string?)v["Name"]}: ValidateRequestParameters is {Show(v["ValidateRequestParameters"])}"));
    }

    [Fact]
    public void EveryRouteOfTheDefinition_IsACustomAuthorizedNonProxyLambdaMethod()
    {
        fixture.Arm64.ResourceCountIs("AWS::ApiGateway::Method", Api.Routes.Length);
        foreach (RouteDefinition route in Api.Routes)
        {
            JsonObject method = Method(route.HttpMethod, route.Path.Replace("/", "", StringComparison.Ordinal).Replace("{", "", StringComparison.Ordinal).Replace("}", "", StringComparison.Ordinal));
            Assert.Equal("CUSTOM", (string?)method["AuthorizationType"]);
            Assert.StartsWith("UserApiAuthorizer", (string?)method["AuthorizerId"]!["Ref"], StringComparison.Ordinal);
            var integration = method["Integration"]!;
            Assert.Equal("AWS", (string?)integration["Type"]);
            Assert.Equal("POST", (string?)integration["IntegrationHttpMethod"]);
            Assert.Equal("NEVER", (string?)integration["PassthroughBehavior"]);
            Assert.Contains("UserFunctionNativeFunction", integration["Uri"]!.ToJsonString(), StringComparison.Ordinal);
            Assert.Equal(route.RequestTemplate, (string?)integration["RequestTemplates"]!["application/json"]);
        }
    }

    [Fact]
    public void IntegrationAndMethodResponses_MatchTheDefinitionExactly()
    {
        foreach (RouteDefinition route in Api.Routes)
        {
            JsonObject method = Method(route.HttpMethod, route.Path.Replace("/", "", StringComparison.Ordinal).Replace("{", "", StringComparison.Ordinal).Replace("}", "", StringComparison.Ordinal));
            var actual = method["Integration"]!["IntegrationResponses"]!.AsArray();
            Assert.Equal(route.IntegrationResponses.Length, actual.Count);
            foreach (IntegrationResponseDefinition expected in route.IntegrationResponses)
            {
                var match = Assert.Single(actual, r => (string?)r!["StatusCode"] == expected.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
                Assert.Equal(expected.SelectionPattern, (string?)match!["SelectionPattern"]);
                Assert.Equal(expected.ResponseTemplate, (string?)match["ResponseTemplates"]?["application/json"]);
            }

            var statuses = method["MethodResponses"]!.AsArray().Select(r => (string?)r!["StatusCode"]).Order().ToList();
            Assert.Equal(route.IntegrationResponses.Select(r => (string?)r.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture)).Order().ToList(), statuses);
        }
    }

    [Fact]
    public void StatusMapping_IsTheSuccessCodeThen400And404And500()
    {
        Assert.Equal(Expected("204"), Mapping(Method("PUT", "user")));
        Assert.Equal(Expected("200"), Mapping(Method("GET", "userid")));

        static List<string> Expected(string success) =>
            [success + " <default>", "400 (?s)BadRequest: .*", "404 (?s)NotFound: .*", "500 (?s)(?!BadRequest: |NotFound: ).+"];

        static List<string> Mapping(JsonObject method) => method["Integration"]!["IntegrationResponses"]!.AsArray()
            .Select(r => (string)r!["StatusCode"]! + " " + ((string?)r["SelectionPattern"] ?? "<default>"))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    [Fact]
    public void EveryGatewayResponseOfTheDefinition_IsDeployedWithItsJsonBody()
    {
        fixture.Arm64.ResourceCountIs("AWS::ApiGateway::GatewayResponse", Api.GatewayResponses.Length);
        Assert.Contains(Api.GatewayResponses, r => r.StatusCode == 401);
        Assert.Contains(Api.GatewayResponses, r => r.StatusCode == 403);
        foreach (GatewayResponseDefinition response in Api.GatewayResponses)
        {
            fixture.Arm64.HasResourceProperties("AWS::ApiGateway::GatewayResponse", new Dictionary<string, object>
            {
                ["ResponseType"] = response.AwsName,
                ["StatusCode"] = response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["ResponseTemplates"] = new Dictionary<string, object> { ["application/json"] = response.BodyTemplate },
            });
        }
    }

    [Fact]
    public void Stage_ThrottlesTracesAndWritesAccessLogs_WithoutDataTracing()
    {
        fixture.Arm64.HasResourceProperties("AWS::ApiGateway::Stage", new Dictionary<string, object>
        {
            ["StageName"] = Api.StageName,
            ["TracingEnabled"] = true,
            ["AccessLogSetting"] = new Dictionary<string, object>
            {
                ["DestinationArn"] = new Dictionary<string, object> { ["Fn::GetAtt"] = new object[] { Match.StringLikeRegexp("^UserApiAccessLogs"), "Arn" } },
                ["Format"] = Match.StringLikeRegexp("requestId.*principalId"),
            },
            ["MethodSettings"] = new object[]
            {
                new Dictionary<string, object>
                {
                    ["HttpMethod"] = "*",
                    ["ResourcePath"] = "/*",
                    ["ThrottlingRateLimit"] = 100,
                    ["ThrottlingBurstLimit"] = 200,
                    ["DataTraceEnabled"] = false,
                },
            },
        });
        Assert.DoesNotContain("Authorization", UserApiFormat(), StringComparison.OrdinalIgnoreCase);
    }

    private static string UserApiFormat() => UserApi.AccessLogFormatJson;

    private JsonObject Authorizer() =>
        StackFixture.Resources(fixture.Arm64Json, "AWS::ApiGateway::Authorizer").Single().Value["Properties"]!.AsObject();

    private static string LogicalIdPath(string path) =>
        path.Replace("/", "", StringComparison.Ordinal).Replace("{", "", StringComparison.Ordinal).Replace("}", "", StringComparison.Ordinal);

    private static string Show(JsonNode? node) => node?.ToJsonString() ?? "absent";

    private JsonObject Validator(JsonObject method, string route)
    {
        Assert.True(method["RequestValidatorId"] is not null, route + ": the method has no request validator");
        string id = (string)method["RequestValidatorId"]!["Ref"]!;
        var validator = fixture.Arm64Json["Resources"]![id]!;
        Assert.Equal("AWS::ApiGateway::RequestValidator", (string?)validator["Type"]);
        return validator["Properties"]!.AsObject();
    }

    // Logical ids read UserApi{path without slashes and braces}{VERB}...
    private JsonObject Method(string verb, string path) =>
        StackFixture.Resource(fixture.Arm64Json, "AWS::ApiGateway::Method", "UserApi" + path + verb).Value["Properties"]!.AsObject();
}
