using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using AotAuth.Core.Contracts;

namespace AotAuth.LambdaRuntime;

/// <summary>
/// CloudWatch Embedded Metric Format: a handler records counts and latencies during an
/// invocation and <see cref="Flush"/> writes them as one EMF line on the function's log stream
/// (<c>_aws.CloudWatchMetrics</c>, namespace per instance, dimension <c>FunctionName</c>),
/// which CloudWatch turns into metrics with no API call. One line per invocation at
/// most; nothing is written when nothing was recorded. Allocation-free once warm.
/// The line goes through the <see cref="RuntimeLog"/> (stderr; Lambda sends stdout and stderr to
/// the same log stream, where CloudWatch finds EMF lines on either), so it leaves with the
/// invocation's log lines in one <c>write</c>.
/// Not thread-safe: one per handler (Lambda runs one invocation at a time).
/// </summary>
public sealed class EmbeddedMetrics
{
    /// <summary>EMF's limit on metrics in one directive (one line); a 101st name is a programming error.</summary>
    public const int MaxMetrics = 100;
    private readonly (string Name, bool Milliseconds, double Value)[] _recorded = new (string, bool, double)[MaxMetrics];
    private readonly List<(string[] Names, bool[] Milliseconds, byte[] Json)> _directives = [];
    private readonly ArrayBufferWriter<byte> _bytes = new(512);
    private readonly string _namespace;
    private readonly string _functionName;
    private readonly Stream? _output;
    private readonly RuntimeLog _log;
    private int _count;

    /// <summary>Metrics in <paramref name="metricNamespace"/> for this function, written through <paramref name="log"/> (or to <paramref name="output"/>).</summary>
    /// <param name="metricNamespace">The CloudWatch namespace.</param>
    /// <param name="log">The function's log: a line carries the request id of the invocation the log is in, so metrics and log lines join up.</param>
    /// <param name="functionName">The <c>FunctionName</c> dimension; null is <c>local</c>.</param>
    /// <param name="output">Where EMF lines go, each with its own write; null is the log's output, with the invocation's log lines.</param>
    public EmbeddedMetrics(string metricNamespace, RuntimeLog log, string? functionName = null, Stream? output = null)
    {
        ArgumentNullException.ThrowIfNull(log);
        _log = log;
        _namespace = metricNamespace;
        _functionName = functionName ?? "local";
        _output = output;
    }

