namespace AotAuth.LocalHosting;

/// <summary>How to start one function process: the program, its arguments and environment.</summary>
/// <param name="Name">Short name used in log prefixes and REPORT lines (<c>authorizer</c>, <c>user</c>).</param>
/// <param name="FileName">The executable (the native <c>bootstrap</c>, or <c>dotnet</c> for the JIT build).</param>
/// <param name="Arguments">Arguments (the JIT build's <c>bootstrap.dll</c>).</param>
/// <param name="Environment">The function's own variables (tables, endpoint, data folder).</param>
public sealed record FunctionLaunch(string Name, string FileName, IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string> Environment)
{
    /// <summary>Lambda's default memory size.</summary>
    public const int DefaultMemorySizeMb = 128;

    /// <summary>The function's memory size; only reported (environment and REPORT lines), never enforced.</summary>
    public int MemorySizeMb { get; init; } = DefaultMemorySizeMb;
}
