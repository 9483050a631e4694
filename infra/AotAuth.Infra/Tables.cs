using Amazon.CDK.AWS.DynamoDB;
using Amazon.CDK.AWS.IAM;
using AotAuth.Cdk;
using AotAuth.Core.Contracts;
using Constructs;

namespace AotAuth.Infra;

/// <summary>
/// The user table: partition key <c>id</c> (S), with the protections of the token table
/// (<see cref="ProtectedTables"/>: on-demand, point-in-time recovery, retained, deletion protection).
/// </summary>
public sealed class UserTable : Construct
{
    /// <summary>Creates the user table.</summary>
    /// <param name="scope">The parent construct.</param>
    /// <param name="id">The construct id; it names the table's logical id, so it must not change once deployed.</param>
    public UserTable(Construct scope, string id)
        : base(scope, id)
    {
        Table = ProtectedTables.New(this, "Table", TableSchema.UserKey, timeToLiveAttribute: null);
    }

    /// <summary>The table.</summary>
    public Table Table { get; }

    /// <summary>What the user function needs: PutItem (<c>PUT /user</c>) and GetItem (<c>GET /user/{id}</c>).</summary>
    public void GrantReadWrite(IGrantable grantee) => ProtectedTables.Allow(Table, grantee, "dynamodb:GetItem", "dynamodb:PutItem");
}
