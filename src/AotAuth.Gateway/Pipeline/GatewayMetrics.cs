using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace AotAuth.Gateway;

/// <summary>
/// The local gateway's numbers, the same ones the functions publish as EMF: requests,
/// decisions by outcome, authorizer-cache hits and misses, latency per route. Served at
/// <c>GET /_aotauth/metrics</c> and printed when <c>serve</c> stops. Thread-safe.
/// </summary>
public sealed class GatewayMetrics
{
    private const int MaxSamplesPerRoute = 100_000;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<double>> _latencies = new(StringComparer.Ordinal);
    private readonly Dictionary<int, long> _statuses = [];
    private readonly long[] _decisions = new long[Enum.GetValues<GatewayDecision>().Length];
    private long _requests;
    private long _cacheHits;
    private long _cacheMisses;

    /// <summary>Counts how one request's authorizer step ended.</summary>
    public void Decision(GatewayDecision decision)
    {
        lock (_lock)
        {
            _decisions[(int)decision]++;
        }
    }

    /// <summary>Counts one authorizer result cache lookup.</summary>
    public void CacheLookup(bool hit)
    {
        lock (_lock)
        {
            if (hit)
            {
                _cacheHits++;
            }
            else
            {
                _cacheMisses++;
            }
        }
    }

    /// <summary>Counts one answered request of <paramref name="route"/> (its route key, or <c>unmatched</c>).</summary>
    public void Request(string route, int status, double milliseconds)
    {
        lock (_lock)
        {
            _requests++;
            _statuses[status] = _statuses.GetValueOrDefault(status) + 1;
            if (!_latencies.TryGetValue(route, out List<double>? samples))
            {
                _latencies[route] = samples = [];
            }

            // Bounded: a long-running serve keeps the first samples per route only.
            if (samples.Count < MaxSamplesPerRoute)
            {
                samples.Add(milliseconds);
            }
        }
    }

    /// <summary>The numbers as JSON (the metrics endpoint's body).</summary>
    public byte[] ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        lock (_lock)
        {
            json.WriteStartObject();
            json.WriteNumber("requests", _requests);
            json.WriteStartObject("statuses");
            foreach ((int status, long count) in _statuses.OrderBy(s => s.Key))
            {
                json.WriteNumber(status.ToString(CultureInfo.InvariantCulture), count);
            }

            json.WriteEndObject();
            json.WriteStartObject("decisions");
            foreach (GatewayDecision decision in Enum.GetValues<GatewayDecision>())
            {
                json.WriteNumber(Name(decision), _decisions[(int)decision]);
            }

            json.WriteEndObject();
            json.WriteStartObject("authorizerCache");
            json.WriteNumber("hits", _cacheHits);
            json.WriteNumber("misses", _cacheMisses);
            json.WriteNumber("hitRatio", HitRatio());
            json.WriteEndObject();
            json.WriteStartObject("routes");
            foreach ((string route, List<double> samples) in _latencies.OrderBy(r => r.Key, StringComparer.Ordinal))
            {
                json.WriteStartObject(route);
                json.WriteNumber("requests", samples.Count);
                json.WriteNumber("p50Ms", Math.Round(Percentile(samples, 0.50), 2));
                json.WriteNumber("p99Ms", Math.Round(Percentile(samples, 0.99), 2));
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A short human summary for the end of <c>serve</c>.</summary>
    public string Summary()
    {
        var text = new StringBuilder();
        lock (_lock)
        {
            text.Append(CultureInfo.InvariantCulture, $"{_requests} request(s); decisions:");
            foreach (GatewayDecision decision in Enum.GetValues<GatewayDecision>())
            {
                text.Append(CultureInfo.InvariantCulture, $" {Name(decision)} {_decisions[(int)decision]}");
            }

            text.Append(CultureInfo.InvariantCulture, $"; authorizer cache hit ratio {HitRatio():P0} ({_cacheHits} hits, {_cacheMisses} misses)");
            foreach ((string route, List<double> samples) in _latencies.OrderBy(r => r.Key, StringComparer.Ordinal))
            {
                text.AppendLine();
                text.Append(CultureInfo.InvariantCulture, $"  {route,-16} {samples.Count,7} req  p50 {Percentile(samples, 0.50),8:F2} ms  p99 {Percentile(samples, 0.99),8:F2} ms");
            }
        }

        return text.ToString();
    }

    private double HitRatio() => _cacheHits + _cacheMisses == 0 ? 0 : (double)_cacheHits / (_cacheHits + _cacheMisses);

    private static string Name(GatewayDecision decision) => decision switch
    {
        GatewayDecision.Allow => "allow",
        GatewayDecision.ExplicitDeny => "explicitDeny",
        GatewayDecision.ImplicitDeny => "implicitDeny",
        GatewayDecision.Unauthorized => "unauthorized",
        _ => "error",
    };

    // Nearest rank on a sorted copy; called rarely (endpoint, summary).
    private static double Percentile(List<double> samples, double p)
    {
        if (samples.Count == 0)
        {
            return 0;
        }

        double[] sorted = [.. samples.Order()];
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
