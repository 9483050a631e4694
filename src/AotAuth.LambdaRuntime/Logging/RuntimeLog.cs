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
/// Never pass tokens, secrets, credentials or whole events: everything written here ends up
/// in CloudWatch Logs, readable by anyone with log access. Log ids, hash prefixes and outcomes.
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

    /// <summary>A log writing to <paramref name="output"/> (not owned: never disposed here) with <paramref name="settings"/>.</summary>
    /// <param name="output">Where lines go; each line is one <see cref="Stream.Write(ReadOnlySpan{byte})"/> and a flush.</param>
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

    /// <summary>Writes one finished line with a single call, so lines from threads never interleave.</summary>
    internal void WriteLine(ReadOnlySpan<byte> line)
    {
        lock (_writeLock)
        {
            _output.Write(line);
            _output.Flush();
        }
    }
}
