using AotAuth.Storage;
using AotAuth.Core.Contracts;

namespace AotAuth.Cli.Commands;

/// <summary>
/// Where tokens and users live for a command: the embedded file store (default), DynamoDB
/// Local (<c>--dynamodb-endpoint</c>), or real DynamoDB (<c>--region</c> and/or <c>--table</c>
/// without an endpoint, credentials from the AWS SDK's standard chain; the token commands then
/// use the SDK itself, see <see cref="TokenStoreHandle"/>).
/// </summary>
internal sealed record StoreLocation(string DataDirectory, Uri? DynamoDbEndpoint, string? Region, string TokenTable, string UserTable)
{
    /// <summary>Which kind of store this is.</summary>
    public StoreKind Kind => DynamoDbEndpoint is not null ? StoreKind.DynamoDbLocal
        : Region is not null ? StoreKind.Aws
        : StoreKind.File;

    /// <summary>A human description for messages.</summary>
    public string Describe() => Kind switch
    {
        StoreKind.File => $"the embedded store in {DataDirectory}",
        StoreKind.DynamoDbLocal => $"DynamoDB at {DynamoDbEndpoint} (table {TokenTable})",
        _ => $"DynamoDB in {Region} (table {TokenTable})",
    };

    /// <summary>
    /// What a running serve and a token command compare to know they share a store (the serve
    /// file, <c>Commands/ServeAdminFile</c>): <c>file</c>, or the DynamoDB endpoint and table.
    /// </summary>
    public string StoreKey => Kind == StoreKind.File ? "file" : $"{Endpoint} {TokenTable}";

    /// <summary>The DynamoDB endpoint (null for the file store): the given one, or the region's in its partition.</summary>
    public Uri? Endpoint => Kind switch
    {
        StoreKind.File => null,
        StoreKind.DynamoDbLocal => DynamoDbEndpoint,
        _ => DynamoDbEndpoints.ForRegion(Region!, fips: false),
    };

    /// <summary>A DynamoDB client for this location (null for the file store).</summary>
    public DynamoDbClient? CreateClient() => Kind switch
    {
        StoreKind.File => null,
        StoreKind.DynamoDbLocal => new DynamoDbClient(new DynamoDbClientOptions
        {
            Endpoint = DynamoDbEndpoint!,
            Region = Region ?? FunctionVariables.DefaultRegion,
            Credentials = AwsCredentials.FromEnvironment(Environment.GetEnvironmentVariable, useLocalDummyWhenMissing: true),
        }),
        _ => new DynamoDbClient(new DynamoDbClientOptions
        {
            Endpoint = Endpoint!,
            Region = Region!,
            // serve --region: the SDK's credential chain, handed to the lean client.
            Credentials = AotAuth.Cli.Aws.AwsTarget.LeanCredentials(Region!),
        }),
    };

    /// <summary>The token store at this location.</summary>
    public ITokenStore CreateTokenStore(DynamoDbClient? client) =>
        client is null ? new FileTokenStore(DataDirectory) : new DynamoDbTokenStore(client, TokenTable);

    /// <summary>The environment that points a function process at the same store.</summary>
    public IReadOnlyDictionary<string, string> FunctionEnvironment()
    {
        var environment = new Dictionary<string, string>
        {
            [FunctionVariables.Region] = Region ?? Environment.GetEnvironmentVariable(FunctionVariables.Region) ?? FunctionVariables.DefaultRegion,
            [FunctionVariables.TokenTable] = TokenTable,
            [FunctionVariables.UserTable] = UserTable,
        };
        if (Kind == StoreKind.File)
        {
            environment[FunctionVariables.DataDirectory] = Path.GetFullPath(DataDirectory);
        }
        else if (Kind == StoreKind.DynamoDbLocal)
        {
            environment[FunctionVariables.DynamoDbEndpoint] = DynamoDbEndpoint!.ToString();
            AwsCredentials credentials = AwsCredentials.FromEnvironment(Environment.GetEnvironmentVariable, useLocalDummyWhenMissing: true);
            environment["AWS_ACCESS_KEY_ID"] = credentials.AccessKeyId;
            environment["AWS_SECRET_ACCESS_KEY"] = credentials.SecretAccessKey;
        }

        return environment;
    }

    /// <summary>DynamoDB Local starts empty: create the token table there. Real AWS tables come from the CDK stack.</summary>
    public async Task EnsureLocalTokenTableAsync(DynamoDbClient? client, CancellationToken ct)
    {
        if (Kind == StoreKind.DynamoDbLocal && client is not null)
        {
            await DynamoDbTables.EnsureTokenTableAsync(client, TokenTable, ct);
        }
    }
}

/// <summary>The three kinds of store.</summary>
internal enum StoreKind
{
    /// <summary>Files under <c>--data</c>.</summary>
    File,

    /// <summary>A DynamoDB-compatible endpoint given with <c>--dynamodb-endpoint</c>.</summary>
    DynamoDbLocal,

    /// <summary>DynamoDB in an AWS region.</summary>
    Aws,
}
