using System.Diagnostics.CodeAnalysis;

namespace AotAuth.LocalHosting;

/// <summary>What the function posted to <c>/runtime/init/error</c>.</summary>
/// <param name="ErrorType"><c>errorType</c> from the error document, else the <c>Lambda-Runtime-Function-Error-Type</c> header.</param>
/// <param name="ErrorMessage"><c>errorMessage</c> from the error document, when present.</param>
/// <param name="Body">The raw body.</param>
[SuppressMessage("Performance", "CA1819:Properties should not return arrays", Justification = "Raw payload bytes.")]
public sealed record InitErrorReport(string? ErrorType, string? ErrorMessage, byte[] Body);
