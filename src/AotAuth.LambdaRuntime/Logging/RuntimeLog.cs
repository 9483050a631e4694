namespace AotAuth.LambdaRuntime;

/// <summary>
/// The function's log: one line per call on stderr, which Lambda ships to CloudWatch, in
/// the format <c>AWS_LAMBDA_LOG_FORMAT</c> asks for (Text: <c>timestamp\trequestId\tLEVEL\tmessage</c>;
/// JSON: one object with <c>timestamp</c>, <c>level</c>, <c>message</c>, <c>requestId</c>,
/// <c>traceId</c> and fields), filtered by <c>AWS_LAMBDA_LOG_LEVEL</c>.
/// </summary>
/// <remarks>
/// Never pass tokens, secrets, credentials or whole events: everything written here ends up
/// in CloudWatch Logs, readable by anyone with log access. Log ids, hash prefixes and outcomes.
/// </remarks>
public static class RuntimeLog
{
    // AsyncLocal rather than a static field so that work started by a handler keeps its own
    // request id, and so that several loops in one test process do not mix their ids up.
    private static readonly AsyncLocal<string?> s_requestId = new();
    private static readonly AsyncLocal<string?> s_traceId = new();
    private static readonly Lock s_writeLock = new();
    private static LogSettings s_settings = LogSettings.FromEnvironment();
    private static Stream s_output = Console.OpenStandardError();

    /// <summary>The request id of the invocation the caller is running in, if any.</summary>
    internal static string? CurrentRequestId
    {
        get => s_requestId.Value;
        set => s_requestId.Value = value;
    }

    /// <summary>The X-Ray trace header of the current invocation, if any.</summary>
    internal static string? CurrentTraceId
    {
        get => s_traceId.Value;
        set => s_traceId.Value = value;
    }

    /// <summary>True when lines at <paramref name="level"/> are written.</summary>
    public static bool IsEnabled(LogLevel level) => level >= s_settings.MinimumLevel;

    /// <summary>Starts a structured line; add fields, then dispose it. A disabled level gives an inert line.</summary>
    public static LogLine Begin(LogLevel level, string message) =>
        IsEnabled(level) ? new LogLine(level, message, s_settings.Json) : default;

    /// <summary>Writes a debug line. Must not contain secrets or tokens.</summary>
    public static void Debug(string message) => Write(LogLevel.Debug, message);

    /// <summary>Writes an informational line. Must not contain secrets or tokens.</summary>
    public static void Info(string message) => Write(LogLevel.Info, message);

    /// <summary>Writes a warning line. Must not contain secrets or tokens.</summary>
    public static void Warn(string message) => Write(LogLevel.Warn, message);

    /// <summary>Writes an error line. Must not contain secrets or tokens.</summary>
    public static void Error(string message) => Write(LogLevel.Error, message);

    /// <summary>Points the log at another stream with other settings (tests); returns the previous stream.</summary>
    internal static Stream Redirect(Stream output, LogSettings settings)
    {
        lock (s_writeLock)
        {
            Stream previous = s_output;
            s_output = output;
            s_settings = settings;
            return previous;
        }
    }

    /// <summary>Writes one finished line with a single call, so lines from threads never interleave.</summary>
    internal static void WriteLine(ReadOnlySpan<byte> line)
    {
        lock (s_writeLock)
        {
            s_output.Write(line);
            s_output.Flush();
        }
    }

    /// <summary>Writes a line at <paramref name="level"/>. Must not contain secrets or tokens.</summary>
    public static void Write(LogLevel level, string message)
    {
        using LogLine line = Begin(level, message ?? string.Empty);
    }
}
