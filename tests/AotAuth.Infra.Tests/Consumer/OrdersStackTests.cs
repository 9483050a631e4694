using System.Text.Json.Nodes;
using Amazon.CDK;

namespace AotAuth.Infra.Tests.Consumer;

/// <summary>AotAuth.Cdk in a stack that is not ours: its template, its least privilege, and its errors.</summary>
[Collection(OrdersStacks.Name)]
public class OrdersStackTests(OrdersStackFixture fixture)
{
    [Fact]
    public void RestApi_GetOrderUsesTheTokenAuthorizer_DeleteTheRequestOne_HealthNone()
    {
        string token = Id("AWS::ApiGateway::Authorizer", "OrdersTokenAuthorizer");
        string request = Id("AWS::ApiGateway::Authorizer", "OrdersRequestAuthorizer");
        Assert.Equal(("CUSTOM", token), Authorization(Method("GET", "ordersid")));
        Assert.Equal(("CUSTOM", request), Authorization(Method("DELETE", "ordersid")));
        Assert.Equal(("NONE", null), Authorization(Method("GET", "health")));
        Assert.All(Resources("AWS::ApiGateway::Method"), m => Assert.Equal("MOCK", (string?)m.Value["Properties"]!["Integration"]!["Type"]));
    }

    [Fact]
    public void RestAuthorizers_HaveTheDefaults_TokenRegexAndTtl()
    {
        var token = Props(Id("AWS::ApiGateway::Authorizer", "OrdersTokenAuthorizer"));
        Assert.Equal("TOKEN", (string?)token["Type"]);
        Assert.Equal("method.request.header.Authorization", (string?)token["IdentitySource"]);
        Assert.Equal("^[a-zA-Z0-9]{3,32}$", (string?)token["IdentityValidationExpression"]);
        Assert.Equal(300, (int)token["AuthorizerResultTtlInSeconds"]!);
        var request = Props(Id("AWS::ApiGateway::Authorizer", "OrdersRequestAuthorizer"));
        Assert.Equal("REQUEST", (string?)request["Type"]);
        Assert.Equal("method.request.header.Authorization", (string?)request["IdentitySource"]);
        Assert.Null(request["IdentityValidationExpression"]);
    }

