namespace AotAuth.LambdaRuntime;

/// <summary>
/// What a handler returns: success (the output is what it wrote to the buffer writer) or a
/// function error reported through the Runtime API's <c>error</c> call. Returning a failure
/// instead of throwing keeps exceptions off the hot path.
/// </summary>
/// <remarks><c>default(InvocationResult)</c> is <see cref="Success"/>.</remarks>
public readonly struct InvocationResult : IEquatable<InvocationResult>
{
    private InvocationResult(string errorType, string errorMessage)
    {
        ErrorType = errorType;
        ErrorMessage = errorMessage;
    }

    /// <summary>The invocation succeeded; the response body is what the handler wrote.</summary>
    public static InvocationResult Success => default;

    /// <summary>True for a success; false when <see cref="ErrorType"/> is set.</summary>
    public bool IsSuccess => ErrorType is null;

    /// <summary>The <c>errorType</c> reported to Lambda, or null for a success.</summary>
    public string? ErrorType { get; }

    /// <summary>The <c>errorMessage</c> reported to Lambda, or null for a success.</summary>
    public string? ErrorMessage { get; }

    /// <summary>A function error with the given <c>errorType</c> and <c>errorMessage</c>.</summary>
    /// <param name="errorType">Short error name, e.g. <c>Unauthorized</c>; must not be empty.</param>
    /// <param name="errorMessage">The message; an API Gateway authorizer maps exactly <c>Unauthorized</c> to 401.</param>
    public static InvocationResult Failure(string errorType, string errorMessage)
    {
        ArgumentException.ThrowIfNullOrEmpty(errorType);
        ArgumentNullException.ThrowIfNull(errorMessage);
        return new InvocationResult(errorType, errorMessage);
    }

    /// <inheritdoc/>
    public bool Equals(InvocationResult other) =>
        string.Equals(ErrorType, other.ErrorType, StringComparison.Ordinal)
        && string.Equals(ErrorMessage, other.ErrorMessage, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is InvocationResult other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(ErrorType, ErrorMessage);

    /// <summary>Value equality.</summary>
    public static bool operator ==(InvocationResult left, InvocationResult right) => left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(InvocationResult left, InvocationResult right) => !left.Equals(right);
}
