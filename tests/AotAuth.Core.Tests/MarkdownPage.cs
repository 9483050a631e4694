using System.Text;
using System.Text.RegularExpressions;

namespace AotAuth.Core.Tests;

/// <summary>
/// What the documentation tests need of a Markdown page: its headings as GitHub anchors them, its
/// links, and the rows of a table. Fenced code blocks and inline code are not Markdown here: a
/// heading or link inside them is text.
/// </summary>
internal sealed partial class MarkdownPage
{
    private MarkdownPage(string path, IReadOnlyList<string> lines)
    {
        Path = path;
        Lines = lines;
    }

    /// <summary>The page's file.</summary>
    public string Path { get; }

    /// <summary>The page's lines outside fenced code blocks (those inside are empty strings, so line numbers stay).</summary>
    public IReadOnlyList<string> Lines { get; }

    /// <summary>Reads <paramref name="path"/>.</summary>
    public static MarkdownPage Read(string path) => Parse(path, File.ReadAllText(path));

    /// <summary>Parses <paramref name="text"/> as the page at <paramref name="path"/>.</summary>
    public static MarkdownPage Parse(string path, string text)
    {
        var lines = new List<string>();
        string? fence = null;
        foreach (string raw in text.Split('\n'))
        {
            string line = raw.TrimEnd('\r');
            string trimmed = line.TrimStart();
            if (fence is null && (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal)))
            {
                fence = trimmed[..3];
                lines.Add("");
            }
            else if (fence is not null)
            {
                if (trimmed.StartsWith(fence, StringComparison.Ordinal))
                {
                    fence = null;
                }

                lines.Add("");
            }
            else
            {
                lines.Add(line);
            }
        }

        return new MarkdownPage(path, lines);
    }

    /// <summary>The text of every ATX heading (<c>#</c> to <c>######</c>), in order.</summary>
    public IEnumerable<string> Headings() =>
        Lines.Select(line => HeadingPattern().Match(line)).Where(m => m.Success).Select(m => m.Groups[1].Value.Trim());

    /// <summary>
    /// The anchors GitHub gives the headings: <see cref="Slug"/> of each, a repeated slug getting
    /// <c>-1</c>, <c>-2</c>, ... in order.
    /// </summary>
    public ISet<string> Anchors()
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string slug in Headings().Select(Slug))
        {
            int count = seen.GetValueOrDefault(slug);
            anchors.Add(count == 0 ? slug : $"{slug}-{count}");
            seen[slug] = count + 1;
        }

        return anchors;
    }

    /// <summary>Every link and image target outside code, with its line number (1-based).</summary>
    public IEnumerable<(int Line, string Target)> Links()
    {
        for (int i = 0; i < Lines.Count; i++)
        {
            string line = InlineCodePattern().Replace(Lines[i], "code");
            foreach (Match link in LinkPattern().Matches(line))
            {
                yield return (i + 1, link.Groups[1].Value);
            }
        }
    }

    /// <summary>
    /// The first cells of the table that follows the heading <paramref name="heading"/> (up to the
    /// next heading), one entry per row, each split at commas and stripped of backticks.
    /// </summary>
    public IReadOnlyList<string> FirstColumnUnder(string heading)
    {
        int start = Lines.ToList().FindIndex(line => HeadingPattern().Match(line) is { Success: true } m && m.Groups[1].Value.Trim() == heading);
        if (start < 0)
        {
            throw new InvalidOperationException($"{Path} has no heading '{heading}'");
        }

        var cells = new List<string>();
        bool inTable = false;
        for (int i = start + 1; i < Lines.Count && !HeadingPattern().IsMatch(Lines[i]); i++)
        {
            string line = Lines[i].Trim();
            if (!line.StartsWith('|'))
            {
                if (inTable)
                {
                    break;
                }

                continue;
            }

            // The header row and the separator row are not entries.
            if (inTable && !line.StartsWith("|---", StringComparison.Ordinal) && !line.StartsWith("| ---", StringComparison.Ordinal))
            {
                string first = line.Split('|')[1];
                cells.AddRange(first.Split(',').Select(cell => cell.Trim().Trim('`')).Where(cell => cell.Length > 0));
            }

            inTable = true;
        }

        return cells;
    }

    /// <summary>
    /// GitHub's anchor for a heading: lowercase, each space a '-', every character that is not a
    /// letter, digit, '-' or '_' dropped (so <c>`--api http`</c> becomes <c>--api-http</c>).
    /// </summary>
    public static string Slug(string heading)
    {
        var slug = new StringBuilder(heading.Length);
        foreach (char c in heading.Trim())
        {
            if (char.IsLetterOrDigit(c) || c is '-' or '_')
            {
                slug.Append(char.ToLowerInvariant(c));
            }
            else if (c == ' ')
            {
                slug.Append('-');
            }
        }

        return slug.ToString();
    }

    [GeneratedRegex(@"^#{1,6}\s+(.*?)\s*#*\s*$")]
    private static partial Regex HeadingPattern();

    [GeneratedRegex(@"`[^`]*`")]
    private static partial Regex InlineCodePattern();

    // [text](target) and ![alt](target); the target ends at whitespace (an optional "title") or ')'.
    [GeneratedRegex(@"\]\(\s*<?([^)\s>]+)>?(?:\s+""[^""]*"")?\s*\)")]
    private static partial Regex LinkPattern();
}
