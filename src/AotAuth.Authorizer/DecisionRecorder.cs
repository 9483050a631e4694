using System.Diagnostics;
using AotAuth.Core;
using AotAuth.Core.Contracts;
using AotAuth.LambdaRuntime;

namespace AotAuth.Authorizer;

/// <summary>What an invocation decided, as its log line and metrics say it.</summary>
internal enum DecisionOutcome
{
    /// <summary>An Allow policy was returned.</summary>
    Allow,

    /// <summary>An explicit Deny policy was returned (known token, no usable scope).</summary>
    Deny,

    /// <summary><c>Unauthorized</c> (401).</summary>
    Unauthorized,

    /// <summary>Any other error (500): malformed event, store failure, timeout.</summary>
    Error,
}

/// <summary>
/// Collects what one invocation did (outcome, cache hit or miss, token hash prefix,
/// store latency) and writes it once at the end: one log line (<c>decision</c>, <c>event</c>
/// (<c>TOKEN</c>, <c>REQUEST</c> or <c>2.0</c>), <c>principalId</c>, <c>cache</c>, <c>tokenHash</c>, <c>durationMs</c>) and one EMF line.
/// Never sees a token: only its hash.
/// </summary>
internal sealed class DecisionRecorder(RuntimeLog log, EmbeddedMetrics metrics)
{
    private bool _coldStart = true;
    private long _started;
    private DecisionOutcome _outcome;
    private string? _principalId;
    private TokenHash? _hash;
    private bool? _cacheHit;
    private double? _storeMs;
    private EventShape? _shape;

    public void Start()
    {
        _shape = null;
        _started = Stopwatch.GetTimestamp();
        _principalId = null;
        _hash = null;
        _cacheHit = null;
        _storeMs = null;
    }

    public void Token(TokenHash hash, bool cacheHit)
    {
        _hash = hash;
        _cacheHit = cacheHit;
    }

    public void Shape(EventShape shape) => _shape = shape;

    public void StoreCall(double milliseconds) => _storeMs = milliseconds;

    public void Decided(DecisionOutcome outcome, string? principalId)
    {
        _outcome = outcome;
        _principalId = principalId;
    }

    /// <summary>Writes the decision line and the metrics line for this invocation.</summary>
    public void Finish(InvocationResult result)
    {
        if (!result.IsSuccess)
        {
            _outcome = result.ErrorMessage == ErrorTypes.Unauthorized ? DecisionOutcome.Unauthorized : DecisionOutcome.Error;
        }

        double durationMs = Stopwatch.GetElapsedTime(_started).TotalMilliseconds;
        using (LogLine line = log.Begin(_outcome == DecisionOutcome.Error ? LogLevel.Warn : LogLevel.Info, "authorizer decision"))
        {
            if (line.IsEnabled)
            {
                line.Add("decision"u8, OutcomeName(_outcome));
                if (_shape is EventShape shape)
                {
                    line.Add("event"u8, ShapeName(shape));
                }

                if (_principalId is not null)
                {
                    line.Add("principalId"u8, _principalId);
                }

                if (_cacheHit is bool hit)
                {
                    line.Add("cache"u8, hit ? "hit"u8 : "miss"u8);
                }

                if (_hash is TokenHash hash)
                {
                    Span<char> prefix = stackalloc char[8];
                    hash.FormatLogPrefix(prefix);
                    line.Add("tokenHash"u8, prefix);
                }

                if (_storeMs is double storeMs)
                {
                    line.Add("storeMs"u8, storeMs);
                }

                line.Add("durationMs"u8, durationMs);
            }
        }

        metrics.Count(_outcome switch
        {
            DecisionOutcome.Allow => "AllowDecisions",
            DecisionOutcome.Deny => "DenyDecisions",
            DecisionOutcome.Unauthorized => "UnauthorizedDecisions",
            _ => "ErrorDecisions",
        });
        if (_cacheHit is bool cacheHit)
        {
            metrics.Count(cacheHit ? "CacheHits" : "CacheMisses");
        }

        if (_storeMs is double ms)
        {
            metrics.Milliseconds("DynamoDbLatency", ms);
        }

        if (_coldStart)
        {
            metrics.Count("ColdStarts");
            _coldStart = false;
        }

        metrics.Flush();
    }

    private static ReadOnlySpan<byte> ShapeName(EventShape shape) => shape switch
    {
        EventShape.Token => "TOKEN"u8,
        EventShape.Request => "REQUEST"u8,
        _ => "2.0"u8,
    };

    private static ReadOnlySpan<byte> OutcomeName(DecisionOutcome outcome) => outcome switch
    {
        DecisionOutcome.Allow => "allow"u8,
        DecisionOutcome.Deny => "deny"u8,
        DecisionOutcome.Unauthorized => "unauthorized"u8,
        _ => "error"u8,
    };
}
