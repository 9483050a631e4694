namespace AotAuth.LocalHosting;

/// <summary>How one event is invoked.</summary>
/// <param name="Timeout">The function timeout: the deadline is dispatch time + this, and the outcome is
/// <see cref="InvocationStatus.Timeout"/> when no answer arrives by then.</param>
/// <param name="TraceId">Sent as <c>Lambda-Runtime-Trace-Id</c> when not null.</param>
/// <param name="FunctionArn">Sent as <c>Lambda-Runtime-Invoked-Function-Arn</c>.</param>
public sealed record InvokeOptions(
    TimeSpan Timeout,
    string? TraceId = null,
    string FunctionArn = "arn:aws:lambda:us-east-1:123456789012:function:local")
{
    /// <summary>Used when <see cref="RuntimeApiServer.InvokeAsync"/> gets no options: 30 s, generous for local runs.</summary>
    public static InvokeOptions Default { get; } = new(TimeSpan.FromSeconds(30));
}
