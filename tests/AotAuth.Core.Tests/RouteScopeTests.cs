using System.Text;
using AotAuth.Core;

namespace AotAuth.Core.Tests;

public class RouteScopeTests
{
    private static readonly byte[] Arn = "arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/GET/user/42"u8.ToArray();

    [Theory]
    [InlineData("PUT /user", "arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/PUT/user")]
    [InlineData("GET /user/*", "arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/GET/user/*")]
    [InlineData("* /*", "arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/*/*")]
    [InlineData("GET /", "arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/GET/")]
    [InlineData("DELETE /user/?", "arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/DELETE/user/?")]
    public void Scope_BecomesAResourceForTheApiAndStageOfTheMethodArn(string scopeText, string expected)
    {
        Assert.True(RouteScope.TryParse(scopeText, out RouteScope? scope));
        Assert.True(MethodArn.TryParse(Arn, out MethodArn arn));
        var buffer = new byte[PolicyResource.MaxLength];
        Assert.True(PolicyResource.TryWrite(arn, scope!, buffer, out int written));
        Assert.Equal(expected, Encoding.ASCII.GetString(buffer, 0, written));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("PUT")]
    [InlineData("PUT user")]
    [InlineData("put /user")]
    [InlineData("FETCH /user")]
    [InlineData(" PUT /user")]
    [InlineData("PUT  /user")]
    [InlineData("PUT /user:other")]
    [InlineData("PUT /user\"")]
    [InlineData("PUT /us er")]
    [InlineData("PUT /usér")]
    [InlineData("PUT /user,arn:aws:execute-api:*")]
    public void MalformedScopes_AreRejected(string? text)
    {
        Assert.False(RouteScope.TryParse(text, out RouteScope? scope));
        Assert.Null(scope);
    }

    [Fact]
    public void ResourceOverTheIamLimit_IsNotWritten()
    {
        Assert.True(RouteScope.TryParse("GET /" + new string('a', 250), out RouteScope? scope));
        Assert.True(MethodArn.TryParse(Arn, out MethodArn arn));
        var buffer = new byte[PolicyResource.MaxLength];
        Assert.True(PolicyResource.TryWrite(arn, scope!, buffer, out _));

        string longStage = "arn:aws:execute-api:eu-west-1:123456789012:abc123/" + new string('s', 300) + "/GET/user";
        Assert.True(MethodArn.TryParse(Encoding.ASCII.GetBytes(longStage), out MethodArn longArn));
        Assert.False(PolicyResource.TryWrite(longArn, scope!, buffer, out int written));
        Assert.Equal(0, written);
    }
}
