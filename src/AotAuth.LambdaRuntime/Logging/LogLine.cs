using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace AotAuth.LambdaRuntime;

/// <summary>
/// One structured log line under construction: <c>timestamp</c>, <c>level</c>,
/// <c>message</c>, <c>requestId</c>, <c>traceId</c> and the fields the message is about.
/// In JSON mode one JSON object, in Text mode Lambda's tab-separated layout with
/// <c>key=value</c> pairs. Built in a per-thread buffer and written with one call, so a
/// line costs no allocation. Obtain one from <see cref="RuntimeLog.Begin"/>; end it with
/// <see cref="Dispose"/> (a <c>using</c>).
/// </summary>
public ref struct LogLine
{
    // Scratch memory, not state: a line is started, filled and written on one thread, and
    // per thread (not per log) so that two threads writing to one log never share a buffer.
    [ThreadStatic]
    private static LineBuffer? t_buffer;

    private readonly LineBuffer? _buffer;

    internal LogLine(RuntimeLog log, LogLevel level, string message, bool json)
    {
        _buffer = t_buffer ??= new LineBuffer();
        _buffer.Start(log, level, message, json);
    }

    /// <summary>False when the level is disabled: the line writes nothing and costs nothing.</summary>
    public readonly bool IsEnabled => _buffer is not null;

    /// <summary>Adds a string field. Never a token or a whole event.</summary>
    public readonly void Add(ReadOnlySpan<byte> name, ReadOnlySpan<char> value) => _buffer?.AddString(name, value);

    /// <summary>Adds a UTF-8 string field.</summary>
    public readonly void Add(ReadOnlySpan<byte> name, ReadOnlySpan<byte> utf8Value) => _buffer?.AddUtf8(name, utf8Value);

    /// <summary>Adds a numeric field.</summary>
    public readonly void Add(ReadOnlySpan<byte> name, double value) => _buffer?.AddNumber(name, value);

    /// <summary>Writes the line.</summary>
    public readonly void Dispose() => _buffer?.Finish();

    /// <summary>The reusable state behind a line: one per thread.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "One per thread for the life of the process; nothing to release early.")]
    private sealed class LineBuffer
    {
        private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };
        private readonly ArrayBufferWriter<byte> _bytes = new(512);
        private readonly Utf8JsonWriter _json;
        private RuntimeLog? _log;
        private bool _isJson;
        private bool _urgent;

        public LineBuffer() => _json = new Utf8JsonWriter(_bytes, JsonOptions);

        public void Start(RuntimeLog log, LogLevel level, string message, bool json)
        {
            _log = log;
            _isJson = json;
            _urgent = level >= LogLevel.Warn;
            _bytes.ResetWrittenCount();
            DateTime now = DateTime.UtcNow;
            string? requestId = log.CurrentRequestId;
            if (json)
            {
                _json.Reset(_bytes);
                _json.WriteStartObject();
                _json.WriteString("timestamp"u8, now);
                _json.WriteString("level"u8, LevelName(level));
                _json.WriteString("message"u8, message);
                if (requestId is not null)
                {
                    _json.WriteString("requestId"u8, requestId);
                }

                if (log.CurrentTraceId is string traceId)
                {
                    _json.WriteString("traceId"u8, traceId);
                }

                return;
            }

            Span<byte> time = _bytes.GetSpan(32);
            now.TryFormat(time, out int written, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
            _bytes.Advance(written);
            if (requestId is not null)
            {
                Text("\t"u8);
                Text(requestId);
            }

            Text("\t"u8);
            Text(LevelName(level));
            Text("\t"u8);
            Text(message);
        }

        public void AddString(ReadOnlySpan<byte> name, ReadOnlySpan<char> value)
        {
            if (_isJson)
            {
                _json.WriteString(name, value);
                return;
            }

            Pair(name);
            Text(value);
        }

        public void AddUtf8(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
        {
            if (_isJson)
            {
                _json.WriteString(name, value);
                return;
            }

            Pair(name);
            Text(value);
        }

        public void AddNumber(ReadOnlySpan<byte> name, double value)
        {
            if (_isJson)
            {
                _json.WriteNumber(name, Math.Round(value, 3));
                return;
            }

            Pair(name);
            Span<byte> digits = _bytes.GetSpan(32);
            Math.Round(value, 3).TryFormat(digits, out int written, "0.###", System.Globalization.CultureInfo.InvariantCulture);
            _bytes.Advance(written);
        }

        public void Finish()
        {
            if (_isJson)
            {
                _json.WriteEndObject();
                _json.Flush();
            }

            _bytes.GetSpan(1)[0] = (byte)'\n';
            _bytes.Advance(1);
            _log?.WriteLine(_bytes.WrittenSpan, _urgent);
            _log = null;
            _bytes.Clear();
        }

        private void Pair(ReadOnlySpan<byte> name)
        {
            Text(" "u8);
            Text(name);
            Text("="u8);
        }

        private void Text(ReadOnlySpan<byte> utf8)
        {
            Span<byte> destination = _bytes.GetSpan(utf8.Length);
            utf8.CopyTo(destination);
            // One line per event: CloudWatch splits on \n, Lambda's runtimes fold it into \r.
            destination[..utf8.Length].Replace((byte)'\n', (byte)'\r');
            _bytes.Advance(utf8.Length);
        }

        private void Text(ReadOnlySpan<char> text)
        {
            Span<byte> destination = _bytes.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
            int written = Encoding.UTF8.GetBytes(text, destination);
            destination[..written].Replace((byte)'\n', (byte)'\r');
            _bytes.Advance(written);
        }

        private static ReadOnlySpan<byte> LevelName(LogLevel level) => level switch
        {
            LogLevel.Trace => "TRACE"u8,
            LogLevel.Debug => "DEBUG"u8,
            LogLevel.Info => "INFO"u8,
            LogLevel.Warn => "WARN"u8,
            LogLevel.Error => "ERROR"u8,
            _ => "FATAL"u8,
        };
    }
}
