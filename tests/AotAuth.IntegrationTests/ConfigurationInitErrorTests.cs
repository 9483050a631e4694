using AotAuth.LocalHosting;
using AotAuth.Testing.Processes;

namespace AotAuth.IntegrationTests;

/// <summary>
/// A variable that is set but unusable fails the native function's init: it posts
/// <c>/runtime/init/error</c> with a message naming the variable and its value, never asks for an
/// event, and exits non-zero (Lambda then reports the init failure instead of running a function
/// with a budget or endpoint nobody configured). Both bootstraps, the store settings
/// (<c>DYNAMODB_TIMEOUT_MS</c>, <c>DYNAMODB_CONNECT_TIMEOUT_MS</c>, <c>DYNAMODB_PRIME</c>) and the
/// endpoint settings.
/// </summary>
public sealed class ConfigurationInitErrorTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    public static TheoryData<string, string, string, string?> BadSettings => new()
    {
        // function, variable, value, AOTAUTH_DATA_DIR (the file store: the settings are read all the same)
        { "AotAuth.Authorizer", "DYNAMODB_TIMEOUT_MS", "abc", null },
        { "AotAuth.Authorizer", "DYNAMODB_TIMEOUT_MS", "0", null },
        { "AotAuth.Authorizer", "DYNAMODB_TIMEOUT_MS", "1500ms", "file" },
        { "AotAuth.Authorizer", "DYNAMODB_CONNECT_TIMEOUT_MS", "99999", null },
        { "AotAuth.Authorizer", "DYNAMODB_PRIME", "yes", null },
        { "AotAuth.UserFunction", "DYNAMODB_TIMEOUT_MS", "abc", null },
        { "AotAuth.UserFunction", "DYNAMODB_TIMEOUT_MS", "-100", "file" },
        { "AotAuth.UserFunction", "DYNAMODB_CONNECT_TIMEOUT_MS", "0", null },
        { "AotAuth.UserFunction", "DYNAMODB_PRIME", "1", null },
        { "AotAuth.Authorizer", "AWS_ENDPOINT_URL_DYNAMODB", "not a url", null },
        { "AotAuth.UserFunction", "AWS_ENDPOINT_URL", "localhost:8000", null },
        { "AotAuth.Authorizer", "AWS_USE_FIPS_ENDPOINT", "yes", null },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task BadSetting_IsAnInitError_AndTheProcessExitsNonZero(string function, string variable, string value, string? store)
    {
        string? data = store is null ? null : Directory.CreateTempSubdirectory("aotauth-init-").FullName;
        try
        {
            var environment = new Dictionary<string, string> { [variable] = value };
            if (data is not null)
            {
                environment["AOTAUTH_DATA_DIR"] = data;
            }

            (InitErrorReport report, int exitCode) = await RunAsync(function, environment);

            Assert.Contains(variable, report.ErrorMessage, StringComparison.Ordinal);
            Assert.Contains($"'{value}'", report.ErrorMessage, StringComparison.Ordinal);
            Assert.NotEqual(0, exitCode);
        }
        finally
        {
            if (data is not null)
            {
                Directory.Delete(data, recursive: true);
            }
        }
    }

    [Theory]
    [InlineData("AotAuth.Authorizer")]
    [InlineData("AotAuth.UserFunction")]
    public async Task Fips_InARegionWithoutADynamoDbFipsEndpoint_IsAnInitError(string function)
    {
        var environment = new Dictionary<string, string> { ["AWS_REGION"] = "eu-west-1", ["AWS_USE_FIPS_ENDPOINT"] = "true" };

        (InitErrorReport report, int exitCode) = await RunAsync(function, environment);

        Assert.Contains("AWS_USE_FIPS_ENDPOINT", report.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("eu-west-1", report.ErrorMessage, StringComparison.Ordinal);
        Assert.NotEqual(0, exitCode);
    }

    private static async Task<(InitErrorReport Report, int ExitCode)> RunAsync(string function, Dictionary<string, string> environment)
    {
        await using RuntimeApiServer server = await RuntimeApiServer.StartAsync();
        await using ChildProcess process = TestProcesses.StartFunction(server, RepoPaths.NativeBootstrap(function), environment);
        InitErrorReport report;
        try
        {
            report = await server.InitError.WaitAsync(Patience);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"{function} with {string.Join(", ", environment.Select(e => $"{e.Key}={e.Value}"))} posted no init error within {Patience.TotalSeconds:0} s " +
                $"(next requests: {server.NextRequestCount}); output:\n{string.Join('\n', process.Lines)}");
            throw;
        }

        int exitCode = await process.ExitCodeAsync(Patience);
        Assert.Equal(0, server.NextRequestCount);
        Assert.Empty(server.Anomalies);
        return (report, exitCode);
    }
}
