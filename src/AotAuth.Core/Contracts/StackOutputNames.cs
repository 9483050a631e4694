namespace AotAuth.Core.Contracts;

/// <summary>
/// The stack's CloudFormation outputs, which <c>cdk deploy --outputs-file</c> writes as
/// <c>{"AotAuthStack": {"TokenTableName": "...", ...}}</c>: the stack declares them under these
/// names and <c>aotauth token</c> reads them, so a deployed table and API are found without
/// copying ids by hand.
/// </summary>
public static class StackOutputNames
{
    /// <summary>The stack's name, the outputs file's top-level key.</summary>
    public const string StackName = "AotAuthStack";

    /// <summary>The file <c>aotauth token</c> reads unless <c>--outputs</c> names another; the deploy command of docs/deploying.md writes it.</summary>
    public const string DefaultFile = "cdk-outputs.json";

    /// <summary>The region the stack is deployed in.</summary>
    public const string Region = "Region";

    /// <summary>The token table's name.</summary>
    public const string TokenTableName = "TokenTableName";

    /// <summary>The user table's name.</summary>
    public const string UserTableName = "UserTableName";

    /// <summary>The REST API's id (the <c>{api-id}</c> of <c>/restapis/{api-id}/...</c>).</summary>
    public const string ApiId = "ApiId";

    /// <summary>The stage the API is deployed to.</summary>
    public const string ApiStage = "ApiStage";

    /// <summary>The API's base URL, stage included.</summary>
    public const string ApiUrl = "ApiUrl";
}
