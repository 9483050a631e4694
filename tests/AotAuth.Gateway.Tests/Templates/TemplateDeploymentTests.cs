using System.Text;
using AotAuth.Core.Api;
using AotAuth.Gateway.Templates;
using AotAuth.Gateway.Tests.Pipeline;

namespace AotAuth.Gateway.Tests.Templates;

/// <summary>Hand-built templates read by <see cref="TemplateDeployment"/>: what is emulated, what is listed, what refuses to start.</summary>
public sealed class TemplateDeploymentTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("aotauth-template-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private const string Api = """ "Api": { "Type": "AWS::ApiGateway::RestApi", "Properties": { "Name": "shop" } }""";

    private const string Stage = """ "Stage": { "Type": "AWS::ApiGateway::Stage", "Properties": { "RestApiId": { "Ref": "Api" }, "StageName": "v1" } }""";

    private const string Items = """ "Items": { "Type": "AWS::ApiGateway::Resource", "Properties": { "RestApiId": { "Ref": "Api" }, "ParentId": { "Fn::GetAtt": ["Api", "RootResourceId"] }, "PathPart": "items" } }""";

    private const string Item = """ "Item": { "Type": "AWS::ApiGateway::Resource", "Properties": { "RestApiId": { "Ref": "Api" }, "ParentId": { "Ref": "Items" }, "PathPart": "{id}" } }""";

    private const string Special = """ "Special": { "Type": "AWS::ApiGateway::Resource", "Properties": { "RestApiId": { "Ref": "Api" }, "ParentId": { "Ref": "Items" }, "PathPart": "special" } }""";

    private const string Auth = """
        "Auth": { "Type": "AWS::ApiGateway::Authorizer", "Properties": { "RestApiId": { "Ref": "Api" }, "Type": "TOKEN", "Name": "tokens",
          "IdentitySource": "method.request.header.X-Token", "IdentityValidationExpression": "^[a-z]+$", "AuthorizerResultTtlInSeconds": 120,
          "AuthorizerUri": { "Fn::Join": ["", ["arn:", { "Fn::Select": [1, { "Fn::Split": [":", { "Fn::GetAtt": ["AuthFn", "Arn"] }] }] }, ":apigateway:", { "Ref": "AWS::Region" }, ":lambda:path/2015-03-31/functions/", { "Fn::GetAtt": ["AuthFn", "Arn"] }, "/invocations"]] } } }
        """;

    private static string Function(string id, string runtime = "provided.al2023", string extra = "") => $$"""
        "{{id}}": { "Type": "AWS::Lambda::Function", "Metadata": { "aws:asset:path": "asset.{{id}}" },
          "Properties": { "Runtime": "{{runtime}}", "Handler": "bootstrap", "Code": { "S3Bucket": "b", "S3Key": "{{id}}.zip" }{{extra}} } }
        """;

    private static string Method(string id, string verb, string resource, string authorization = "CUSTOM", string integration = "AWS", string function = "Backend", string extra = "") => $$"""
        "{{id}}": { "Type": "AWS::ApiGateway::Method", "Properties": { "RestApiId": { "Ref": "Api" }, "ResourceId": {{resource}}, "HttpMethod": "{{verb}}",
          "AuthorizationType": "{{authorization}}"{{(authorization == "CUSTOM" ? ", \"AuthorizerId\": { \"Ref\": \"Auth\" }" : "")}}{{extra}},
          "Integration": { "Type": "{{integration}}", "IntegrationHttpMethod": "POST",
            "Uri": { "Fn::Sub": "arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${{{function}}.Arn}/invocations" },
            "RequestTemplates": { "application/json": "{\"id\":\"$input.params('id')\"}" },
            "IntegrationResponses": [{ "StatusCode": "200" }] } } }
        """;

    private TemplateDeployment Read(params string[] resources) => ReadApi(null, resources);

    private TemplateDeployment ReadApi(string? api, params string[] resources)
    {
        string path = Path.Combine(_folder, "Shop.template.json");
        File.WriteAllText(path, "{ \"Resources\": {" + string.Join(",", resources) + "} }");
        return TemplateDeployment.Read(CloudFormationTemplate.Load(path), api, "eu-west-1");
    }

    private void Asset(string id, byte[] bootstrap)
    {
        string folder = Path.Combine(_folder, "asset." + id);
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, "bootstrap"), bootstrap);
    }

    private static RestApiFlavour Flavour(TemplateDeployment deployment, FakeFunction authorizer, FakeFunction backend) =>
        new(deployment.Rest!, new GatewayFunctions(new Dictionary<string, IFunctionInvoker>
        {
            ["AuthFn"] = authorizer,
            ["Backend"] = backend,
            [TemplateDeployment.UnavailableIntegration] = new UnavailableFunction("not emulated"),
        }), new GatewaySettings("eu-west-1", TimeProvider.System), new GatewayMetrics(), _ => { });

    private static Task<GatewayAnswer> SendAsync(IApiFlavour flavour, string method, string path, string? token)
    {
        var headers = new List<KeyValuePair<string, string>> { new("Content-Type", "application/json") };
        if (token is not null)
        {
            headers.Add(new("X-Token", token));
        }

        var pipeline = new GatewayPipeline(flavour, new GatewayMetrics(), null, _ => { });
        return pipeline.HandleAsync(new GatewayRequest(method, path, headers, new MemoryStream([]), 0, "203.0.113.9"), CancellationToken.None);
    }

    [Fact]
    public void ARestApi_IsReadWithItsStageAuthorizerAndMethods()
    {
        TemplateDeployment deployment = Read(Api, Stage, Items, Item, Auth, Function("AuthFn"), Function("Backend"),
            Method("GetItem", "GET", """{ "Ref": "Item" }"""), Method("ListItems", "GET", """{ "Ref": "Items" }""", authorization: "NONE"));

        Assert.Empty(deployment.Refusals);
        Assert.Equal("v1", deployment.Rest!.StageName);
        Assert.Equal(("X-Token", "^[a-z]+$", 120, "AuthFn"), (deployment.Rest.Authorizer.IdentityHeader, deployment.Rest.Authorizer.ValidationExpression, deployment.Rest.Authorizer.ResultTtlSeconds, deployment.Rest.Authorizer.FunctionName));
        Assert.Equal(["GET /items/{id} tokens Backend", "GET /items - Backend"], deployment.Rest.Routes.Select(r => $"{r} {r.AuthorizerName ?? "-"} {r.FunctionName}"));
        Assert.Equal(["AuthFn", "Backend"], deployment.Functions.Select(f => f.Name));
    }

    [Fact]
    public void GatewayResponsesTheTemplateLacks_AreApiGatewaysDefaults_AndDefault4xxCoversThe4xxTypes()
    {
        const string Default4xx = """
            "Default4xx": { "Type": "AWS::ApiGateway::GatewayResponse", "Properties": { "RestApiId": { "Ref": "Api" }, "ResponseType": "DEFAULT_4XX",
              "ResponseTemplates": { "application/json": "{\"error\":$context.error.messageString}" } } }
            """;
        var responses = new GatewayResponses(Read(Api, Items, Function("Backend"), Method("List", "GET", """{ "Ref": "Items" }""", authorization: "NONE"), Default4xx).Rest!);
        var plain = new GatewayResponses(Read(Api, Items, Function("Backend"), Method("List", "GET", """{ "Ref": "Items" }""", authorization: "NONE")).Rest!);

        Assert.Equal((401, """{"message":"Unauthorized"}"""), (plain.Get(GatewayResponseType.Unauthorized).StatusCode, plain.Get(GatewayResponseType.Unauthorized).Body));
        Assert.Equal((403, """{"message":"Missing Authentication Token"}"""), (plain.Get(GatewayResponseType.MissingAuthenticationToken).StatusCode, plain.Get(GatewayResponseType.MissingAuthenticationToken).Body));
        Assert.Equal("""{"error":"Unauthorized"}""", responses.Get(GatewayResponseType.Unauthorized).Body);
        Assert.Equal(500, responses.Get(GatewayResponseType.AuthorizerFailure).StatusCode);
        Assert.DoesNotContain("error", responses.Get(GatewayResponseType.AuthorizerFailure).Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("COGNITO_USER_POOLS")]
    [InlineData("AWS_IAM")]
    public void AnAuthorizationTypeItCannotDecide_RefusesToStart_NamingTheMethod(string authorization)
    {
        TemplateDeployment deployment = Read(Api, Items, Function("Backend"), Method("Guarded", "GET", """{ "Ref": "Items" }""", authorization: authorization));

        Assert.Equal($"Guarded AuthorizationType: {authorization} authorization is not emulated (only NONE and CUSTOM Lambda authorizers)", Assert.Single(deployment.Refusals));
    }

    [Fact]
    public void ARequestAuthorizerReadingStageVariables_AnApiKey_AndAnOpenApiBody_EachRefuseToStart()
    {
        string request = Auth.Replace("\"TOKEN\"", "\"REQUEST\"", StringComparison.Ordinal);
        const string BodyApi = """ "Api": { "Type": "AWS::ApiGateway::RestApi", "Properties": { "Body": { "openapi": "3.0.1" } } }""";

        Assert.Contains(Read(Api, Items, request.Replace("method.request.header.X-Token", "stageVariables.key", StringComparison.Ordinal), Function("AuthFn"), Function("Backend"), Method("M", "GET", """{ "Ref": "Items" }""")).Refusals,
            r => r == "Auth IdentitySource: 'stageVariables.key': the local gateway reads request headers and query strings only");
        Assert.Contains(Read(Api, Items, Function("Backend"), Method("M", "GET", """{ "Ref": "Items" }""", authorization: "NONE", extra: ", \"ApiKeyRequired\": true")).Refusals,
            r => r == "M ApiKeyRequired: API keys are not emulated");
        Assert.Contains(Read(BodyApi).Refusals, r => r.StartsWith("Api Body:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TwoAuthorizers_EachGuardItsMethods_WithTheirOwnCache_AndTwoOfOneNameRefuseToStart()
    {
        string second = Auth.Replace("\"Auth\":", "\"Auth2\":", StringComparison.Ordinal)
            .Replace("\"tokens\"", "\"admins\"", StringComparison.Ordinal).Replace("\"AuthFn\"", "\"AdminFn\"", StringComparison.Ordinal);
        string method = Method("Second", "PUT", """{ "Ref": "Items" }""").Replace("\"Ref\": \"Auth\"", "\"Ref\": \"Auth2\"", StringComparison.Ordinal);
        TemplateDeployment deployment = Read(Api, Stage, Items, Auth, second, Function("AuthFn"), Function("AdminFn"), Function("Backend"), Method("First", "GET", """{ "Ref": "Items" }"""), method);
        string allowAll = AuthorizerAnswers.Policy("Allow", "arn:aws:execute-api:eu-west-1:123456789012:local/v1/*/*");
        var user = new FakeFunction(_ => FakeFunction.Success(allowAll));
        var admin = new FakeFunction(_ => FakeFunction.Failure("Unauthorized"));
        var flavour = new RestApiFlavour(deployment.Rest!, new GatewayFunctions(new Dictionary<string, IFunctionInvoker>
        {
            ["AuthFn"] = user,
            ["AdminFn"] = admin,
            ["Backend"] = new FakeFunction(_ => FakeFunction.Success("{}")),
        }), new GatewaySettings("eu-west-1", TimeProvider.System), new GatewayMetrics(), _ => { });

        Assert.Empty(deployment.Refusals);
        Assert.Equal(["AdminFn", "AuthFn", "Backend"], deployment.Functions.Select(f => f.Name));
        Assert.Equal(200, (await SendAsync(flavour, "GET", "/items", "abc")).StatusCode);
        Assert.Equal(401, (await SendAsync(flavour, "PUT", "/items", "abc")).StatusCode);
        Assert.Equal(200, (await SendAsync(flavour, "GET", "/items", "abc")).StatusCode);
        Assert.Equal((1, 1), (user.Invocations, admin.Invocations));

        string sameName = second.Replace("\"admins\"", "\"tokens\"", StringComparison.Ordinal);
        Assert.Contains(Read(Api, Items, Auth, sameName, Function("AuthFn"), Function("AdminFn"), Function("Backend"), Method("First", "GET", """{ "Ref": "Items" }"""), method).Refusals,
            r => r == "Auth, Auth2 Name: two authorizers are named 'tokens'");
    }

    [Fact]
    public void AnHttpApiJwtAuthorizer_RefusesToStart()
    {
        TemplateDeployment deployment = Read(
            """ "Http": { "Type": "AWS::ApiGatewayV2::Api", "Properties": { "ProtocolType": "HTTP" } }""",
            """ "Jwt": { "Type": "AWS::ApiGatewayV2::Authorizer", "Properties": { "ApiId": { "Ref": "Http" }, "AuthorizerType": "JWT", "IdentitySource": ["$request.header.Authorization"] } }""",
            """ "Route": { "Type": "AWS::ApiGatewayV2::Route", "Properties": { "ApiId": { "Ref": "Http" }, "RouteKey": "GET /x", "AuthorizationType": "JWT", "AuthorizerId": { "Ref": "Jwt" } } }""");

        Assert.Contains("Route AuthorizationType: JWT authorization is not emulated (only NONE and CUSTOM Lambda authorizers)", deployment.Refusals);
    }

    [Fact]
    public void SeveralApis_NeedAChoice_AndAnUnknownChoiceNamesTheApis()
    {
        const string Other = """ "Other": { "Type": "AWS::ApiGatewayV2::Api", "Properties": { "ProtocolType": "HTTP" } }""";

        var none = Assert.Throws<TemplateException>(() => Read(Api, Other));
        var wrong = Assert.Throws<TemplateException>(() => ReadApi("Nope", Api, Other));

        Assert.Contains("declares 2 APIs; choose one with --template-api (Api, Other)", none.Message, StringComparison.Ordinal);
        Assert.Contains("it has no API 'Nope' (its APIs: Api, Other)", wrong.Message, StringComparison.Ordinal);
        Assert.Equal(ApiKind.Http, ReadApi("Other", Api, Other).Kind);
    }

    [Fact]
    public async Task AMockIntegration_IsListed_AndItsRouteAnswers502AfterTheAuthorizerAllowed()
    {
        TemplateDeployment deployment = Read(Api, Stage, Items, Auth, Function("AuthFn"), Function("Backend"), Method("Mock", "OPTIONS", """{ "Ref": "Items" }""", integration: "MOCK"));
        var authorizer = new FakeFunction(_ => FakeFunction.Success(AuthorizerAnswers.Policy("Allow", "arn:aws:execute-api:eu-west-1:123456789012:local/v1/*/*")));
        var backend = new FakeFunction(_ => FakeFunction.Success("{}"));
        RestApiFlavour flavour = Flavour(deployment, authorizer, backend);

        GatewayAnswer refused = await SendAsync(flavour, "OPTIONS", "/items", null);
        GatewayAnswer allowed = await SendAsync(flavour, "OPTIONS", "/items", "abc");

        Assert.Equal("Mock Integration: a MOCK integration: OPTIONS /items answers 502 after authorization", Assert.Single(deployment.NotEmulated));
        Assert.Equal((401, 502), (refused.StatusCode, allowed.StatusCode));
        Assert.Equal(0, backend.Invocations);
    }

    [Fact]
    public async Task AFunctionOfAnotherRuntime_CannotRun_AndItsRoutesAnswer502()
    {
        TemplateDeployment deployment = Read(Api, Items, Function("Backend", runtime: "python3.12"), Method("List", "GET", """{ "Ref": "Items" }""", authorization: "NONE"));
        TemplateFunction backend = Assert.Single(deployment.Functions);
        var flavour = new RestApiFlavour(deployment.Rest!, new GatewayFunctions(new Dictionary<string, IFunctionInvoker>
        {
            ["Backend"] = new UnavailableFunction(backend.Problem!),
        }), new GatewaySettings("eu-west-1", TimeProvider.System), new GatewayMetrics(), _ => { });

        GatewayAnswer answer = await SendAsync(flavour, "GET", "/items", null);

        Assert.Null(backend.Bootstrap);
        Assert.Equal("runtime python3.12: the local gateway runs custom-runtime bootstraps only (provided.al2023, provided.al2)", backend.Problem);
        Assert.Equal(502, answer.StatusCode);
    }

    [UnixFact]
    public void AnAssetBootstrap_IsFoundByItsMetadata_MadeExecutable_AndTheEnvironmentResolved()
    {
        Asset("Backend", Encoding.ASCII.GetBytes("#!/bin/sh\n"));
        string environment = """
            , "MemorySize": 512, "Timeout": 7, "Environment": { "Variables": {
              "TABLE": { "Ref": "Orders" }, "NAMED": { "Ref": "Named" }, "CERTS": "/var/task/certs.pem",
              "WHERE": { "Fn::Sub": "${AWS::Region}/${AWS::AccountId}/${Named.Arn}" }, "PARAM": { "Ref": "SomeParameter" } } }
            """;
        const string Orders = """ "Orders": { "Type": "AWS::DynamoDB::Table", "Properties": { "KeySchema": [{ "AttributeName": "pk", "KeyType": "HASH" }, { "AttributeName": "sk", "KeyType": "RANGE" }], "AttributeDefinitions": [{ "AttributeName": "pk", "AttributeType": "S" }, { "AttributeName": "sk", "AttributeType": "N" }] } }""";
        const string Named = """ "Named": { "Type": "AWS::DynamoDB::Table", "Properties": { "TableName": "tokens", "KeySchema": [{ "AttributeName": "token", "KeyType": "HASH" }], "AttributeDefinitions": [{ "AttributeName": "token", "AttributeType": "S" }] } }""";

        TemplateDeployment deployment = Read(Api, Items, Orders, Named, Function("Backend", extra: environment), Method("List", "GET", """{ "Ref": "Items" }""", authorization: "NONE"));
        TemplateFunction backend = Assert.Single(deployment.Functions);

        Assert.Null(backend.Problem);
        Assert.Equal(Path.Combine(_folder, "asset.Backend", "bootstrap"), backend.Bootstrap);
        Assert.True(OperatingSystem.IsWindows() || (File.GetUnixFileMode(backend.Bootstrap!) & UnixFileMode.UserExecute) != 0);
        Assert.Equal((512, 7), (backend.MemoryMb, backend.TimeoutSeconds));
        Assert.Equal("Orders", backend.Environment["TABLE"]);
        Assert.Equal("tokens", backend.Environment["NAMED"]);
        Assert.Equal(Path.Combine(_folder, "asset.Backend") + "/certs.pem", backend.Environment["CERTS"]);
        Assert.Equal("eu-west-1/123456789012/arn:aws:dynamodb:eu-west-1:123456789012:table/tokens", backend.Environment["WHERE"]);
        Assert.False(backend.Environment.ContainsKey("PARAM"));
        Assert.Contains(deployment.NotEmulated, l => l.StartsWith("Backend Environment.Variables.PARAM: not set: its value is Ref to SomeParameter", StringComparison.Ordinal));
        Assert.Equal(["tokens token HASH S True", "Orders pk HASH S, sk RANGE N False"],
            deployment.Tables.Select(t => $"{t.Name} {string.Join(", ", t.Keys.Select(k => $"{k.Name} {k.KeyType} {k.AttributeType}"))} {t.IsTokenTable}"));
    }

    [Fact]
    public void ABootstrapForAnotherMachine_CannotRun()
    {
        byte[] elf = new byte[64];
        "\u007fELF"u8.CopyTo(elf);
        bool arm = System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture == System.Runtime.InteropServices.Architecture.Arm64;
        elf[18] = arm ? (byte)0x3E : (byte)0xB7;
        Asset("Backend", elf);

        TemplateFunction backend = Assert.Single(Read(Api, Items, Function("Backend"), Method("List", "GET", """{ "Ref": "Items" }""", authorization: "NONE")).Functions);

        Assert.StartsWith($"its bootstrap is built for {(arm ? "x64" : "arm64")}", backend.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutAssetMetadata_TheAssetManifestFindsTheFolder_PastAFileThatIsNotJson()
    {
        Asset("Backend", Encoding.ASCII.GetBytes("#!/bin/sh\n"));
        File.WriteAllText(Path.Combine(_folder, "Shop.assets.json"), """{ "files": { "Backend": { "source": { "path": "asset.Backend", "packaging": "zip" } } } }""");
        File.WriteAllText(Path.Combine(_folder, "Another.assets.json"), "not a manifest");
        string function = Function("Backend").Replace("\"Metadata\": { \"aws:asset:path\": \"asset.Backend\" },", string.Empty, StringComparison.Ordinal);

        TemplateFunction backend = Assert.Single(Read(Api, Items, function, Method("List", "GET", """{ "Ref": "Items" }""", authorization: "NONE")).Functions);

        Assert.Equal(Path.Combine(_folder, "asset.Backend", "bootstrap"), backend.Bootstrap);
    }

    [Fact]
    public void Routing_PrefersLiteralsToParametersToGreedy_AndAMethodToAny()
    {
        const string Proxy = """ "Proxy": { "Type": "AWS::ApiGateway::Resource", "Properties": { "RestApiId": { "Ref": "Api" }, "ParentId": { "Fn::GetAtt": ["Api", "RootResourceId"] }, "PathPart": "{proxy+}" } }""";
        TemplateDeployment deployment = Read(Api, Items, Item, Special, Proxy, Function("Backend"),
            Method("AnyProxy", "ANY", """{ "Ref": "Proxy" }""", authorization: "NONE"),
            Method("AnyItem", "ANY", """{ "Ref": "Item" }""", authorization: "NONE"),
            Method("GetItem", "GET", """{ "Ref": "Item" }""", authorization: "NONE"),
            Method("GetSpecial", "GET", """{ "Ref": "Special" }""", authorization: "NONE"));
        var table = RouteTable.For(deployment.Rest!);

        string Route(string method, string path) => table.TryMatch(method, path, out RouteMatch<RouteDefinition>? match) ? match!.Route.ToString() : "none";

        Assert.Equal("GET /items/special", Route("GET", "/items/special"));
        Assert.Equal("GET /items/{id}", Route("GET", "/items/7"));
        Assert.Equal("ANY /items/{id}", Route("DELETE", "/items/7"));
        Assert.Equal("ANY /{proxy+}", Route("PUT", "/a/b/c"));
    }

    [Theory]
    [InlineData("""{"statusCode":201,"headers":{"x-a":"1"},"multiValueHeaders":{"x-b":["2","3"]},"body":"made"}""", 201, "made")]
    [InlineData("""{"statusCode":200,"body":"aGk=","isBase64Encoded":true}""", 200, "hi")]
    [InlineData("""{"statusCode":200,"body":"x","cookies":["a=b"]}""", 502, """{"message": "Internal server error"}""")]
    [InlineData("""{"body":"no status"}""", 502, """{"message": "Internal server error"}""")]
    [InlineData("not json", 502, """{"message": "Internal server error"}""")]
    public async Task ALambdaProxyIntegration_GetsTheRequestAsAnEvent_AndItsAnswerIsTheResponse(string answer, int status, string body)
    {
        string proxy = Method("Proxy", "POST", """{ "Ref": "Item" }""", integration: "AWS_PROXY");
        TemplateDeployment deployment = Read(Api, Stage, Items, Item, Auth, Function("AuthFn"), Function("Backend"), proxy);
        var authorizer = new FakeFunction(_ => FakeFunction.Success(AuthorizerAnswers.Policy("Allow", "arn:aws:execute-api:eu-west-1:123456789012:local/v1/*/*")));
        var backend = new FakeFunction(_ => FakeFunction.Success(answer));

        GatewayAnswer response = await SendAsync(Flavour(deployment, authorizer, backend), "POST", "/items/a%20b?x=1&x=2", "abc");

        Assert.Equal((status, body), (response.StatusCode, Encoding.UTF8.GetString(response.Body.Span)));
        if (status == 201)
        {
            Assert.Equal(["1", "2", "3"], response.Headers.Where(h => h.Key is "x-a" or "x-b").Select(h => h.Value));
        }

        using var proxyEvent = System.Text.Json.JsonDocument.Parse(backend.Events.Last());
        System.Text.Json.JsonElement e = proxyEvent.RootElement;
        Assert.Equal(("/items/{id}", "/items/a b", "POST"), (e.GetProperty("resource").GetString(), e.GetProperty("path").GetString(), e.GetProperty("httpMethod").GetString()));
        Assert.Equal("a b", e.GetProperty("pathParameters").GetProperty("id").GetString());
        Assert.Equal(("2", 2), (e.GetProperty("queryStringParameters").GetProperty("x").GetString(), e.GetProperty("multiValueQueryStringParameters").GetProperty("x").GetArrayLength()));
        Assert.Equal("abc", e.GetProperty("headers").GetProperty("X-Token").GetString());
        Assert.Equal(("v1", "/v1/items/a b"), (e.GetProperty("requestContext").GetProperty("stage").GetString(), e.GetProperty("requestContext").GetProperty("path").GetString()));
        Assert.Equal("203.0.113.9", e.GetProperty("requestContext").GetProperty("identity").GetProperty("sourceIp").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.String, e.GetProperty("requestContext").GetProperty("authorizer").GetProperty("principalId").ValueKind);
    }

    [Fact]
    public async Task AnHttpApi_RoutesAMethodBeforeAny_AndEverythingElseToDefault()
    {
        static string Route(string id, string key, string function) => $$"""
             "{{id}}": { "Type": "AWS::ApiGatewayV2::Route", "Properties": { "ApiId": { "Ref": "Http" }, "RouteKey": "{{key}}", "Target": { "Fn::Join": ["", ["integrations/", { "Ref": "{{function}}Integration" }]] } } }
            """;
        static string Integration(string function) => $$"""
             "{{function}}Integration": { "Type": "AWS::ApiGatewayV2::Integration", "Properties": { "ApiId": { "Ref": "Http" }, "IntegrationType": "AWS_PROXY", "PayloadFormatVersion": "2.0", "IntegrationUri": { "Fn::GetAtt": ["{{function}}", "Arn"] } } }
            """;
        TemplateDeployment deployment = Read(
            """ "Http": { "Type": "AWS::ApiGatewayV2::Api", "Properties": { "ProtocolType": "HTTP" } }""",
            Function("Get"), Function("Any"), Function("Rest"), Integration("Get"), Integration("Any"), Integration("Rest"),
            Route("R1", "GET /x", "Get"), Route("R2", "ANY /x", "Any"), Route("R3", "$default", "Rest"));
        var functions = new Dictionary<string, FakeFunction>
        {
            ["Get"] = new(_ => FakeFunction.Success("\"get\"")),
            ["Any"] = new(_ => FakeFunction.Success("\"any\"")),
            ["Rest"] = new(_ => FakeFunction.Success("\"default\"")),
        };
        var flavour = new HttpApiFlavour(deployment.Http!, new GatewayFunctions(functions.ToDictionary(f => f.Key, f => (IFunctionInvoker)f.Value)),
            new GatewaySettings("eu-west-1", TimeProvider.System), new GatewayMetrics(), _ => { });

        async Task<string> BodyAsync(string method, string path) => Encoding.UTF8.GetString((await SendAsync(flavour, method, path, null)).Body.Span);

        Assert.Empty(deployment.NotEmulated);
        Assert.Equal("\"get\"", await BodyAsync("GET", "/x"));
        Assert.Equal("\"any\"", await BodyAsync("DELETE", "/x"));
        Assert.Equal("\"default\"", await BodyAsync("GET", "/"));
        Assert.Equal("\"default\"", await BodyAsync("GET", "/x/y"));
    }

    [Fact]
    public async Task ARestRequestAuthorizer_GetsTheRequest_IsCachedByItsIdentitySources_And401sWhenOneIsMissing()
    {
        string request = Auth.Replace("\"TOKEN\"", "\"REQUEST\"", StringComparison.Ordinal)
            .Replace("\"method.request.header.X-Token\"", "\"method.request.header.X-Token, method.request.querystring.tenant\"", StringComparison.Ordinal);
        TemplateDeployment deployment = Read(Api, Stage, Items, Item, request, Function("AuthFn"), Function("Backend"), Method("Get", "GET", """{ "Ref": "Item" }"""));
        var authorizer = new FakeFunction(_ => FakeFunction.Success(AuthorizerAnswers.Policy("Allow", "arn:aws:execute-api:eu-west-1:123456789012:local/v1/GET/items/*")));
        var backend = new FakeFunction(_ => FakeFunction.Success("{}"));
        RestApiFlavour flavour = Flavour(deployment, authorizer, backend);

        GatewayAnswer noTenant = await SendAsync(flavour, "GET", "/items/1", "abc");
        GatewayAnswer first = await SendAsync(flavour, "GET", "/items/1?tenant=t1", "abc");
        GatewayAnswer again = await SendAsync(flavour, "GET", "/items/2?tenant=t1", "abc");
        GatewayAnswer otherTenant = await SendAsync(flavour, "GET", "/items/2?tenant=t2", "abc");

        Assert.Empty(deployment.Refusals);
        Assert.Equal((401, 200, 200, 200), (noTenant.StatusCode, first.StatusCode, again.StatusCode, otherTenant.StatusCode));
        Assert.Equal(2, authorizer.Invocations);
        using var authorizerEvent = System.Text.Json.JsonDocument.Parse(authorizer.Events.First());
        System.Text.Json.JsonElement e = authorizerEvent.RootElement;
        Assert.Equal(("REQUEST", "arn:aws:execute-api:eu-west-1:123456789012:local/v1/GET/items/1", "/items/{id}"),
            (e.GetProperty("type").GetString(), e.GetProperty("methodArn").GetString(), e.GetProperty("resource").GetString()));
        Assert.Equal(("t1", "1", "abc"), (e.GetProperty("queryStringParameters").GetProperty("tenant").GetString(),
            e.GetProperty("pathParameters").GetProperty("id").GetString(), e.GetProperty("headers").GetProperty("X-Token").GetString()));
        Assert.False(e.TryGetProperty("body", out _));
    }

    [Theory]
    [InlineData("""{"statusCode":201,"body":"made"}""", 201, "made")]
    [InlineData("""{"made":true}""", 500, """{"message":"Internal Server Error"}""")]
    public async Task AnHttpApiWithPayload10_SendsTheRestShapedEvents_AndReadsAPolicyAndAProxyAnswer(string answer, int status, string body)
    {
        TemplateDeployment deployment = Read(
            """ "Http": { "Type": "AWS::ApiGatewayV2::Api", "Properties": { "ProtocolType": "HTTP" } }""",
            """ "Stage": { "Type": "AWS::ApiGatewayV2::Stage", "Properties": { "ApiId": { "Ref": "Http" }, "StageName": "$default" } }""",
            """ "V1Auth": { "Type": "AWS::ApiGatewayV2::Authorizer", "Properties": { "ApiId": { "Ref": "Http" }, "AuthorizerType": "REQUEST", "AuthorizerPayloadFormatVersion": "1.0", "IdentitySource": ["$request.header.X-Token"], "AuthorizerResultTtlInSeconds": 0, "AuthorizerUri": { "Fn::GetAtt": ["AuthFn", "Arn"] } } }""",
            """ "V1Integration": { "Type": "AWS::ApiGatewayV2::Integration", "Properties": { "ApiId": { "Ref": "Http" }, "IntegrationType": "AWS_PROXY", "PayloadFormatVersion": "1.0", "IntegrationUri": { "Fn::GetAtt": ["Backend", "Arn"] } } }""",
            """ "Route": { "Type": "AWS::ApiGatewayV2::Route", "Properties": { "ApiId": { "Ref": "Http" }, "RouteKey": "POST /items/{id}", "AuthorizationType": "CUSTOM", "AuthorizerId": { "Ref": "V1Auth" }, "Target": { "Fn::Join": ["", ["integrations/", { "Ref": "V1Integration" }]] } } }""",
            Function("AuthFn"), Function("Backend"));
        var authorizer = new FakeFunction(_ => FakeFunction.Success(AuthorizerAnswers.Policy("Allow", "arn:aws:execute-api:eu-west-1:123456789012:local/$default/POST/items/*")));
        var backend = new FakeFunction(_ => FakeFunction.Success(answer));
        var flavour = new HttpApiFlavour(deployment.Http!, new GatewayFunctions(new Dictionary<string, IFunctionInvoker> { ["AuthFn"] = authorizer, ["Backend"] = backend }),
            new GatewaySettings("eu-west-1", TimeProvider.System), new GatewayMetrics(), _ => { });

        GatewayAnswer response = await SendAsync(flavour, "POST", "/items/7?x=1", "abc");

        Assert.Empty(deployment.Refusals);
        Assert.Equal((status, body), (response.StatusCode, Encoding.UTF8.GetString(response.Body.Span)));
        using var authorizerEvent = System.Text.Json.JsonDocument.Parse(authorizer.Events.Single());
        Assert.Equal(("1.0", "REQUEST", "abc", "arn:aws:execute-api:eu-west-1:123456789012:local/$default/POST/items/7"),
            (authorizerEvent.RootElement.GetProperty("version").GetString(), authorizerEvent.RootElement.GetProperty("type").GetString(),
             authorizerEvent.RootElement.GetProperty("identitySource").GetString(), authorizerEvent.RootElement.GetProperty("methodArn").GetString()));
        using var proxyEvent = System.Text.Json.JsonDocument.Parse(backend.Events.Single());
        System.Text.Json.JsonElement e = proxyEvent.RootElement;
        Assert.Equal(("1.0", "/items/{id}", "7", "1"), (e.GetProperty("version").GetString(), e.GetProperty("resource").GetString(),
            e.GetProperty("pathParameters").GetProperty("id").GetString(), e.GetProperty("queryStringParameters").GetProperty("x").GetString()));
        Assert.Equal("POST /items/{id}", e.GetProperty("requestContext").GetProperty("routeKey").GetString());
    }

    [Fact]
    public void PropertiesItDoesNotApply_AreListedOneEach_AndAResourcePolicyRefusesToStart()
    {
        const string PolicyApi = """ "Api": { "Type": "AWS::ApiGateway::RestApi", "Properties": { "Name": "shop", "Policy": { "Statement": [] } } }""";
        string layered = Function("Backend", extra: ", \"Layers\": [\"arn:aws:lambda:eu-west-1:123456789012:layer:x:1\"], \"ReservedConcurrentExecutions\": 2");
        const string Throttled = """ "Stage": { "Type": "AWS::ApiGateway::Stage", "Properties": { "RestApiId": { "Ref": "Api" }, "StageName": "v1", "MethodSettings": [], "Variables": { "a": "b" } } }""";

        TemplateDeployment deployment = Read(PolicyApi, Throttled, Items, layered, Method("List", "GET", """{ "Ref": "Items" }""", authorization: "NONE"));
        TemplateDeployment kept = Pipeline.KeptTemplates.Read(SynthesizedTemplates.Rest);

        Assert.Equal("Api Policy: a resource policy decides who may call the API; it is not evaluated here", Assert.Single(deployment.Refusals));
        Assert.Equal(
            ["Backend Layers: not applied by the local gateway", "Backend ReservedConcurrentExecutions: not applied by the local gateway",
             "Stage MethodSettings: not applied by the local gateway", "Stage Variables: not applied by the local gateway"],
            deployment.NotEmulated.Order(StringComparer.Ordinal));
        Assert.Equal(["UserApiDeploymentStageprod97BF71A2 MethodSettings: not applied by the local gateway"], kept.NotEmulated);
        Assert.Empty(kept.Refusals);
    }
}
