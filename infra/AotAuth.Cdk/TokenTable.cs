using Amazon.CDK;
using Amazon.CDK.AWS.DynamoDB;
using Amazon.CDK.AWS.IAM;
using AotAuth.Core.Contracts;
using Constructs;

namespace AotAuth.Cdk;

/// <summary>
/// The protections a table of tokens (or of anything that must outlive a deploy) needs: on-demand
/// billing (no provisioned capacity, so an idle table costs storage only), point-in-time recovery,
/// AWS-managed encryption, retained when the stack is deleted, and deletion protection on, so a
/// DeleteTable from outside the stack (console, CLI, a careless script) is refused until someone
/// turns it off on purpose.
/// </summary>
public static class ProtectedTables
{
    /// <summary>A new protected table with the string partition key <paramref name="partitionKey"/>.</summary>
    /// <param name="scope">The parent construct.</param>
    /// <param name="id">The construct id; it names the table's logical id, so it must not change once deployed.</param>
    /// <param name="partitionKey">The string partition key.</param>
    /// <param name="timeToLiveAttribute">The TTL attribute, or null for none.</param>
    public static Table New(Construct scope, string id, string partitionKey, string? timeToLiveAttribute) =>
        new(scope, id, new TableProps
        {
            PartitionKey = new Amazon.CDK.AWS.DynamoDB.Attribute { Name = partitionKey, Type = AttributeType.STRING },
            BillingMode = BillingMode.PAY_PER_REQUEST,
            PointInTimeRecovery = true,
            Encryption = TableEncryption.AWS_MANAGED,
            TimeToLiveAttribute = timeToLiveAttribute,
            RemovalPolicy = RemovalPolicy.RETAIN,
            DeletionProtection = true,
        });

    /// <summary>Allows exactly <paramref name="actions"/> on <paramref name="table"/> (no index, no wildcard).</summary>
    public static void Allow(ITable table, IGrantable grantee, params string[] actions)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(grantee);
        grantee.GrantPrincipal.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Effect = Effect.ALLOW,
            Actions = actions,
            Resources = [table.TableArn],
        }));
    }
}

/// <summary>
/// The token table the authorizer reads: partition key <c>token</c> (S, the SHA-256 of a token),
/// TTL on <c>expiresAt</c>, with the <see cref="ProtectedTables"/> protections. Create one with the
/// constructor, or use a table that already exists with <see cref="FromTableName"/> or
/// <see cref="FromTable"/> (its key must be <c>token</c>; <c>aotauth token create --table</c> writes to it).
/// </summary>
public sealed class TokenTable : Construct
{
    /// <summary>The id of the table inside this construct: <c>{id}Table{hash}</c> is its logical id.</summary>
    private const string TableId = "Table";

    /// <summary>Creates a new token table.</summary>
    /// <param name="scope">The parent construct.</param>
    /// <param name="id">The construct id; it names the table's logical id, so it must not change once deployed
    /// (CloudFormation answers a new logical id of a retained table with a new, empty table).</param>
    public TokenTable(Construct scope, string id)
        : base(scope, id)
    {
        Table = ProtectedTables.New(this, TableId, TableSchema.TokenKey, TableSchema.TokenExpiresAt);
        IsImported = false;
    }

    private TokenTable(Construct scope, string id, Func<Construct, ITable> table)
        : base(scope, id)
    {
        Table = table(this);
        IsImported = true;
    }

    /// <summary>The table.</summary>
    public ITable Table { get; }

    /// <summary>True when the table was not created here (<see cref="FromTableName"/>, <see cref="FromTable"/>).</summary>
    public bool IsImported { get; }

    /// <summary>An existing token table in the stack's account and region, by name.</summary>
    /// <param name="scope">The parent construct.</param>
    /// <param name="id">The construct id.</param>
    /// <param name="tableName">The table's name (e.g. the <c>TokenTableName</c> output of another stack).</param>
    /// <exception cref="ArgumentException"><paramref name="tableName"/> is empty.</exception>
    public static TokenTable FromTableName(Construct scope, string id, string tableName)
    {
        if (string.IsNullOrWhiteSpace(tableName))
        {
            throw new ArgumentException("tableName must name the existing token table", nameof(tableName));
        }

        return new TokenTable(scope, id, self => Amazon.CDK.AWS.DynamoDB.Table.FromTableName(self, TableId, tableName));
    }

    /// <summary>A token table defined elsewhere (in this stack or imported), e.g. one with settings of your own.</summary>
    /// <param name="scope">The parent construct.</param>
    /// <param name="id">The construct id.</param>
    /// <param name="table">The table; its partition key must be <c>token</c> (S).</param>
    public static TokenTable FromTable(Construct scope, string id, ITable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return new TokenTable(scope, id, _ => table);
    }

    /// <summary>What the authorizer needs: one strongly consistent <c>dynamodb:GetItem</c> per lookup, nothing else.</summary>
    public void GrantLookup(IGrantable grantee) => ProtectedTables.Allow(Table, grantee, "dynamodb:GetItem");
}