    [Fact]
    public void EveryInvokePermission_IsScopedToItsApisAuthorizer()
    {
        string rest = Id("AWS::ApiGateway::RestApi", "OrdersApi");
        string http = Id("AWS::ApiGatewayV2::Api", "OrdersHttpApi");
        var expected = new Dictionary<string, string>
        {
            [Id("AWS::ApiGateway::Authorizer", "OrdersTokenAuthorizer")] = rest,
            [Id("AWS::ApiGateway::Authorizer", "OrdersRequestAuthorizer")] = rest,
            [Id("AWS::ApiGatewayV2::Authorizer", "OrdersHttpAuthorizer")] = http,
        };
        var permissions = Resources("AWS::Lambda::Permission").Select(p => p.Value["Properties"]!["SourceArn"]!.ToJsonString()).ToList();
        Assert.Equal(3, permissions.Count);
        foreach (var (authorizer, api) in expected)
        {
            Assert.Single(permissions, arn => arn.Contains($"{{\"Ref\":\"{api}\"}},\"/authorizers/\",{{\"Ref\":\"{authorizer}\"}}", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void HttpApi_ProtectsTheNamedRoutes_WithSimpleResponsesCachedPerRoute()
    {
        string authorizer = Id("AWS::ApiGatewayV2::Authorizer", "OrdersHttpAuthorizer");
        var props = Props(authorizer);
        Assert.Equal("REQUEST", (string?)props["AuthorizerType"]);
        Assert.Equal("2.0", (string?)props["AuthorizerPayloadFormatVersion"]);
        Assert.True((bool)props["EnableSimpleResponses"]!);
        Assert.Equal("""["$request.header.Authorization","$context.routeKey"]""", props["IdentitySource"]!.ToJsonString());
        var routes = Resources("AWS::ApiGatewayV2::Route").ToDictionary(r => (string)r.Value["Properties"]!["RouteKey"]!, r => r.Value["Properties"]!);
        Assert.Equal(["DELETE /orders/{id}", "GET /health", "GET /orders/{id}"], routes.Keys.Order());
        foreach (string key in new[] { "GET /orders/{id}", "DELETE /orders/{id}" })
        {
            Assert.Equal("CUSTOM", (string?)routes[key]["AuthorizationType"]);
            Assert.Equal(authorizer, (string?)routes[key]["AuthorizerId"]!["Ref"]);
        }

        Assert.Null(routes["GET /health"]["AuthorizerId"]);
        Assert.NotEqual("CUSTOM", (string?)routes["GET /health"]["AuthorizationType"]);
    }

    [Fact]
    public void Function_CarriesTheProps_AndTheEnvironmentForSimpleAnswers()
    {
        var function = Assert.Single(Resources("AWS::Lambda::Function")).Value["Properties"]!;
        Assert.Equal("provided.al2023", (string?)function["Runtime"]);
        Assert.Equal("""["arm64"]""", function["Architectures"]!.ToJsonString());
        Assert.Equal(256, (int)function["MemorySize"]!);
        Assert.Equal(3, (int)function["Timeout"]!);
        Assert.Equal(50, (int)function["ReservedConcurrentExecutions"]!);
        Assert.Equal("WARN", (string?)function["LoggingConfig"]!["ApplicationLogLevel"]);
        Assert.Equal("JSON", (string?)function["LoggingConfig"]!["LogFormat"]);
        Assert.Equal("Active", (string?)function["TracingConfig"]!["Mode"]);
        var env = function["Environment"]!["Variables"]!.AsObject();
        Assert.Equal(Id("AWS::DynamoDB::Table", "Tokens"), (string?)env["TOKEN_TABLE"]!["Ref"]);
        Assert.Equal("simple", (string?)env["AUTHORIZER_RESPONSE"]);
        Assert.Equal("60", (string?)env["CACHE_TTL_SECONDS"]);
        Assert.Equal("/var/task/aws-root-cas.pem", (string?)env["SSL_CERT_FILE"]);
    }

    [Fact]
    public void Authorizer_MayOnlyGetItemOnTheTokenTable_AndTheTableIsProtected()
    {
        string table = Id("AWS::DynamoDB::Table", "Tokens");
        var statements = Assert.Single(Resources("AWS::IAM::Policy")).Value["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray();
        var dynamo = Assert.Single(statements, s => s!["Action"]!.ToJsonString().Contains("dynamodb:", StringComparison.Ordinal))!;
        Assert.Equal("\"dynamodb:GetItem\"", dynamo["Action"]!.ToJsonString());
        Assert.Equal(table, (string?)dynamo["Resource"]!["Fn::GetAtt"]![0]);
        var tableResource = fixture.Json["Resources"]![table]!;
        Assert.Equal("Retain", (string?)tableResource["DeletionPolicy"]);
        Assert.True((bool)tableResource["Properties"]!["DeletionProtectionEnabled"]!);
        Assert.Equal("expiresAt", (string?)tableResource["Properties"]!["TimeToLiveSpecification"]!["AttributeName"]);
    }

    [Fact]
    public void FromTableName_GrantsGetItemOnTheNamedTable_AndCreatesNone()
    {
        var stack = new Stack(new App(), "Imported");
        var tokens = TokenTable.FromTableName(stack, "Tokens", "team-tokens");
        _ = new AotAuthorizer(stack, "Authorizer", new AotAuthorizerProps { Tokens = tokens, CodeDirectory = fixture.CodeDirectory });
        var template = Amazon.CDK.Assertions.Template.FromStack(stack);
        template.ResourceCountIs("AWS::DynamoDB::Table", 0);
        string json = System.Text.Json.JsonSerializer.Serialize(template.ToJSON());
        Assert.Contains(":table/team-tokens", json, StringComparison.Ordinal);
        Assert.Contains("\"TOKEN_TABLE\":\"team-tokens\"", json, StringComparison.Ordinal);
        Assert.True(tokens.IsImported);
    }

    [Fact]
    public void Protect_NamingARouteTheApiLacks_ListsItsRoutes()
    {
        var stack = new Stack(new App(), "Typo");
        var authorizer = new AotAuthorizer(stack, "Authorizer", new AotAuthorizerProps { Tokens = new TokenTable(stack, "Tokens"), CodeDirectory = fixture.CodeDirectory });
        var api = new Amazon.CDK.AWS.Apigatewayv2.HttpApi(stack, "Api");
        api.AddRoutes(new Amazon.CDK.AWS.Apigatewayv2.AddRoutesOptions
        {
            Path = "/orders", Methods = [Amazon.CDK.AWS.Apigatewayv2.HttpMethod.GET],
            Integration = new Amazon.CDK.AwsApigatewayv2Integrations.HttpUrlIntegration("Backend", "https://example.com"),
        });
        var http = authorizer.NewHttpApiAuthorizer(stack, "Http", api);
        var ex = Assert.Throws<ArgumentException>(() => http.Protect("GET /order"));
        Assert.Contains("routeKeys: 'GET /order' is not a route of this HTTP API; its routes are: GET /orders", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ResultTtlSeconds")]
    [InlineData("DecisionCacheTtlSeconds")]
    [InlineData("Timeout")]
    [InlineData("IdentityHeader")]
    [InlineData("MemorySize")]
    public void AnOutOfRangeProp_IsNamedInTheError(string prop)
    {
        var stack = new Stack(new App(), "Bad");
        var tokens = new TokenTable(stack, "Tokens");
        AotAuthorizerProps props = prop switch
        {
            "ResultTtlSeconds" => new() { Tokens = tokens, CodeDirectory = fixture.CodeDirectory, ResultTtlSeconds = 3601 },
            "DecisionCacheTtlSeconds" => new() { Tokens = tokens, CodeDirectory = fixture.CodeDirectory, DecisionCacheTtlSeconds = -1 },
            "Timeout" => new() { Tokens = tokens, CodeDirectory = fixture.CodeDirectory, Timeout = Duration.Seconds(1) },
            "IdentityHeader" => new() { Tokens = tokens, CodeDirectory = fixture.CodeDirectory, IdentityHeader = "X Token" },
            _ => new() { Tokens = tokens, CodeDirectory = fixture.CodeDirectory, MemorySize = 64 },
        };
        var ex = Assert.Throws<ArgumentException>(() => new AotAuthorizer(stack, "Authorizer", props));
        Assert.Contains(prop, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RequestAndHttpAuthorizers_RefuseAnotherTokenHeader_NamingIdentityHeader()
    {
        var stack = new Stack(new App(), "Header");
        var authorizer = new AotAuthorizer(stack, "Authorizer", new AotAuthorizerProps
        {
            Tokens = new TokenTable(stack, "Tokens"), CodeDirectory = fixture.CodeDirectory, IdentityHeader = "X-Token",
        });
        Assert.NotNull(authorizer.NewTokenAuthorizer(stack, "Token"));
        var ex = Assert.Throws<ArgumentException>(() => authorizer.NewRequestAuthorizer(stack, "Request"));
        Assert.StartsWith("AotAuthorizerProps.IdentityHeader: it is 'X-Token'", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => authorizer.NewHttpApiAuthorizer(stack, "Http", "api-id"));
    }

    [Fact]
    public void WithoutTheCodeAFolderOfItsOwn_TheErrorNamesCodeDirectory()
    {
        var stack = new Stack(new App(), "NoCode");
        string missing = Path.Combine(fixture.Folder, "nothing-here");
        var ex = Assert.Throws<InvalidOperationException>(() => new AotAuthorizer(stack, "Authorizer", new AotAuthorizerProps
        {
            Tokens = new TokenTable(stack, "Tokens"), CodeDirectory = missing,
        }));
        Assert.StartsWith($"CodeDirectory: {Path.Combine(missing, "bootstrap")} is missing.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void ANonExecutableBootstrap_IsMadeExecutable_BeforeItIsZipped()
    {
        Assert.True((File.GetUnixFileMode(Path.Combine(fixture.CodeDirectory, "bootstrap")) & UnixFileMode.OtherExecute) != 0);
    }

    private static (string? Type, string? AuthorizerId) Authorization(JsonNode method) =>
        ((string?)method["AuthorizationType"], (string?)method["AuthorizerId"]?["Ref"]);

    private JsonNode Method(string verb, string resourcePrefix) =>
        Resources("AWS::ApiGateway::Method").Single(m =>
            m.Key.StartsWith("OrdersApi" + resourcePrefix, StringComparison.Ordinal) && (string?)m.Value["Properties"]!["HttpMethod"] == verb).Value["Properties"]!;

    private JsonNode Props(string logicalId) => fixture.Json["Resources"]![logicalId]!["Properties"]!;

    private string Id(string type, string prefix) => StackFixture.Resource(fixture.Json, type, prefix).Key;

    private IEnumerable<KeyValuePair<string, JsonObject>> Resources(string type) => StackFixture.Resources(fixture.Json, type);
}
