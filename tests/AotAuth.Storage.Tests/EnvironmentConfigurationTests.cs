namespace AotAuth.Storage.Tests;

// These tests change process environment variables; they live in one class so xunit runs them
// one after another, and no other test class reads these variables.
public sealed class EnvironmentConfigurationTests : IDisposable
{
    private static readonly string[] Variables =
        ["AWS_REGION", "DYNAMODB_ENDPOINT", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"];

    private readonly Dictionary<string, string?> _saved = Variables.ToDictionary(v => v, Environment.GetEnvironmentVariable);

    public EnvironmentConfigurationTests()
    {
        foreach (var variable in Variables)
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    public void Dispose()
    {
        foreach (var (variable, value) in _saved)
        {
            Environment.SetEnvironmentVariable(variable, value);
        }
    }

    [Fact]
    public void Options_UseTheRegionalEndpointAndEnvironmentCredentials_WhenNoOverrideIsSet()
    {
        Environment.SetEnvironmentVariable("AWS_REGION", "eu-west-1");
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "AKID");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "secret");
        Environment.SetEnvironmentVariable("AWS_SESSION_TOKEN", "session");

        var options = DynamoDbClientOptions.FromEnvironment();

        Assert.Equal(new Uri("https://dynamodb.eu-west-1.amazonaws.com"), options.Endpoint);
        Assert.Equal("eu-west-1", options.Region);
        Assert.Equal("AKID", options.Credentials.AccessKeyId);
        Assert.Equal("session", options.Credentials.SessionToken);
        Assert.Equal(TimeSpan.FromSeconds(2), options.RequestTimeout);
        Assert.Equal(2, options.MaxRetries);
    }

    [Fact]
    public void Options_DefaultToUsEast1_WhenAwsRegionIsUnset()
    {
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "AKID");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "secret");

        var options = DynamoDbClientOptions.FromEnvironment();

        Assert.Equal("us-east-1", options.Region);
        Assert.Equal(new Uri("https://dynamodb.us-east-1.amazonaws.com"), options.Endpoint);
        Assert.Null(options.Credentials.SessionToken);
    }

    [Fact]
    public void Options_UseLocalDummyCredentials_WhenAnEndpointOverrideIsSetWithoutCredentials()
    {
        Environment.SetEnvironmentVariable("DYNAMODB_ENDPOINT", "http://127.0.0.1:8000");

        var options = DynamoDbClientOptions.FromEnvironment();

        Assert.Equal(new Uri("http://127.0.0.1:8000"), options.Endpoint);
        Assert.Same(AwsCredentials.LocalDummy, options.Credentials);
    }

    [Fact]
    public void Options_Throw_WhenCredentialsAreMissingAgainstRealAws()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => DynamoDbClientOptions.FromEnvironment());

        Assert.Contains("AWS_ACCESS_KEY_ID", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_Throw_WhenTheEndpointOverrideIsNotAnAbsoluteUri()
    {
        Environment.SetEnvironmentVariable("DYNAMODB_ENDPOINT", "localhost-without-scheme");

        Assert.Throws<InvalidOperationException>(() => DynamoDbClientOptions.FromEnvironment());
    }
}
