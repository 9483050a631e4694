namespace AotAuth.Storage;

/// <summary>A stored API token, keyed by the hash of the token (the token itself is never stored).</summary>
/// <param name="TokenHash">Lowercase hex SHA-256 of the token (64 characters).</param>
/// <param name="PrincipalId">The principal the token authenticates.</param>
/// <param name="Scopes">The granted scopes. Order is not preserved by the store.</param>
/// <param name="ExpiresAt">Expiry in epoch seconds, or null for a token that does not expire.</param>
public sealed record TokenRecord(string TokenHash, string PrincipalId, IReadOnlyList<string> Scopes, long? ExpiresAt);
