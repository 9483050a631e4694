using AotAuth.Core.Contracts;

namespace AotAuth.LambdaRuntime;

/// <summary>
/// How a <see cref="RuntimeLog"/> writes: <c>AWS_LAMBDA_LOG_FORMAT</c> (<c>Text</c> or
/// <c>JSON</c>) and <c>AWS_LAMBDA_LOG_LEVEL</c> (<c>TRACE</c> ... <c>FATAL</c>, default
/// <c>INFO</c>). Unknown values fall back to the defaults: logging must never stop a
/// function from starting.
/// </summary>
/// <param name="Json">True for one JSON object per line, false for Lambda's Text layout.</param>
/// <param name="MinimumLevel">Lines below this level are not written.</param>
public sealed record LogSettings(bool Json, LogLevel MinimumLevel)
{
    /// <summary>The settings Lambda's variables ask for, read now.</summary>
    /// <param name="environment">Where variables are read (<see cref="EnvironmentSettings"/>).</param>
    public static LogSettings FromEnvironment(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return Parse(environment(LambdaVariables.LogFormat), environment(LambdaVariables.LogLevel));
    }

    /// <summary>Settings from the two variables' values; null or unknown values give Text and INFO.</summary>
    /// <param name="format">The value of <c>AWS_LAMBDA_LOG_FORMAT</c>.</param>
    /// <param name="level">The value of <c>AWS_LAMBDA_LOG_LEVEL</c>.</param>
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
