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
            TimeSpan? value = text[^1] switch
            {
                's' => TimeSpan.FromSeconds(amount),
                'm' => TimeSpan.FromMinutes(amount),
                'h' => TimeSpan.FromHours(amount),
                'd' => TimeSpan.FromDays(Math.Min(amount, 36_500)),
                _ => null,
            };
            if (value is not null && value <= TimeSpan.FromDays(36_500))
            {
                lifetime = value;
                return true;
            }
        }

        error = $"--expires must be a positive whole number with s, m, h or d (e.g. 30d), or 'never'; got '{text}'";
        return false;
    }
}
