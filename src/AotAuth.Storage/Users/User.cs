namespace AotAuth.Storage;

/// <summary>A user record.</summary>
/// <param name="Id">The user id (partition key).</param>
/// <param name="Name">The display name.</param>
/// <param name="UpdatedBy">The principal that last wrote the record.</param>
/// <param name="UpdatedAt">When the record was last written, as an ISO 8601 UTC string.</param>
public sealed record User(string Id, string Name, string UpdatedBy, string UpdatedAt);
