namespace AotAuth.Cli.Commands;

/// <summary>How much of the gateway's and the functions' output <c>serve</c> shows (<c>--log-level</c>).</summary>
internal enum ServeLogLevel
{
    /// <summary>Problems only: function warnings and errors, crashes, timeouts, failed starts, invalid authorizer answers.</summary>
    Quiet,

    /// <summary>Also one access line per request.</summary>
    Access,

    /// <summary>Also each invocation's REPORT line (the default).</summary>
    Report,

    /// <summary>Also the functions' INFO log lines and any other output of theirs.</summary>
    Info,

    /// <summary>Everything: also DEBUG and TRACE lines and the Embedded Metric Format lines.</summary>
    Debug,
}

/// <summary>
/// Filters the lines the gateway and the function processes print: each line gets the lowest
/// level that shows it, from its shape (an access line, a REPORT line, a function's Text or
/// JSON log line with its level, an EMF metrics line), and is written when that level is
/// within the chosen one. A line it cannot place counts as a problem, so nothing unexpected is hidden.
/// </summary>
internal sealed class ServeLog(ServeLogLevel level, Action<string> write)
{
    /// <summary>The names <c>--log-level</c> accepts, lowest first.</summary>
    public static readonly string[] Names = [.. Enum.GetNames<ServeLogLevel>().Select(n => n.ToLowerInvariant())];

    /// <summary>Writes <paramref name="line"/> when the chosen level shows it.</summary>
    public void Write(string line)
    {
        if (LevelOf(line) <= level)
        {
            write(line);
        }
    }

    /// <summary>The lowest level that shows <paramref name="line"/>.</summary>
    internal static ServeLogLevel LevelOf(string line)
    {
        // "[name] ..." comes from a function process or its pool.
        if (line.StartsWith('[') && line.IndexOf("] ", StringComparison.Ordinal) is int close and > 0)
        {
            return FunctionLineLevel(line[(close + 2)..]);
        }

        // The gateway's access line: "GET /user/42 -> 200 (3.1 ms, request ...)".
        return line.Contains(" -> ", StringComparison.Ordinal) && line.EndsWith(')') ? ServeLogLevel.Access : ServeLogLevel.Quiet;
    }

    private static ServeLogLevel FunctionLineLevel(string text)
    {
        if (text.StartsWith("REPORT ", StringComparison.Ordinal))
        {
            // A timed-out or crashed invocation is a problem, whatever the level.
            return text.Contains("\tStatus: ", StringComparison.Ordinal) ? ServeLogLevel.Quiet : ServeLogLevel.Report;
        }

        if (text.StartsWith("{\"_aws\"", StringComparison.Ordinal))
        {
            return ServeLogLevel.Debug;
        }

        string? logLevel = text.StartsWith('{') ? JsonLevel(text) : TextLevel(text);
        return logLevel switch
        {
            "WARN" or "ERROR" or "FATAL" => ServeLogLevel.Quiet,
            "INFO" => ServeLogLevel.Info,
            "DEBUG" or "TRACE" => ServeLogLevel.Debug,
            _ when text.StartsWith("could not start", StringComparison.Ordinal) => ServeLogLevel.Quiet,
            _ => ServeLogLevel.Info,
        };
    }

    /// <summary>Lambda's Text format: <c>timestamp[TAB requestId] TAB LEVEL TAB message</c>.</summary>
    private static string? TextLevel(string text)
    {
        string[] fields = text.Split('\t', 4);
        return fields.Length >= 3 ? fields.Skip(1).Take(2).FirstOrDefault(IsLevelName) : null;
    }

    /// <summary>Lambda's JSON format: the <c>level</c> property.</summary>
    private static string? JsonLevel(string text)
    {
        const string Key = "\"level\":\"";
        int at = text.IndexOf(Key, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        int start = at + Key.Length;
        int end = text.IndexOf('"', start);
        return end > start ? text[start..end] : null;
    }

    private static bool IsLevelName(string field) => field is "TRACE" or "DEBUG" or "INFO" or "WARN" or "ERROR" or "FATAL";
}
