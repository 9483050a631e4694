namespace AotAuth.LambdaRuntime;

/// <summary>
/// <c>AWS_LAMBDA_LOG_FORMAT</c> (<c>Text</c> or <c>JSON</c>) and <c>AWS_LAMBDA_LOG_LEVEL</c>
/// (<c>TRACE</c> ... <c>FATAL</c>, default <c>INFO</c>), read once. Unknown values fall
/// back to the defaults: logging must never stop a function from starting.
/// </summary>
internal sealed record LogSettings(bool Json, LogLevel MinimumLevel)
{
    public static LogSettings FromEnvironment() => Parse(
        Environment.GetEnvironmentVariable("AWS_LAMBDA_LOG_FORMAT"),
        Environment.GetEnvironmentVariable("AWS_LAMBDA_LOG_LEVEL"));

    public static LogSettings Parse(string? format, string? level) => new(
        string.Equals(format?.Trim(), "JSON", StringComparison.OrdinalIgnoreCase),
        level?.Trim().ToUpperInvariant() switch
        {
            "TRACE" => LogLevel.Trace,
            "DEBUG" => LogLevel.Debug,
            "WARN" => LogLevel.Warn,
            "ERROR" => LogLevel.Error,
            "FATAL" => LogLevel.Fatal,
            _ => LogLevel.Info,
        });
}
