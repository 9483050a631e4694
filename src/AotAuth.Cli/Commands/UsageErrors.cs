using System.CommandLine;
using System.CommandLine.Parsing;

namespace AotAuth.Cli.Commands;

/// <summary>
/// A parse error as docs/local-gateway.md ("Commands") promises it: exactly one line on stderr naming the option (or
/// command) and what it accepts, nothing on stdout (where <c>TOKEN=$(aotauth token create ...)</c>
/// would capture it), exit code 1. System.CommandLine reports one error per stray word and
/// puts its "did you mean" list on stdout; only the first, most telling, error is kept here.
/// </summary>
internal static class UsageErrors
{
    /// <summary>The one line for a parse result with errors.</summary>
    public static string Describe(ParseResult parsed) =>
        // A parser's own message may span lines (System.CommandLine lists choices one a line).
        string.Join(' ', DescribeFirst(parsed).Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static string DescribeFirst(ParseResult parsed)
    {
        Command command = parsed.CommandResult.Command;
        string path = CommandPath(parsed.CommandResult);

        // A stray word explains the errors that follow from it ("required command was not provided").
        if (parsed.UnmatchedTokens.Count > 0)
        {
            string word = parsed.UnmatchedTokens[0];
            if (word.StartsWith('-'))
            {
                string[] options = [.. command.Options.Where(o => !o.Hidden).Select(o => o.Name)];
                return $"aotauth: `{path}` has no option '{word}'; it accepts {string.Join(", ", options)}{Suggestion(word, options)}";
            }

            string[] subcommands = [.. command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name)];
            return subcommands.Length > 0
                ? $"aotauth: `{path}` has no command '{word}'; it accepts {string.Join(", ", subcommands)}{Suggestion(word, subcommands)}"
                : $"aotauth: `{path}` takes no argument '{word}' (options start with --; see `{path} --help`)";
        }

        ParseError error = parsed.Errors[0];
        OptionResult? optionResult = error.SymbolResult as OptionResult ?? error.SymbolResult?.Parent as OptionResult;
        if (optionResult is not null)
        {
            Option option = optionResult.Option;
            if (optionResult.IdentifierToken is null)
            {
                return $"aotauth: `{path}` needs {option.Name}: {Lowercase(option.Description)}";
            }

            if (optionResult.Tokens.Count == 0)
            {
                return $"aotauth: {option.Name} needs a value: {Lowercase(option.Description)}";
            }

            // Our own parsers' messages already name the option and what it accepts.
            return error.Message.StartsWith(option.Name, StringComparison.Ordinal)
                ? $"aotauth: {error.Message}"
                : $"aotauth: {option.Name} takes {Lowercase(option.Description)}; {Lowercase(error.Message).TrimEnd('.')}";
        }

        if (error.SymbolResult is ArgumentResult { Tokens.Count: 0 } argument)
        {
            return $"aotauth: `{path}` needs <{argument.Argument.Name}>: {Lowercase(argument.Argument.Description)}";
        }

        if (command.Subcommands.Count > 0 && command.Action is null)
        {
            return $"aotauth: `{path}` needs a command: {string.Join(", ", command.Subcommands.Select(c => c.Name))}";
        }

        return $"aotauth: {error.Message.TrimEnd('.')} (see `{path} --help`)";
    }

    private static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? at = result; at is CommandResult command; at = command.Parent)
        {
            names.Add(command.Parent is null ? "aotauth" : command.Command.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }

    private static string Lowercase(string? text) =>
        text is { Length: > 0 } ? char.ToLowerInvariant(text[0]) + text[1..] : "see --help";

    /// <summary>" (did you mean X?)" for the closest candidate within two edits, else nothing.</summary>
    private static string Suggestion(string word, IEnumerable<string> candidates)
    {
        string? best = candidates
            .Select(c => (Name: c, Distance: EditDistance(word, c)))
            .Where(c => c.Distance <= 2)
            .OrderBy(c => c.Distance)
            .Select(c => c.Name)
            .FirstOrDefault();
        return best is null ? string.Empty : $" (did you mean {best}?)";
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