    /// <summary>A function's metrics on its log, its <c>FunctionName</c> dimension from <c>AWS_LAMBDA_FUNCTION_NAME</c> (<c>local</c> when unset).</summary>
    /// <param name="environment">Where variables are read (<see cref="EnvironmentSettings"/>).</param>
    /// <param name="metricNamespace">The CloudWatch namespace.</param>
    /// <param name="log">The function's log.</param>
    public static EmbeddedMetrics FromEnvironment(Func<string, string?> environment, string metricNamespace, RuntimeLog log)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return new EmbeddedMetrics(metricNamespace, log, environment(LambdaVariables.FunctionName));
    }

    /// <summary>Adds <paramref name="value"/> to a Count metric. Names are constants of letters, digits, '.' and '_'.</summary>
    public void Count(string name, double value = 1) => Record(name, milliseconds: false, value);

    /// <summary>Records a latency in milliseconds.</summary>
    public void Milliseconds(string name, double value) => Record(name, milliseconds: true, value);

    /// <summary>Writes the recorded metrics as one EMF line and forgets them.</summary>
    public void Flush()
    {
        if (_count == 0)
        {
            return;
        }

        // The declarations depend only on which metrics were recorded, and an invocation
        // records one of a handful of sets: their JSON is written once per set and copied.
        _bytes.ResetWrittenCount();
        Append("{\"_aws\":{\"Timestamp\":"u8);
        Number(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        Append(Directive());
        if (_log.CurrentRequestId is string requestId && IsPlain(requestId))
        {
            Append(",\"requestId\":\""u8);
            Ascii(requestId);
            Append("\""u8);
        }

        for (int i = 0; i < _count; i++)
        {
            Append(",\""u8);
            Ascii(_recorded[i].Name);
            Append("\":"u8);
            Number(Math.Round(_recorded[i].Value, 3));
        }

        Append("}\n"u8);
        if (_output is null)
        {
            _log.WriteLine(_bytes.WrittenSpan, urgent: false);
        }
        else
        {
            _output.Write(_bytes.WrittenSpan);
            _output.Flush();
        }

        _count = 0;
    }

    private void Record(string name, bool milliseconds, double value)
    {
        for (int i = 0; i < _count; i++)
        {
            if (ReferenceEquals(_recorded[i].Name, name) || _recorded[i].Name == name)
            {
                _recorded[i].Value += value;
                return;
            }
        }

        if (!IsPlain(name))
        {
            throw new ArgumentException("metric names are letters, digits, '.', '_' and '-'", nameof(name));
        }

        if (_count == MaxMetrics)
        {
            throw new InvalidOperationException($"EMF allows {MaxMetrics} metrics per line; '{name}' would be one more");
        }

        _recorded[_count++] = (name, milliseconds, value);
    }

    /// <summary>
    /// <c>,"CloudWatchMetrics":[{Namespace, Dimensions, Metrics}]},"FunctionName":"..."</c>
    /// for the metrics recorded now, from the cache or written once with Utf8JsonWriter.
    /// </summary>
    private byte[] Directive()
    {
        foreach ((string[] names, bool[] units, byte[] json) in _directives)
        {
            if (names.Length == _count && Same(names, units))
            {
                return json;
            }
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("CloudWatchMetrics"u8);
            json.WriteStartObject();
            json.WriteString("Namespace"u8, _namespace);
            json.WriteStartArray("Dimensions"u8);
            json.WriteStartArray();
            json.WriteStringValue("FunctionName"u8);
            json.WriteEndArray();
            json.WriteEndArray();
            json.WriteStartArray("Metrics"u8);
            for (int i = 0; i < _count; i++)
            {
                json.WriteStartObject();
                json.WriteString("Name"u8, _recorded[i].Name);
                json.WriteString("Unit"u8, _recorded[i].Milliseconds ? "Milliseconds"u8 : "Count"u8);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteString("FunctionName"u8, _functionName);
            json.WriteEndObject();
        }

        // {"CloudWatchMetrics":[...],"FunctionName":"f"} -> ,"CloudWatchMetrics":[...]},"FunctionName":"f"
        ReadOnlySpan<byte> inner = buffer.WrittenSpan[1..^1];
        int functionAt = inner.LastIndexOf(",\"FunctionName\""u8);
        byte[] directive = [.. ","u8, .. inner[..functionAt], .. "}"u8, .. inner[functionAt..]];
        _directives.Add((_recorded.Take(_count).Select(r => r.Name).ToArray(), _recorded.Take(_count).Select(r => r.Milliseconds).ToArray(), directive));
        return directive;
    }

    private bool Same(string[] names, bool[] units)
    {
        for (int i = 0; i < names.Length; i++)
        {
            if (!ReferenceEquals(names[i], _recorded[i].Name) && names[i] != _recorded[i].Name || units[i] != _recorded[i].Milliseconds)
            {
                return false;
            }
        }

        return true;
    }

    // Names and request ids that need no JSON escaping (Lambda's request ids are UUIDs).
    private static bool IsPlain(string text)
    {
        foreach (char c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            {
                return false;
            }
        }

        return text.Length is > 0 and <= 128;
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_bytes.GetSpan(bytes.Length));
        _bytes.Advance(bytes.Length);
    }

    private void Ascii(string text)
    {
        Span<byte> destination = _bytes.GetSpan(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            destination[i] = (byte)text[i];
        }

        _bytes.Advance(text.Length);
    }

    private void Number(double value)
    {
        // Counts are whole numbers: the integer formatter is several times faster.
        if (value == Math.Floor(value) && Math.Abs(value) < 1e15)
        {
            Number((long)value);
            return;
        }

        Utf8Formatter.TryFormat(value, _bytes.GetSpan(32), out int written);
        _bytes.Advance(written);
    }

    private void Number(long value)
    {
        Utf8Formatter.TryFormat(value, _bytes.GetSpan(24), out int written);
        _bytes.Advance(written);
    }
}
