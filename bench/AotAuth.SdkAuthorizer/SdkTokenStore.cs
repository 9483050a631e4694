using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using AotAuth.Core.Contracts;
using AotAuth.Storage;
// Storage has its own AttributeValue (our client's); here it is always the SDK's.
using AttributeValue = Amazon.DynamoDBv2.Model.AttributeValue;

namespace AotAuth.SdkAuthorizer;

/// <summary>
/// <see cref="ITokenStore"/> on the official AWS SDK's low-level DynamoDB API, reading the
/// same items as <see cref="DynamoDbTokenStore"/> (key <c>token</c> S; <c>principalId</c> S;
/// <c>scopes</c> SS or L of S; <c>expiresAt</c> N, optional) into the same
/// <see cref="TokenRecord"/>. A benchmark variant: the authorizer only ever reads, so only
/// <see cref="GetAsync"/> is implemented; the other members throw <see cref="NotSupportedException"/>.
/// </summary>
internal sealed class SdkTokenStore(IAmazonDynamoDB client, string tableName) : ITokenStore
{
    private const string KeyAttribute = TableSchema.TokenKey;
    private const string PrincipalIdAttribute = TableSchema.TokenPrincipalId;
    private const string ScopesAttribute = TableSchema.TokenScopes;
    private const string ExpiresAtAttribute = TableSchema.TokenExpiresAt;

    /// <summary>
    /// Builds the client from the variables the real authorizer reads, parsed by the same code
    /// (<see cref="StoreSettings.ClientOptions"/>): AWS_REGION, the endpoint variables, the store
    /// budgets, the AWS_* credentials (dummy ones with an endpoint override and none set) and
    /// TOKEN_TABLE. The connection is not primed in init: the SDK has no request that needs
    /// neither capacity nor permission, so it connects on the first call as SDK users' code does.
    /// </summary>
    public static SdkTokenStore FromEnvironment(Func<string, string?> environment, StoreSettings settings)
    {
        DynamoDbClientOptions options = settings.ClientOptions(DynamoDbClientOptions.FromEnvironment(environment));
        var config = new AmazonDynamoDBConfig
        {
            // Lambda runs next to its table: a fixed mode, so the SDK does not work one out
            // ("Auto" may look for the region in instance metadata).
            DefaultConfigurationMode = DefaultConfigurationMode.InRegion,
            // The same retry policy as our client: 2 retries (the SDK's DynamoDB default is
            // more), and the same budgets as ours. The authorizer
            // also cancels the call when its own budget runs out.
            RetryMode = RequestRetryMode.Standard,
            MaxErrorRetry = 2,
            Timeout = options.RequestTimeout,
            ConnectTimeout = options.ConnectTimeout,
            // The endpoint is the one our client resolves (options.Endpoint: DYNAMODB_ENDPOINT,
            // AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, else the region's in its partition,
            // FIPS when asked), never a config file's; no account-id endpoints, since the
            // credentials are plain keys from the environment.
            IgnoreConfiguredEndpointUrls = true,
            AccountIdEndpointMode = AccountIdEndpointMode.DISABLED,
            ServiceURL = options.Endpoint.ToString(),
            AuthenticationRegion = options.Region,
        };

        // Credentials passed explicitly, so the SDK never walks its credential chain
        // (profiles, then container and instance metadata endpoints) on a cold start.
        AwsCredentials keys = options.Credentials;
        AWSCredentials credentials = keys.SessionToken is null
            ? new BasicAWSCredentials(keys.AccessKeyId, keys.SecretAccessKey)
            : new SessionAWSCredentials(keys.AccessKeyId, keys.SecretAccessKey, keys.SessionToken);

        return new SdkTokenStore(
            new AmazonDynamoDBClient(credentials, config),
            EnvironmentSettings.Text(environment, FunctionVariables.TokenTable, FunctionVariables.DefaultTokenTable));
    }

    /// <inheritdoc />
    /// <remarks>A strongly consistent read, as <see cref="DynamoDbTokenStore"/> does.</remarks>
    public async Task<TokenRecord?> GetAsync(string tokenHash, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenHash);
        var request = new GetItemRequest
        {
            TableName = tableName,
            Key = new Dictionary<string, AttributeValue>(1, StringComparer.Ordinal) { [KeyAttribute] = new AttributeValue { S = tokenHash } },
            ConsistentRead = true,
        };
        GetItemResponse response = await client.GetItemAsync(request, cancellationToken);
        // No item: the SDK leaves Item null (or empty, depending on AWSConfigs.InitializeCollections).
        return response.Item is { Count: > 0 } item ? FromItem(item) : null;
    }

    /// <inheritdoc />
    public Task PutAsync(TokenRecord record, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The SDK benchmark variant only reads tokens.");

    /// <inheritdoc />
    public Task<bool> DeleteAsync(string tokenHash, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The SDK benchmark variant only reads tokens.");

    /// <inheritdoc />
    public IAsyncEnumerable<TokenRecord> ListAsync(CancellationToken cancellationToken) =>
        throw new NotSupportedException("The SDK benchmark variant only reads tokens.");

    /// <summary>
    /// The mapping of <see cref="DynamoDbTokenStore"/>'s FromItem on the SDK's types: anything
    /// missing or mistyped is a <see cref="CorruptItemException"/>, never a default.
    /// </summary>
    internal static TokenRecord FromItem(Dictionary<string, AttributeValue> item)
    {
        string? tokenHash = item.GetValueOrDefault(KeyAttribute)?.S;
        if (string.IsNullOrEmpty(tokenHash))
        {
            throw BadAttribute(KeyAttribute, "S");
        }

        string? principalId = item.GetValueOrDefault(PrincipalIdAttribute)?.S;
        if (string.IsNullOrEmpty(principalId))
        {
            throw BadAttribute(PrincipalIdAttribute, "non-empty S");
        }

        return new TokenRecord(tokenHash, principalId, ReadScopes(item.GetValueOrDefault(ScopesAttribute)), ReadExpiresAt(item.GetValueOrDefault(ExpiresAtAttribute)));
    }

    private static string[] ReadScopes(AttributeValue? scopes)
    {
        if (scopes is null || scopes.NULL == true)
        {
            return [];
        }

        if (scopes.SS is { Count: > 0 } set)
        {
            return [.. set];
        }

        if (scopes.L is { } list)
        {
            var values = new string[list.Count];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = list[i].S ?? throw BadAttribute(ScopesAttribute, "SS or L of S");
            }

            return values;
        }

        throw BadAttribute(ScopesAttribute, "SS or L of S");
    }

    private static long? ReadExpiresAt(AttributeValue? expiresAt)
    {
        if (expiresAt is null || expiresAt.NULL == true)
        {
            return null;
        }

        return long.TryParse(expiresAt.N, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long seconds)
            ? seconds
            : throw BadAttribute(ExpiresAtAttribute, "integral N");
    }

    private static CorruptItemException BadAttribute(string attribute, string expected) =>
        new($"A token item has a missing or invalid '{attribute}' attribute (expected {expected}).");
}
