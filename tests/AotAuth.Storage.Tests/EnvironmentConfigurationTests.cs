using AotAuth.Core.Contracts;

namespace AotAuth.Storage.Tests;

/// <summary>
/// The store's configuration as read from an environment: each test hands <c>FromEnvironment</c>
/// its own variables, so none touches the process environment and all run in parallel.
/// </summary>
public sealed class EnvironmentConfigurationTests
{
    private readonly Dictionary<string, string?> _environment = new(StringComparer.Ordinal);

    [Fact]
    public void Options_UseTheRegionalEndpointAndEnvironmentCredentials_WhenNoOverrideIsSet()
    {
        _environment["AWS_REGION"] = "eu-west-1";
        _environment["AWS_ACCESS_KEY_ID"] = "AKID";
        _environment["AWS_SECRET_ACCESS_KEY"] = "secret";
        _environment["AWS_SESSION_TOKEN"] = "session";

        var options = DynamoDbClientOptions.FromEnvironment(Read);

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
        _environment["AWS_ACCESS_KEY_ID"] = "AKID";
        _environment["AWS_SECRET_ACCESS_KEY"] = "secret";

        var options = DynamoDbClientOptions.FromEnvironment(Read);

        Assert.Equal("us-east-1", options.Region);
        Assert.Equal(new Uri("https://dynamodb.us-east-1.amazonaws.com"), options.Endpoint);
        Assert.Null(options.Credentials.SessionToken);
    }

    [Fact]
    public void Options_UseLocalDummyCredentials_WhenAnEndpointOverrideIsSetWithoutCredentials()
    {
        _environment["DYNAMODB_ENDPOINT"] = "http://127.0.0.1:8000";

        var options = DynamoDbClientOptions.FromEnvironment(Read);

        Assert.Equal(new Uri("http://127.0.0.1:8000"), options.Endpoint);
        Assert.Same(AwsCredentials.LocalDummy, options.Credentials);
    }

