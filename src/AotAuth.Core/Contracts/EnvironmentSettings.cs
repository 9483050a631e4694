using System.Globalization;

namespace AotAuth.Core.Contracts;

/// <summary>
/// The one way configuration is read. Every <c>FromEnvironment</c> takes an environment: a
/// function from a variable's name to its value, null when unset. Production passes the process
/// environment (<see cref="Environment.GetEnvironmentVariable(string)"/>); tests pass a dictionary's
/// lookup, so no test changes the process's variables (the seam of RuntimeSupport's
/// <c>IEnvironmentVariables</c>, as a delegate). A value that is set but unusable is an init error
/// with the variable's name in it, not a silent fallback to the default.
/// </summary>
public static class EnvironmentSettings
{
    /// <summary>The variable's value trimmed, or null when unset or blank.</summary>
    /// <param name="environment">Where variables are read.</param>
    /// <param name="name">The variable.</param>
    public static string? Optional(Func<string, string?> environment, string name)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return environment(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
    }

    /// <summary>The variable's value trimmed, or <paramref name="fallback"/> when unset or blank.</summary>
    /// <param name="environment">Where variables are read.</param>
    /// <param name="name">The variable.</param>
    /// <param name="fallback">The default.</param>
    public static string Text(Func<string, string?> environment, string name, string fallback) => Optional(environment, name) ?? fallback;

    /// <summary>The variable as an integer in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    /// <param name="environment">Where variables are read.</param>
    /// <param name="name">The variable.</param>
    /// <param name="fallback">The value when unset or blank.</param>
    /// <param name="min">The smallest value accepted.</param>
    /// <param name="max">The largest value accepted.</param>
    /// <exception cref="InvalidOperationException">The variable is set but not such an integer.</exception>
    public static int WholeNumber(Func<string, string?> environment, string name, int fallback, int min, int max)
    {
        if (Optional(environment, name) is not { } value)
        {
            return fallback;
        }

        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int parsed) || parsed < min || parsed > max)
        {
            throw new InvalidOperationException($"{name} must be a whole number from {min} to {max}; it is '{environment(name)}'.");
        }

        return parsed;
    }

    /// <summary>The variable as <c>true</c> or <c>false</c> (any case).</summary>
    /// <param name="environment">Where variables are read.</param>
    /// <param name="name">The variable.</param>
    /// <param name="fallback">The value when unset or blank.</param>
    /// <exception cref="InvalidOperationException">The variable is set to anything else.</exception>
    public static bool Switch(Func<string, string?> environment, string name, bool fallback)
    {
        if (Optional(environment, name) is not { } value)
        {
            return fallback;
        }

        return bool.TryParse(value, out bool parsed)
            ? parsed
            : throw new InvalidOperationException($"{name} must be true or false; it is '{environment(name)}'.");
    }
}
