using System.IO.Compression;
using System.Text.Json.Nodes;

namespace AotAuth.Infra.Tests;

/// <summary>
/// AotAuth.Cdk as a team gets it: packed (with both published bootstraps), installed into a fresh
/// console app outside the repository from a local feed, with the Program.cs of
/// docs/protect-your-own-api.md, and synthesized (the app run as <c>cdk synth</c> runs it, with <c>CDK_OUTDIR</c>).
/// Kept cheap for CI: the package is packed from the build the suite already made, and the app
/// restores offline, its packages (CDK, jsii) read in place from the machine's NuGet folder.
/// </summary>
public sealed class PackageTests : IDisposable
{
    private static readonly TimeSpan Minutes5 = TimeSpan.FromMinutes(5);
    private readonly string _work = Directory.CreateTempSubdirectory("aotauth-cdk-package-").FullName;

    [PublishedBootstrapFact("AotAuth.Authorizer", "linux-arm64", "bash scripts/publish-arm64.sh")]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void TheDocumentedExample_BuildsAgainstThePackedPackage_AndSynthesizesTheAuthorizerWithTheArm64Bootstrap()
    {
        string feed = Path.Combine(_work, "feed");
        var (packed, packOutput) = Commands.Run("dotnet",
            ["pack", Path.Combine(RepoPaths.Root, "infra", "AotAuth.Cdk"), "-c", RepoPaths.Configuration, "--no-build", "-nologo", "-o", feed],
            RepoPaths.Root, Minutes5);
        Assert.True(packed == 0, packOutput);
        string package = Assert.Single(Directory.GetFiles(feed, "AotAuth.Cdk.*.nupkg"));
        using (ZipArchive zip = ZipFile.OpenRead(package))
        {
            var entries = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
            foreach (string rid in new[] { "linux-arm64", "linux-x64" })
            {
                string published = Path.Combine(RepoPaths.Root, "artifacts", "publish", "AotAuth.Authorizer", "release_" + rid, "bootstrap");
                Assert.Equal(File.ReadAllBytes(published), Bytes(zip, $"lambda/{rid}/bootstrap"));
                Assert.Contains($"lambda/{rid}/aws-root-cas.pem", entries);
            }

            Assert.Contains("lib/net10.0/AotAuth.Cdk.dll", entries);
            Assert.Contains("lib/net10.0/AotAuth.Core.dll", entries);
            Assert.Contains("lib/net10.0/AotAuth.Cdk.xml", entries);
            Assert.Contains("buildTransitive/AotAuth.Cdk.targets", entries);
        }

        string app = Path.Combine(_work, "OrdersApp");
        Directory.CreateDirectory(app);
        File.WriteAllText(Path.Combine(app, "Program.cs"), DocumentedExample());
        File.WriteAllText(Path.Combine(app, "OrdersApp.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="AotAuth.Cdk" Version="{Path.GetFileNameWithoutExtension(package)["AotAuth.Cdk.".Length..]}" />
              </ItemGroup>
            </Project>
            """);

        // The local feed is the only source; everything else comes from the machine's package folder,
        // read in place (a fallback folder), so nothing is downloaded and AotAuth.Cdk is extracted
        // into this test's own folder, never into the shared cache where a stale copy would stay.
        File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources><clear /><add key="feed" value="{feed}" /></packageSources>
              <fallbackPackageFolders><add key="machine" value="{MachinePackages()}" /></fallbackPackageFolders>
              <config><add key="globalPackagesFolder" value="{Path.Combine(_work, "packages")}" /></config>
            </configuration>
            """);
        var (built, buildOutput) = Commands.Run("dotnet", ["build", "-nologo", "-v", "q", "-clp:NoSummary"], app, Minutes5);
        Assert.True(built == 0, buildOutput);

        string cdkOut = Path.Combine(_work, "cdk.out");
        var (synthesized, synthOutput) = Commands.Run("dotnet", ["run", "--no-build"], app, Minutes5,
            new Dictionary<string, string>
            {
                // What `cdk synth` hands the app: the output folder, and asset metadata on (the CLI's default).
                ["CDK_OUTDIR"] = cdkOut,
                ["CDK_CONTEXT_JSON"] = """{"aws:cdk:enable-asset-metadata":true}""",
            });
        Assert.True(synthesized == 0, synthOutput);

        var template = JsonNode.Parse(File.ReadAllText(Path.Combine(cdkOut, "OrdersStack.template.json")))!.AsObject();
        var resources = template["Resources"]!.AsObject();
        var function = Assert.Single(resources, r => (string?)r.Value!["Type"] == "AWS::Lambda::Function").Value!;
        Assert.Equal("""["arm64"]""", function["Properties"]!["Architectures"]!.ToJsonString());
        Assert.Equal(2, resources.Count(r => (string?)r.Value!["Type"] == "AWS::ApiGateway::Method" && (string?)r.Value!["Properties"]!["AuthorizationType"] == "CUSTOM"));
        Assert.Single(resources, r => (string?)r.Value!["Type"] == "AWS::ApiGateway::Authorizer");

        // The asset CDK zips is the package's arm64 bootstrap, executable, with its trust store.
        string asset = Path.Combine(cdkOut, (string)function["Metadata"]!["aws:asset:path"]!);
        string bootstrap = Path.Combine(asset, "bootstrap");
        Assert.Equal(File.ReadAllBytes(Path.Combine(RepoPaths.Root, "artifacts", "publish", "AotAuth.Authorizer", "release_linux-arm64", "bootstrap")), File.ReadAllBytes(bootstrap));
        Assert.True((File.GetUnixFileMode(bootstrap) & UnixFileMode.UserExecute) != 0, "the asset's bootstrap is not executable");
        Assert.Equal(["aws-root-cas.pem", "bootstrap"], Directory.GetFiles(asset).Select(Path.GetFileName).Order());
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    /// <summary>The first C# block of docs/protect-your-own-api.md.</summary>
    internal static string DocumentedExample()
    {
        string page = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "protect-your-own-api.md"));
        int block = page.IndexOf("```csharp\n", StringComparison.Ordinal);
        Assert.True(block >= 0, "docs/protect-your-own-api.md has no C# block");
        int start = block + "```csharp\n".Length;
        int end = page.IndexOf("\n```", start, StringComparison.Ordinal);
        return page[start..end] + "\n";
    }

    private static string MachinePackages() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } folder
            ? folder
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    private static byte[] Bytes(ZipArchive zip, string entry)
    {
        using Stream stream = zip.GetEntry(entry)?.Open() ?? throw new InvalidOperationException($"the package has no {entry}");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
