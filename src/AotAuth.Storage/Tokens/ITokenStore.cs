using System.Runtime.CompilerServices;

namespace AotAuth.Storage;

/// <summary>Stores API tokens by hash.</summary>
public interface ITokenStore
{
    /// <summary>Reads a token; null when unknown. Expired records may still be returned: callers check <see cref="TokenRecord.ExpiresAt"/>.</summary>
    /// <param name="tokenHash">Lowercase hex SHA-256 of the token.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<TokenRecord?> GetAsync(string tokenHash, CancellationToken cancellationToken);

    /// <summary>
    /// Reads a token within <paramref name="timeout"/> (e.g. what is left of an invocation).
    /// Running out of time throws <see cref="TimeoutException"/> (DynamoDB:
    /// <see cref="DynamoDbException"/> with <see cref="DynamoDbException.TimeoutCode"/>).
    /// </summary>
    /// <param name="tokenHash">Lowercase hex SHA-256 of the token.</param>
    /// <param name="timeout">The call's budget.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <remarks>The default arms a timer for the call; a store that can bound its own I/O overrides it.</remarks>
    Task<TokenRecord?> GetAsync(string tokenHash, TimeSpan timeout, CancellationToken cancellationToken) =>
        CallTimeout.RunAsync(token => GetAsync(tokenHash, token), timeout, cancellationToken);

    /// <summary>Creates or replaces a token.</summary>
    /// <param name="record">The token to store.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task PutAsync(TokenRecord record, CancellationToken cancellationToken);

    /// <summary>Deletes a token; true when one was deleted, false when it did not exist.</summary>
    /// <param name="tokenHash">Lowercase hex SHA-256 of the token.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<bool> DeleteAsync(string tokenHash, CancellationToken cancellationToken);

    /// <summary>Lists all tokens, in no particular order.</summary>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    IAsyncEnumerable<TokenRecord> ListAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Lists all tokens, in no particular order, reporting an item that cannot be read as a
    /// damaged entry and going on with the others (where <see cref="ListAsync"/> ends with
    /// <see cref="CorruptItemException"/>). For tools that must show and repair a store; the
    /// authorizer reads single tokens and fails closed on a damaged one.
    /// </summary>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <remarks>The default reports no damaged entries: it is <see cref="ListAsync"/> itself.</remarks>
    async IAsyncEnumerable<TokenListEntry> ListEntriesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var record in ListAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return new TokenListEntry(record);
        }
    }
}
