using System.Net;
using System.Text;

namespace AotAuth.Hardening.Tests.Limits;

/// <summary>API Gateway's request limits on the local gateway: 431 for headers over 10 KB, 413 for bodies over 10 MB.</summary>
[Collection(Heavy.Name)]
public sealed class GatewayLimitsTests : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("aotauth-limits-").FullName;
    private GatewayTestHost _gateway = null!;
    private string _token = null!;

    public async Task InitializeAsync()
    {
        _gateway = await GatewayTestHost.StartAsync(functionEnvironment: HardeningEnvironment.Functions, dataDirectory: _data);
        _token = await _gateway.CreateTokenAsync("limits", "PUT /user", "GET /user/*");
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    [Theory]
    [InlineData("X-Padding")]
    [InlineData("Authorization")]
    public async Task HeadersOver10Kb_Get431_AndTheGatewayKeepsServing(string header)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/user/1");
        request.Headers.TryAddWithoutValidation(header, new string('a', 11 * 1024));
        if (header != "Authorization")
        {
            request.Headers.TryAddWithoutValidation("Authorization", _token);
        }

        using HttpResponseMessage refused = await _gateway.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, refused.StatusCode);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task HeadersJustUnder10Kb_AreAccepted()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/user/absent");
        request.Headers.TryAddWithoutValidation("Authorization", _token);
        request.Headers.TryAddWithoutValidation("X-Padding", new string('a', 9 * 1024));

        using HttpResponseMessage response = await _gateway.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task BodyOver10Mb_Gets413_AndTheGatewayKeepsServing()
    {
        string huge = $$"""{"id":"big","name":"{{new string('n', 10 * 1024 * 1024)}}"}""";

        using var request = new HttpRequestMessage(HttpMethod.Put, "/user") { Content = new StringContent(huge, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Authorization", _token);
        // A client uploading 10 MB should wait for 100-continue; HttpClient otherwise fails with a
        // broken pipe when the server refuses early (curl still reads the 413 either way).
        request.Headers.ExpectContinue = true;

        using HttpResponseMessage refused = await _gateway.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        Assert.Null(await _gateway.Users.GetAsync("big", CancellationToken.None));
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task BodyOfExactly10Mb_IsNotRefusedAsTooLarge()
    {
        const string prefix = "{\"id\":\"edge\",\"name\":";
        string json = prefix + "\"" + new string('n', (10 * 1024 * 1024) - prefix.Length - 3) + "\"}";
        Assert.Equal(10 * 1024 * 1024, Encoding.UTF8.GetByteCount(json));

        using HttpResponseMessage response = await _gateway.SendAsync(HttpMethod.Put, "/user", _token, json);

        // The model limits name to 256 characters: 400 from validation, not 413 from the size limit.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private async Task AssertStillServingAsync()
    {
        using HttpResponseMessage put = await _gateway.SendAsync(HttpMethod.Put, "/user", _token, """{"id":"after","name":"Still here"}""");
        using HttpResponseMessage get = await _gateway.SendAsync(HttpMethod.Get, "/user/after", _token);
        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
    }
}
