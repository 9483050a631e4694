namespace AotAuth.Cli.Tests;

/// <summary><c>--help</c> on each level of the command tree.</summary>
public sealed class CliHelpTests : IDisposable
{
    private readonly CliTempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string[], string[]> Commands => new()
    {
        { [], ["serve", "token", "routes"] },
        { ["serve"], ["--port", "--data", "--dynamodb-endpoint", "--native", "--max-instances", "--function-timeout", "--rebuild", "--log-level", "--quiet"] },
        { ["token"], ["create", "list", "revoke"] },
        { ["token", "create"], ["--principal", "--scope", "--expires", "--data", "--table"] },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Help_ExitsZeroAndNamesTheOptionsAndSubcommands(string[] command, string[] mentioned)
    {
        CliResult result = await CliProcess.RunAsync(_temp.Path, [.. command, "--help"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Usage:", result.Stdout, StringComparison.Ordinal);
        Assert.Contains(("aotauth " + string.Join(' ', command)).TrimEnd(), result.Stdout, StringComparison.Ordinal);
        foreach (string word in mentioned)
        {
            Assert.Contains(word, result.Stdout, StringComparison.Ordinal);
        }

        Assert.False(Directory.Exists(Path.Combine(_temp.Path, ".aotauth")), "--help must not create the default store");
    }
}
