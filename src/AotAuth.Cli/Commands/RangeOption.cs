using System.CommandLine;
using System.Globalization;

namespace AotAuth.Cli.Commands;

/// <summary>
/// A whole-number option with its accepted range checked while parsing, so a bad value is a
/// usage error that names this option and its range alone (not every numeric option's).
/// </summary>
internal static class RangeOption
{
    /// <summary>An <c>int</c> option accepting <paramref name="min"/> to <paramref name="max"/>, default <paramref name="defaultValue"/>.</summary>
    public static Option<int> Create(string name, string description, int defaultValue, int min, int max) => new(name)
    {
        Description = $"{description} ({min}-{max})",
        HelpName = "n",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            string text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value) && value >= min && value <= max)
            {
                return value;
            }

            result.AddError($"{name} takes a whole number from {min} to {max}; got '{text}'");
            return defaultValue;
        },
    };
}
