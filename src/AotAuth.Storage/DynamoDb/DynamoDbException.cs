namespace AotAuth.Storage;

/// <summary>
/// A DynamoDB call failed. Messages never contain key values or item contents (keys can be
/// token hashes); they name the operation and the error code, plus DynamoDB's own message.
/// </summary>
public class DynamoDbException : Exception
{
    /// <summary>The error code for a call that ran out of its time budget (<see cref="DynamoDbClientOptions.RequestTimeout"/>).</summary>
    public const string TimeoutCode = "Timeout";

    /// <summary>The error code for a failure to connect or a connection lost before a response arrived.</summary>
    public const string ConnectionFailedCode = "ConnectionFailed";

    /// <summary>The error code for a response body this client could not parse.</summary>
    public const string InvalidResponseCode = "InvalidResponse";

    /// <summary>Creates an exception with the code <c>Unknown</c>.</summary>
    public DynamoDbException()
        : this("Unknown", "A DynamoDB call failed.", null, false, null)
    {
    }

    /// <summary>Creates an exception with the code <c>Unknown</c>.</summary>
    /// <param name="message">The message.</param>
    public DynamoDbException(string message)
        : this("Unknown", message, null, false, null)
    {
    }

    /// <summary>Creates an exception with the code <c>Unknown</c>.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public DynamoDbException(string message, Exception innerException)
        : this("Unknown", message, null, false, innerException)
    {
    }

    /// <summary>Creates an exception.</summary>
    /// <param name="errorCode">The DynamoDB error code (the part of __type after '#') or one of this class's codes.</param>
    /// <param name="message">The message; must not contain key values or item contents.</param>
    /// <param name="statusCode">The HTTP status, or null when no response was received.</param>
    /// <param name="isRetryable">Whether the same request may succeed if sent again.</param>
    /// <param name="innerException">The cause, or null.</param>
    public DynamoDbException(string errorCode, string message, int? statusCode, bool isRetryable, Exception? innerException = null)
        : base(message, innerException)
    {
        ErrorCode = errorCode;
        StatusCode = statusCode;
        IsRetryable = isRetryable;
    }

    /// <summary>
    /// The error code: DynamoDB's (e.g. ResourceNotFoundException, ConditionalCheckFailedException),
    /// or <see cref="TimeoutCode"/>, <see cref="ConnectionFailedCode"/>, <see cref="InvalidResponseCode"/>,
    /// or <see cref="CorruptItemException.CorruptItemCode"/>.
    /// </summary>
    public string ErrorCode { get; }

    /// <summary>The HTTP status of DynamoDB's answer, or null when there was none.</summary>
    public int? StatusCode { get; }

    /// <summary>Whether the failure is transient (throttling, 5xx, connection, timeout).</summary>
    public bool IsRetryable { get; }
}
