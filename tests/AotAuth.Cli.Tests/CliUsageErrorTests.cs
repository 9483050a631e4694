namespace AotAuth.Cli.Tests;

/// <summary>
/// Every usage error is exactly one line on stderr naming the option (or command) and what it
/// accepts, nothing on stdout, exit code 1, and no store is touched.
/// </summary>
public sealed class CliUsageErrorTests : IDisposable
{
    private readonly CliTempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string[], string[]> Mistakes => new()
    {
        { ["token", "list", "--dat", "D"], ["'--dat'", "--data", "did you mean --data?"] },
        { ["token", "lsit"], ["'lsit'", "create, list, revoke", "did you mean list?"] },
        { ["serve", "--port", "99999"], ["--port", "0 to 65535", "99999"] },
        { ["serve", "--port", "abc"], ["--port", "0 to 65535", "abc"] },
        { ["serve", "--max-instances", "0"], ["--max-instances", "1 to 64"] },
        { ["serve", "--function-timeout", "901"], ["--function-timeout", "1 to 900"] },
        { ["serve", "--port"], ["--port", "needs a value"] },
        { ["token", "create", "--scope", "GET /user/*"], ["--principal", "who the token belongs to"] },
        { ["token", "create", "--principal", "x"], ["--scope", "a route"] },
        { ["token"], ["create, list, revoke"] },
        { [], ["serve, token"] },
        { ["token", "revoke"], ["<token-or-hash-prefix>"] },
        { ["token", "list", "extra"], ["'extra'"] },
        { ["token", "create", "--principal", "x", "--scope", "GET /user/*", "--expires", "3q"], ["--expires", "never"] },
        { ["serve", "--log-level", "loud"], ["--log-level", "quiet, access, report, info, debug", "'loud'"] },
        { ["token", "create", "--principal", "x", "--scope", "GET"], ["--scope", "'GET'", "verb"] },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public async Task UsageError_IsOneLineOnStderrNamingTheOption_NothingOnStdout_Exit1(string[] args, string[] mentioned)
    {
        CliResult result = await CliProcess.RunAsync(args, _temp.Path, Isolated(), TimeSpan.FromSeconds(60));

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.True(result.Stdout.Length == 0, result.ToString());
        string line = Assert.Single(CliProcess.Lines(result.Stderr));
        Assert.StartsWith("aotauth: ", line, StringComparison.Ordinal);
        foreach (string word in mentioned)
        {
            Assert.Contains(word, line, StringComparison.Ordinal);
        }

        Assert.Empty(Directory.GetFileSystemEntries(_temp.Path));
    }

    [Fact]
    public async Task DataNamingAFile_IsOneLineNamingDataAndWhatItTakes()
    {
        string file = Path.Combine(_temp.Path, "not-a-folder");
        File.WriteAllText(file, "x");

        CliResult result = await CliProcess.RunAsync(["token", "list", "--data", file], _temp.Path, Isolated(), TimeSpan.FromSeconds(60));

        Assert.True(result.ExitCode == 1 && result.Stdout.Length == 0, result.ToString());
        string line = Assert.Single(CliProcess.Lines(result.Stderr));
        Assert.Equal($"aotauth: --data takes a folder (created if missing); '{file}' is a file", line);
    }

    [Fact]
    public async Task DataInsideAFile_IsOneLineNamingTheFile()
    {
        string file = Path.Combine(_temp.Path, "not-a-folder");
        File.WriteAllText(file, "x");
        string data = Path.Combine(file, "store");

        CliResult result = await CliProcess.RunAsync(["token", "list", "--data", data], _temp.Path, Isolated(), TimeSpan.FromSeconds(60));

        Assert.True(result.ExitCode == 1 && result.Stdout.Length == 0, result.ToString());
        Assert.Equal($"aotauth: --data takes a folder (created if missing); '{data}' cannot be one: '{file}' is a file", Assert.Single(CliProcess.Lines(result.Stderr)));
    }

    /// <summary>A per-user data folder inside the temp folder, so a mistake that did reach a store would show.</summary>
    private Dictionary<string, string?> Isolated() => new() { ["XDG_DATA_HOME"] = Path.Combine(_temp.Path, "xdg") };
}
