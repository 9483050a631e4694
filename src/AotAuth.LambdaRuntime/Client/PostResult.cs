namespace AotAuth.LambdaRuntime;

/// <summary>How the Runtime API took a posted result.</summary>
internal enum PostStatus
{
    /// <summary>2xx: recorded.</summary>
    Accepted,

    /// <summary>400/403 (bad or unknown request id, ...): log and go on with the next invocation.</summary>
    Rejected,

    /// <summary>413: the payload is over Lambda's limit.</summary>
    TooLarge,

    /// <summary>500 and other 5xx: non-recoverable, exit.</summary>
    Fatal,

    /// <summary>No answer (connection refused/reset); the following <c>next</c> decides whether to exit.</summary>
    Unreachable,
}

/// <summary>Result of posting a response or an error.</summary>
internal readonly record struct PostResult(PostStatus Status, int HttpStatus);
