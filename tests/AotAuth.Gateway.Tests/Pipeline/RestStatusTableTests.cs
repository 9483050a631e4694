using System.Text.Json.Nodes;
using AotAuth.Gateway;

namespace AotAuth.Gateway.Tests.Pipeline;

/// <summary>Every row of the REST API's status table, through the pipeline with fake functions: no socket, no process.</summary>
public abstract class RestStatusTableTests(ApiSource source) : StatusTableTests(source)
{
    private const string User = """{"id":"42","name":"Ada"}""";

    private PipelineRig Allowing() =>
        PipelineRig.Rest(Source, _ => FakeFunction.Success(AuthorizerAnswers.AllowAll()), _ => FakeFunction.Success(User));

    private static void AssertAnswer(GatewayAnswer answer, int status, string body, string? errorType = null)
    {
        Assert.Equal(status, answer.StatusCode);
        Assert.Equal(body, answer.BodyText());
        Assert.True(Guid.TryParse(answer.Header("x-amzn-RequestId"), out _));
        if (errorType is not null)
        {
            Assert.Equal(errorType, answer.Header("x-amzn-ErrorType"));
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("ab")]
    [InlineData("Bearer abcdefgh")]
    public async Task MissingOrInvalidIdentity_Is401_WithoutInvokingTheAuthorizer(string? token)
    {
        PipelineRig rig = Allowing();

        GatewayAnswer answer = await rig.SendAsync("GET", "/user/1", token);

        AssertAnswer(answer, 401, """{"message":"Unauthorized"}""", "UnauthorizedException");
        Assert.Equal(0, rig.Authorizer.Invocations);
    }

    [Theory]
    [InlineData("Bearer abcdefgh", "the Authorization header (15 characters) does not match ^[a-zA-Z0-9]{3,32}$ (a 'Bearer ' prefix? send the token alone)")]
    [InlineData("has space", "the Authorization header (9 characters) does not match ^[a-zA-Z0-9]{3,32}$ (it holds white space)")]
    [InlineData("ab", "the Authorization header (2 characters) does not match ^[a-zA-Z0-9]{3,32}$")]
    [InlineData(null, "no Authorization header")]
    public async Task IdentityRefusedBeforeTheAuthorizer_IsLoggedWithItsReason_NeverTheValue(string? token, string reason)
    {
        PipelineRig rig = Allowing();

        await rig.SendAsync("GET", "/user/1", token);

        string line = Assert.Single(rig.Log, l => l.StartsWith("401 without invoking the authorizer", StringComparison.Ordinal));
        Assert.EndsWith(reason, line, StringComparison.Ordinal);
        Assert.False(token is { Length: > 0 } && line.Contains(token, StringComparison.Ordinal), line);
    }

    [Theory]
    [InlineData("Unauthorized", 401, """{"message":"Unauthorized"}""", "UnauthorizedException")]
    [InlineData("Some other failure", 500, """{"message": null}""", "AuthorizerFailureException")]
    public async Task AuthorizerError_IsItsGatewayResponse(string errorMessage, int status, string body, string errorType)
    {
        PipelineRig rig = PipelineRig.Rest(Source, _ => FakeFunction.Failure(errorMessage), _ => FakeFunction.Success(User));

        AssertAnswer(await rig.SendAsync("GET", "/user/1", Token), status, body, errorType);
        Assert.Equal(0, rig.User.Invocations);
    }

    [Fact]
    public async Task AuthorizerAnsweringNonsense_Is500ConfigurationError_AndIsLogged()
    {
        PipelineRig rig = PipelineRig.Rest(Source, _ => FakeFunction.Success("""{"nope":1}"""), _ => FakeFunction.Success(User));

        AssertAnswer(await rig.SendAsync("GET", "/user/1", Token), 500, """{"message": null}""", "AuthorizerConfigurationException");
        Assert.Contains(rig.Log, line => line.StartsWith("authorizer answered an invalid response", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Deny", "arn:aws:execute-api:us-east-1:123456789012:local/prod/GET/user/*", GatewayResponses.ExplicitDenyMessage)]
    [InlineData("Allow", "arn:aws:execute-api:us-east-1:123456789012:local/prod/PUT/user", GatewayResponses.ImplicitDenyMessage)]
    public async Task PolicyNotAllowingTheMethodArn_Is403WithItsMessage(string effect, string resource, string message)
    {
        PipelineRig rig = PipelineRig.Rest(Source, _ => FakeFunction.Success(AuthorizerAnswers.Policy(effect, resource)), _ => FakeFunction.Success(User));

        AssertAnswer(await rig.SendAsync("GET", "/user/1", Token), 403, $$"""{"message":"{{message}}"}""", "AccessDeniedException");
        Assert.Equal(0, rig.User.Invocations);
    }

    [Theory]
    [InlineData("GET", "/")]
    [InlineData("DELETE", "/user/1")]
    [InlineData("GET", "/user")]
    [InlineData("GET", "/user/1/extra")]
    [InlineData("GET", "/user/")]
    public async Task UnknownRoute_Is403MissingAuthenticationToken_AndInvokesNothing(string method, string path)
    {
        PipelineRig rig = Allowing();

        AssertAnswer(await rig.SendAsync(method, path, Token), 403, """{"message":"Missing Authentication Token"}""", "MissingAuthenticationTokenException");
        Assert.Equal(0, rig.Authorizer.Invocations + rig.User.Invocations);
    }

    [Theory]
    [InlineData("""{"id":"x"}""")]
    [InlineData("""{"id":1,"name":"y"}""")]
    [InlineData("not json")]
    public async Task BodyFailingTheModel_Is400_AndReachesNoFunction(string body)
    {
        PipelineRig rig = Allowing();

        AssertAnswer(await rig.SendAsync("PUT", "/user", Token, body), 400, """{"message": "Invalid request body"}""", "BadRequestException");
        Assert.Equal(0, rig.User.Invocations);
    }

    [Fact]
    public async Task BodyOfAnotherContentType_Is415()
    {
        PipelineRig rig = Allowing();

        AssertAnswer(await rig.SendAsync("PUT", "/user", Token, User, contentType: "text/plain"), 415, RequestContentType.UnsupportedMediaTypeBody);
        Assert.Equal(0, rig.User.Invocations);
    }

    [Fact]
    public async Task Allowed_Get_IsTheFunctionsPayload_AndTheEventCarriesThePrincipalAndTheDecodedId()
    {
        PipelineRig rig = Allowing();

        GatewayAnswer answer = await rig.SendAsync("GET", "/user/a%20b", Token);

        AssertAnswer(answer, 200, User);
        Assert.Equal("application/json", answer.Header("Content-Type"));
        JsonNode integrationEvent = JsonNode.Parse(rig.User.Events.Single())!;
        Assert.Equal(AuthorizerAnswers.Principal, (string?)integrationEvent["principalId"]);
        Assert.Equal("a b", (string?)integrationEvent["id"]);
    }

    [Fact]
    public async Task Allowed_Put_Is204WithoutABody()
    {
        PipelineRig rig = PipelineRig.Rest(Source, _ => FakeFunction.Success(AuthorizerAnswers.AllowAll()), _ => FakeFunction.Success("null"));

        GatewayAnswer answer = await rig.SendAsync("PUT", "/user", Token, User);

        Assert.Equal(204, answer.StatusCode);
        Assert.True(answer.Body.IsEmpty);
    }

    [Theory]
    [InlineData("NotFound: no user with that id", 404, """{"message":"no user with that id"}""")]
    [InlineData("BadRequest: id too long", 400, """{"message":"id too long"}""")]
    [InlineData("store unreachable at dynamodb.internal", 500, """{"message":"Internal server error"}""")]
    public async Task FunctionError_IsSelectedByItsIntegrationResponse(string errorMessage, int status, string body)
    {
        PipelineRig rig = PipelineRig.Rest(Source, _ => FakeFunction.Success(AuthorizerAnswers.AllowAll()), _ => FakeFunction.Failure(errorMessage));

        AssertAnswer(await rig.SendAsync("GET", "/user/1", Token), status, body);
    }

    [Fact]
    public async Task MethodArnOver1600Bytes_Is414_WithoutInvokingTheAuthorizer()
    {
        PipelineRig rig = Allowing();

        AssertAnswer(await rig.SendAsync("GET", "/user/" + new string('a', 1600), Token), 414, RestApiFlavour.UriTooLongBody);
        Assert.Equal(0, rig.Authorizer.Invocations);
    }

    [Fact]
    public async Task DeclaredBodyOverTheLimit_Is413_BeforeTheAuthorizer()
    {
        PipelineRig rig = Allowing();

        GatewayAnswer answer = await rig.SendAsync("PUT", "/user", Token, User, declaredLength: GatewayLimits.MaxBodyBytes + 1);

        AssertAnswer(answer, 413, RestApiFlavour.TooLargeBody);
        Assert.Equal(0, rig.Authorizer.Invocations);
    }

    [Fact]
    public async Task StreamedBodyOverTheLimit_Is413_AndReachesNoFunction()
    {
        PipelineRig rig = Allowing();
        var request = new GatewayRequest(
            "PUT", "/user", [new("Authorization", Token), new("Content-Type", "application/json")],
            new MemoryStream(new byte[GatewayLimits.MaxBodyBytes + 1]), ContentLength: null, "203.0.113.7");

        AssertAnswer(await rig.SendAsync(request), 413, RestApiFlavour.TooLargeBody);
        Assert.Equal(0, rig.User.Invocations);
    }

    [Fact]
    public async Task CachedPolicy_ServesTheTtl_ThenTheAuthorizerIsAskedAgain()
    {
        PipelineRig rig = Allowing();

        await rig.SendAsync("GET", "/user/1", Token);
        await rig.SendAsync("PUT", "/user", Token, User);
        rig.Clock.Advance(TimeSpan.FromSeconds(AotAuth.Core.Api.AotAuthApi.Definition.Authorizer.ResultTtlSeconds + 1));
        await rig.SendAsync("GET", "/user/2", Token);

        Assert.Equal(2, rig.Authorizer.Invocations);
        Assert.Equal(3, rig.User.Invocations);
    }
}

/// <summary>The status table on the built-in API.</summary>
public sealed class BuiltInRestStatusTableTests() : RestStatusTableTests(ApiSource.BuiltIn);

/// <summary>The status table on the API read from the stack's synthesized template (<c>serve --template</c>).</summary>
public sealed class TemplateRestStatusTableTests() : RestStatusTableTests(ApiSource.Template);
