using System.Text;
using AotAuth.Core;

namespace AotAuth.Core.Tests;

public class RouteScopeTests
{
    private static readonly byte[] Arn = "arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/GET/user/42"u8.ToArray();

    private const string Stage = "arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/";

    [Theory]
    [InlineData("PUT /user", "PUT/user")]
    [InlineData("GET /user/*", "GET/user/*")]
    [InlineData("* /*", "*/*")]
    [InlineData("GET /", "GET/")]
    [InlineData("DELETE /user/?", "DELETE/user/?")]
    [InlineData("* /user", "GET/user PUT/user POST/user DELETE/user PATCH/user HEAD/user OPTIONS/user")]
    [InlineData("* /us?r/*", "GET/us?r/* PUT/us?r/* POST/us?r/* DELETE/us?r/* PATCH/us?r/* HEAD/us?r/* OPTIONS/us?r/*")]
    public void Scope_BecomesResourcesForTheApiAndStageOfTheMethodArn(string scopeText, string expected)
    {
        Assert.Equal([.. expected.Split(' ').Select(r => Stage + r)], Resources(scopeText, Arn));
    }

    [Theory]
    [InlineData("* /user", "GET/user/user")]
    [InlineData("* /us?r", "GET/user/user")]
    [InlineData("* /user/*", "GET/x/user/1")]
    public void AnyVerbScope_NeverMatchesIntoThePath(string scopeText, string route)
    {
        // The review's false Allow: "*/user" matched GET/user/user, as IAM's * crosses '/'.
        string methodArn = Stage + route;
        Assert.DoesNotContain(Resources(scopeText, Arn), r => WildcardMatches(r, methodArn));
    }

    private static string[] Resources(string scopeText, byte[] methodArn)
    {
        Assert.True(RouteScope.TryParse(scopeText, out RouteScope? scope));
        Assert.True(MethodArn.TryParse(methodArn, out MethodArn arn));
        Assert.True(PolicyResource.Fits(arn, scope!));
        var resources = new List<string>();
        var buffer = new byte[PolicyResource.MaxLength];
        foreach (ReadOnlyMemory<byte> verb in scope!.ResourceVerbs)
        {
            Assert.True(PolicyResource.TryWrite(arn, verb.Span, scope.Utf8Path.Span, buffer, out int written));
            resources.Add(Encoding.ASCII.GetString(buffer, 0, written));
        }

        return [.. resources];
    }

    private static bool WildcardMatches(string pattern, string text) =>
        System.Text.RegularExpressions.Regex.IsMatch(text, "^" + string.Concat(pattern.Select(c => c switch { '*' => ".*", '?' => ".", _ => System.Text.RegularExpressions.Regex.Escape(c.ToString()) })) + "$", System.Text.RegularExpressions.RegexOptions.Singleline);

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
    public void ScopeOverTheIamLimit_DoesNotFit_AndItsResourceIsNotWritten()
    {
        Assert.True(RouteScope.TryParse("GET /" + new string('a', 250), out RouteScope? scope));
        Assert.True(MethodArn.TryParse(Arn, out MethodArn arn));
        var buffer = new byte[PolicyResource.MaxLength];
        Assert.True(PolicyResource.Fits(arn, scope!));

        string longStage = "arn:aws:execute-api:eu-west-1:123456789012:abc123/" + new string('s', 300) + "/GET/user";
        Assert.True(MethodArn.TryParse(Encoding.ASCII.GetBytes(longStage), out MethodArn longArn));
        Assert.False(PolicyResource.Fits(longArn, scope!));
        Assert.False(PolicyResource.TryWrite(longArn, scope!.Utf8Verb.Span, scope.Utf8Path.Span, buffer, out int written));
        Assert.Equal(0, written);
    }

    [Fact]
    public void AnyVerbScope_FitsOnlyWhenItsLongestMethodFits()
    {
        // A stage long enough that GET's resource is exactly at IAM's limit: OPTIONS's is over it.
        const string api = "arn:aws:execute-api:eu-west-1:123456789012:abc123/";
        string path = new('a', 200);
        string stage = new('s', PolicyResource.MaxLength - api.Length - "/GET/".Length - path.Length);
        Assert.True(MethodArn.TryParse(Encoding.ASCII.GetBytes(api + stage + "/GET/x"), out MethodArn arn));
        Assert.True(RouteScope.TryParse("GET /" + path, out RouteScope? get));
        Assert.True(RouteScope.TryParse("* /" + path, out RouteScope? any));

        Assert.True(PolicyResource.Fits(arn, get!));
        Assert.False(PolicyResource.Fits(arn, any!));
    }
}
