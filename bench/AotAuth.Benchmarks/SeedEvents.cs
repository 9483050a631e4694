using System.Text.Json.Serialization;

namespace AotAuth.Benchmarks;

/// <summary>
/// The REQUEST and payload 2.0 events as a seed-style handler reads them: classes filled by
/// reflection-based System.Text.Json (every header into a dictionary), the way a port of the
/// seed to these events would; the baselines of the REQUEST and HTTP hot-path categories.
/// </summary>
internal static class SeedEvents
{
    /// <summary>The seed's token table, a dictionary standing in for the GetItem the seed makes on every call: the benchmark token, known as <c>user</c>.</summary>
    public static readonly IReadOnlyDictionary<string, string> Table = new Dictionary<string, string>(StringComparer.Ordinal) { [BenchmarkInputs.Token] = "user" };

    /// <summary>The fields of a REST REQUEST event a handler reads.</summary>
    internal sealed class RequestEvent
    {
        [JsonPropertyName("type")]
        public string? Type { get; set; }

        [JsonPropertyName("methodArn")]
        public string? MethodArn { get; set; }

        [JsonPropertyName("headers")]
        public Dictionary<string, string>? Headers { get; set; }
    }

    /// <summary>The fields of an HTTP API 2.0 authorizer event a handler reads.</summary>
    internal sealed class HttpEvent
    {
        [JsonPropertyName("version")]
        public string? Version { get; set; }

        [JsonPropertyName("routeArn")]
        public string? RouteArn { get; set; }

        [JsonPropertyName("headers")]
        public Dictionary<string, string>? Headers { get; set; }
    }

    /// <summary>The simple response, built as an object and serialized by reflection.</summary>
    public static object SimpleResponse(bool isAuthorized, string principalId) => new
    {
        isAuthorized,
        context = new { principalId },
    };
}
