using System.Runtime.CompilerServices;

namespace AotAuth.Hardening.Tests.Support;

/// <summary>
/// The in-process handler logs one line per decision; a 100,000-event fuzz run would flood
/// the test output. Function processes started by these tests get their own level explicitly.
/// </summary>
internal static class QuietRuntimeLog
{
    [ModuleInitializer]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries", Justification = "Test assembly: quiets the in-process handler's log before first use.")]
    internal static void Initialize()
    {
        if (Environment.GetEnvironmentVariable("AWS_LAMBDA_LOG_LEVEL") is null)
        {
            Environment.SetEnvironmentVariable("AWS_LAMBDA_LOG_LEVEL", "FATAL");
        }
    }
}
