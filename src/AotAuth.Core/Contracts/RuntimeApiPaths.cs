namespace AotAuth.Core.Contracts;

/// <summary>
/// The paths of the Lambda Runtime API (version 2018-06-01): what the runtime client calls and
/// what the local Runtime API server answers.
/// </summary>
public static class RuntimeApiPaths
{
    /// <summary>The prefix of every path; the others follow it.</summary>
    public const string Root = "/2018-06-01/runtime/";

    /// <summary>GET: waits for the next event.</summary>
    public const string Next = "invocation/next";

    /// <summary>POST: init failed, with an error document.</summary>
    public const string InitError = "init/error";

    /// <summary>POST, followed by <c>{requestId}/response</c> or <c>{requestId}/error</c>: an invocation's answer.</summary>
    public const string Invocation = "invocation/";
}
