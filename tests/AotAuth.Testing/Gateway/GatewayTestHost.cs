using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using AotAuth.Cli.Functions;
using AotAuth.LocalHosting;
using AotAuth.Cli.LocalGateway;
using AotAuth.Gateway;
using AotAuth.Core;
using AotAuth.Core.Contracts;
using AotAuth.Storage;
using Microsoft.Extensions.Time.Testing;

namespace AotAuth.Testing;

/// <summary>
/// The local gateway in-process, in front of real function processes (the JIT builds by
/// default, the native bootstraps on request, or a scripted fake), over an embedded store
/// (fresh, or a folder the caller keeps), with every log line of the gateway and both functions
/// kept. The gateway's clock is manual so the authorizer TTL can be crossed at will. The Cli
/// and the hardening tests share it, for what needs a socket and real processes; the gateway's
/// behaviour itself is tested without either (AotAuth.Gateway.Tests).
/// </summary>
internal sealed class GatewayTestHost : IAsyncDisposable
{
    private readonly bool _ownsDataDirectory;

    private GatewayTestHost(GatewayHost server, string dataDirectory, bool ownsDataDirectory, FakeTimeProvider clock, ConcurrentQueue<string> lines)
    {
        LogLines = lines;
        Server = server;
        DataDirectory = dataDirectory;
        _ownsDataDirectory = ownsDataDirectory;
        Clock = clock;
        Tokens = new FileTokenStore(dataDirectory);
        Users = new FileUserStore(dataDirectory);
        Http = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public GatewayHost Server { get; }

    /// <summary>Every line the gateway and the function processes logged.</summary>
    public ConcurrentQueue<string> LogLines { get; }

    public string DataDirectory { get; }

    public FakeTimeProvider Clock { get; }

    public FileTokenStore Tokens { get; }

    public FileUserStore Users { get; }

    public HttpClient Http { get; }

    public static string RepoRoot => RepoPaths.Root;

    /// <summary>The admin secret the host's gateway accepts for its cache flush.</summary>
    private const string AdminSecret = "gateway-test-host";

    /// <summary>
    /// Starts the gateway. <paramref name="dataDirectory"/> is a folder the caller owns and
    /// keeps (a restart reuses it); without one the host makes a fresh one and deletes it on dispose.
    /// </summary>
    public static async Task<GatewayTestHost> StartAsync(
        bool native = false,
        IReadOnlyDictionary<string, string>? authorizerScript = null,
        IReadOnlyDictionary<string, string>? userScript = null,
        int maxInstances = 4,
        TimeSpan? functionTimeout = null,
        IReadOnlyDictionary<string, string>? functionEnvironment = null,
        string? dataDirectory = null,
        GatewayApi api = GatewayApi.Rest,
        bool httpSimpleResponses = true)
    {
        string data = dataDirectory ?? Directory.CreateTempSubdirectory("aotauth-gateway-").FullName;
        var environment = new Dictionary<string, string>
        {
            [FunctionVariables.DataDirectory] = data,
            // The authorizer's own warm cache off, so revocation is visible as soon as the
            // gateway's TTL (the one under test) has passed.
            [AuthorizerCaching.DecisionCacheTtlVariable] = "0",
            [FunctionVariables.AuthorizerResponse] = httpSimpleResponses
                ? FunctionVariables.SimpleAuthorizerResponse
                : FunctionVariables.IamAuthorizerResponse,
        };
        foreach ((string key, string value) in functionEnvironment ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        var lines = new ConcurrentQueue<string>();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = new GatewayOptions
        {
            Port = 0, MaxInstances = maxInstances, FunctionTimeout = functionTimeout ?? TimeSpan.FromSeconds(10), Clock = clock,
            Api = api, HttpSimpleResponses = httpSimpleResponses, AdminSecret = AdminSecret,
        };
        GatewayHost server = await GatewayHost.StartAsync(
            options,
            Launch("authorizer", "AotAuth.Authorizer", native, environment, authorizerScript),
            Launch("user", "AotAuth.UserFunction", native, environment, userScript),
            lines.Enqueue,
            CancellationToken.None);
        return new GatewayTestHost(server, data, dataDirectory is null, clock, lines);
    }

    /// <summary>What <c>token revoke</c> asks of a running serve: its result cache and authorizer instances flushed.</summary>
    public async Task FlushCachesAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, GatewayAdmin.FlushPath);
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + AdminSecret);
        using HttpResponseMessage response = await Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    public async Task<string> CreateTokenAsync(string principal, params string[] scopes)
    {
        string token = Guid.NewGuid().ToString("N"); // 32 letters and digits
        await Tokens.PutAsync(new TokenRecord(TokenHash.Compute(token).ToHex(), principal, scopes, null), CancellationToken.None);
        return token;
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, string? json = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", token);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        return Http.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        if (_ownsDataDirectory)
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }

    private static FunctionLaunch Launch(string name, string project, bool native, Dictionary<string, string> environment, IReadOnlyDictionary<string, string>? script)
    {
        if (script is not null)
        {
            var scripted = new Dictionary<string, string>(environment);
            foreach ((string key, string value) in script)
            {
                scripted[key] = value;
            }

            return new FunctionLaunch(name, Path.Combine(AppContext.BaseDirectory, "FakeFunctions", "scripted-function.sh"), [], scripted);
        }

        return native
            ? new FunctionLaunch(name, RepoPaths.NativeBootstrap(project), [], environment)
            : new FunctionLaunch(name, "dotnet", [RepoPaths.JitBootstrap(project)], environment);
    }
}
