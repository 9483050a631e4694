using System.Globalization;
using System.Text;

namespace AotAuth.Cli.Tests;

/// <summary>
/// A temporary folder to run <c>aotauth serve</c> in (its data folder; the function processes a
/// serve leaves are killed on dispose) and an HTTP client to call it.
/// </summary>
internal sealed class ServeSandbox : IDisposable
{
    /// <summary>What serve prints once it listens.</summary>
    public const string Ready = "Ctrl+C stops the server";

    // Serve builds the functions before it listens: minutes on a loaded machine.
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(120);

    public CliTempFolder Folder { get; } = new();

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Starts <c>aotauth serve --port port --data (the folder's data) more</c> and waits until it listens; kills it when it never does.</summary>
    public async Task<CliProcess> StartServeAsync(int port, params string[] more)
    {
        CliProcess serve = CliProcess.Start(
            ["serve", "--port", port.ToString(CultureInfo.InvariantCulture), "--data", Folder.Data, .. more],
            Folder.Path);
        try
        {
            await serve.WaitForStderrAsync(Ready, Startup);
            return serve;
        }
        catch
        {
            serve.Dispose();
            throw;
        }
    }

    /// <summary>Sends a request with <paramref name="token"/> as the Authorization header and <paramref name="json"/> as the body, each when not null.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string? token, string? json = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", token);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return await Http.SendAsync(request);
    }

    public void Dispose()
    {
        Http.Dispose();
        Folder.Dispose();
    }
}
