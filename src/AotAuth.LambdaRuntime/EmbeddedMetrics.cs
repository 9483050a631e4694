using System.Buffers;
using System.Text.Json;

namespace AotAuth.LambdaRuntime;

/// <summary>
/// CloudWatch Embedded Metric Format: a handler records counts and latencies during an
/// invocation and <see cref="Flush"/> writes them as one EMF line on stdout
/// (<c>_aws.CloudWatchMetrics</c>, namespace per instance, dimension <c>FunctionName</c>),
/// which CloudWatch turns into metrics with no API call. One line per invocation at
/// most; nothing is written when nothing was recorded. Allocation-free once warm.
/// Not thread-safe: one per handler (Lambda runs one invocation at a time).
/// </summary>
public sealed class EmbeddedMetrics : IDisposable
{
    private const int MaxMetrics = 16;
    private readonly (string Name, bool Milliseconds, double Value)[] _recorded = new (string, bool, double)[MaxMetrics];
    private readonly ArrayBufferWriter<byte> _bytes = new(512);
    private readonly Utf8JsonWriter _json;
    private readonly string _namespace;
    private readonly string _functionName;
    private readonly Stream _output;
    private int _count;

    /// <summary>Metrics in <paramref name="metricNamespace"/> for this function, written to <paramref name="output"/> (stdout by default).</summary>
    public EmbeddedMetrics(string metricNamespace, string? functionName = null, Stream? output = null)
    {
        _namespace = metricNamespace;
        _functionName = functionName ?? Environment.GetEnvironmentVariable("AWS_LAMBDA_FUNCTION_NAME") ?? "local";
        _output = output ?? Console.OpenStandardOutput();
        _json = new Utf8JsonWriter(_bytes, new JsonWriterOptions { SkipValidation = true });
    }

    /// <summary>Adds <paramref name="value"/> to a Count metric (names should be constants).</summary>
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

        _bytes.ResetWrittenCount();
        _json.Reset(_bytes);
        _json.WriteStartObject();
        _json.WriteStartObject("_aws"u8);
        _json.WriteNumber("Timestamp"u8, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        _json.WriteStartArray("CloudWatchMetrics"u8);
        _json.WriteStartObject();
        _json.WriteString("Namespace"u8, _namespace);
        _json.WriteStartArray("Dimensions"u8);
        _json.WriteStartArray();
        _json.WriteStringValue("FunctionName"u8);
        _json.WriteEndArray();
        _json.WriteEndArray();
        _json.WriteStartArray("Metrics"u8);
        for (int i = 0; i < _count; i++)
        {
            _json.WriteStartObject();
            _json.WriteString("Name"u8, _recorded[i].Name);
            _json.WriteString("Unit"u8, _recorded[i].Milliseconds ? "Milliseconds"u8 : "Count"u8);
            _json.WriteEndObject();
        }

        _json.WriteEndArray();
        _json.WriteEndObject();
        _json.WriteEndArray();
        _json.WriteEndObject();
        _json.WriteString("FunctionName"u8, _functionName);
        if (RuntimeLog.CurrentRequestId is string requestId)
        {
            _json.WriteString("requestId"u8, requestId);
        }

        for (int i = 0; i < _count; i++)
        {
            _json.WriteNumber(_recorded[i].Name, Math.Round(_recorded[i].Value, 3));
        }

        _json.WriteEndObject();
        _json.Flush();
        _bytes.GetSpan(1)[0] = (byte)'\n';
        _bytes.Advance(1);
        _output.Write(_bytes.WrittenSpan);
        _output.Flush();
        _count = 0;
    }

    /// <inheritdoc />
    public void Dispose() => _json.Dispose();

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

        if (_count < MaxMetrics)
        {
            _recorded[_count++] = (name, milliseconds, value);
        }
    }
}
