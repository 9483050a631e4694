using System.Text;
using System.Text.Json.Nodes;
using AotAuth.LocalHosting;

namespace AotAuth.IntegrationTests;

/// <summary>
/// The native authorizer against DynamoDB Local with the two other event shapes: a REST REQUEST
/// event gets the TOKEN event's policy, a payload 2.0 event a simple response.
/// </summary>
public sealed class AuthorizerEventShapeProcessTests(AuthorizerFixture fixture) : IClassFixture<AuthorizerFixture>
{
    private const string MethodArn = "arn:aws:execute-api:us-east-1:123456789012:abc123/prod/PUT/user";
    private static readonly InvokeOptions Options = new(TimeSpan.FromSeconds(10));

    private Task<InvocationOutcome> Invoke(JsonObject e) => fixture.Server.InvokeAsync(Encoding.UTF8.GetBytes(e.ToJsonString()), Options);

    private static JsonObject HttpEvent(string token) => new()
    {
        ["version"] = "2.0",
        ["type"] = "REQUEST",
        ["routeArn"] = "arn:aws:execute-api:us-east-1:123456789012:abc123/$default/PUT/user",
        ["identitySource"] = new JsonArray(token, "PUT /user"),
        ["routeKey"] = "PUT /user",
        ["rawPath"] = "/user",
        ["headers"] = new JsonObject { ["authorization"] = token, ["content-type"] = "application/json" },
        ["requestContext"] = new JsonObject { ["http"] = new JsonObject { ["method"] = "PUT", ["path"] = "/user" }, ["stage"] = "$default" },
    };

    [Fact]
    public async Task RequestEvent_GetsTheSamePolicyAsTheTokenEvent()
    {
        InvocationOutcome token = await Invoke(new JsonObject { ["type"] = "TOKEN", ["authorizationToken"] = AuthorizerFixture.ValidToken, ["methodArn"] = MethodArn });
        InvocationOutcome request = await Invoke(new JsonObject
        {
            ["type"] = "REQUEST",
            ["methodArn"] = MethodArn,
            ["httpMethod"] = "PUT",
            ["headers"] = new JsonObject { ["Authorization"] = AuthorizerFixture.ValidToken },
        });

        Assert.Equal(InvocationStatus.Success, request.Status);
        Assert.Equal(Encoding.UTF8.GetString(token.Body), Encoding.UTF8.GetString(request.Body));
        Assert.Equal("Allow", (string?)JsonNode.Parse(request.Body)!["policyDocument"]!["Statement"]![0]!["Effect"]);
    }

    [Fact]
    public async Task HttpEvent_KnownToken_IsAuthorizedWithThePrincipalInTheContext()
    {
        InvocationOutcome outcome = await Invoke(HttpEvent(AuthorizerFixture.ValidToken));

        Assert.Equal(InvocationStatus.Success, outcome.Status);
        JsonNode answer = JsonNode.Parse(outcome.Body)!;
        Assert.True((bool)answer["isAuthorized"]!);
        Assert.Equal("alice", (string?)answer["context"]!["principalId"]);
    }

    [Theory]
    [InlineData(AuthorizerFixture.UnknownToken)]
    [InlineData(AuthorizerFixture.ExpiredToken)]
    public async Task HttpEvent_UnknownOrExpiredToken_IsNotAuthorized(string token)
    {
        InvocationOutcome outcome = await Invoke(HttpEvent(token));

        Assert.Equal(InvocationStatus.Success, outcome.Status);
        Assert.Equal("""{"isAuthorized":false}""", Encoding.UTF8.GetString(outcome.Body));
    }
}
