using System.CommandLine;
using AotAuth.Core.Contracts;

namespace AotAuth.Cli.Commands;

/// <summary>The options that choose a store, shared by <c>serve</c> and the token commands.</summary>
internal sealed class StoreOptions
{
    public Option<string?> Data { get; } = new("--data") { Description = "Folder of the embedded store, used unless --dynamodb-endpoint or --region is given (default: .aotauth/ in a clone, else $XDG_DATA_HOME/aotauth or ~/.local/share/aotauth)" };

    public Option<string?> DynamoDbEndpoint { get; } = new("--dynamodb-endpoint") { Description = "Use DynamoDB at this URL (e.g. DynamoDB Local, http://127.0.0.1:8000)" };

    public Option<string?> Region { get; } = new("--region") { Description = "Use real DynamoDB in this AWS region (credentials as the AWS CLI finds them)" };

    public Option<string> TokenTable { get; } = new("--table") { Description = "Token table name (on AWS: the deploy outputs file's table comes before this default)", DefaultValueFactory = _ => FunctionVariables.DefaultTokenTable };

    public void AddTo(Command command)
    {
        command.Options.Add(Data);
        command.Options.Add(DynamoDbEndpoint);
        command.Options.Add(Region);
        command.Options.Add(TokenTable);
    }

    public StoreLocation Read(ParseResult result, string userTable = "user")
    {
        Uri? endpoint = null;
        if (result.GetValue(DynamoDbEndpoint) is string text
            && (!Uri.TryCreate(text, UriKind.Absolute, out endpoint) || endpoint.Scheme is not ("http" or "https")))
        {
            throw new InvalidOperationException($"--dynamodb-endpoint must be an http(s) URL such as http://127.0.0.1:8000; got '{text}'");
        }

        string? region = result.GetValue(Region);
        if (region is not null && !AotAuth.Storage.DynamoDbEndpoints.IsValidRegion(region))
        {
            throw new InvalidOperationException($"--region must be a region name such as eu-west-1; got '{region}'");
        }

        string data = result.GetValue(Data) is { } given
            ? DataFolder.Checked(given)
            : DataFolder.Default(Environment.CurrentDirectory, Environment.GetEnvironmentVariable);
        return new StoreLocation(data, endpoint, region, result.GetValue(TokenTable)!, userTable);
    }
}
