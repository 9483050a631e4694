using System.Text;

namespace AotAuth.Gateway.Tests;

public class AuthorizerOutputTests
{
    private const string Arn = "arn:aws:execute-api:eu-west-1:123456789012:local/prod/PUT/user";

    private static (bool Ok, AuthorizerOutput? Output, string? Problem) Parse(string json)
    {
        bool ok = AuthorizerOutput.TryParse(Encoding.UTF8.GetBytes(json), out AuthorizerOutput? output, out string? problem);
        return (ok, output, problem);
    }

    [Fact]
    public void CompleteResponse_ParsesWithItsPrincipalStatementAndContext()
    {
        var (ok, output, problem) = Parse($$$"""
            {"principalId":"alice","policyDocument":{"Version":"2012-10-17","Statement":[
              {"Action":"execute-api:Invoke","Effect":"Allow","Resource":"{{{Arn}}}"}]},
             "context":{"scopes":"PUT /user"}}
            """);
        Assert.True(ok, problem);
        Assert.Null(problem);
        Assert.Equal("alice", output!.PrincipalId);
        PolicyStatement statement = Assert.Single(output.Statements);
        Assert.Equal(PolicyEffect.Allow, statement.Effect);
        Assert.Equal(["execute-api:Invoke"], statement.Actions.ToArray());
        Assert.Equal([Arn], statement.Resources.ToArray());
        Assert.Equal("PUT /user", output.Context["scopes"]);
    }

    [Fact]
    public void ActionAndResourceArrays_AreKeptInOrder()
    {
        var (ok, output, _) = Parse("""
            {"principalId":"p","policyDocument":{"Statement":[{"Action":["execute-api:Invoke","execute-api:ManageConnections"],
             "Effect":"Deny","Resource":["a","b"]}]}}
            """);
        Assert.True(ok);
        PolicyStatement statement = Assert.Single(output!.Statements);
        Assert.Equal(PolicyEffect.Deny, statement.Effect);
        Assert.Equal(["execute-api:Invoke", "execute-api:ManageConnections"], statement.Actions.ToArray());
        Assert.Equal(["a", "b"], statement.Resources.ToArray());
    }

    [Fact]
    public void SingleStatementObject_IsAcceptedLikeAnArrayOfOne()
    {
        var (ok, output, _) = Parse("""{"principalId":"p","policyDocument":{"Statement":{"Action":"*","Effect":"Allow","Resource":"*"}}}""");
        Assert.True(ok);
        Assert.Single(output!.Statements);
    }

    [Fact]
    public void ContextNumbersAndBooleans_BecomeStrings()
    {
        var (ok, output, _) = Parse("""
            {"principalId":"p","policyDocument":{"Statement":[]},"context":{"n":1,"f":1.5,"t":true,"no":false,"s":"x"}}
            """);
        Assert.True(ok);
        Assert.Equal("1", output!.Context["n"]);
        Assert.Equal("1.5", output.Context["f"]);
        Assert.Equal("true", output.Context["t"]);
        Assert.Equal("false", output.Context["no"]);
        Assert.Equal("x", output.Context["s"]);
    }

    [Fact]
    public void NullContext_CountsAsNoContext()
    {
        var (ok, output, _) = Parse("""{"principalId":"p","policyDocument":{"Statement":[]},"context":null}""");
        Assert.True(ok);
        Assert.Empty(output!.Context);
    }

    [Theory]
    [InlineData("""{"a":{"b":1}}""", "Object")]
    [InlineData("""{"a":[1]}""", "Array")]
    [InlineData("""{"a":null}""", "Null")]
    public void ContextValueThatIsAnObjectArrayOrNull_MakesTheResponseInvalid(string context, string kind)
    {
        var (ok, output, problem) = Parse($$"""{"principalId":"p","policyDocument":{"Statement":[]},"context":{{context}}}""");
        Assert.False(ok);
        Assert.Null(output);
        Assert.Contains(kind, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ResponseWithInvalidUtf8InAString_IsRefused()
    {
        byte[] json = [.. "{\"principalId\":\""u8, 0xFF, .. "\",\"policyDocument\":{\"Statement\":[]}}"u8];
        Assert.False(AuthorizerOutput.TryParse(json, out AuthorizerOutput? output, out string? problem));
        Assert.Null(output);
        Assert.Contains("UTF-8", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"policyDocument":{"Statement":[]}}""")]
    [InlineData("""{"principalId":7,"policyDocument":{"Statement":[]}}""")]
    [InlineData("""{"principalId":"p"}""")]
    [InlineData("""{"principalId":"p","policyDocument":{}}""")]
    [InlineData("""{"principalId":"p","policyDocument":{"Statement":"Allow"}}""")]
    [InlineData("""{"principalId":"p","policyDocument":{"Statement":[{"Action":"*","Effect":"allow","Resource":"*"}]}}""")]
    [InlineData("""{"principalId":"p","policyDocument":{"Statement":[{"Action":"*","Effect":"ALLOW","Resource":"*"}]}}""")]
    [InlineData("""{"principalId":"p","policyDocument":{"Statement":[{"Action":"*","Resource":"*"}]}}""")]
    [InlineData("""{"principalId":"p","policyDocument":{"Statement":[{"Effect":"Allow","Resource":"*"}]}}""")]
    [InlineData("""{"principalId":"p","policyDocument":{"Statement":[{"Action":"*","Effect":"Allow"}]}}""")]
    [InlineData("""{"principalId":"p","policyDocument":{"Statement":[{"Action":"*","Effect":"Allow","Resource":[1]}]}}""")]
    [InlineData("""{"principalId":"p","policyDocument":{"Statement":[{"Action":{},"Effect":"Allow","Resource":"*"}]}}""")]
    [InlineData("""{"principalId":"p","policyDocument":{"Statement":["x"]}}""")]
    [InlineData("""{"principalId":"p","policyDocument":{"Statement":[]},"context":"x"}""")]
    [InlineData("""{"principalId":"p","policyDocument":{"Statement":[]}} {}""")]
    public void MalformedResponses_AreRefusedWithAReason(string json)
    {
        var (ok, output, problem) = Parse(json);
        Assert.False(ok);
        Assert.Null(output);
        Assert.False(string.IsNullOrEmpty(problem));
    }
}
