namespace AotAuth.LambdaRuntime;

/// <summary>
/// Minimal log writer for the function process: one line per call on stderr, which Lambda
/// ships to CloudWatch. Format: <c>timestamp\trequestId\tLEVEL\tmessage</c>, the request id
/// being present only inside an invocation.
/// </summary>
/// <remarks>
/// Never pass tokens, secrets, credentials or whole events: everything written here ends up
/// in CloudWatch Logs, readable by anyone with log access. Log ids and outcomes instead.
/// </remarks>
public static class RuntimeLog
{
    // AsyncLocal rather than a static field so that work started by a handler keeps its own
    // request id, and so that several loops in one test process do not mix their ids up.
    private static readonly AsyncLocal<string?> s_requestId = new();

    /// <summary>The request id of the invocation the caller is running in, if any.</summary>
    internal static string? CurrentRequestId
    {
        get => s_requestId.Value;
        set => s_requestId.Value = value;
    }

    /// <summary>Writes an informational line. Must not contain secrets or tokens.</summary>
    /// <param name="message">The message; newlines are folded so that it stays one log event.</param>
    public static void Info(string message) => Write("INFO", message);

    /// <summary>Writes a warning line. Must not contain secrets or tokens.</summary>
    /// <param name="message">The message; newlines are folded so that it stays one log event.</param>
    public static void Warn(string message) => Write("WARN", message);

    /// <summary>Writes an error line. Must not contain secrets or tokens.</summary>
    /// <param name="message">The message; newlines are folded so that it stays one log event.</param>
    public static void Error(string message) => Write("ERROR", message);

    internal static string Format(DateTimeOffset timestamp, string? requestId, string level, string message)
    {
        // CloudWatch splits events on '\n'; Lambda's own runtimes replace it with '\r' so that a
        // multi-line message (a stack trace) stays one event.
        string text = message.Contains('\n') ? message.Replace("\r\n", "\r").Replace('\n', '\r') : message;
        string time = timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'");
        return requestId is null
            ? string.Concat(time, "\t", level, "\t", text)
            : string.Concat(time, "\t", requestId, "\t", level, "\t", text);
    }

    private static void Write(string level, string? message)
    {
        // Console.Error is synchronized and auto-flushed: one WriteLine is one line, even
        // when several threads log at once.
        Console.Error.WriteLine(Format(DateTimeOffset.UtcNow, CurrentRequestId, level, message ?? string.Empty));
    }
}
