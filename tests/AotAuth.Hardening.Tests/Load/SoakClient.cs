using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;

namespace AotAuth.Hardening.Tests.Load;

/// <summary>
/// One soak client: a seeded mix of cache hits (a few long-lived tokens) and misses (fresh
/// unknown and fresh valid tokens), writes, reads back, 403s, 404s and 401s, each checked
/// against the answer it must get.
/// </summary>
internal sealed class SoakClient(GatewayTestHost gateway, SoakTokens tokens, int client, int seed)
{
    private readonly Random _random = new(seed + client);
    private readonly List<(string Id, string Name)> _written = [];

    public List<double> LatenciesMs { get; } = [];

    public List<string> Wrong { get; } = [];

    public int ServerErrors { get; private set; }

    public async Task RunAsync(CancellationToken stop)
    {
        for (int k = 0; !stop.IsCancellationRequested; k++)
        {
            int roll = _random.Next(100);
            string writer = tokens.Writers[_random.Next(tokens.Writers.Length)];
            string reader = tokens.Readers[_random.Next(tokens.Readers.Length)];
            (string? token, HttpMethod method, string path, string? body, HttpStatusCode expected, string? name) = roll switch
            {
                < 30 => (writer, HttpMethod.Put, "/user", null, HttpStatusCode.NoContent, $"Soak {client}-{k}"),
                < 55 when _written.Count > 0 => ReadBack(reader),
                < 65 => (reader, HttpMethod.Get, $"/user/missing-{client}-{k}", null, HttpStatusCode.NotFound, null),
                < 75 => (reader, HttpMethod.Put, "/user", """{"id":"nope","name":"No"}""", HttpStatusCode.Forbidden, null),
                < 85 => (Guid.NewGuid().ToString("N"), HttpMethod.Get, "/user/x", null, HttpStatusCode.Unauthorized, null),
                < 95 => (await tokens.CreateFreshReaderAsync(), HttpMethod.Get, $"/user/fresh-{client}-{k}", null, HttpStatusCode.NotFound, null),
                _ => ("not a token!", HttpMethod.Get, "/user/x", null, HttpStatusCode.Unauthorized, null),
            };
            string id = $"soak-{client}-{k}";
            if (method == HttpMethod.Put && expected == HttpStatusCode.NoContent)
            {
                body = $$"""{"id":"{{id}}","name":"{{name}}"}""";
            }

            long started = Stopwatch.GetTimestamp();
            using HttpResponseMessage response = await gateway.SendAsync(method, path, token, body);
            string text = await response.Content.ReadAsStringAsync(CancellationToken.None);
            LatenciesMs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if ((int)response.StatusCode >= 500)
            {
                ServerErrors++;
            }

            if (response.StatusCode != expected || (expected == HttpStatusCode.OK && (string?)JsonNode.Parse(text)?["name"] != name))
            {
                Wrong.Add($"{method} {path}: expected {(int)expected} {name}, got {(int)response.StatusCode} {text}");
            }
            else if (method == HttpMethod.Put && expected == HttpStatusCode.NoContent)
            {
                _written.Add((id, name!));
            }
        }
    }

    private (string?, HttpMethod, string, string?, HttpStatusCode, string?) ReadBack(string reader)
    {
        (string id, string name) = _written[_random.Next(_written.Count)];
        return (reader, HttpMethod.Get, "/user/" + id, null, HttpStatusCode.OK, name);
    }
}

/// <summary>The soak's tokens: a few long-lived ones (gateway cache hits) and fresh ones made on demand (misses).</summary>
internal sealed class SoakTokens(GatewayTestHost gateway, string[] writers, string[] readers)
{
    private int _fresh;

    public string[] Writers => writers;

    public string[] Readers => readers;

    public int Fresh => Volatile.Read(ref _fresh);

    public static async Task<SoakTokens> CreateAsync(GatewayTestHost gateway)
    {
        string[] writers = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => gateway.CreateTokenAsync($"writer{i}", "PUT /user", "GET /user/*")));
        string[] readers = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => gateway.CreateTokenAsync($"reader{i}", "GET /user/*")));
        return new SoakTokens(gateway, writers, readers);
    }

    public Task<string> CreateFreshReaderAsync()
    {
        Interlocked.Increment(ref _fresh);
        return gateway.CreateTokenAsync("fresh", "GET /user/*");
    }
}
