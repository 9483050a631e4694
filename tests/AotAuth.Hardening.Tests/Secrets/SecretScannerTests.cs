namespace AotAuth.Hardening.Tests.Secrets;

public sealed class SecretScannerTests
{
    private const string Token = "PlantedToken0123456789abcdefABCD";

    [Fact]
    public void PlantedToken_IsFoundInALine_WithoutBeingRepeatedInTheFinding()
    {
        var scanner = new SecretScanner([Token]);

        IReadOnlyList<SecretFinding> findings = scanner.ScanLines(["clean", $"[authorizer] token={Token} oops"], "log");

        SecretFinding finding = Assert.Single(findings);
        Assert.Equal(2, finding.Line);
        Assert.DoesNotContain(Token, finding.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void PlantedToken_IsFoundInAFile_InUtf8OrUtf16()
    {
        string folder = Directory.CreateTempSubdirectory("aotauth-scan-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "a.json"), $$"""{"token":"{{Token}}"}""");
            Directory.CreateDirectory(Path.Combine(folder, "sub"));
            File.WriteAllText(Path.Combine(folder, "sub", "b.txt"), Token, System.Text.Encoding.Unicode);
            File.WriteAllText(Path.Combine(folder, "c.txt"), "nothing here");

            Assert.Equal(2, new SecretScanner([Token]).ScanFolder(folder).Count);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void SecretTooShortToScanForReliably_IsRefused() =>
        Assert.Throws<ArgumentException>(() => new SecretScanner(["abc"]));
}
