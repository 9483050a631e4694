using System.Diagnostics.CodeAnalysis;

namespace AotAuth.LocalHosting;

/// <summary>The result of one invocation as the Lambda service saw it.</summary>
/// <param name="RequestId">The id sent in <c>Lambda-Runtime-Aws-Request-Id</c>.</param>
/// <param name="Status">Success, Error or Timeout.</param>
/// <param name="Body">The raw body the function posted (response or error document); empty on timeout.</param>
/// <param name="ErrorType"><c>errorType</c> from the error document, else the <c>Lambda-Runtime-Function-Error-Type</c> header.</param>
/// <param name="ErrorMessage"><c>errorMessage</c> from the error document, when present.</param>
/// <param name="Duration">From dispatch (the <c>next</c> answer) to the function's answer or the timeout.</param>
[SuppressMessage("Performance", "CA1819:Properties should not return arrays", Justification = "Raw payload bytes; callers compare and parse them.")]
public sealed record InvocationOutcome(
    string RequestId,
    InvocationStatus Status,
    byte[] Body,
    string? ErrorType,
    string? ErrorMessage,
    TimeSpan Duration);
