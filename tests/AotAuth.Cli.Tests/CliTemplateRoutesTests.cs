namespace AotAuth.Cli.Tests;

/// <summary>
/// <c>aotauth routes --template</c> and <c>token create --template</c> against a template that is not
/// ours, written as CDK synthesizes one (Ref/Fn::GetAtt links, an authorizer URI in Fn::Join): a REST
/// API with nested resources, TOKEN and REQUEST authorizers, a public and an IAM method, and an HTTP
/// API with an ANY route, a greedy path, a JWT route and <c>$default</c>.
/// </summary>
public sealed class CliTemplateRoutesTests : IDisposable
{
    private const string Template = """
        {
          "Resources": {
            "Api": { "Type": "AWS::ApiGateway::RestApi", "Properties": { "Name": "orders" } },
            "ApiOrders": { "Type": "AWS::ApiGateway::Resource", "Properties": { "ParentId": { "Fn::GetAtt": ["Api", "RootResourceId"] }, "PathPart": "orders", "RestApiId": { "Ref": "Api" } } },
            "ApiOrdersId": { "Type": "AWS::ApiGateway::Resource", "Properties": { "ParentId": { "Ref": "ApiOrders" }, "PathPart": "{id}", "RestApiId": { "Ref": "Api" } } },
            "ApiHealth": { "Type": "AWS::ApiGateway::Resource", "Properties": { "ParentId": { "Fn::GetAtt": ["Api", "RootResourceId"] }, "PathPart": "health", "RestApiId": { "Ref": "Api" } } },
            "Fn": { "Type": "AWS::Lambda::Function", "Properties": {} },
            "Token": { "Type": "AWS::ApiGateway::Authorizer", "Properties": { "Name": "aotauth", "Type": "TOKEN", "RestApiId": { "Ref": "Api" },
              "AuthorizerUri": { "Fn::Join": ["", ["arn:", { "Ref": "AWS::Partition" }, ":apigateway:", { "Ref": "AWS::Region" }, ":lambda:path/2015-03-31/functions/", { "Fn::GetAtt": ["Fn", "Arn"] }, "/invocations"]] } } },
            "Request": { "Type": "AWS::ApiGateway::Authorizer", "Properties": { "Name": "aotauth-request", "Type": "REQUEST", "RestApiId": { "Ref": "Api" },
              "AuthorizerUri": { "Fn::Join": ["", ["arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/", { "Fn::GetAtt": ["Fn", "Arn"] }, "/invocations"]] } } },
            "GetOrder": { "Type": "AWS::ApiGateway::Method", "Properties": { "HttpMethod": "GET", "ResourceId": { "Ref": "ApiOrdersId" }, "RestApiId": { "Ref": "Api" }, "AuthorizationType": "CUSTOM", "AuthorizerId": { "Ref": "Token" }, "Integration": { "Type": "MOCK" } } },
            "DeleteOrder": { "Type": "AWS::ApiGateway::Method", "Properties": { "HttpMethod": "DELETE", "ResourceId": { "Ref": "ApiOrdersId" }, "RestApiId": { "Ref": "Api" }, "AuthorizationType": "CUSTOM", "AuthorizerId": { "Ref": "Request" } } },
            "PostOrder": { "Type": "AWS::ApiGateway::Method", "Properties": { "HttpMethod": "POST", "ResourceId": { "Ref": "ApiOrders" }, "RestApiId": { "Ref": "Api" }, "AuthorizationType": "AWS_IAM" } },
            "Health": { "Type": "AWS::ApiGateway::Method", "Properties": { "HttpMethod": "GET", "ResourceId": { "Ref": "ApiHealth" }, "RestApiId": { "Ref": "Api" }, "AuthorizationType": "NONE" } },
            "Http": { "Type": "AWS::ApiGatewayV2::Api", "Properties": { "Name": "files", "ProtocolType": "HTTP" } },
            "HttpAuth": { "Type": "AWS::ApiGatewayV2::Authorizer", "Properties": { "ApiId": { "Ref": "Http" }, "Name": "aotauth-http", "AuthorizerType": "REQUEST",
              "AuthorizerUri": { "Fn::Join": ["", ["arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/", { "Fn::GetAtt": ["Fn", "Arn"] }, "/invocations"]] } } },
            "Jwt": { "Type": "AWS::ApiGatewayV2::Authorizer", "Properties": { "ApiId": { "Ref": "Http" }, "Name": "cognito", "AuthorizerType": "JWT" } },
            "Files": { "Type": "AWS::ApiGatewayV2::Route", "Properties": { "ApiId": { "Ref": "Http" }, "RouteKey": "ANY /files/{proxy+}", "AuthorizationType": "CUSTOM", "AuthorizerId": { "Ref": "HttpAuth" } } },
            "Admin": { "Type": "AWS::ApiGatewayV2::Route", "Properties": { "ApiId": { "Ref": "Http" }, "RouteKey": "GET /admin", "AuthorizationType": "JWT", "AuthorizerId": { "Ref": "Jwt" } } },
            "Default": { "Type": "AWS::ApiGatewayV2::Route", "Properties": { "ApiId": { "Ref": "Http" }, "RouteKey": "$default" } }
          }
        }
        """;

