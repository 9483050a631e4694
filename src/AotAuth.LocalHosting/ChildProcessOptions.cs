namespace AotAuth.LocalHosting;

/// <summary>How <see cref="ChildProcess.Start"/> runs a program.</summary>
public sealed record ChildProcessOptions
{
    /// <summary>The arguments, passed as they are (no shell quoting).</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>Variables set on top of this process's environment; a null value removes one.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>The working folder, or null for this process's.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Called with each complete output line (stdout and stderr), on a reader thread.</summary>
    public Action<string>? OnLine { get; init; }

    /// <summary>
    /// Keep the output for <see cref="ChildProcess.Stdout"/>, <see cref="ChildProcess.Stderr"/>
    /// and <see cref="ChildProcess.Lines"/>. Off for long-lived processes whose lines are only
    /// forwarded (a <c>serve</c> session would otherwise grow without bound).
    /// </summary>
    public bool KeepOutput { get; init; } = true;

    /// <summary>
    /// <paramref name="variables"/> as an <see cref="Environment"/> to add to (a fresh, writable
    /// copy; the launchers' settings are plain string maps).
    /// </summary>
    public static Dictionary<string, string?> EnvironmentOf(IReadOnlyDictionary<string, string> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        return variables.ToDictionary(pair => pair.Key, string? (pair) => pair.Value, StringComparer.Ordinal);
    }
}
