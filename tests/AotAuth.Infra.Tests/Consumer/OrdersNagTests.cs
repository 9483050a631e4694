namespace AotAuth.Infra.Tests.Consumer;

/// <summary>
/// cdk-nag (infra/nag: AwsSolutions and Serverless, with the <c>orders</c> suppressions, each with
/// its reason) over the second consumer's template: a stack built on AotAuth.Cdk the way a team
/// would passes the rule packs. Needs infra/nag's packages (scripts/test.sh installs them).
/// </summary>
[Collection(OrdersStacks.Name)]
public class OrdersNagTests(OrdersStackFixture fixture)
{
    [Fact]
    public void CdkNag_FindsNoUnsuppressedErrorAndNoStaleSuppression()
    {
        string nag = Path.Combine(RepoPaths.Root, "infra", "nag");
        Assert.True(Directory.Exists(Path.Combine(nag, "node_modules", "cdk-nag")), $"cdk-nag is not installed: bash scripts/nag-install.sh (in {nag})");
        var (exit, output) = Commands.Run("node", ["nag.js", "orders=" + fixture.TemplateFile], nag, TimeSpan.FromMinutes(3));
        Assert.True(exit == 0, output);
        Assert.Contains("0 unsuppressed errors", output, StringComparison.Ordinal);
        Assert.EndsWith("cdk-nag: OK", output.TrimEnd(), StringComparison.Ordinal);
    }
}
