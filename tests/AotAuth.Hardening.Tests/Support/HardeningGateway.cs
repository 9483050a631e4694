using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using AotAuth.Core;
using AotAuth.Storage;

namespace AotAuth.Hardening.Tests.Support;

/// <summary>
/// The local gateway in-process (what <c>aotauth serve</c> runs) in front of real function
/// processes, JIT or native, over an embedded store in a folder the caller owns, with every
/// log line of the gateway and both functions kept.
/// </summary>
internal sealed class HardeningGateway : IAsyncDisposable
{
    private string? _reader;

    private HardeningGateway(CliGateway server, string dataDirectory, ConcurrentQueue<string> log)
    {
        Server = server;
        DataDirectory = dataDirectory;
        Log = log;
        Tokens = new FileTokenStore(dataDirectory);
        Users = new FileUserStore(dataDirectory);
        Http = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public CliGateway Server { get; }

    public string DataDirectory { get; }

    /// <summary>Every line given to the gateway's log callback (its own and both functions' output).</summary>
    public ConcurrentQueue<string> Log { get; }

    public FileTokenStore Tokens { get; }

    public FileUserStore Users { get; }

    public HttpClient Http { get; }

    /// <summary>A token for GET /user/* created on first use (the durability check reads with it).</summary>
    public string TokenForReads => _reader ??= CreateTokenAsync("reader", "GET /user/*").GetAwaiter().GetResult();

    public static async Task<HardeningGateway> StartAsync(string dataDirectory, bool native = false, int maxInstances = 4, ConcurrentQueue<string>? log = null)
    {
        log ??= new ConcurrentQueue<string>();
        var environment = new Dictionary<string, string>
        {
            ["AOTAUTH_DATA_DIR"] = dataDirectory,
            ["AWS_LAMBDA_LOG_LEVEL"] = "DEBUG",
        };
        ConcurrentQueue<string> sink = log;
        CliGateway server = await CliGateway.StartAsync(
            Command("authorizer", "AotAuth.Authorizer", native, environment),
            Command("user", "AotAuth.UserFunction", native, environment),
            sink.Enqueue,
            maxInstances,
            TimeSpan.FromSeconds(10));
        return new HardeningGateway(server, dataDirectory, log);
    }

    public async Task<string> CreateTokenAsync(string principal, params string[] scopes)
    {
        string token = Guid.NewGuid().ToString("N");
        await Tokens.PutAsync(new TokenRecord(TokenHash.Compute(token).ToHex(), principal, scopes, null), CancellationToken.None);
        return token;
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, string? json = null, CancellationToken cancellationToken = default)
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

        return Http.SendAsync(request, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }

    private static FunctionCommand Command(string name, string project, bool native, Dictionary<string, string> environment) => native
        ? new FunctionCommand(name, Repo.NativeBootstrap(project), [], environment)
        : new FunctionCommand(name, "dotnet", [Repo.JitBootstrap(project)], environment);
}
