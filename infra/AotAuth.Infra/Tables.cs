using Amazon.CDK;
using Amazon.CDK.AWS.DynamoDB;
using Amazon.CDK.AWS.IAM;
using AotAuth.Core.Contracts;
using Constructs;

namespace AotAuth.Infra;

/// <summary>
/// A DynamoDB table with the protections both tables need: on-demand billing (no provisioned
/// capacity, so an idle table costs storage only), point-in-time recovery, AWS-managed
/// encryption, retained when the stack is deleted (tokens and users outlive a redeploy), and
/// deletion protection on, so a DeleteTable from outside the stack (console, CLI, a careless
/// script) is refused until someone turns it off on purpose.
/// </summary>
public abstract class SecureTable : Construct
{
    /// <summary>Creates the table with the string partition key <paramref name="partitionKey"/>.</summary>
    /// <param name="scope">The parent construct.</param>
    /// <param name="id">The construct id; it names the table's logical id, so it must not change once deployed.</param>
    /// <param name="partitionKey">The string partition key.</param>
    /// <param name="timeToLiveAttribute">The TTL attribute, or null for none.</param>
    protected SecureTable(Construct scope, string id, string partitionKey, string? timeToLiveAttribute)
        : base(scope, id)
    {
        Table = new Table(this, "Table", new TableProps
        {
            PartitionKey = new Amazon.CDK.AWS.DynamoDB.Attribute { Name = partitionKey, Type = AttributeType.STRING },
            BillingMode = BillingMode.PAY_PER_REQUEST,
            PointInTimeRecovery = true,
            Encryption = TableEncryption.AWS_MANAGED,
            TimeToLiveAttribute = timeToLiveAttribute,
            RemovalPolicy = RemovalPolicy.RETAIN,
            DeletionProtection = true,
        });
    }

    /// <summary>The table.</summary>
    public Table Table { get; }

    /// <summary>Allows exactly <paramref name="actions"/> on this table (no index, no wildcard).</summary>
    protected void Allow(IGrantable grantee, params string[] actions)
    {
        ArgumentNullException.ThrowIfNull(grantee);
        grantee.GrantPrincipal.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Effect = Effect.ALLOW,
            Actions = actions,
            Resources = [Table.TableArn],
        }));
    }
}

/// <summary>The token table: partition key <c>token</c> (S), TTL on <c>expiresAt</c>.</summary>
public sealed class TokenTable : SecureTable
{
    /// <summary>Creates the token table.</summary>
    public TokenTable(Construct scope, string id)
        : base(scope, id, TableSchema.TokenKey, TableSchema.TokenExpiresAt)
    {
    }

    /// <summary>What the authorizer needs: one strongly consistent GetItem per lookup, nothing else.</summary>
    public void GrantLookup(IGrantable grantee) => Allow(grantee, "dynamodb:GetItem");
}

/// <summary>The user table: partition key <c>id</c> (S).</summary>
public sealed class UserTable : SecureTable
{
    /// <summary>Creates the user table.</summary>
    public UserTable(Construct scope, string id)
        : base(scope, id, TableSchema.UserKey, timeToLiveAttribute: null)
    {
    }

    /// <summary>What the user function needs: PutItem (<c>PUT /user</c>) and GetItem (<c>GET /user/{id}</c>).</summary>
    public void GrantReadWrite(IGrantable grantee) => Allow(grantee, "dynamodb:GetItem", "dynamodb:PutItem");
}
