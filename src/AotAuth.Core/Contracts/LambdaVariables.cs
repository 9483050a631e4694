namespace AotAuth.Core.Contracts;

/// <summary>
/// The variables Lambda sets for every function process: what the runtime client reads and
/// what the local hosts (serve, the cold-start harness, the smoke test, the tests) set.
/// </summary>
public static class LambdaVariables
{
    /// <summary>host:port of the Runtime API.</summary>
    public const string RuntimeApi = "AWS_LAMBDA_RUNTIME_API";

    /// <summary>The function's name (also the dimension of its metrics).</summary>
    public const string FunctionName = "AWS_LAMBDA_FUNCTION_NAME";

    /// <summary>The function's version (<c>$LATEST</c> locally).</summary>
    public const string FunctionVersion = "AWS_LAMBDA_FUNCTION_VERSION";

    /// <summary>The configured memory size in MB.</summary>
    public const string FunctionMemorySize = "AWS_LAMBDA_FUNCTION_MEMORY_SIZE";

    /// <summary>The log format Lambda asks for: <c>Text</c> or <c>JSON</c>.</summary>
    public const string LogFormat = "AWS_LAMBDA_LOG_FORMAT";

    /// <summary>The least severe level a JSON-format log writes (<c>TRACE</c> ... <c>FATAL</c>).</summary>
    public const string LogLevel = "AWS_LAMBDA_LOG_LEVEL";
}
