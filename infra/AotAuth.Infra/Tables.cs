using Amazon.CDK;
using Amazon.CDK.AWS.DynamoDB;
using Amazon.CDK.AWS.IAM;
using Constructs;

namespace AotAuth.Infra;

/// <summary>The key and TTL attribute names of the two tables, as AotAuth.Storage reads and writes them.</summary>
/// <remarks>AotAuth.Storage keeps these as internal constants, so they are named again here; the
/// infra tests pin them to the README's table descriptions.</remarks>
public static class TableSchema
{
    /// <summary>Partition key of the token table: the hex SHA-256 of the token.</summary>
    public const string TokenKey = "token";

    /// <summary>TTL attribute of the token table (epoch seconds).</summary>
    public const string TokenExpiresAt = "expiresAt";

    /// <summary>Partition key of the user table.</summary>
    public const string UserKey = "id";
}

/// <summary>Settings of a <see cref="SecureTable"/>.</summary>
public sealed class SecureTableProps
{
    /// <summary>The string partition key.</summary>
    public required string PartitionKey { get; init; }

    /// <summary>The TTL attribute, or null for none.</summary>
    public string? TimeToLiveAttribute { get; init; }
}

/// <summary>
/// A DynamoDB table with the protections both stores need: on-demand billing (no provisioned
/// capacity, so an idle table costs storage only), point-in-time recovery, AWS-managed
/// encryption, retained when the stack is deleted (tokens and users outlive a redeploy), and
/// deletion protection on, so a DeleteTable from outside the stack (console, CLI, a careless
/// script) is refused until someone turns it off on purpose.
/// </summary>
public class SecureTable : Construct
{
    /// <summary>Creates the table.</summary>
    public SecureTable(Construct scope, string id, SecureTableProps props)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        Table = new Table(this, "Table", new TableProps
        {
            PartitionKey = new Amazon.CDK.AWS.DynamoDB.Attribute { Name = props.PartitionKey, Type = AttributeType.STRING },
            BillingMode = BillingMode.PAY_PER_REQUEST,
            PointInTimeRecovery = true,
            Encryption = TableEncryption.AWS_MANAGED,
            TimeToLiveAttribute = props.TimeToLiveAttribute,
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

/// <summary>Settings of the <see cref="TokenStore"/>; none yet, kept for symmetry with the other constructs.</summary>
public sealed class TokenStoreProps;

/// <summary>The token table: partition key <c>token</c> (S), TTL on <c>expiresAt</c>.</summary>
public sealed class TokenStore : SecureTable
{
    /// <summary>Creates the token table.</summary>
    public TokenStore(Construct scope, string id, TokenStoreProps? props = null)
        : base(scope, id, new SecureTableProps { PartitionKey = TableSchema.TokenKey, TimeToLiveAttribute = TableSchema.TokenExpiresAt })
    {
        _ = props;
    }

    /// <summary>What the authorizer needs: one strongly consistent GetItem per lookup, nothing else.</summary>
    public void GrantLookup(IGrantable grantee) => Allow(grantee, "dynamodb:GetItem");
}

/// <summary>Settings of the <see cref="UserStore"/>; none yet, kept for symmetry with the other constructs.</summary>
public sealed class UserStoreProps;

/// <summary>The user table: partition key <c>id</c> (S).</summary>
public sealed class UserStore : SecureTable
{
    /// <summary>Creates the user table.</summary>
    public UserStore(Construct scope, string id, UserStoreProps? props = null)
        : base(scope, id, new SecureTableProps { PartitionKey = TableSchema.UserKey })
    {
        _ = props;
    }

    /// <summary>What the user function needs: PutItem (<c>PUT /user</c>) and GetItem (<c>GET /user/{id}</c>).</summary>
    public void GrantReadWrite(IGrantable grantee) => Allow(grantee, "dynamodb:GetItem", "dynamodb:PutItem");
}
