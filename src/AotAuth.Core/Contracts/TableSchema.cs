namespace AotAuth.Core.Contracts;

/// <summary>
/// The attribute names of the two tables: what the stores write and read (DynamoDB items and
/// the embedded store's JSON files alike) and what the stack declares as keys and TTL.
/// </summary>
public static class TableSchema
{
    /// <summary>Token table: partition key (S), the lowercase hex SHA-256 of the token.</summary>
    public const string TokenKey = "token";

    /// <summary>Token table: who the token belongs to (S).</summary>
    public const string TokenPrincipalId = "principalId";

    /// <summary>Token table: the route patterns it grants (SS, or L of S).</summary>
    public const string TokenScopes = "scopes";

    /// <summary>Token table: expiry in epoch seconds (N, optional); also the table's TTL attribute.</summary>
    public const string TokenExpiresAt = "expiresAt";

    /// <summary>User table: partition key (S).</summary>
    public const string UserKey = "id";

    /// <summary>User table: the user's name (S).</summary>
    public const string UserName = "name";

    /// <summary>User table: the principal that last wrote the user (S).</summary>
    public const string UserUpdatedBy = "updatedBy";

    /// <summary>User table: when it was last written, ISO 8601 UTC (S).</summary>
    public const string UserUpdatedAt = "updatedAt";
}
