using AotAuth.Infra;
using Amazon.CDK.Assertions;

namespace AotAuth.Infra.Tests;

[Collection(SharedStacks.Name)]
public class FunctionTests(StackFixture fixture)
{
    private static readonly string[] Arm64 = ["arm64"];
    private static readonly string[] X64 = ["x86_64"];

    [Fact]
    public void Arm64_IsTheDefault_AndBothFunctionsRunBootstrapOnProvidedAl2023WithTracing()
    {
        fixture.Arm64.ResourceCountIs("AWS::Lambda::Function", 2);
        fixture.Arm64.AllResourcesProperties("AWS::Lambda::Function", new Dictionary<string, object>
        {
            ["Runtime"] = "provided.al2023",
            ["Handler"] = "bootstrap",
            ["Architectures"] = Arm64,
            ["TracingConfig"] = new Dictionary<string, object> { ["Mode"] = "Active" },
            ["LoggingConfig"] = new Dictionary<string, object> { ["LogGroup"] = Match.AnyValue() },
        });
    }

    [Fact]
    public void ArchContextX64_SwitchesBothFunctions()
    {
        fixture.X64.ResourceCountIs("AWS::Lambda::Function", 2);
        fixture.X64.AllResourcesProperties("AWS::Lambda::Function", new Dictionary<string, object>
        {
            ["Architectures"] = X64,
        });
    }

    [Fact]
    public void Authorizer_GetsItsMemoryTimeoutAndEnvironment()
    {
        fixture.Arm64.HasResourceProperties("AWS::Lambda::Function", new Dictionary<string, object>
        {
            ["MemorySize"] = 256,
            ["Timeout"] = 3,
            ["Environment"] = new Dictionary<string, object>
            {
                ["Variables"] = new Dictionary<string, object>
                {
                    ["TOKEN_TABLE"] = new Dictionary<string, object> { ["Ref"] = Match.StringLikeRegexp("^TokenStoreTable") },
                    ["CACHE_TTL_SECONDS"] = "60",
                    ["CACHE_MAX_ENTRIES"] = "10000",
                    ["DYNAMODB_TIMEOUT_MS"] = "1500",
                    ["SSL_CERT_FILE"] = "/var/task/aws-root-cas.pem",
                    ["SSL_CERT_DIR"] = "/dev/null",
                    ["DYNAMODB_CONNECT_TIMEOUT_MS"] = "1000",
                },
            },
        });
    }

    [Fact]
    public void UserFunction_GetsItsMemoryTimeoutAndEnvironment()
    {
        fixture.Arm64.HasResourceProperties("AWS::Lambda::Function", new Dictionary<string, object>
        {
            ["MemorySize"] = 256,
            ["Timeout"] = 5,
            ["Environment"] = new Dictionary<string, object>
            {
                ["Variables"] = Match.ObjectEquals(new Dictionary<string, object>
                {
                    ["USER_TABLE"] = new Dictionary<string, object> { ["Ref"] = Match.StringLikeRegexp("^UserStoreTable") },
                    ["DYNAMODB_TIMEOUT_MS"] = "3000",
                    ["SSL_CERT_FILE"] = "/var/task/aws-root-cas.pem",
                    ["SSL_CERT_DIR"] = "/dev/null",
                    ["DYNAMODB_CONNECT_TIMEOUT_MS"] = "1000",
                }),
            },
        });
    }

    [Fact]
    public void EachFunctionTimeout_CoversAColdCallConnectAndRequestBudget_AndTheDeadlineMargin()
    {
        var functions = StackFixture.Resources(fixture.Arm64Json, "AWS::Lambda::Function").ToList();
        Assert.Equal(2, functions.Count);
        foreach (var function in functions)
        {
            var properties = function.Value["Properties"]!;
            var variables = properties["Environment"]!["Variables"]!;
            int budgetMs = int.Parse((string)variables["DYNAMODB_TIMEOUT_MS"]!, System.Globalization.CultureInfo.InvariantCulture)
                + int.Parse((string)variables["DYNAMODB_CONNECT_TIMEOUT_MS"]!, System.Globalization.CultureInfo.InvariantCulture)
                + 100;
            int timeoutMs = (int)properties["Timeout"]! * 1000;
            Assert.True(timeoutMs >= budgetMs, $"{function.Key}: timeout {timeoutMs} ms < connect + request budget + margin {budgetMs} ms");
        }
    }

