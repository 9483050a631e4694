using System.Text;
using AotAuth.LocalHosting;
using AotAuth.Testing.Processes;

namespace AotAuth.IntegrationTests;

public sealed class AuthorizerWithoutDynamoDbTests
{
    [Fact]
    public async Task DynamoDbStopped_GivesAnError_NeverAllow_AndTheProcessKeepsServing()
    {
        await using RuntimeApiServer server = await RuntimeApiServer.StartAsync();
        // Port 1 on loopback: nothing listens, exactly what a stopped DynamoDB looks like.
        await using ChildProcess function = TestProcesses.StartFunction(server, RepoPaths.NativeBootstrap("AotAuth.Authorizer"), new Dictionary<string, string>
        {
            ["DYNAMODB_ENDPOINT"] = "http://127.0.0.1:1",
            ["TOKEN_TABLE"] = "auth-token",
        });
        byte[] payload = Encoding.UTF8.GetBytes(
            """{"type":"TOKEN","authorizationToken":"SomeToken123","methodArn":"arn:aws:execute-api:us-east-1:123456789012:abc123/prod/PUT/user"}""");

        for (int i = 0; i < 3; i++)
        {
            InvocationOutcome outcome = await server.InvokeAsync(payload, new InvokeOptions(TimeSpan.FromSeconds(10)));

            Assert.Equal(InvocationStatus.Error, outcome.Status);
            Assert.NotEqual("Unauthorized", outcome.ErrorMessage);
            Assert.DoesNotContain("Allow", Encoding.UTF8.GetString(outcome.Body), StringComparison.Ordinal);
        }

        Assert.False(function.HasExited);
    }
}
