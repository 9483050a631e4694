using AotAuth.Core.Contracts;

namespace AotAuth.Authorizer.Tests;

/// <summary>The authorizer's configuration, read from an environment each test hands it.</summary>
public class AuthorizerSettingsTests
{
    [Fact]
    public void AnEmptyEnvironment_GivesTheContractsDefaults()
    {
        AuthorizerSettings settings = AuthorizerSettings.FromEnvironment(_ => null);

        Assert.Equal(TimeSpan.FromSeconds(AuthorizerCaching.DefaultDecisionCacheTtlSeconds), settings.CacheTtl);
        Assert.Equal(FunctionVariables.DefaultCacheMaxEntries, settings.CacheMaxEntries);
        Assert.Equal(HttpResponseMode.Simple, settings.HttpResponse);
        Assert.Equal(TimeSpan.FromMilliseconds(FunctionVariables.DefaultAuthorizerStoreTimeoutMs), settings.Store.RequestTimeout);
    }

    [Fact]
    public void SetVariables_AreRead()
    {
        var environment = new Dictionary<string, string?>
        {
            [AuthorizerCaching.DecisionCacheTtlVariable] = "0",
            [FunctionVariables.CacheMaxEntries] = "5",
            [FunctionVariables.AuthorizerResponse] = " IAM ",
            [FunctionVariables.StoreTimeoutMs] = "700",
        };

        AuthorizerSettings settings = AuthorizerSettings.FromEnvironment(environment.GetValueOrDefault);

        Assert.Equal(TimeSpan.Zero, settings.CacheTtl);
        Assert.Equal(5, settings.CacheMaxEntries);
        Assert.Equal(HttpResponseMode.Iam, settings.HttpResponse);
        Assert.Equal(TimeSpan.FromMilliseconds(700), settings.Store.RequestTimeout);
    }

    [Theory]
    [InlineData(AuthorizerCaching.DecisionCacheTtlVariable, "3601")]
    [InlineData(FunctionVariables.CacheMaxEntries, "0")]
    [InlineData(FunctionVariables.AuthorizerResponse, "policy")]
    [InlineData(FunctionVariables.StoreConnectTimeoutMs, "fast")]
    public void AnUnusableValue_FailsInit_NamingTheVariable(string variable, string value)
    {
        var environment = new Dictionary<string, string?> { [variable] = value };

        var ex = Assert.Throws<InvalidOperationException>(() => AuthorizerSettings.FromEnvironment(environment.GetValueOrDefault));

        Assert.Contains(variable, ex.Message, StringComparison.Ordinal);
        Assert.Contains($"'{value}'", ex.Message, StringComparison.Ordinal);
    }
}
