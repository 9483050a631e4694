using System.Globalization;

namespace AotAuth.Cli.Tokens;

/// <summary>Parses <c>--expires</c>: a whole number with a unit, <c>90m</c>, <c>12h</c>, <c>30d</c>, or <c>never</c>.</summary>
internal static class ExpiryParser
{
    /// <summary>The lifetime, null for <c>never</c>; false with a message for anything else.</summary>
    public static bool TryParse(string text, out TimeSpan? lifetime, out string? error)
    {
        lifetime = null;
        error = null;
        text = text.Trim();
        if (text.Equals("never", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (text.Length >= 2 && long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out long amount) && amount > 0)
        {
            long unitSeconds = text[^1] switch
            {
                's' => 1,
                'm' => 60,
                'h' => 3600,
                'd' => 86_400,
                _ => 0,
            };
            // At most 100 years, whatever the unit (checked before multiplying: no overflow).
            const long maxSeconds = 36_500L * 86_400;
            if (unitSeconds > 0 && amount <= maxSeconds / unitSeconds)
            {
                lifetime = TimeSpan.FromSeconds(amount * unitSeconds);
                return true;
            }
        }

        error = $"--expires must be a positive whole number with s, m, h or d (e.g. 30d) up to 100 years, or 'never'; got '{text}'";
        return false;
    }
}