    [Fact]
    public void Options_Throw_WhenCredentialsAreMissingAgainstRealAws()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => DynamoDbClientOptions.FromEnvironment(Read));

        Assert.Contains("AWS_ACCESS_KEY_ID", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_Throw_WhenTheEndpointOverrideIsNotAnAbsoluteUri()
    {
        _environment["DYNAMODB_ENDPOINT"] = "localhost-without-scheme";

        Assert.Throws<InvalidOperationException>(() => DynamoDbClientOptions.FromEnvironment(Read));
    }

    [Fact]
    public void StoreSettings_Defaults_AreTheFunctionsRequestTimeout_OneSecondToConnect_AndPriming()
    {
        StoreSettings authorizer = StoreSettings.FromEnvironment(Read, 1500);
        StoreSettings user = StoreSettings.FromEnvironment(Read, 3000);

        Assert.Equal(new StoreSettings(TimeSpan.FromMilliseconds(1500), TimeSpan.FromSeconds(1), PrimeConnection: true), authorizer);
        Assert.Equal(TimeSpan.FromMilliseconds(2500), authorizer.LongestCall);
        Assert.Equal(TimeSpan.FromMilliseconds(3000), user.RequestTimeout);
        Assert.Equal(TimeSpan.FromSeconds(1), user.ConnectTimeout);
    }

    [Fact]
    public void StoreSettings_TreatBlankValuesAsUnset()
    {
        _environment[FunctionVariables.StoreTimeoutMs] = " ";
        _environment[FunctionVariables.StoreConnectTimeoutMs] = "\t";
        _environment[FunctionVariables.PrimeStoreConnection] = "  ";

        Assert.Equal(new StoreSettings(TimeSpan.FromMilliseconds(1500), TimeSpan.FromSeconds(1), true), StoreSettings.FromEnvironment(Read, 1500));
    }

    [Theory]
    [InlineData("2500", "250", "false", 2500, 250, false)]
    [InlineData(" 50 ", "50", "FALSE", 50, 50, false)]
    [InlineData("30000", "10000", "True", 30_000, 10_000, true)]
    [InlineData("1200", "3000", " true ", 1200, 3000, true)]
    public void StoreSettings_ReadCustomValues(string request, string connect, string prime, int requestMs, int connectMs, bool primeExpected)
    {
        _environment[FunctionVariables.StoreTimeoutMs] = request;
        _environment[FunctionVariables.StoreConnectTimeoutMs] = connect;
        _environment[FunctionVariables.PrimeStoreConnection] = prime;

        StoreSettings settings = StoreSettings.FromEnvironment(Read, 1500);

        Assert.Equal(TimeSpan.FromMilliseconds(requestMs), settings.RequestTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(connectMs), settings.ConnectTimeout);
        Assert.Equal(primeExpected, settings.PrimeConnection);
        Assert.Equal(TimeSpan.FromMilliseconds(requestMs + connectMs), settings.LongestCall);
    }

    [Theory]
    [InlineData(FunctionVariables.StoreTimeoutMs, "abc")]
    [InlineData(FunctionVariables.StoreTimeoutMs, "0")]
    [InlineData(FunctionVariables.StoreTimeoutMs, "49")]
    [InlineData(FunctionVariables.StoreTimeoutMs, "30001")]
    [InlineData(FunctionVariables.StoreTimeoutMs, "999999")]
    [InlineData(FunctionVariables.StoreTimeoutMs, "-100")]
    [InlineData(FunctionVariables.StoreTimeoutMs, "1.5")]
    [InlineData(FunctionVariables.StoreTimeoutMs, "1500ms")]
    [InlineData(FunctionVariables.StoreConnectTimeoutMs, "abc")]
    [InlineData(FunctionVariables.StoreConnectTimeoutMs, "0")]
    [InlineData(FunctionVariables.StoreConnectTimeoutMs, "49")]
    [InlineData(FunctionVariables.StoreConnectTimeoutMs, "10001")]
    [InlineData(FunctionVariables.StoreConnectTimeoutMs, "999999")]
    [InlineData(FunctionVariables.PrimeStoreConnection, "maybe")]
    [InlineData(FunctionVariables.PrimeStoreConnection, "1")]
    [InlineData(FunctionVariables.PrimeStoreConnection, "yes")]
    [InlineData(FunctionVariables.PrimeStoreConnection, "off")]
    public void StoreSettings_RejectABadValue_NamingTheVariable(string variable, string value)
    {
        _environment[variable] = value;

        var ex = Assert.Throws<InvalidOperationException>(() => StoreSettings.FromEnvironment(Read, 1500));

        Assert.Contains(variable, ex.Message, StringComparison.Ordinal);
        Assert.Contains($"'{value}'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StoreSettings_ClientOptions_CarryBothBudgets_AndTheEnvironmentsEndpoint()
    {
        _environment["DYNAMODB_ENDPOINT"] = "http://127.0.0.1:8000";
        _environment[FunctionVariables.StoreTimeoutMs] = "700";
        _environment[FunctionVariables.StoreConnectTimeoutMs] = "400";

        DynamoDbClientOptions options = StoreSettings.FromEnvironment(Read, 1500).ClientOptions(DynamoDbClientOptions.FromEnvironment(Read));

        Assert.Equal(new Uri("http://127.0.0.1:8000"), options.Endpoint);
        Assert.Equal(TimeSpan.FromMilliseconds(700), options.RequestTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(400), options.ConnectTimeout);
    }

    [Fact]
    public void ClientOptions_FromEnvironment_NoLongerReadTheTimeoutVariables()
    {
        // The budgets are each function's (StoreSettings); the client options keep their defaults.
        _environment["DYNAMODB_ENDPOINT"] = "http://127.0.0.1:8000";
        _environment[FunctionVariables.StoreTimeoutMs] = "abc";
        _environment[FunctionVariables.StoreConnectTimeoutMs] = "250";

        var options = DynamoDbClientOptions.FromEnvironment(Read);

        Assert.Equal(TimeSpan.FromSeconds(2), options.RequestTimeout);
        Assert.Equal(TimeSpan.FromSeconds(1), options.ConnectTimeout);
    }

    // ---- Endpoints: partitions, FIPS, the SDKs' endpoint variables ----

    [Theory]
    [InlineData("us-east-1", "https://dynamodb.us-east-1.amazonaws.com")]
    [InlineData("eu-west-1", "https://dynamodb.eu-west-1.amazonaws.com")]
    [InlineData("ap-southeast-7", "https://dynamodb.ap-southeast-7.amazonaws.com")]
    [InlineData("mx-central-1", "https://dynamodb.mx-central-1.amazonaws.com")]
    [InlineData("cn-north-1", "https://dynamodb.cn-north-1.amazonaws.com.cn")]
    [InlineData("cn-northwest-1", "https://dynamodb.cn-northwest-1.amazonaws.com.cn")]
    [InlineData("us-gov-west-1", "https://dynamodb.us-gov-west-1.amazonaws.com")]
    [InlineData("us-gov-east-1", "https://dynamodb.us-gov-east-1.amazonaws.com")]
    [InlineData("us-iso-east-1", "https://dynamodb.us-iso-east-1.c2s.ic.gov")]
    [InlineData("us-isob-east-1", "https://dynamodb.us-isob-east-1.sc2s.sgov.gov")]
    [InlineData("eu-isoe-west-1", "https://dynamodb.eu-isoe-west-1.cloud.adc-e.uk")]
    [InlineData("us-isof-south-1", "https://dynamodb.us-isof-south-1.csp.hci.ic.gov")]
    [InlineData("eusc-de-east-1", "https://dynamodb.eusc-de-east-1.amazonaws.eu")]
    [InlineData("xx-future-1", "https://dynamodb.xx-future-1.amazonaws.com")]
    public void DefaultEndpoint_FollowsTheRegionsPartition(string region, string expected)
    {
        SetCredentials();
        _environment["AWS_REGION"] = region;

        var options = DynamoDbClientOptions.FromEnvironment(Read);

        Assert.Equal(new Uri(expected), options.Endpoint);
        Assert.Equal(region, options.Region);
    }

    [Theory]
    [InlineData("us-east-1", "https://dynamodb-fips.us-east-1.amazonaws.com")]
    [InlineData("us-east-2", "https://dynamodb-fips.us-east-2.amazonaws.com")]
    [InlineData("us-west-1", "https://dynamodb-fips.us-west-1.amazonaws.com")]
    [InlineData("us-west-2", "https://dynamodb-fips.us-west-2.amazonaws.com")]
    [InlineData("ca-central-1", "https://dynamodb-fips.ca-central-1.amazonaws.com")]
    [InlineData("ca-west-1", "https://dynamodb-fips.ca-west-1.amazonaws.com")]
    // GovCloud's regular endpoints are FIPS endpoints; the SDKs resolve FIPS there to them.
    [InlineData("us-gov-west-1", "https://dynamodb.us-gov-west-1.amazonaws.com")]
    [InlineData("us-gov-east-1", "https://dynamodb.us-gov-east-1.amazonaws.com")]
    public void Fips_UsesTheFipsEndpoint_WhereDynamoDbHasOne(string region, string expected)
    {
        SetCredentials();
        _environment["AWS_REGION"] = region;
        _environment["AWS_USE_FIPS_ENDPOINT"] = "true";

        Assert.Equal(new Uri(expected), DynamoDbClientOptions.FromEnvironment(Read).Endpoint);
    }

    [Theory]
    [InlineData("false")]
    [InlineData("FALSE")]
    [InlineData(" ")]
    public void Fips_FalseOrBlank_KeepsTheRegularEndpoint(string value)
    {
        SetCredentials();
        _environment["AWS_REGION"] = "us-west-2";
        _environment["AWS_USE_FIPS_ENDPOINT"] = value;

        Assert.Equal(new Uri("https://dynamodb.us-west-2.amazonaws.com"), DynamoDbClientOptions.FromEnvironment(Read).Endpoint);
    }

    [Theory]
    [InlineData("eu-west-1")]
    [InlineData("ap-southeast-2")]
    [InlineData("sa-east-1")]
    [InlineData("cn-north-1")]
    [InlineData("us-iso-east-1")]
    [InlineData("eusc-de-east-1")]
    public void Fips_FailsInit_WhereDynamoDbHasNoFipsEndpoint(string region)
    {
        SetCredentials();
        _environment["AWS_REGION"] = region;
        _environment["AWS_USE_FIPS_ENDPOINT"] = "true";

        var ex = Assert.Throws<InvalidOperationException>(() => DynamoDbClientOptions.FromEnvironment(Read));

        Assert.Contains("AWS_USE_FIPS_ENDPOINT", ex.Message, StringComparison.Ordinal);
        Assert.Contains(region, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    // DYNAMODB_ENDPOINT (ours) > AWS_ENDPOINT_URL_DYNAMODB > AWS_ENDPOINT_URL > the region's endpoint.
    [InlineData("http://127.0.0.1:1111", "http://127.0.0.1:2222", "http://127.0.0.1:3333", "http://127.0.0.1:1111")]
    [InlineData("http://127.0.0.1:1111", null, "http://127.0.0.1:3333", "http://127.0.0.1:1111")]
    [InlineData("http://127.0.0.1:1111", "http://127.0.0.1:2222", null, "http://127.0.0.1:1111")]
    [InlineData(null, "http://127.0.0.1:2222", "http://127.0.0.1:3333", "http://127.0.0.1:2222")]
    [InlineData(null, "http://127.0.0.1:2222", null, "http://127.0.0.1:2222")]
    [InlineData(null, null, "http://127.0.0.1:3333", "http://127.0.0.1:3333")]
    [InlineData(" ", " ", "http://localhost:4566", "http://localhost:4566")]
    [InlineData(null, null, null, "https://dynamodb.eu-west-1.amazonaws.com")]
    [InlineData(null, "https://vpce-0abc-1234.dynamodb.eu-west-1.vpce.amazonaws.com", null, "https://vpce-0abc-1234.dynamodb.eu-west-1.vpce.amazonaws.com")]
    [InlineData(null, null, "https://proxy.example.com/dynamodb", "https://proxy.example.com/dynamodb")]
    public void EndpointOverrides_TakeEffectInTheirOrder(string? ours, string? serviceSpecific, string? global, string expected)
    {
        SetCredentials();
        _environment["AWS_REGION"] = "eu-west-1";
        _environment["DYNAMODB_ENDPOINT"] = ours;
        _environment["AWS_ENDPOINT_URL_DYNAMODB"] = serviceSpecific;
        _environment["AWS_ENDPOINT_URL"] = global;

        var options = DynamoDbClientOptions.FromEnvironment(Read);

        Assert.Equal(new Uri(expected), options.Endpoint);
        Assert.Equal("eu-west-1", options.Region);
    }

    [Theory]
    [InlineData("true", "https://dynamodb.eu-west-1.amazonaws.com")]
    [InlineData("True", "https://dynamodb.eu-west-1.amazonaws.com")]
    [InlineData("false", "http://127.0.0.1:2222")]
    public void IgnoreConfiguredEndpointUrls_SkipsTheSdkVariables_ButNotOurs(string ignore, string expected)
    {
        SetCredentials();
        _environment["AWS_REGION"] = "eu-west-1";
        _environment["AWS_ENDPOINT_URL_DYNAMODB"] = "http://127.0.0.1:2222";
        _environment["AWS_ENDPOINT_URL"] = "http://127.0.0.1:3333";
        _environment["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] = ignore;

        Assert.Equal(new Uri(expected), DynamoDbClientOptions.FromEnvironment(Read).Endpoint);

        _environment["DYNAMODB_ENDPOINT"] = "http://127.0.0.1:1111";
        Assert.Equal(new Uri("http://127.0.0.1:1111"), DynamoDbClientOptions.FromEnvironment(Read).Endpoint);
    }

    [Theory]
    [InlineData("DYNAMODB_ENDPOINT", "http://127.0.0.1:8000")]
    [InlineData("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:8000")]
    [InlineData("AWS_ENDPOINT_URL", "http://localhost:4566")]
    [InlineData("AWS_ENDPOINT_URL", "https://dynamodb.emulator.test:8443")]
    public void OverrideToAnEmulator_WithoutCredentials_UsesTheLocalDummyCredentials(string variable, string endpoint)
    {
        _environment[variable] = endpoint;

        var options = DynamoDbClientOptions.FromEnvironment(Read);

        Assert.Equal(new Uri(endpoint), options.Endpoint);
        Assert.Same(AwsCredentials.LocalDummy, options.Credentials);
    }

    [Theory]
    [InlineData("DYNAMODB_ENDPOINT", "https://dynamodb.us-east-1.amazonaws.com")]
    [InlineData("AWS_ENDPOINT_URL_DYNAMODB", "https://vpce-0abc-1234.dynamodb.us-east-1.vpce.amazonaws.com")]
    [InlineData("AWS_ENDPOINT_URL", "https://dynamodb.cn-north-1.amazonaws.com.cn")]
    [InlineData("AWS_ENDPOINT_URL", "https://dynamodb.us-east-1.api.aws")]
    [InlineData("AWS_ENDPOINT_URL_DYNAMODB", "https://DYNAMODB.US-EAST-1.AMAZONAWS.COM.")]
    public void OverrideToAnAwsHost_WithoutCredentials_FailsInit(string variable, string endpoint)
    {
        _environment[variable] = endpoint;

        var ex = Assert.Throws<InvalidOperationException>(() => DynamoDbClientOptions.FromEnvironment(Read));

        Assert.Contains("AWS_ACCESS_KEY_ID", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DYNAMODB_ENDPOINT", "localhost-without-scheme")]
    [InlineData("DYNAMODB_ENDPOINT", "localhost:8000")]
    [InlineData("DYNAMODB_ENDPOINT", "ftp://127.0.0.1:8000")]
    [InlineData("AWS_ENDPOINT_URL_DYNAMODB", "not a url")]
    [InlineData("AWS_ENDPOINT_URL_DYNAMODB", "127.0.0.1:8000")]
    [InlineData("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:8000/?debug=1")]
    [InlineData("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:8000/#top")]
    [InlineData("AWS_ENDPOINT_URL", "file:///tmp/dynamodb")]
    [InlineData("AWS_ENDPOINT_URL", "/relative/path")]
    [InlineData("AWS_USE_FIPS_ENDPOINT", "yes")]
    [InlineData("AWS_USE_FIPS_ENDPOINT", "1")]
    [InlineData("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "maybe")]
    [InlineData("AWS_REGION", "us east 1")]
    [InlineData("AWS_REGION", "us-east-1/../x")]
    [InlineData("AWS_REGION", "-us-east-1")]
    public void BadValue_FailsInit_NamingTheVariable(string variable, string value)
    {
        SetCredentials();
        _environment[variable] = value;

        var ex = Assert.Throws<InvalidOperationException>(() => DynamoDbClientOptions.FromEnvironment(Read));

        Assert.Contains(variable, ex.Message, StringComparison.Ordinal);
        Assert.Contains($"'{value}'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EndpointWithUserInfo_FailsInit_WithoutRepeatingIt()
    {
        SetCredentials();
        _environment["AWS_ENDPOINT_URL"] = "http://admin:hunter22@127.0.0.1:8000";

        var ex = Assert.Throws<InvalidOperationException>(() => DynamoDbClientOptions.FromEnvironment(Read));

        Assert.Contains("AWS_ENDPOINT_URL", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter22", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DYNAMODB_ENDPOINT")]
    [InlineData("AWS_ENDPOINT_URL_DYNAMODB")]
    [InlineData("AWS_ENDPOINT_URL")]
    public void Fips_WithAnEndpointOverride_FailsInit_AsInTheSdks(string variable)
    {
        SetCredentials();
        _environment[variable] = "http://127.0.0.1:8000";
        _environment["AWS_USE_FIPS_ENDPOINT"] = "true";

        var ex = Assert.Throws<InvalidOperationException>(() => DynamoDbClientOptions.FromEnvironment(Read));

        Assert.Contains("AWS_USE_FIPS_ENDPOINT", ex.Message, StringComparison.Ordinal);
        Assert.Contains(variable, ex.Message, StringComparison.Ordinal);
    }

    private string? Read(string name) => _environment.GetValueOrDefault(name);

    private void SetCredentials()
    {
        _environment["AWS_ACCESS_KEY_ID"] = "AKID";
        _environment["AWS_SECRET_ACCESS_KEY"] = "secret";
    }
}
