using AotAuth.Cli.Functions;

namespace AotAuth.Cli.Tests;

/// <summary>Build progress when stderr is not a terminal: a line at once, then one per step dotnet reports.</summary>
public sealed class BuildProgressTests
{
    [Theory]
    [InlineData("  AotAuth.Core -> /w/artifacts/bin/AotAuth.Core/release/AotAuth.Core.dll", "built AotAuth.Core")]
    [InlineData("  Restored /w/src/AotAuth.Cli/AotAuth.Cli.csproj (in 629 ms).", "restored AotAuth.Cli")]
    [InlineData("  Determining projects to restore...", null)]
    [InlineData("/w/src/X.cs(1,1): error CS1002: ; expected", null)]
    public void Step_IsReadFromDotnetsOutputLines(string line, string? expected)
    {
        Assert.Equal(expected, BuildProgress.Step(line));
    }

    [Fact]
    public async Task LineMode_PrintsAStartLineBeforeAnyOutput_ThenOneLinePerStep()
    {
        using var output = new StringWriter();
        string? firstLineBeforeWork = null;

        int exit = await BuildProgress.RunAsync("Building AotAuth.Authorizer", output, interactive: false, onLine =>
        {
            firstLineBeforeWork = output.ToString();
            onLine("  Determining projects to restore...");
            onLine("  AotAuth.Core -> /w/AotAuth.Core.dll");
            onLine("  AotAuth.Authorizer -> /w/bootstrap.dll");
            return Task.FromResult(0);
        });

        Assert.Equal(0, exit);
        Assert.Equal("Building AotAuth.Authorizer ...", firstLineBeforeWork!.Trim());
        string[] lines = CliProcess.Lines(output.ToString());
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("  built AotAuth.Core (", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("  built AotAuth.Authorizer (", lines[2], StringComparison.Ordinal);
    }
}
