namespace AotAuth.LambdaRuntime;

/// <summary>Lambda's log levels, as <c>AWS_LAMBDA_LOG_LEVEL</c> names them.</summary>
public enum LogLevel
{
    /// <summary>TRACE.</summary>
    Trace,

    /// <summary>DEBUG.</summary>
    Debug,

    /// <summary>INFO (the default).</summary>
    Info,

    /// <summary>WARN.</summary>
    Warn,

    /// <summary>ERROR.</summary>
    Error,

    /// <summary>FATAL.</summary>
    Fatal,
}
