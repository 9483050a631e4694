namespace AotAuth.LambdaRuntime;

/// <summary>What <c>next</c> produced.</summary>
internal enum NextStatus
{
    /// <summary>An invocation to handle.</summary>
    Invocation,

    /// <summary>A non-200 answer (403, 500, ...): exit.</summary>
    Fatal,

    /// <summary>A 200 without <c>Lambda-Runtime-Aws-Request-Id</c>: nothing could ever be answered, exit.</summary>
    MissingRequestId,

    /// <summary>The Runtime API could not be reached after the retries.</summary>
    Unreachable,
}

/// <summary>Result of <c>next</c>; <see cref="Context"/> is set for <see cref="NextStatus.Invocation"/>.</summary>
internal readonly record struct NextResult(NextStatus Status, InvocationContext? Context, int HttpStatus, string? Detail);
