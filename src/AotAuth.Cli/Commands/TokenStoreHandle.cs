using System.CommandLine;
using AotAuth.Cli.Aws;
using AotAuth.Storage;

namespace AotAuth.Cli.Commands;

/// <summary>
/// The token store a token command works on: the embedded store, DynamoDB at an endpoint
/// (both on the project's lean client), or real DynamoDB through the AWS SDK
/// (<c>--region</c>, <c>--profile</c> or <c>--outputs</c>).
/// </summary>
internal sealed class TokenStoreHandle(ITokenStore tokens, string description, StoreLocation location, AwsTarget? aws, IDisposable? client) : IDisposable
{
    /// <summary>The store.</summary>
    public ITokenStore Tokens { get; } = tokens;

    /// <summary>Where it is, for messages.</summary>
    public string Description { get; } = description;

    /// <summary>The options' store location (its data folder is where a running serve is found).</summary>
    public StoreLocation Location { get; } = location;

    /// <summary>The AWS target when the store is real DynamoDB, else null.</summary>
    public AwsTarget? Aws { get; } = aws;

    /// <summary>Opens the store the options name (creating the token table on DynamoDB Local).</summary>
    public static async Task<TokenStoreHandle> OpenAsync(StoreOptions store, AwsOptions aws, ParseResult result, CancellationToken ct)
    {
        StoreLocation location = store.Read(result);
        if (location.Kind == StoreKind.Aws || (location.Kind == StoreKind.File && aws.AskedFor(result)))
        {
            string? table = result.GetResult(store.TokenTable) is { Implicit: false } ? result.GetValue(store.TokenTable) : null;
            AwsTarget target = AwsTarget.Resolve(location.Region, result.GetValue(aws.Profile), result.GetValue(aws.Outputs)!, table, result.GetValue(store.TokenTable)!);
            // Resolved now, so a missing login (an expired SSO token, a failing credential_process)
            // is one clear line before any call rather than an error from inside the SDK's pipeline.
            await target.GetCredentialsAsync();
            var client = target.CreateDynamoDbClient();
            return new TokenStoreHandle(new AwsTokenStore(client, target.TokenTable), target.Describe(), location, target, client);
        }

        DynamoDbClient? lean = location.CreateClient();
        await location.EnsureLocalTokenTableAsync(lean, ct);
        return new TokenStoreHandle(location.CreateTokenStore(lean), location.Describe(), location, aws: null, lean);
    }

    /// <summary>Stores a new token; on AWS a conditional put, so an existing token is never replaced.</summary>
    public Task CreateAsync(TokenRecord record, CancellationToken ct) =>
        Tokens is AwsTokenStore aws ? aws.CreateAsync(record, ct) : Tokens.PutAsync(record, ct);

    public void Dispose() => client?.Dispose();
}
