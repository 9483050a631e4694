using System.Text.Json.Nodes;
using AotAuth.Gateway;

namespace AotAuth.Gateway.Tests.Pipeline;

/// <summary>The steps every API kind shares: ids, the one trace id, admin paths, metrics, the access log.</summary>
public sealed class PipelineShellTests
{
    private const string Token = "abcdefgh12345678";

    public static TheoryData<string> Kinds => ["rest", "http"];

    private static PipelineRig Allowing(string kind) => kind == "rest"
        ? PipelineRig.Rest(_ => FakeFunction.Success(AuthorizerAnswers.AllowAll()), _ => FakeFunction.Success("{}"))
        : PipelineRig.Http(_ => FakeFunction.Success(AuthorizerAnswers.Simple(true)), _ => FakeFunction.Success("{}"));

    private static GatewayRequest Flush(string method, string? secret) => new(
        method, GatewayAdmin.FlushPath, secret is null ? [] : [new("Authorization", "Bearer " + secret)], Stream.Null, null, "127.0.0.1");

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task OneRequest_HasOneTraceId_ForTheAuthorizerAndTheIntegration_AndTheNextAnother(string kind)
    {
        PipelineRig rig = Allowing(kind);

        await rig.SendAsync("GET", "/user/1", Token);
        await rig.SendAsync("GET", "/user/2", Token + "x");

        string?[] authorizer = [.. rig.Authorizer.TraceIds], user = [.. rig.User.TraceIds];
        Assert.Equal(authorizer, user);
        Assert.NotEqual(authorizer[0], authorizer[1]);
        Assert.All(authorizer, id => Assert.Matches("^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Sampled=0$", id));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task AccessLine_NamesMethodPathStatusAndRequest_NeverTheToken(string kind)
    {
        PipelineRig rig = Allowing(kind);

        GatewayAnswer answer = await rig.SendAsync("GET", "/user/1?q=2", Token);

        string line = Assert.Single(rig.Log);
        string requestId = answer.Header(rig.Flavour.RequestIdHeader)!;
        Assert.Matches($@"^GET /user/1 -> {answer.StatusCode} \(\d+\.\d ms, request {requestId}\)$", line);
        Assert.DoesNotContain(Token, line, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task MetricsPath_CountsRequestsDecisionsAndCacheLookups_ByRoute(string kind)
    {
        PipelineRig rig = Allowing(kind);
        await rig.SendAsync("GET", "/user/1", Token);
        await rig.SendAsync("GET", "/user/1", Token);
        await rig.SendAsync("GET", "/nowhere", Token);

        GatewayAnswer answer = await rig.SendAsync("GET", GatewayAdmin.MetricsPath);

        JsonNode metrics = JsonNode.Parse(answer.BodyText())!;
        Assert.Equal(3, (int)metrics["requests"]!);
        Assert.Equal(2, (int)metrics["decisions"]!["allow"]!);
        Assert.Equal(1, (int)metrics["authorizerCache"]!["hits"]!);
        Assert.Equal(2, (int)metrics["routes"]!["GET /user/{id}"]!["requests"]!);
        Assert.Equal(1, (int)metrics["routes"]!["unmatched"]!["requests"]!);
    }

    [Theory]
    [InlineData("GET", PipelineRig.AdminSecret, 405)]
    [InlineData("POST", null, 403)]
    [InlineData("POST", "wrong", 403)]
    public async Task Flush_RefusesAnotherMethodOrSecret_AndKeepsTheCache(string method, string? secret, int status)
    {
        PipelineRig rig = Allowing("rest");
        await rig.SendAsync("GET", "/user/1", Token);

        GatewayAnswer answer = await rig.SendAsync(Flush(method, secret));
        await rig.SendAsync("GET", "/user/1", Token);

        Assert.Equal(status, answer.StatusCode);
        Assert.Equal(0, rig.Authorizer.Retirements);
        Assert.Equal(1, rig.Authorizer.Invocations);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Flush_RetiresTheAuthorizerBeforeForgettingItsResults_AndTheNextRequestAsksAgain(string kind)
    {
        PipelineRig rig = Allowing(kind);
        await rig.SendAsync("GET", "/user/1", Token);
        bool cachedWhenRetired = false;
        rig.Authorizer.OnRetire = async () =>
        {
            // A request while the instances retire is still answered from the result cache.
            int before = rig.Authorizer.Invocations;
            await rig.SendAsync("GET", "/user/2", Token);
            cachedWhenRetired = rig.Authorizer.Invocations == before;
        };

        GatewayAnswer answer = await rig.SendAsync(Flush("POST", PipelineRig.AdminSecret));
        await rig.SendAsync("GET", "/user/1", Token);

        Assert.Equal(200, answer.StatusCode);
        Assert.Equal("""{"authorizerResults":1,"authorizerInstances":1}""", answer.BodyText());
        Assert.True(cachedWhenRetired);
        Assert.Equal(2, rig.Authorizer.Invocations);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task AnswerOfAnAuthorizerBegunBeforeAFlush_IsReturned_ButNotCached(string kind)
    {
        PipelineRig rig = Allowing(kind);
        rig.Authorizer.DuringNextInvocation = async () => await rig.SendAsync(Flush("POST", PipelineRig.AdminSecret));

        GatewayAnswer first = await rig.SendAsync("GET", "/user/1", Token);
        await rig.SendAsync("GET", "/user/1", Token);

        Assert.Equal(200, first.StatusCode);
        Assert.Equal(1, rig.Authorizer.Retirements);
        Assert.Equal(2, rig.Authorizer.Invocations);
    }
}
