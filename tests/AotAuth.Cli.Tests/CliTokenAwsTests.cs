using System.Security.Cryptography;
using System.Text;
using AotAuth.Storage;

namespace AotAuth.Cli.Tests;

/// <summary>
/// The token commands on "real AWS" (the SDK path): a profile whose only credentials come from
/// <c>credential_process</c>, and AWS_ENDPOINT_URL_DYNAMODB pointing at DynamoDB Local through a
/// recorder that proves which key signed each request.
/// </summary>
public sealed class CliTokenAwsTests : IAsyncLifetime, IDisposable
{
    private readonly AwsProfileSandbox _sandbox = new();
    private readonly string _table = DynamoDbLocal.UniqueTableName("cli-aws");
    private SignedRequestRecorder _dynamoDb = null!;
    private DynamoDbClient _direct = null!;

    private static Uri Endpoint => new(DynamoDbLocal.Endpoint);

    private static AwsCredentials ProcessCredentials => new(AwsProfileSandbox.AccessKeyId, AwsProfileSandbox.SecretAccessKey, AwsProfileSandbox.SessionToken);

    public async Task InitializeAsync()
    {
        _dynamoDb = await SignedRequestRecorder.StartAsync(Endpoint);
        _direct = DynamoDbLocal.CreateClient();
        await DynamoDbTables.EnsureTokenTableAsync(_direct, _table, CancellationToken.None);
    }

    public async Task DisposeAsync() => await _dynamoDb.DisposeAsync();

    public void Dispose()
    {
        _direct.Dispose();
        _sandbox.Dispose();
    }

