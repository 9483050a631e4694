namespace AotAuth.LocalHosting;

/// <summary>How an invocation ended.</summary>
public enum InvocationStatus
{
    /// <summary>The function posted <c>response</c>.</summary>
    Success,

    /// <summary>The function posted <c>error</c>.</summary>
    Error,

    /// <summary>No answer before the deadline.</summary>
    Timeout,
}
