namespace AotAuth.LocalHosting;

/// <summary>Settings for <see cref="RuntimeApiServer"/>.</summary>
public sealed record RuntimeApiServerOptions
{
    /// <summary>Lambda's synchronous response limit: 6 MB as Lambda counts it (6,291,556 bytes).</summary>
    public const int LambdaMaxResponseBytes = 6_291_556;

    /// <summary>TCP port on 127.0.0.1; 0 picks a free ephemeral port.</summary>
    public int Port { get; init; }

    /// <summary>Largest accepted <c>response</c>/<c>error</c> body; larger ones get 413.</summary>
    public int MaxResponseBytes { get; init; } = LambdaMaxResponseBytes;

    /// <summary>
    /// Runs once, when the function first calls <c>next</c> (its init is over), before that call is
    /// answered: the cold-start harness uses it to cut the process's CPU to its invocation share, as
    /// Lambda does at the end of init.
    /// </summary>
    public Action? OnInitDone { get; init; }
}
