using AotAuth.Cli.Commands;

namespace AotAuth.Cli.Tests;

/// <summary>The token commands' <c>--region</c>: the region's DynamoDB endpoint in its partition, and a clear error for a name that is not a region.</summary>
public sealed class StoreLocationTests : IDisposable
{
    private readonly CliTempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("eu-west-1", "https://dynamodb.eu-west-1.amazonaws.com")]
    [InlineData("cn-north-1", "https://dynamodb.cn-north-1.amazonaws.com.cn")]
    [InlineData("cn-northwest-1", "https://dynamodb.cn-northwest-1.amazonaws.com.cn")]
    [InlineData("us-gov-west-1", "https://dynamodb.us-gov-west-1.amazonaws.com")]
    [InlineData("us-iso-east-1", "https://dynamodb.us-iso-east-1.c2s.ic.gov")]
    public void Region_UsesItsPartitionsEndpoint(string region, string expected)
    {
        var location = new StoreLocation(".aotauth", null, region, "auth-token", "user");

        Assert.Equal(StoreKind.Aws, location.Kind);
        Assert.Equal(new Uri(expected), location.Endpoint);
    }

    [Fact]
    public async Task RegionThatIsNotARegionName_IsAOneLineError()
    {
        CliResult result = await CliProcess.RunAsync(_temp.Path, "token", "list", "--region", "us east/x");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("aotauth: --region must be a region name such as eu-west-1; got 'us east/x'", result.Stderr.Trim());
    }
}
