using System.Buffers;

namespace AotAuth.LambdaRuntime;

/// <summary>
/// The function's log: one line per call on its output (stderr, which Lambda ships to
/// CloudWatch), in the format <c>AWS_LAMBDA_LOG_FORMAT</c> asks for (Text:
/// <c>timestamp\trequestId\tLEVEL\tmessage</c>; JSON: one object with <c>timestamp</c>,
/// <c>level</c>, <c>message</c>, <c>requestId</c>, <c>traceId</c> and fields), filtered by
/// <c>AWS_LAMBDA_LOG_LEVEL</c>. <see cref="LambdaBootstrap"/> makes one per process and hands
/// it to the init callback; tests make their own over a <see cref="MemoryStream"/>.
/// Thread-safe: lines from several threads never interleave.
/// </summary>
/// <remarks>
/// <para>During an invocation (between the loop's <see cref="BeginInvocation"/> and
/// <see cref="EndInvocation"/>) Info and lower lines, and the metrics line, are held and written
/// together with one <c>write</c> when the invocation ends, after its answer was posted: each
/// syscall costs a warm invocation measurably at Lambda's CPU share. A Warn or Error line is
/// written at once, with the held lines before it, so the lines that explain a failure are out
/// before anything else can go wrong; a crash in the middle of an invocation loses at most that
/// invocation's Info lines and metrics.</para>
/// <para>Never pass tokens, secrets, credentials or whole events: everything written here ends up
/// in CloudWatch Logs, readable by anyone with log access. Log ids, hash prefixes and outcomes.</para>
/// </remarks>
public sealed class RuntimeLog
{
    // AsyncLocal so that work started by a handler keeps its own request id, and a line
    // written outside an invocation has none; per log, so two loops never see each other's.
    private readonly AsyncLocal<string?> _requestId = new();
    private readonly AsyncLocal<string?> _traceId = new();
    private readonly Lock _writeLock = new();
    private readonly Stream _output;
    private readonly LogSettings _settings;
    private readonly ArrayBufferWriter<byte> _held = new(1024);
    private bool _holding;

    /// <summary>A log writing to <paramref name="output"/> (not owned: never disposed here) with <paramref name="settings"/>.</summary>
    /// <param name="output">Where lines go; each line (or an invocation's held lines) is one <see cref="Stream.Write(ReadOnlySpan{byte})"/> and a flush.</param>
    /// <param name="settings">Format and minimum level; <see cref="LogSettings.FromEnvironment"/> on Lambda.</param>
    public RuntimeLog(Stream output, LogSettings settings)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(settings);
        _output = output;
        _settings = settings;
    }

    /// <summary>The log Lambda expects: stderr, settings from <c>AWS_LAMBDA_LOG_FORMAT</c> and <c>AWS_LAMBDA_LOG_LEVEL</c>.</summary>
    /// <param name="environment">Where variables are read (<see cref="AotAuth.Core.Contracts.EnvironmentSettings"/>).</param>
    public static RuntimeLog FromEnvironment(Func<string, string?> environment) => new(StandardStreams.Error(), LogSettings.FromEnvironment(environment));

    /// <summary>The request id of the invocation the caller is running in, if any (set by the invocation loop).</summary>
    internal string? CurrentRequestId
    {
        get => _requestId.Value;
        set => _requestId.Value = value;
    }

    /// <summary>The X-Ray trace header of the current invocation, if any.</summary>
    internal string? CurrentTraceId
    {
        get => _traceId.Value;
        set => _traceId.Value = value;
    }

    /// <summary>True when lines at <paramref name="level"/> are written.</summary>
    public bool IsEnabled(LogLevel level) => level >= _settings.MinimumLevel;

    /// <summary>Starts a structured line; add fields, then dispose it. A disabled level gives an inert line.</summary>
    public LogLine Begin(LogLevel level, string message) =>
        IsEnabled(level) ? new LogLine(this, level, message, _settings.Json) : default;

    /// <summary>Writes a debug line. Must not contain secrets or tokens.</summary>
    public void Debug(string message) => Write(LogLevel.Debug, message);

    /// <summary>Writes an informational line. Must not contain secrets or tokens.</summary>
    public void Info(string message) => Write(LogLevel.Info, message);

    /// <summary>Writes a warning line. Must not contain secrets or tokens.</summary>
    public void Warn(string message) => Write(LogLevel.Warn, message);

    /// <summary>Writes an error line. Must not contain secrets or tokens.</summary>
    public void Error(string message) => Write(LogLevel.Error, message);

    /// <summary>Writes a line at <paramref name="level"/>. Must not contain secrets or tokens.</summary>
    public void Write(LogLevel level, string message)
    {
        using LogLine line = Begin(level, message ?? string.Empty);
    }

    /// <summary>From now until <see cref="EndInvocation"/>, lines below Warn are held (see the remarks on <see cref="RuntimeLog"/>).</summary>
    internal void BeginInvocation()
    {
        lock (_writeLock)
        {
            _holding = true;
        }
    }

    /// <summary>Writes the held lines, if any, with one call, and stops holding.</summary>
    internal void EndInvocation()
    {
        lock (_writeLock)
        {
            _holding = false;
            WriteHeld();
        }
    }

    /// <summary>
    /// Writes one finished line (or, during an invocation, holds it) so that lines from threads
    /// never interleave. <paramref name="urgent"/> writes it at once, behind the held lines.
    /// </summary>
    internal void WriteLine(ReadOnlySpan<byte> line, bool urgent)
    {
        lock (_writeLock)
        {
            // Lines are held only while holding: EndInvocation writes them all when it stops.
            if (!_holding)
            {
                Emit(line);
                return;
            }

            _held.Write(line);
            if (urgent)
            {
                WriteHeld();
            }
        }
    }

    private void WriteHeld()
    {
        if (_held.WrittenCount > 0)
        {
            Emit(_held.WrittenSpan);
            _held.Clear();
        }
    }

    private void Emit(ReadOnlySpan<byte> bytes)
    {
        _output.Write(bytes);
        _output.Flush();
    }
}