    private readonly CliTempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Routes_ListsEveryRouteOfBothApis_WithItsAuthorizerAndScope_AndNotesWhatItDoesNotUnderstand()
    {
        CliResult result = await CliProcess.RunAsync(_temp.Path, "routes", "--template", WriteTemplate());

        Assert.True(result.ExitCode == 0, result.ToString());
        string[] lines = CliProcess.Lines(result.Stdout);
        Row(lines, "orders (REST)", "GET /orders/{id}", "aotauth (TOKEN)", "GET /orders/*");
        Row(lines, "orders (REST)", "DELETE /orders/{id}", "aotauth-request (REQUEST)", "DELETE /orders/*");
        Row(lines, "orders (REST)", "GET /health", "none", "-");
        Assert.Contains("AuthorizationType AWS_IAM: guarded by AWS, not by a token scope", Row(lines, "orders (REST)", "POST /orders", "AWS_IAM", "-"), StringComparison.Ordinal);
        Row(lines, "files (HTTP)", "ANY /files/{proxy+}", "aotauth-http (REQUEST)", "* /files/*");
        Assert.Contains("AuthorizationType JWT", Row(lines, "files (HTTP)", "GET /admin", "cognito (JWT)", "-"), StringComparison.Ordinal);
        Assert.Contains("a scope cannot name it", Row(lines, "files (HTTP)", "$default", "none", "-"), StringComparison.Ordinal);
        Assert.Contains(lines, l => l == "Authorizer aotauth (TOKEN) of orders: function Fn.");
    }

    [Fact]
    public async Task TokenCreate_RefusesAScopeReachingNoGuardedRoute_NamingThem_AndAcceptsOneForAnAnyRoute()
    {
        string template = WriteTemplate();
        CliResult refused = await CliProcess.RunAsync(_temp.Path, "token", "create", "--data", _temp.Data, "--principal", "p", "--scope", "GET /health", "--template", template);

        Assert.True(refused.ExitCode == 1 && refused.Stdout.Length == 0, refused.ToString());
        string line = Assert.Single(CliProcess.Lines(refused.Stderr));
        Assert.Contains("--scope 'GET /health' reaches no route of", line, StringComparison.Ordinal);
        Assert.Contains("DELETE /orders/{id} (scope DELETE /orders/*), GET /orders/{id} (scope GET /orders/*), ANY /files/{proxy+} (scope * /files/*)", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_temp.Data, "tokens")) && Directory.GetFiles(Path.Combine(_temp.Data, "tokens")).Length > 0);

        // GET reaches the ANY route (it answers every verb).
        CliResult created = await CliProcess.RunAsync(_temp.Path, "token", "create", "--data", _temp.Data, "--principal", "p", "--scope", "GET /files/*", "--template", template);
        Assert.True(created.ExitCode == 0, created.ToString());
        string stored = Assert.Single(Directory.GetFiles(Path.Combine(_temp.Data, "tokens")));
        Assert.Contains("\"GET /files/*\"", await File.ReadAllTextAsync(stored), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnreadableTemplate_IsOneLineNamingTheFile()
    {
        string path = Path.Combine(_temp.Path, "broken.template.json");
        await File.WriteAllTextAsync(path, """{"Resources": {"X": {"Properties": {}}}}""");
        CliResult result = await CliProcess.RunAsync(_temp.Path, "routes", "--template", path);

        Assert.True(result.ExitCode == 1 && result.Stdout.Length == 0, result.ToString());
        Assert.Equal($"aotauth: {path}: resource X has no \"Type\"", Assert.Single(CliProcess.Lines(result.Stderr)));
    }

    private static string Row(string[] lines, string api, string route, string authorizer, string scope)
    {
        string? row = lines.FirstOrDefault(l => l.StartsWith($"{api,-24}  {route,-28}  {authorizer,-36}  {scope}", StringComparison.Ordinal));
        Assert.True(row is not null, $"no row '{api} {route} {authorizer} {scope}' in:\n{string.Join('\n', lines)}");
        return row;
    }

    private string WriteTemplate()
    {
        string path = Path.Combine(_temp.Path, "Orders.template.json");
        File.WriteAllText(path, Template);
        return path;
    }
}
