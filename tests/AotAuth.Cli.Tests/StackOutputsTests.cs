using AotAuth.Cli.Aws;

namespace AotAuth.Cli.Tests;

/// <summary>Reading what <c>cdk deploy --outputs-file</c> wrote.</summary>
public sealed class StackOutputsTests : IDisposable
{
    private readonly CliTempFolder _temp = new();

    private string File(string json)
    {
        string path = Path.Combine(_temp.Path, "outputs.json");
        System.IO.File.WriteAllText(path, json);
        return path;
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void ReadOrNull_TakesTheAotAuthStackEntry_AmongOthers()
    {
        StackOutputs? outputs = StackOutputs.ReadOrNull(File("""
            {"Other":{"TokenTableName":"wrong"},"AotAuthStack":{"Region":"eu-west-1","TokenTableName":"T","ApiId":"a1","ApiStage":"prod","ApiUrl":"https://x/"}}
            """));

        Assert.Equal(("eu-west-1", "T", "a1", "prod"), (outputs!.Region, outputs.TokenTable, outputs.ApiId, outputs.ApiStage));
    }

    [Fact]
    public void ReadOrNull_TakesTheOnlyStack_UnderAnotherName()
    {
        Assert.Equal("T2", StackOutputs.ReadOrNull(File("""{"Renamed":{"TokenTableName":"T2"}}"""))!.TokenTable);
    }

    [Fact]
    public void ReadOrNull_IsNullForAMissingFile() =>
        Assert.Null(StackOutputs.ReadOrNull(Path.Combine(_temp.Path, "none.json")));

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"A":{},"B":{}}""")]
    [InlineData("""{"AotAuthStack":"x"}""")]
    public void ReadOrNull_RejectsOtherFiles_WithAMessageNamingTheFix(string json)
    {
        var ex = Assert.Throws<InvalidOperationException>(() => StackOutputs.ReadOrNull(File(json)));

        Assert.Contains("--outputs-file", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }
}
