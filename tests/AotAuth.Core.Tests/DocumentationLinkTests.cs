using System.Text.RegularExpressions;

namespace AotAuth.Core.Tests;

/// <summary>
/// The documentation holds together: every link in README.md, docs/ and infra/README.md reaches a
/// file that exists and, with a <c>#anchor</c>, a heading of that page; every code comment that
/// cites a page (<c>docs/performance.md, "Cold start on AWS"</c>) names one that exists, and a
/// heading it has.
/// </summary>
public sealed partial class DocumentationLinkTests
{
    private static readonly string[] CodeFolders = ["src", "infra", "bench", "tests", "scripts", ".ci"];

    private static readonly string[] CodeExtensions = [".cs", ".csproj", ".props", ".targets", ".sh", ".pem", ".js", ""];

    [Fact]
    public void EveryLinkInTheDocumentation_ReachesAFileAndHeadingThatExist()
    {
        List<string> pages = DocumentationPages().ToList();
        var broken = new List<string>();
        int checkedLinks = 0;
        foreach (string page in pages)
        {
            foreach (string problem in BrokenLinks(MarkdownPage.Read(page), ref checkedLinks))
            {
                broken.Add($"{Relative(page)}: {problem}");
            }
        }

        Assert.True(pages.Count >= 15, $"found only {pages.Count} pages: is the repository root right?");
        Assert.True(checkedLinks >= 60, $"checked only {checkedLinks} links");
        Assert.Empty(broken);
    }

    [Fact]
    public void EveryPageCitedInACodeComment_ExistsWithTheCitedHeading()
    {
        var broken = new List<string>();
        int citations = 0;
        foreach (string file in CodeFiles())
        {
            string[] lines = File.ReadAllLines(file);
            for (int i = 0; i < lines.Length; i++)
            {
                foreach (Match cite in CitationPattern().Matches(lines[i]))
                {
                    citations++;
                    string page = cite.Groups["page"].Value is "README" ? "README.md" : cite.Groups["page"].Value;
                    string? problem = Resolve(Path.Combine(RepoPaths.Root, page), anchor: null, heading: cite.Groups["heading"] is { Success: true } h ? h.Value : null);
                    if (problem is not null)
                    {
                        broken.Add($"{Relative(file)}:{i + 1}: {page}: {problem}");
                    }
                }
            }
        }

        Assert.True(citations >= 10, $"found only {citations} citations of docs pages in code");
        Assert.Empty(broken);
    }

    [Fact]
    public void TheChecker_ReportsAMissingFile_AMissingAnchor_AndAMissingCitedHeading()
    {
        string folder = Directory.CreateTempSubdirectory("aotauth-docs-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "target.md"), "# Target\n\n## What a scope grants\n\n```\n## Not a heading\n```\n");
            File.WriteAllText(Path.Combine(folder, "page.md"), string.Join('\n',
                "# Page",
                "[ok](target.md#what-a-scope-grants) [ok too](#page) [web](https://example.com/x.md)",
                "[gone](missing.md) [no anchor](target.md#not-a-heading) `[in code](missing-too.md)`"));
            var page = MarkdownPage.Read(Path.Combine(folder, "page.md"));
            int count = 0;

            List<string> problems = BrokenLinks(page, ref count);

            Assert.Equal(4, count);
            Assert.Equal(2, problems.Count);
            Assert.Contains("missing.md", problems[0], StringComparison.Ordinal);
            Assert.Contains("#not-a-heading", problems[1], StringComparison.Ordinal);
            Assert.Null(Resolve(Path.Combine(folder, "target.md"), null, "What a scope grants"));
            Assert.NotNull(Resolve(Path.Combine(folder, "target.md"), null, "Not a heading"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("Revocation and expiry", "revocation-and-expiry")]
    [InlineData("The local gateway: `aotauth serve`", "the-local-gateway-aotauth-serve")]
    [InlineData("HTTP API (`-c api=http`)", "http-api--c-apihttp")]
    [InlineData("AotAuth.Cdk: the constructs, for your own API", "aotauthcdk-the-constructs-for-your-own-api")]
    [InlineData("Authorizer, REST (`TOKEN` and `REQUEST`)", "authorizer-rest-token-and-request")]
    public void Slug_FollowsGitHubsRules(string heading, string anchor) => Assert.Equal(anchor, MarkdownPage.Slug(heading));

    private static List<string> BrokenLinks(MarkdownPage page, ref int count)
    {
        var problems = new List<string>();
        foreach ((int line, string target) in page.Links())
        {
            if (target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal))
            {
                continue;
            }

            count++;
            int hash = target.IndexOf('#', StringComparison.Ordinal);
            string file = hash < 0 ? target : target[..hash];
            string? anchor = hash < 0 ? null : target[(hash + 1)..];
            string path = file.Length == 0 ? page.Path : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(page.Path)!, Uri.UnescapeDataString(file)));
            if (Resolve(path, anchor, heading: null) is { } problem)
            {
                problems.Add($"line {line}: {target}: {problem}");
            }
        }

        return problems;
    }

    /// <summary>Null when <paramref name="path"/> exists and has the anchor or heading asked for; else what is wrong.</summary>
    private static string? Resolve(string path, string? anchor, string? heading)
    {
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            return "no such file";
        }

        if (anchor is null && heading is null)
        {
            return null;
        }

        if (!path.EndsWith(".md", StringComparison.Ordinal) || !File.Exists(path))
        {
            return "an anchor into a file that is not a Markdown page";
        }

        ISet<string> anchors = MarkdownPage.Read(path).Anchors();
        string wanted = anchor ?? MarkdownPage.Slug(heading!);
        return anchors.Contains(wanted) ? null : $"no heading {(heading is null ? "#" + anchor : $"\"{heading}\"")} there";
    }

    private static IEnumerable<string> DocumentationPages() =>
        new[] { Path.Combine(RepoPaths.Root, "README.md"), Path.Combine(RepoPaths.Root, "infra", "README.md") }
            .Concat(Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "docs"), "*.md", SearchOption.AllDirectories));

    private static IEnumerable<string> CodeFiles() =>
        CodeFolders
            .Select(folder => Path.Combine(RepoPaths.Root, folder))
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            .Where(file => CodeExtensions.Contains(Path.GetExtension(file)) && !IsGenerated(file));

    private static bool IsGenerated(string file) =>
        Relative(file).Split('/').Any(part => part is "bin" or "obj" or "node_modules" or "cdk.out");

    private static string Relative(string path) => Path.GetRelativePath(RepoPaths.Root, path).Replace('\\', '/');

    // docs/<page>.md, infra/README.md or the README, optionally followed by a quoted heading:
    // docs/performance.md, "Cold start on AWS" / docs/token-table.md ("Revocation and expiry").
    [GeneratedRegex(@"(?<![\w/.-])(?<page>docs/[\w./-]+?\.md|infra/README\.md|README(?:\.md)?)(?:'s)?(?:[ \t]*[,(][ \t]*""(?<heading>[^""]+)"")?")]
    private static partial Regex CitationPattern();
}