    [Fact]
    public void FunctionLogicalIds_StayThoseOfTheDeployedStack()
    {
        // A new logical id would replace the function, its role and its log group (logs included)
        // on the next deploy of an existing stack; the stack builds each function under the path
        // AuthorizerFunction/Native (UserFunction/Native) to keep them.
        var ids = StackFixture.Resources(fixture.Arm64Json, "AWS::Lambda::Function").Select(f => f.Key).Order();
        Assert.Equal(["AuthorizerFunctionNativeFunction9E97DFF7", "UserFunctionNativeFunction8E095E7A"], ids);
    }

    [Fact]
    public void EachFunction_LogsToItsOwnGroup_KeptOneMonth()
    {
        var functions = StackFixture.Resources(fixture.Arm64Json, "AWS::Lambda::Function").ToList();
        var groups = functions.Select(f => (string?)f.Value["Properties"]!["LoggingConfig"]!["LogGroup"]!["Ref"]).ToList();
        Assert.Equal(2, groups.Distinct().Count());
        Assert.All(groups, g => Assert.Equal(30, (int)fixture.Arm64Json["Resources"]![g!]!["Properties"]!["RetentionInDays"]!));
    }

    [Fact]
    public void Synth_FailsWithThePublishCommand_WhenTheBootstrapIsMissing()
    {
        string empty = Directory.CreateTempSubdirectory("aotauth-nopublish-").FullName;
        try
        {
            var arm = Assert.Throws<InvalidOperationException>(() => AotAuthStack.FromContext(fixture.NewApp(null, empty), empty));
            Assert.Contains("release_linux-arm64/bootstrap is missing", arm.Message, StringComparison.Ordinal);
            Assert.Contains("bash scripts/publish-arm64.sh", arm.Message, StringComparison.Ordinal);
            var x64 = Assert.Throws<InvalidOperationException>(() => AotAuthStack.FromContext(fixture.NewApp("x86_64", empty), empty));
            Assert.Contains("bash scripts/publish.sh linux-x64", x64.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    [Theory]
    [InlineData("amd64")]
    [InlineData("ARM64")]
    public void UnknownArch_IsRefused(string arch)
    {
        var ex = Assert.Throws<ArgumentException>(() => Architectures.Parse(arch));
        Assert.Contains("'arm64' or 'x86_64'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PublishFolder_IsTheReleaseFolderOfTheRid()
    {
        Assert.Equal(Path.Combine("/p", "AotAuth.Authorizer", "release_linux-arm64"),
            PublishedCode.Directory("/p", PublishedCode.AuthorizerProject, FunctionArchitecture.Arm64));
        Assert.Equal(Path.Combine("/p", "AotAuth.UserFunction", "release_linux-x64"),
            PublishedCode.Directory("/p", PublishedCode.UserFunctionProject, FunctionArchitecture.X64));
    }

    [Fact]
    public void OnlyTheBootstrapAndItsTrustStore_ArePackaged_NotTheDebugSymbols()
    {
        string outdir = Amazon.CDK.Stage.Of(fixture.Arm64Stack)!.Outdir;
        var assets = Directory.GetDirectories(outdir, "asset.*");
        Assert.NotEmpty(assets);
        Assert.All(assets, a => Assert.Equal(["aws-root-cas.pem", "bootstrap"], Directory.GetFiles(a).Select(Path.GetFileName).Order()));
    }

    [Fact]
    public void Synth_Fails_WhenTheTrustStoreIsMissingFromThePublishFolder()
    {
        string publish = Directory.CreateTempSubdirectory("aotauth-nocerts-").FullName;
        try
        {
            foreach (string project in new[] { PublishedCode.AuthorizerProject, PublishedCode.UserFunctionProject })
            {
                DummyPublish.Function(PublishedCode.Directory(publish, project, FunctionArchitecture.Arm64), trustStore: false);
            }

            var ex = Assert.Throws<InvalidOperationException>(() => AotAuthStack.FromContext(fixture.NewApp(null, publish), publish));
            Assert.Contains("release_linux-arm64/aws-root-cas.pem is missing", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(publish, recursive: true);
        }
    }
}
