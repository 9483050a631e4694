using System.Text;
using System.Text.Json.Nodes;
using AotAuth.LocalHosting;
using AotAuth.Testing.Processes;

namespace AotAuth.IntegrationTests;

public sealed class AuthorizerProcessTests(AuthorizerFixture fixture) : IClassFixture<AuthorizerFixture>
{
    private const string MethodArn = "arn:aws:execute-api:us-east-1:123456789012:abc123/prod/PUT/user";
    private static readonly InvokeOptions Options = new(TimeSpan.FromSeconds(10));

    private static byte[] TokenEvent(string token) => Encoding.UTF8.GetBytes(
        new JsonObject { ["type"] = "TOKEN", ["authorizationToken"] = token, ["methodArn"] = MethodArn }.ToJsonString());

    private Task<InvocationOutcome> Invoke(byte[] payload) => fixture.Server.InvokeAsync(payload, Options);

    [Fact]
    public async Task ValidToken_GetsAllowWithTheResourcesOfItsScopesAndItsContext()
    {
        InvocationOutcome outcome = await Invoke(TokenEvent(AuthorizerFixture.ValidToken));

        Assert.Equal(InvocationStatus.Success, outcome.Status);
        JsonNode policy = JsonNode.Parse(outcome.Body)!;
        Assert.Equal("alice", (string?)policy["principalId"]);
        JsonNode statement = policy["policyDocument"]!["Statement"]![0]!;
        Assert.Equal("Allow", (string?)statement["Effect"]);
        Assert.Equal(
            ["arn:aws:execute-api:us-east-1:123456789012:abc123/prod/GET/user/*", "arn:aws:execute-api:us-east-1:123456789012:abc123/prod/PUT/user"],
            statement["Resource"]!.AsArray().Select(r => (string?)r));
        Assert.Equal("GET /user/* PUT /user", (string?)policy["context"]!["scopes"]);
    }

    [Theory]
    [InlineData(AuthorizerFixture.UnknownToken)]
    [InlineData(AuthorizerFixture.ExpiredToken)]
    [InlineData("bad token!")]
    [InlineData("x")]
    public async Task UnknownExpiredOrMalformedToken_IsUnauthorized(string token)
    {
        InvocationOutcome outcome = await Invoke(TokenEvent(token));

        Assert.Equal(InvocationStatus.Error, outcome.Status);
        Assert.Equal("Unauthorized", outcome.ErrorMessage);
    }

    [Fact]
    public async Task MalformedEvent_IsReportedOnError_AndTheNextInvocationStillWorks()
    {
        InvocationOutcome bad = await Invoke("{\"type\":"u8.ToArray());
        InvocationOutcome good = await Invoke(TokenEvent(AuthorizerFixture.ValidToken));

        Assert.Equal(InvocationStatus.Error, bad.Status);
        Assert.NotEqual("Unauthorized", bad.ErrorMessage);
        Assert.Equal(InvocationStatus.Success, good.Status);
        Assert.False(fixture.Function.HasExited);
    }

    [Fact]
    public async Task NoLogLineEverContainsAToken()
    {
        await Invoke(TokenEvent(AuthorizerFixture.ValidToken));
        await Invoke(TokenEvent(AuthorizerFixture.UnknownToken));
        await Invoke(TokenEvent(AuthorizerFixture.ExpiredToken));
        await Invoke("not json"u8.ToArray());

        foreach (string line in fixture.Function.Lines)
        {
            Assert.DoesNotContain(AuthorizerFixture.ValidToken, line, StringComparison.Ordinal);
            Assert.DoesNotContain(AuthorizerFixture.UnknownToken, line, StringComparison.Ordinal);
            Assert.DoesNotContain(AuthorizerFixture.ExpiredToken, line, StringComparison.Ordinal);
        }
    }
}
