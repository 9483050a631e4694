namespace AotAuth.Storage.Tests;

// These tests change process environment variables; they live in one class so xunit runs them
// one after another, and no other test class reads these variables.
public sealed class EnvironmentConfigurationTests : IDisposable
{
    private static readonly string[] Variables =
    [
        "AWS_REGION", "DYNAMODB_ENDPOINT", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
        StoreSettings.RequestTimeoutVariable, StoreSettings.ConnectTimeoutVariable, StoreSettings.PrimeConnectionVariable,
    ];

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

    [Fact]
    public void StoreSettings_Defaults_AreTheFunctionsRequestTimeout_OneSecondToConnect_AndPriming()
    {
        StoreSettings authorizer = StoreSettings.FromEnvironment(1500);
        StoreSettings user = StoreSettings.FromEnvironment(3000);

        Assert.Equal(new StoreSettings(TimeSpan.FromMilliseconds(1500), TimeSpan.FromSeconds(1), PrimeConnection: true), authorizer);
        Assert.Equal(TimeSpan.FromMilliseconds(2500), authorizer.LongestCall);
        Assert.Equal(TimeSpan.FromMilliseconds(3000), user.RequestTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(StoreSettings.DefaultConnectTimeoutMs), user.ConnectTimeout);
        Assert.Equal(1000, StoreSettings.DefaultConnectTimeoutMs);
    }

    [Fact]
    public void StoreSettings_TreatBlankValuesAsUnset()
    {
        Environment.SetEnvironmentVariable(StoreSettings.RequestTimeoutVariable, " ");
        Environment.SetEnvironmentVariable(StoreSettings.ConnectTimeoutVariable, "\t");
        Environment.SetEnvironmentVariable(StoreSettings.PrimeConnectionVariable, "  ");

        Assert.Equal(new StoreSettings(TimeSpan.FromMilliseconds(1500), TimeSpan.FromSeconds(1), true), StoreSettings.FromEnvironment(1500));
    }

    [Theory]
    [InlineData("2500", "250", "false", 2500, 250, false)]
    [InlineData(" 50 ", "50", "FALSE", 50, 50, false)]
    [InlineData("30000", "10000", "True", 30_000, 10_000, true)]
    [InlineData("1200", "3000", " true ", 1200, 3000, true)]
    public void StoreSettings_ReadCustomValues(string request, string connect, string prime, int requestMs, int connectMs, bool primeExpected)
    {
        Environment.SetEnvironmentVariable(StoreSettings.RequestTimeoutVariable, request);
        Environment.SetEnvironmentVariable(StoreSettings.ConnectTimeoutVariable, connect);
        Environment.SetEnvironmentVariable(StoreSettings.PrimeConnectionVariable, prime);

        StoreSettings settings = StoreSettings.FromEnvironment(1500);

        Assert.Equal(TimeSpan.FromMilliseconds(requestMs), settings.RequestTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(connectMs), settings.ConnectTimeout);
        Assert.Equal(primeExpected, settings.PrimeConnection);
        Assert.Equal(TimeSpan.FromMilliseconds(requestMs + connectMs), settings.LongestCall);
    }

    [Theory]
    [InlineData(StoreSettings.RequestTimeoutVariable, "abc")]
    [InlineData(StoreSettings.RequestTimeoutVariable, "0")]
    [InlineData(StoreSettings.RequestTimeoutVariable, "49")]
    [InlineData(StoreSettings.RequestTimeoutVariable, "30001")]
    [InlineData(StoreSettings.RequestTimeoutVariable, "999999")]
    [InlineData(StoreSettings.RequestTimeoutVariable, "-100")]
    [InlineData(StoreSettings.RequestTimeoutVariable, "1.5")]
    [InlineData(StoreSettings.RequestTimeoutVariable, "1500ms")]
    [InlineData(StoreSettings.ConnectTimeoutVariable, "abc")]
    [InlineData(StoreSettings.ConnectTimeoutVariable, "0")]
    [InlineData(StoreSettings.ConnectTimeoutVariable, "49")]
    [InlineData(StoreSettings.ConnectTimeoutVariable, "10001")]
    [InlineData(StoreSettings.ConnectTimeoutVariable, "999999")]
    [InlineData(StoreSettings.PrimeConnectionVariable, "maybe")]
    [InlineData(StoreSettings.PrimeConnectionVariable, "1")]
    [InlineData(StoreSettings.PrimeConnectionVariable, "yes")]
    [InlineData(StoreSettings.PrimeConnectionVariable, "off")]
    public void StoreSettings_RejectABadValue_NamingTheVariable(string variable, string value)
    {
        Environment.SetEnvironmentVariable(variable, value);

        var ex = Assert.Throws<InvalidOperationException>(() => StoreSettings.FromEnvironment(1500));

        Assert.Contains(variable, ex.Message, StringComparison.Ordinal);
        Assert.Contains($"'{value}'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StoreSettings_ClientOptions_CarryBothBudgets_AndTheEnvironmentsEndpoint()
    {
        Environment.SetEnvironmentVariable("DYNAMODB_ENDPOINT", "http://127.0.0.1:8000");
        Environment.SetEnvironmentVariable(StoreSettings.RequestTimeoutVariable, "700");
        Environment.SetEnvironmentVariable(StoreSettings.ConnectTimeoutVariable, "400");

        DynamoDbClientOptions options = StoreSettings.FromEnvironment(1500).ClientOptions();

        Assert.Equal(new Uri("http://127.0.0.1:8000"), options.Endpoint);
        Assert.Equal(TimeSpan.FromMilliseconds(700), options.RequestTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(400), options.ConnectTimeout);
    }

    [Fact]
    public void ClientOptions_FromEnvironment_NoLongerReadTheTimeoutVariables()
    {
        // The budgets are each function's (StoreSettings); the client options keep their defaults.
        Environment.SetEnvironmentVariable("DYNAMODB_ENDPOINT", "http://127.0.0.1:8000");
        Environment.SetEnvironmentVariable(StoreSettings.RequestTimeoutVariable, "abc");
        Environment.SetEnvironmentVariable(StoreSettings.ConnectTimeoutVariable, "250");

        var options = DynamoDbClientOptions.FromEnvironment();

        Assert.Equal(TimeSpan.FromSeconds(2), options.RequestTimeout);
        Assert.Equal(TimeSpan.FromSeconds(1), options.ConnectTimeout);
    }
}
