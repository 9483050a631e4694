using System.CommandLine;

namespace AotAuth.Cli.Commands;

/// <summary>
/// An option taking one of a few words, checked while parsing, so a wrong word is a one-line
/// usage error naming the option and the words it accepts.
/// </summary>
internal static class ChoiceOption
{
    /// <summary>A <c>string</c> option accepting one of <paramref name="choices"/> (case-insensitive), default <paramref name="defaultValue"/>.</summary>
    public static Option<string> Create(string name, string description, string defaultValue, IReadOnlyList<string> choices) => new(name)
    {
        Description = description,
        HelpName = string.Join('|', choices),
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            string text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
            if (choices.FirstOrDefault(c => c.Equals(text, StringComparison.OrdinalIgnoreCase)) is { } choice)
            {
                return choice;
            }

            result.AddError($"{name} takes one of {string.Join(", ", choices)}; got '{text}'");
            return defaultValue;
        },
    };
}
