using System.Text.Json.Nodes;
using AotAuth.Gateway;

namespace AotAuth.Gateway.Tests.Pipeline;

/// <summary>Every row of the HTTP API's status table, through the pipeline with fake functions: no socket, no process.</summary>
public abstract class HttpApiStatusTableTests(ApiSource source) : StatusTableTests(source)
{
    private const string Proxy = """{"statusCode":201,"headers":{"x-made-by":"user"},"body":"{\"id\":\"42\"}"}""";

    private static void AssertAnswer(GatewayAnswer answer, int status, string body)
    {
        Assert.Equal(status, answer.StatusCode);
        Assert.Equal(body, answer.BodyText());
        Assert.True(Guid.TryParse(answer.Header("apigw-requestid"), out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task MissingIdentity_Is401_WithoutInvokingTheAuthorizer(string? token)
    {
        PipelineRig rig = PipelineRig.Http(Source, _ => FakeFunction.Success(AuthorizerAnswers.Simple(true)), _ => FakeFunction.Success(Proxy));

        AssertAnswer(await rig.SendAsync("GET", "/user/1", token), 401, """{"message":"Unauthorized"}""");
        Assert.Equal(0, rig.Authorizer.Invocations);
    }

    [Fact]
    public async Task SimpleResponseNotAuthorized_Is403_AndReachesNoFunction()
    {
        PipelineRig rig = PipelineRig.Http(Source, _ => FakeFunction.Success(AuthorizerAnswers.Simple(false)), _ => FakeFunction.Success(Proxy));

        AssertAnswer(await rig.SendAsync("GET", "/user/1", Token), 403, """{"message":"Forbidden"}""");
        Assert.Equal(0, rig.User.Invocations);
    }

    [Fact]
    public async Task Authorized_IsTheFunctionsProxyResponse_WithTheAuthorizersContextInTheEvent()
    {
        PipelineRig rig = PipelineRig.Http(Source, _ => FakeFunction.Success(AuthorizerAnswers.Simple(true)), _ => FakeFunction.Success(Proxy));

        GatewayAnswer answer = await rig.SendAsync("GET", "/user/a%20b?x=1", Token);

        AssertAnswer(answer, 201, """{"id":"42"}""");
        Assert.Equal("user", answer.Header("x-made-by"));
        JsonNode proxyEvent = JsonNode.Parse(rig.User.Events.Single())!;
        Assert.Equal("GET /user/{id}", (string?)proxyEvent["routeKey"]);
        Assert.Equal("a b", (string?)proxyEvent["pathParameters"]!["id"]);
        Assert.Equal(AuthorizerAnswers.Principal, (string?)proxyEvent["requestContext"]!["authorizer"]!["lambda"]!["who"]);
    }

    [Theory]
    [InlineData("GET", "/")]
    [InlineData("DELETE", "/user/1")]
    [InlineData("GET", "/user")]
    public async Task UnknownRoute_Is404_AndInvokesNothing(string method, string path)
    {
        PipelineRig rig = PipelineRig.Http(Source, _ => FakeFunction.Success(AuthorizerAnswers.Simple(true)), _ => FakeFunction.Success(Proxy));

        AssertAnswer(await rig.SendAsync(method, path, Token), 404, """{"message":"Not Found"}""");
        Assert.Equal(0, rig.Authorizer.Invocations + rig.User.Invocations);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public async Task AuthorizerOrFunctionFailing_Is500(bool authorizerFails, bool functionFails)
    {
        PipelineRig rig = PipelineRig.Http(Source, 
            _ => authorizerFails ? FakeFunction.Failure("boom") : FakeFunction.Success(AuthorizerAnswers.Simple(true)),
            _ => functionFails ? FakeFunction.Failure("boom") : FakeFunction.Success(Proxy));

        AssertAnswer(await rig.SendAsync("GET", "/user/1", Token), 500, """{"message":"Internal Server Error"}""");
    }

    [Fact]
    public async Task AuthorizerAnsweringNonsense_Is500_AndIsLogged()
    {
        PipelineRig rig = PipelineRig.Http(Source, _ => FakeFunction.Success("""{"isAuthorized":"yes"}"""), _ => FakeFunction.Success(Proxy));

        AssertAnswer(await rig.SendAsync("GET", "/user/1", Token), 500, """{"message":"Internal Server Error"}""");
        Assert.Contains(rig.Log, line => line.StartsWith("authorizer answered an invalid response", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("GET", "/user/7", 201)]
    [InlineData("PUT", "/user", 403)]
    public async Task IamAnswer_IsEvaluatedAgainstEachRouteArn(string method, string path, int status)
    {
        string policy = AuthorizerAnswers.Policy("Allow", "arn:aws:execute-api:us-east-1:123456789012:local/$default/GET/user/*");
        PipelineRig rig = PipelineRig.Http(Source, _ => FakeFunction.Success(policy), _ => FakeFunction.Success(Proxy), simpleResponses: false);

        GatewayAnswer answer = await rig.SendAsync(method, path, Token, method == "PUT" ? """{"id":"1","name":"a"}""" : null);

        Assert.Equal(status, answer.StatusCode);
    }

    [Fact]
    public async Task SimpleAnswer_IsCachedPerRoute_AsItsIdentitySourceSays()
    {
        PipelineRig rig = PipelineRig.Http(Source, _ => FakeFunction.Success(AuthorizerAnswers.Simple(true)), _ => FakeFunction.Success(Proxy));

        await rig.SendAsync("GET", "/user/1", Token);
        await rig.SendAsync("GET", "/user/2", Token);
        await rig.SendAsync("PUT", "/user", Token, """{"id":"1","name":"a"}""");

        Assert.Equal(2, rig.Authorizer.Invocations);
    }

    [Fact]
    public async Task DeclaredBodyOverTheLimit_Is413_BeforeTheAuthorizer()
    {
        PipelineRig rig = PipelineRig.Http(Source, _ => FakeFunction.Success(AuthorizerAnswers.Simple(true)), _ => FakeFunction.Success(Proxy));

        GatewayAnswer answer = await rig.SendAsync("PUT", "/user", Token, "{}", declaredLength: GatewayLimits.MaxBodyBytes + 1);

        AssertAnswer(answer, 413, """{"message":"Request Entity Too Large"}""");
        Assert.Equal(0, rig.Authorizer.Invocations);
    }
}

/// <summary>The status table on the built-in API.</summary>
public sealed class BuiltInHttpApiStatusTableTests() : HttpApiStatusTableTests(ApiSource.BuiltIn);

/// <summary>The status table on the API read from the stack's synthesized template (<c>serve --template</c>).</summary>
public sealed class TemplateHttpApiStatusTableTests() : HttpApiStatusTableTests(ApiSource.Template);
