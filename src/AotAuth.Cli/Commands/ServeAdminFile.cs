using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using AotAuth.Gateway;
using AotAuth.Storage;

namespace AotAuth.Cli.Commands;

/// <summary>
/// <c>{data}/serve.json</c>: how a running <c>aotauth serve</c> is reached by the token commands
/// (its loopback address, the secret of the cache flush (<see cref="GatewayAdmin.FlushPath"/>), its process id, and
/// which store it serves: <c>file</c>, or the DynamoDB endpoint and table). Written with mode
/// 0600, in a data folder created 0700, when serve starts; removed when it stops; one left by a
/// killed serve is recognised by its dead process id.
/// </summary>
internal sealed record ServeAdminFile(Uri Address, string Secret, int ProcessId, string Store)
{
    public const string FileName = "serve.json";

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>A new random secret.</summary>
    public static string NewSecret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <summary>Writes this process's file; disposing the result removes it again.</summary>
    public static IDisposable Register(string dataDirectory, Uri address, string secret, string store)
    {
        string path = PathIn(dataDirectory);
        DurableFile.PrepareFolder(dataDirectory);

        // A new file under a random name (O_CREAT|O_EXCL): a file or symlink planted under a
        // predictable name is never followed or written through; the rename then replaces
        // whatever is at serve.json (a symlink there is replaced, not followed).
        string temp = Path.Combine(Path.GetDirectoryName(path)!, $".{FileName}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}{DurableFile.TempSuffix}");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            // The secret is only for whoever may read the data folder.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new Utf8JsonWriter(new FileStream(temp, options)))
        {
            writer.WriteStartObject();
            writer.WriteString("address", address.ToString());
            writer.WriteString("secret", secret);
            writer.WriteNumber("pid", Environment.ProcessId);
            writer.WriteString("store", store);
            writer.WriteEndObject();
        }

        File.Move(temp, path, overwrite: true);
        return new Registration(path);
    }

    /// <summary>The file of a serve that is still running on this data folder and store, or null.</summary>
    public static ServeAdminFile? ReadRunning(string dataDirectory, string store)
    {
        string path = PathIn(dataDirectory);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(path));
            JsonElement root = document.RootElement;
            var file = new ServeAdminFile(
                new Uri(root.GetProperty("address").GetString()!),
                root.GetProperty("secret").GetString()!,
                root.GetProperty("pid").GetInt32(),
                root.GetProperty("store").GetString()!);
            return file.Store == store && IsRunning(file.ProcessId) ? file : null;
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or UriFormatException or IOException)
        {
            return null;
        }
    }

    /// <summary>Asks the serve to flush its caches; the answer's JSON, or an exception the caller reports.</summary>
    public async Task<string> FlushAsync(CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Address, GatewayAdmin.FlushPath));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Secret);
        using HttpResponseMessage response = await Http.SendAsync(request, ct);
        string body = await response.Content.ReadAsStringAsync(ct);
        return response.IsSuccessStatusCode
            ? body
            : throw new HttpRequestException($"the serve on {Address} answered {(int)response.StatusCode} to the cache flush");
    }

    private static string PathIn(string dataDirectory) => Path.Combine(Path.GetFullPath(dataDirectory), FileName);

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private sealed class Registration(string path) : IDisposable
    {
        public void Dispose()
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
                // Best effort: a stale file is recognised by its dead process id.
            }
        }
    }
}
