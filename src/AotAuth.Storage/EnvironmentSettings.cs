using System.Globalization;

namespace AotAuth.Storage;

/// <summary>
/// Reads the functions' environment variables. A value that is set but unusable is an
/// init error with the variable's name in it, not a silent fallback to the default.
/// </summary>
public static class EnvironmentSettings
{
    /// <summary>The variable's value, or <paramref name="fallback"/> when unset or empty.</summary>
    public static string Text(string name, string fallback)
    {
        string? value = Environment.GetEnvironmentVariable(name);
        return string.IsNullOrWhiteSpace(value) ? fallback : value.Trim();
    }

    /// <summary>The variable as an integer in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    /// <exception cref="InvalidOperationException">The variable is set but not such an integer.</exception>
    public static int WholeNumber(string name, int fallback, int min, int max)
    {
        string? value = Environment.GetEnvironmentVariable(name);
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        if (!int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int parsed) || parsed < min || parsed > max)
        {
            throw new InvalidOperationException($"{name} must be a whole number from {min} to {max}; it is '{value}'.");
        }

        return parsed;
    }

    /// <summary>The variable as <c>true</c> or <c>false</c> (any case).</summary>
    /// <exception cref="InvalidOperationException">The variable is set to anything else.</exception>
    public static bool Switch(string name, bool fallback)
    {
        string? value = Environment.GetEnvironmentVariable(name);
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        return bool.TryParse(value.Trim(), out bool parsed)
            ? parsed
            : throw new InvalidOperationException($"{name} must be true or false; it is '{value}'.");
    }
}
