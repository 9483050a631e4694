using System.CommandLine;
using AotAuth.Core.Contracts;

namespace AotAuth.Cli.Commands;

/// <summary>The token commands' options for real AWS, besides <c>--region</c> and <c>--table</c> (in <see cref="StoreOptions"/>).</summary>
internal sealed class AwsOptions
{
    public Option<string?> Profile { get; } = new("--profile") { Description = "Use real DynamoDB with this AWS profile (SSO, credential_process, role_arn ... as the AWS CLI); AWS_PROFILE also applies" };

    public Option<string> Outputs { get; } = new("--outputs")
    {
        Description = $"The stack outputs file `cdk deploy --outputs-file` wrote (table, API id and stage, region); --table overrides its table",
        DefaultValueFactory = _ => StackOutputNames.DefaultFile,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Profile);
        command.Options.Add(Outputs);
    }

    /// <summary>True when the command line asks for AWS without --region (a profile or an outputs file named).</summary>
    public bool AskedFor(ParseResult result) =>
        result.GetValue(Profile) is not null || result.GetResult(Outputs) is { Implicit: false };
}
