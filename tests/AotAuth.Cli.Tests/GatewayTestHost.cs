using System.Net.Http.Headers;
using System.Text;
using AotAuth.Cli.Functions;
using AotAuth.LocalHosting;
using AotAuth.Cli.LocalGateway;
using AotAuth.Core;
using AotAuth.Storage;

namespace AotAuth.Cli.Tests;

/// <summary>
/// The local gateway in-process, in front of real function processes (the JIT builds by
/// default, the native bootstraps on request, or a scripted fake), over a fresh embedded
/// store. The gateway's clock is manual so the authorizer TTL can be crossed at will.
/// </summary>
internal sealed class GatewayTestHost : IAsyncDisposable
{
    private GatewayTestHost(GatewayServer server, string dataDirectory, ManualClock clock, System.Collections.Concurrent.ConcurrentQueue<string> lines)
    {
        LogLines = lines;
        Server = server;
        DataDirectory = dataDirectory;
        Clock = clock;
        Tokens = new FileTokenStore(dataDirectory);
        Http = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public GatewayServer Server { get; }

    /// <summary>Every line the gateway and the function processes logged.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> LogLines { get; }

    public string DataDirectory { get; }

    public ManualClock Clock { get; }

    public FileTokenStore Tokens { get; }

    public HttpClient Http { get; }

    public static string RepoRoot { get; } = FunctionBuilds.FindRepositoryRoot();

    /// <summary>Release or Debug, whichever this test assembly was built as.</summary>
    private static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}release", StringComparison.Ordinal) ? "release" : "debug";

    public static async Task<GatewayTestHost> StartAsync(
        bool native = false,
        IReadOnlyDictionary<string, string>? authorizerScript = null,
        IReadOnlyDictionary<string, string>? userScript = null,
        int maxInstances = 4,
        TimeSpan? functionTimeout = null,
        IReadOnlyDictionary<string, string>? functionEnvironment = null,
        GatewayApi api = GatewayApi.Rest,
        bool httpSimpleResponses = true)
    {
        string data = Directory.CreateTempSubdirectory("aotauth-gateway-").FullName;
        var environment = new Dictionary<string, string>
        {
            ["AOTAUTH_DATA_DIR"] = data,
            // The authorizer's own warm cache off, so revocation is visible as soon as the
            // gateway's TTL (the one under test) has passed.
            ["CACHE_TTL_SECONDS"] = "0",
            [Core.Contracts.FunctionVariables.AuthorizerResponse] = httpSimpleResponses
                ? Core.Contracts.FunctionVariables.SimpleAuthorizerResponse
                : Core.Contracts.FunctionVariables.IamAuthorizerResponse,
        };
        foreach ((string key, string value) in functionEnvironment ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        var lines = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var options = new GatewayOptions
        {
            Port = 0, MaxInstances = maxInstances, FunctionTimeout = functionTimeout ?? TimeSpan.FromSeconds(10), Clock = clock,
            Api = api, HttpSimpleResponses = httpSimpleResponses,
        };
        GatewayServer server = await GatewayHost.StartAsync(
            options,
            Launch("authorizer", "AotAuth.Authorizer", native, environment, authorizerScript),
            Launch("user", "AotAuth.UserFunction", native, environment, userScript),
            lines.Enqueue,
            CancellationToken.None);
        return new GatewayTestHost(server, data, clock, lines);
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
        Directory.Delete(DataDirectory, recursive: true);
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

        if (native)
        {
            string bootstrap = Path.Combine(RepoRoot, "artifacts", "publish", project, "release_linux-x64", "bootstrap");
            Assert.True(File.Exists(bootstrap), $"{bootstrap} is missing: run scripts/publish.sh (scripts/test.sh does)");
            return new FunctionLaunch(name, bootstrap, [], environment);
        }

        string dll = Path.Combine(RepoRoot, "artifacts", "bin", project, Configuration, "bootstrap.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: build the solution first");
        return new FunctionLaunch(name, "dotnet", [dll], environment);
    }
}

/// <summary>A clock the test moves by hand.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
