using System.Collections.Immutable;
using System.Text.Json;
using AotAuth.Core.Api;

namespace AotAuth.Gateway.Tests;

public class IntegrationResponseSelectorTests
{
    private static readonly RouteDefinition Put = AotAuthApi.Definition.Routes.Single(r => r.HttpMethod == "PUT");
    private static readonly RouteDefinition Get = AotAuthApi.Definition.Routes.Single(r => r.HttpMethod == "GET");

    private static string Message(string body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("message").GetString()!;
    }

    [Fact]
    public void SuccessfulPut_Is204WithAnEmptyBody()
    {
        Assert.Equal(new IntegrationResponse(204, ""), IntegrationResponseSelector.Select(Put, null, "null"));
    }

    [Fact]
    public void SuccessfulGet_Is200_WithTheLambdaResultPassedThrough()
    {
        const string user = """{"id":"u1","name":"Ada","updatedBy":"alice","updatedAt":"2025-01-01T00:00:00.000Z"}""";
        Assert.Equal(new IntegrationResponse(200, user), IntegrationResponseSelector.Select(Get, null, user));
    }

    [Theory]
    [InlineData("BadRequest: 'id' must be 1 to 128 characters", 400, "'id' must be 1 to 128 characters")]
    [InlineData("BadRequest: '\"\n\\' appears more than once", 400, "'\"\n\\' appears more than once")]
    [InlineData("NotFound: no user with that id", 404, "no user with that id")]
    [InlineData("StoreUnavailable: the user store could not be reached", 500, "Internal server error")]
    [InlineData("InvalidEvent: 'principalId' is missing", 500, "Internal server error")]
    [InlineData("Task timed out after 3.00 seconds", 500, "Internal server error")]
    [InlineData("badrequest: lower case is another error", 500, "Internal server error")]
    [InlineData("Oops BadRequest: not at the start", 500, "Internal server error")]
    [InlineData("line one\nline two", 500, "Internal server error")]
    public void LambdaErrors_MapToTheStatusOfTheirPrefix_WithAJsonMessage(string errorMessage, int status, string message)
    {
        foreach (RouteDefinition route in new[] { Put, Get })
        {
            IntegrationResponse response = IntegrationResponseSelector.Select(route, errorMessage);
            Assert.Equal(status, response.StatusCode);
            Assert.Equal(message, Message(response.Body));
        }
    }

    [Fact]
    public void EveryErrorMessage_MatchesExactlyOneSelectionPattern_SoTheirOrderDoesNotMatter()
    {
        string[] messages = ["BadRequest: x", "NotFound: x", "BadRequest: ", "Other", "NotFound:x", "x\r\ny", "\u2028"];
        foreach (string message in messages)
        {
            int matching = Put.IntegrationResponses.Count(r => r.SelectionPattern is { } p && IntegrationResponseSelector.Matches(p, message));
            Assert.True(matching == 1, $"{matching} patterns match '{message}'");
        }
    }

    [Fact]
    public void SelectionPatterns_MustMatchTheWholeErrorMessage()
    {
        Assert.True(IntegrationResponseSelector.Matches("Bad", "Bad"));
        Assert.False(IntegrationResponseSelector.Matches("Bad", "BadRequest"));
        Assert.False(IntegrationResponseSelector.Matches("Request", "BadRequest"));
    }

    [Fact]
    public void UnmatchedError_FallsToTheDefaultResponse()
    {
        var route = Get with { IntegrationResponses = [new IntegrationResponseDefinition(200, null, null), new IntegrationResponseDefinition(404, "NotFound: .*", null)] };
        IntegrationResponse response = IntegrationResponseSelector.Select(route, "Boom");
        Assert.Equal(200, response.StatusCode);
        Assert.Equal("{\"errorMessage\":\"Boom\"}", response.Body);
    }

    [Fact]
    public void ResponseTemplate_SeesTheRequestContext()
    {
        var route = Get with { IntegrationResponses = [new IntegrationResponseDefinition(200, null, "{\"by\":\"$context.authorizer.principalId\",\"user\":$input.json('$')}")] };
        var request = new TemplateContext { PrincipalId = "alice", PathParameters = ImmutableDictionary<string, string>.Empty.Add("id", "u1") };
        IntegrationResponse response = IntegrationResponseSelector.Select(route, null, "{\"id\":\"u1\"}", request);
        Assert.Equal("{\"by\":\"alice\",\"user\":{\"id\":\"u1\"}}", response.Body);
    }
}
