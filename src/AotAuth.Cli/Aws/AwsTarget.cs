using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;
using AotAuth.Storage;

namespace AotAuth.Cli.Aws;

/// <summary>
/// Where the token commands work on AWS, resolved as the AWS SDKs and CLI resolve it: the
/// credentials from the SDK's standard chain (environment, the shared <c>config</c> and
/// <c>credentials</c> files with <c>AWS_CONFIG_FILE</c>/<c>AWS_SHARED_CREDENTIALS_FILE</c>,
/// <c>--profile</c> or <c>AWS_PROFILE</c>, SSO, <c>credential_process</c>,
/// <c>role_arn</c>/<c>source_profile</c>, web identity, container and instance credentials);
/// the region from <c>--region</c>, <c>AWS_REGION</c>, <c>AWS_DEFAULT_REGION</c>, the profile,
/// then the stack outputs file; the table from <c>--table</c>, then the outputs file.
/// </summary>
internal sealed class AwsTarget(string region, string? profile, AWSCredentials credentials, string tokenTable, StackOutputs? outputs)
{
    /// <summary>The region of the table (and the API).</summary>
    public string Region { get; } = region;

    /// <summary>The profile named with <c>--profile</c>, or null (the SDK then honours <c>AWS_PROFILE</c>).</summary>
    public string? Profile { get; } = profile;

    /// <summary>The resolved credentials; the SDK refreshes temporary ones (SSO, roles, processes) itself.</summary>
    public AWSCredentials Credentials { get; } = credentials;

    /// <summary>The token table.</summary>
    public string TokenTable { get; } = tokenTable;

    /// <summary>The stack outputs read, or null when there was no outputs file.</summary>
    public StackOutputs? Outputs { get; } = outputs;

    /// <summary>Resolves region, credentials and table.</summary>
    /// <param name="region">--region, or null.</param>
    /// <param name="profile">--profile, or null.</param>
    /// <param name="outputsPath">--outputs, or the default file.</param>
    /// <param name="table">--table when given, else null.</param>
    /// <param name="defaultTable">The table when neither --table nor the outputs name one.</param>
    /// <exception cref="InvalidOperationException">Something the user must fix; the message says what.</exception>
    public static AwsTarget Resolve(string? region, string? profile, string outputsPath, string? table, string defaultTable)
    {
        StackOutputs? outputs = StackOutputs.ReadOrNull(outputsPath);
        string resolvedRegion = region
            ?? NonEmpty(Environment.GetEnvironmentVariable("AWS_REGION"))
            ?? NonEmpty(Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION"))
            ?? ProfileRegion(profile ?? NonEmpty(Environment.GetEnvironmentVariable("AWS_PROFILE")) ?? "default")
            ?? outputs?.Region
            ?? throw new InvalidOperationException(
                "no AWS region: pass --region, set AWS_REGION, or give the profile a region");
        if (!DynamoDbEndpoints.IsValidRegion(resolvedRegion))
        {
            throw new InvalidOperationException($"'{resolvedRegion}' is not a region name such as eu-west-1");
        }

        // The outputs describe one deployment: use them only for the region it is in.
        if (outputs?.Region is string stackRegion && stackRegion != resolvedRegion)
        {
            outputs = table is null
                ? throw new InvalidOperationException(
                    $"{outputs.Path} describes the stack in {stackRegion}, not {resolvedRegion}: pass --region {stackRegion}, or --table for a table in {resolvedRegion}")
                : null;
        }

        string tokenTable = table ?? outputs?.TokenTable ?? defaultTable;
        return new AwsTarget(resolvedRegion, profile, ResolveCredentials(resolvedRegion, profile), tokenTable, outputs);
    }

    /// <summary>A DynamoDB client on these credentials and region. The endpoint is the SDK's own choice, so <c>AWS_ENDPOINT_URL_DYNAMODB</c> and <c>AWS_ENDPOINT_URL</c> apply as in every AWS SDK.</summary>
    public AmazonDynamoDBClient CreateDynamoDbClient() => new(Credentials, ClientConfig<AmazonDynamoDBConfig>(Region, Profile));

    /// <summary>The current credentials (refreshed when temporary ones are about to expire).</summary>
    public async Task<ImmutableCredentials> GetCredentialsAsync()
    {
        try
        {
            return await Credentials.GetCredentialsAsync();
        }
        catch (AmazonClientException ex)
        {
            throw NoCredentials(ex);
        }
    }

    /// <summary>The standard chain's current credentials for the lean client (<c>serve --region</c>).</summary>
    public static AwsCredentials LeanCredentials(string region)
    {
        try
        {
            ImmutableCredentials current = ResolveCredentials(region, profile: null).GetCredentials();
            return new AwsCredentials(current.AccessKey, current.SecretKey, current.Token);
        }
        catch (AmazonClientException ex)
        {
            throw NoCredentials(ex);
        }
    }

    /// <summary>A human description for messages.</summary>
    public string Describe() => $"DynamoDB in {Region} (table {TokenTable})";

    private static T ClientConfig<T>(string region, string? profile)
        where T : ClientConfig, new()
    {
        // The signing region is set as well: with an endpoint override (AWS_ENDPOINT_URL_*) the SDK
        // would otherwise guess it from the URL, and sign for us-east-1 whatever the region.
        var config = new T { RegionEndpoint = RegionEndpoint.GetBySystemName(region), AuthenticationRegion = region };
        if (profile is not null)
        {
            // So the profile's own settings (endpoint_url, retry mode, ...) apply as well.
            config.Profile = new Profile(profile);
        }

        return config;
    }

    private static AWSCredentials ResolveCredentials(string region, string? profile)
    {
        try
        {
            if (profile is not null)
            {
                return new CredentialProfileStoreChain().TryGetAWSCredentials(profile, out AWSCredentials credentials)
                    ? credentials
                    : throw new InvalidOperationException(
                        $"no AWS profile '{profile}' with credentials in {ConfigFiles()}");
            }

            return DefaultAWSCredentialsIdentityResolver.GetCredentials(ClientConfig<AmazonDynamoDBConfig>(region, profile: null));
        }
        catch (AmazonClientException ex)
        {
            throw NoCredentials(ex);
        }
    }

    // The SDK's message lists every source it tried, one per line; the first line says it all.
    private static InvalidOperationException NoCredentials(Exception ex) =>
        new($"no usable AWS credentials ({ex.Message.Split('\n')[0].Trim()}); configure them as for the AWS CLI (aws configure, aws sso login --profile NAME, --profile)", ex);

    private static string? ProfileRegion(string profile) =>
        new CredentialProfileStoreChain().TryGetProfile(profile, out CredentialProfile found) ? found.Region?.SystemName : null;

    private static string ConfigFiles() =>
        $"{NonEmpty(Environment.GetEnvironmentVariable("AWS_CONFIG_FILE")) ?? "~/.aws/config"} or {NonEmpty(Environment.GetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE")) ?? "~/.aws/credentials"}";

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