    [Fact]
    public async Task TokenCreate_WithCredentialProcessProfile_WritesTheItemSignedByTheProcessKey()
    {
        CliResult create = await RunAsync(
            new() { ["AWS_PROFILE"] = AwsProfileSandbox.ProfileName },
            "create", "--region", "us-east-1", "--table", _table, "--principal", "erin", "--scope", "GET /user/*", "--expires", "1d");

        Assert.True(create.ExitCode == 0, create.ToString());
        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(create.Stdout.Trim())));
        TokenRecord? stored = await new DynamoDbTokenStore(_direct, _table).GetAsync(hash, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal("erin", stored.PrincipalId);
        Assert.Equal(["GET /user/*"], stored.Scopes);
        Assert.True(_sandbox.ProcessCalls >= 1, "the credential process never ran");

        RecordedRequest put = Assert.Single(_dynamoDb.Requests, r => r.Headers.GetValueOrDefault("x-amz-target") == "DynamoDB_20120810.PutItem");
        Assert.Equal(AwsProfileSandbox.AccessKeyId, put.AccessKeyId);
        Assert.Equal(AwsProfileSandbox.SessionToken, put.Headers["x-amz-security-token"]);
        Assert.True(put.IsSignedBy(ProcessCredentials, "us-east-1", "dynamodb"), "the PutItem signature is not the process key's");
        Assert.False(put.IsSignedBy(new AwsCredentials(AwsProfileSandbox.AccessKeyId, "another-secret", AwsProfileSandbox.SessionToken), "us-east-1", "dynamodb"));
        Assert.Contains("attribute_not_exists", Encoding.UTF8.GetString(put.Body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenListAndRevoke_WithProfileOption_UseTheProfileAndItsRegion()
    {
        File.AppendAllText(_sandbox.ConfigFile, "region = eu-west-1\n");
        await new DynamoDbTokenStore(_direct, _table).PutAsync(new TokenRecord(new string('a', 64), "frank", ["PUT /user"], null), CancellationToken.None);

        CliResult list = await RunAsync([], "list", "--profile", AwsProfileSandbox.ProfileName, "--table", _table);
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains(CliProcess.Lines(list.Stdout), line => line.StartsWith(new string('a', 12), StringComparison.Ordinal) && line.Contains("frank", StringComparison.Ordinal));
        Assert.Contains("eu-west-1", list.Stderr, StringComparison.Ordinal);

        CliResult revoke = await RunAsync([], "revoke", "--profile", AwsProfileSandbox.ProfileName, "--table", _table, new string('a', 10));
        Assert.True(revoke.ExitCode == 0, revoke.ToString());
        Assert.Null(await new DynamoDbTokenStore(_direct, _table).GetAsync(new string('a', 64), CancellationToken.None));
        Assert.All(_dynamoDb.Requests, r => Assert.True(r.IsSignedBy(ProcessCredentials, "eu-west-1", "dynamodb"), r.Headers["authorization"]));
    }

    [Fact]
    public async Task TokenCreate_WithoutAnyCredentials_FailsWithOneLine()
    {
        CliResult create = await RunAsync([], "create", "--region", "us-east-1", "--table", _table, "--principal", "x", "--scope", "GET /user/*");

        Assert.Equal(1, create.ExitCode);
        Assert.Empty(create.Stdout);
        Assert.StartsWith("aotauth: ", create.Stderr, StringComparison.Ordinal);
        Assert.Single(CliProcess.Lines(create.Stderr));
        Assert.Empty(_dynamoDb.Requests);
    }

    [Fact]
    public async Task TokenCreate_ReadsTheTableFromTheStackOutputsFile()
    {
        string outputs = Path.Combine(_sandbox.Path, "outputs.json");
        File.WriteAllText(outputs, $$$"""{"AotAuthStack":{"Region":"us-east-1","TokenTableName":"{{{_table}}}","ApiId":"abc123","ApiStage":"prod"}}""");

        CliResult create = await RunAsync(
            new() { ["AWS_PROFILE"] = AwsProfileSandbox.ProfileName },
            "create", "--outputs", outputs, "--principal", "gina", "--scope", "PUT /user");

        Assert.True(create.ExitCode == 0, create.ToString());
        Assert.Contains($"DynamoDB in us-east-1 (table {_table})", create.Stderr, StringComparison.Ordinal);
        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(create.Stdout.Trim())));
        Assert.NotNull(await new DynamoDbTokenStore(_direct, _table).GetAsync(hash, CancellationToken.None));
    }

    [Fact]
    public async Task TokenCreate_WithOutputsOfAnotherRegion_FailsWithoutWriting()
    {
        string outputs = Path.Combine(_sandbox.Path, "outputs.json");
        File.WriteAllText(outputs, $$$"""{"AotAuthStack":{"Region":"eu-central-1","TokenTableName":"{{{_table}}}"}}""");

        CliResult create = await RunAsync(
            new() { ["AWS_PROFILE"] = AwsProfileSandbox.ProfileName },
            "create", "--region", "us-east-1", "--outputs", outputs, "--principal", "gina", "--scope", "PUT /user");

        Assert.Equal(1, create.ExitCode);
        Assert.Contains("eu-central-1", create.Stderr, StringComparison.Ordinal);
        Assert.Empty(_dynamoDb.Requests);
    }

    [Fact]
    public async Task TokenRevoke_OnAws_FlushesTwice_AfterNoWarmInstanceCanHandOutAnAllow()
    {
        // CACHE_TTL_SECONDS 0: the wait is the store budget (2.5 s) + the authorizer's timeout (3 s).
        await using SignedRequestRecorder apiGateway = await SignedRequestRecorder.StartAsync(upstream: null, System.Net.HttpStatusCode.Accepted);
        string outputs = WriteOutputs("us-east-1");
        await new DynamoDbTokenStore(_direct, _table).PutAsync(new TokenRecord(new string('b', 64), "hank", ["PUT /user"], null), CancellationToken.None);
        DateTimeOffset started = DateTimeOffset.UtcNow;

        CliResult revoke = await RunAsync(
            new() { ["AWS_PROFILE"] = AwsProfileSandbox.ProfileName, ["AWS_ENDPOINT_URL_API_GATEWAY"] = apiGateway.Address.ToString() },
            "revoke", "--outputs", outputs, "--decision-cache-ttl", "0", new string('b', 12));

        Assert.True(revoke.ExitCode == 0, revoke.ToString());
        Assert.Null(await new DynamoDbTokenStore(_direct, _table).GetAsync(new string('b', 64), CancellationToken.None));
        RecordedRequest[] flushes = [.. apiGateway.Requests];
        Assert.Equal(2, flushes.Length);
        foreach (RecordedRequest flush in flushes)
        {
            Assert.Equal("DELETE", flush.Method);
            Assert.Equal("/restapis/abc123/stages/prod/cache/authorizers", flush.Path);
            Assert.True(flush.IsSignedBy(ProcessCredentials, "us-east-1", "apigateway"), flush.Headers["authorization"]);
        }

        // The second flush comes 5.5 s after the delete, which came after `started`; the first right after it.
        TimeSpan spacing = flushes[1].ReceivedAt - flushes[0].ReceivedAt;
        Assert.InRange(spacing, TimeSpan.FromSeconds(5.3), TimeSpan.FromSeconds(60));
        Assert.True(flushes[1].ReceivedAt - started >= TimeSpan.FromSeconds(5.5), $"second flush {flushes[1].ReceivedAt - started} after the start");
        Assert.Contains("Flushed API Gateway's authorizer cache of API abc123, stage prod. Flushing it again 5.5 s after the delete", revoke.Stderr, StringComparison.Ordinal);
        Assert.Contains("its decision cache, 0 s (CACHE_TTL_SECONDS), + the store budget, 2.5 s, + the authorizer's timeout, 3 s", revoke.Stderr, StringComparison.Ordinal);
        Assert.Contains("  flushing again in ", revoke.Stderr, StringComparison.Ordinal);
        Assert.Contains("no cache can allow the token any more. It was accepted for at most 5.5 s after the delete.", revoke.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("up to 60 s", revoke.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenRevoke_OnAwsWithNoWait_FlushesOnce_AndStatesTheWholeBound()
    {
        await using SignedRequestRecorder apiGateway = await SignedRequestRecorder.StartAsync(upstream: null, System.Net.HttpStatusCode.Accepted);
        string outputs = WriteOutputs("us-east-1");
        await new DynamoDbTokenStore(_direct, _table).PutAsync(new TokenRecord(new string('d', 64), "jo", ["PUT /user"], null), CancellationToken.None);

        CliResult revoke = await RunAsync(
            new() { ["AWS_PROFILE"] = AwsProfileSandbox.ProfileName, ["AWS_ENDPOINT_URL_API_GATEWAY"] = apiGateway.Address.ToString() },
            "revoke", "--outputs", outputs, "--no-wait", new string('d', 12));

        Assert.True(revoke.ExitCode == 0, revoke.ToString());
        Assert.Single(apiGateway.Requests);
        Assert.Contains("Flushed API Gateway's authorizer cache of API abc123, stage prod, once (--no-wait).", revoke.Stderr, StringComparison.Ordinal);
        // 300 s of API Gateway's cache after an Allow handed out up to 60 + 2.5 + 3 s after the delete.
        Assert.Contains("Caches may still accept it for up to 366 s after the delete", revoke.Stderr, StringComparison.Ordinal);
        Assert.Contains("for up to 65.5 s", revoke.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenRevoke_ForAnAuthorizerDeployedWithOtherNumbers_StatesItsBound()
    {
        await using SignedRequestRecorder apiGateway = await SignedRequestRecorder.StartAsync(upstream: null, System.Net.HttpStatusCode.Accepted);
        string outputs = WriteOutputs("us-east-1");
        await new DynamoDbTokenStore(_direct, _table).PutAsync(new TokenRecord(new string('f', 64), "lee", ["PUT /user"], null), CancellationToken.None);

        CliResult revoke = await RunAsync(
            new() { ["AWS_PROFILE"] = AwsProfileSandbox.ProfileName, ["AWS_ENDPOINT_URL_API_GATEWAY"] = apiGateway.Address.ToString() },
            "revoke", "--outputs", outputs, "--no-wait", "--decision-cache-ttl", "5", "--authorizer-timeout", "10", new string('f', 12));

        Assert.True(revoke.ExitCode == 0, revoke.ToString());
        // 5 + 2.5 + 10 = 17.5 s of instances, then 300 s of API Gateway's cache.
        Assert.Contains("up to 318 s after the delete", revoke.Stderr, StringComparison.Ordinal);
        Assert.Contains("for up to 17.5 s (its decision cache, 5 s (CACHE_TTL_SECONDS), + the store budget, 2.5 s, + the authorizer's timeout, 10 s)", revoke.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenRevoke_WhenTheFlushIsRefused_WarnsAndStatesTheWholeBound()
    {
        await using SignedRequestRecorder apiGateway = await SignedRequestRecorder.StartAsync(upstream: null, System.Net.HttpStatusCode.Forbidden);
        string outputs = WriteOutputs("us-east-1");
        await new DynamoDbTokenStore(_direct, _table).PutAsync(new TokenRecord(new string('c', 64), "ivy", ["PUT /user"], null), CancellationToken.None);

        CliResult revoke = await RunAsync(
            new() { ["AWS_PROFILE"] = AwsProfileSandbox.ProfileName, ["AWS_ENDPOINT_URL_API_GATEWAY"] = apiGateway.Address.ToString() },
            "revoke", "--outputs", outputs, new string('c', 12));

        Assert.True(revoke.ExitCode == 0, revoke.ToString());
        Assert.Single(apiGateway.Requests);
        Assert.Contains("warning: API Gateway's authorizer cache of abc123/prod was not flushed: API Gateway answered 403", revoke.Stderr, StringComparison.Ordinal);
        Assert.Contains("up to 366 s after the delete", revoke.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenRevoke_WithAnAwsEndpointUrl_FlushesThere()
    {
        // AWS_ENDPOINT_URL (all services) when no service-specific variable is set, as the SDKs do.
        await using SignedRequestRecorder apiGateway = await SignedRequestRecorder.StartAsync(upstream: null, System.Net.HttpStatusCode.Accepted);
        string outputs = WriteOutputs("us-east-1");
        await new DynamoDbTokenStore(_direct, _table).PutAsync(new TokenRecord(new string('e', 64), "kim", ["PUT /user"], null), CancellationToken.None);

        CliResult revoke = await RunAsync(
            new() { ["AWS_PROFILE"] = AwsProfileSandbox.ProfileName, ["AWS_ENDPOINT_URL"] = apiGateway.Address.ToString() },
            "revoke", "--outputs", outputs, "--no-wait", new string('e', 12));

        Assert.True(revoke.ExitCode == 0, revoke.ToString());
        Assert.Equal("/restapis/abc123/stages/prod/cache/authorizers", Assert.Single(apiGateway.Requests).Path);
    }

    [Fact]
    public async Task TokenList_WithRoleProfile_AssumesTheRoleWithTheSourceProfilesProcessCredentials()
    {
        const string assumedKey = "ASIAASSUMEDEXAMPLE01";
        const string assumedSecret = "assumed/secret/EXAMPLEKEY+0123456789abcd";
        const string assumedToken = "assumed-session-token-EXAMPLE";
        await using SignedRequestRecorder sts = await SignedRequestRecorder.StartAsync(upstream: null, System.Net.HttpStatusCode.OK, $"""
            <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <AssumeRoleResult>
                <Credentials>
                  <AccessKeyId>{assumedKey}</AccessKeyId>
                  <SecretAccessKey>{assumedSecret}</SecretAccessKey>
                  <SessionToken>{assumedToken}</SessionToken>
                  <Expiration>2099-01-01T00:00:00Z</Expiration>
                </Credentials>
                <AssumedRoleUser>
                  <AssumedRoleId>AROAEXAMPLE:aotauth</AssumedRoleId>
                  <Arn>arn:aws:sts::123456789012:assumed-role/token-admin/aotauth</Arn>
                </AssumedRoleUser>
              </AssumeRoleResult>
              <ResponseMetadata><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ResponseMetadata>
            </AssumeRoleResponse>
            """, "text/xml");
        File.AppendAllText(_sandbox.ConfigFile, $"[profile token-admin]\nrole_arn = arn:aws:iam::123456789012:role/token-admin\nsource_profile = {AwsProfileSandbox.ProfileName}\nregion = us-east-1\n");

        CliResult list = await RunAsync(new() { ["AWS_ENDPOINT_URL_STS"] = sts.Address.ToString() }, "list", "--profile", "token-admin", "--table", _table);

        Assert.True(list.ExitCode == 0, list.ToString());
        RecordedRequest assumeRole = Assert.Single(sts.Requests);
        Assert.Contains("Action=AssumeRole", System.Text.Encoding.UTF8.GetString(assumeRole.Body), StringComparison.Ordinal);
        Assert.True(assumeRole.IsSignedBy(ProcessCredentials, "us-east-1", "sts"), assumeRole.Headers["authorization"]);
        RecordedRequest scan = Assert.Single(_dynamoDb.Requests);
        Assert.True(scan.IsSignedBy(new AwsCredentials(assumedKey, assumedSecret, assumedToken), "us-east-1", "dynamodb"), scan.Headers["authorization"]);
    }

    [Theory]
    [InlineData("AWS_REGION")]
    [InlineData("AWS_DEFAULT_REGION")]
    public async Task TokenList_WithoutRegionOption_TakesTheRegionFromTheEnvironment(string variable)
    {
        CliResult list = await RunAsync(new() { [variable] = "eu-west-2" }, "list", "--profile", AwsProfileSandbox.ProfileName, "--table", _table);

        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains("DynamoDB in eu-west-2", list.Stderr, StringComparison.Ordinal);
        Assert.True(Assert.Single(_dynamoDb.Requests).IsSignedBy(ProcessCredentials, "eu-west-2", "dynamodb"));
    }

    [Fact]
    public async Task TokenList_WithSsoProfileAndCachedLogin_UsesTheRoleCredentialsFromSso()
    {
        const string ssoKey = "ASIASSOEXAMPLE000001";
        const string ssoSecret = "sso/secret/EXAMPLEKEY+0123456789abcdefgh";
        const string ssoToken = "sso-session-token-EXAMPLE";
        await using SignedRequestRecorder sso = await SignedRequestRecorder.StartAsync(upstream: null, System.Net.HttpStatusCode.OK,
            $$$"""{"roleCredentials":{"accessKeyId":"{{{ssoKey}}}","secretAccessKey":"{{{ssoSecret}}}","sessionToken":"{{{ssoToken}}}","expiration":4102444800000}}""");
        WriteSsoProfile(cachedAccessToken: "cached-sso-access-token");

        CliResult list = await RunAsync(new() { ["AWS_ENDPOINT_URL_SSO"] = sso.Address.ToString() }, "list", "--profile", "sso-admin", "--table", _table);

        Assert.True(list.ExitCode == 0, list.ToString());
        RecordedRequest getRoleCredentials = Assert.Single(sso.Requests);
        Assert.Equal("/federation/credentials", getRoleCredentials.Path);
        Assert.Contains("role_name=TokenAdmin", getRoleCredentials.Query, StringComparison.Ordinal);
        Assert.Equal("cached-sso-access-token", getRoleCredentials.Headers["x-amz-sso_bearer_token"]);
        Assert.True(Assert.Single(_dynamoDb.Requests).IsSignedBy(new AwsCredentials(ssoKey, ssoSecret, ssoToken), "eu-west-1", "dynamodb"));
    }

    [Fact]
    public async Task TokenList_WithSsoProfileNotLoggedIn_FailsWithOneLineNamingTheLogin()
    {
        WriteSsoProfile(cachedAccessToken: null);

        CliResult list = await RunAsync([], "list", "--profile", "sso-admin", "--table", _table);

        Assert.Equal(1, list.ExitCode);
        string line = Assert.Single(CliProcess.Lines(list.Stderr));
        Assert.Contains("SSO", line, StringComparison.Ordinal);
        Assert.Contains("aws sso login", line, StringComparison.Ordinal);
        Assert.Empty(_dynamoDb.Requests);
    }

    [Fact]
    public async Task TokenList_WithContainerCredentials_SignsWithTheKeysTheContainerEndpointServes()
    {
        const string containerKey = "ASIACONTAINEREXAMPLE";
        const string containerSecret = "container/secret/EXAMPLEKEY+0123456789ab";
        const string containerToken = "container-session-token-EXAMPLE";
        await using SignedRequestRecorder container = await SignedRequestRecorder.StartAsync(upstream: null, System.Net.HttpStatusCode.OK,
            $$"""{"AccessKeyId":"{{containerKey}}","SecretAccessKey":"{{containerSecret}}","Token":"{{containerToken}}","Expiration":"2099-01-01T00:00:00Z"}""");

        CliResult list = await RunAsync(
            new() { ["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = new Uri(container.Address, "/v2/credentials").ToString() },
            "list", "--region", "us-west-2", "--table", _table);

        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Equal("/v2/credentials", Assert.Single(container.Requests).Path);
        Assert.True(Assert.Single(_dynamoDb.Requests).IsSignedBy(new AwsCredentials(containerKey, containerSecret, containerToken), "us-west-2", "dynamodb"));
    }

    [Fact]
    public async Task TokenList_WithEnvironmentCredentials_SignsWithThem()
    {
        CliResult list = await RunAsync(
            new() { ["AWS_ACCESS_KEY_ID"] = "AKIAENVIRONMENT00001", ["AWS_SECRET_ACCESS_KEY"] = "environment/secret/EXAMPLEKEY+0123456789" },
            "list", "--region", "ap-southeast-2", "--table", _table);

        Assert.True(list.ExitCode == 0, list.ToString());
        RecordedRequest scan = Assert.Single(_dynamoDb.Requests);
        Assert.False(scan.Headers.ContainsKey("x-amz-security-token"));
        Assert.True(scan.IsSignedBy(new AwsCredentials("AKIAENVIRONMENT00001", "environment/secret/EXAMPLEKEY+0123456789"), "ap-southeast-2", "dynamodb"));
    }

    // An sso-session profile, and optionally the token `aws sso login` would have cached for it
    // (~/.aws/sso/cache/{SHA-1 of the session name}.json).
    private void WriteSsoProfile(string? cachedAccessToken)
    {
        File.AppendAllText(_sandbox.ConfigFile,
            "[profile sso-admin]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = TokenAdmin\nregion = eu-west-1\n" +
            "[sso-session corp]\nsso_start_url = https://example.awsapps.com/start\nsso_region = eu-west-1\nsso_registration_scopes = sso:account:access\n");
        if (cachedAccessToken is not null)
        {
            string cache = Path.Combine(_sandbox.Home, ".aws", "sso", "cache");
            Directory.CreateDirectory(cache);
#pragma warning disable CA5350 // SHA-1 is the AWS SDKs' cache file naming, not a security use.
            string name = Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData(Encoding.UTF8.GetBytes("corp")));
#pragma warning restore CA5350
            File.WriteAllText(Path.Combine(cache, name + ".json"),
                $$"""{"startUrl":"https://example.awsapps.com/start","region":"eu-west-1","accessToken":"{{cachedAccessToken}}","expiresAt":"2099-01-01T00:00:00Z"}""");
        }
    }

    private string WriteOutputs(string region)
    {
        string outputs = Path.Combine(_sandbox.Path, "outputs.json");
        File.WriteAllText(outputs, $$$"""{"AotAuthStack":{"Region":"{{{region}}}","TokenTableName":"{{{_table}}}","ApiId":"abc123","ApiStage":"prod"}}""");
        return outputs;
    }

    private Task<CliResult> RunAsync(Dictionary<string, string> aws, string subcommand, params string[] args)
    {
        aws["AWS_ENDPOINT_URL_DYNAMODB"] = _dynamoDb.Address.ToString();
        return CliProcess.RunAsync(["token", subcommand, "--data", _sandbox.Data, .. args], _sandbox.Path, _sandbox.Environment(aws), TimeSpan.FromSeconds(60));
    }
}
