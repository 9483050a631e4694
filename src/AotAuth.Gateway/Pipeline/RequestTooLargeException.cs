namespace AotAuth.Gateway;

/// <summary>A body over <see cref="GatewayLimits.MaxBodyBytes"/>: the pipeline answers 413, whichever step read it.</summary>
public sealed class RequestTooLargeException : Exception
{
    /// <summary>A body over the limit.</summary>
    public RequestTooLargeException()
        : base($"the request body is over {GatewayLimits.MaxBodyBytes} bytes")
    {
    }

    /// <summary>A body over the limit, with a message.</summary>
    public RequestTooLargeException(string message)
        : base(message)
    {
    }

    /// <summary>A body over the limit, with a message and a cause.</summary>
    public RequestTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
