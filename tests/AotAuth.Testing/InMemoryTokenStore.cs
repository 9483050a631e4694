using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using AotAuth.Core;
using AotAuth.Storage;

namespace AotAuth.Testing;

/// <summary>
/// A thread-safe in-memory token store that counts reads and fails or hangs on demand; also
/// the oracle for "is this hash known" in the property tests.
/// </summary>
public sealed class InMemoryTokenStore : ITokenStore
{
    private readonly ConcurrentDictionary<string, TokenRecord> _records = new(StringComparer.Ordinal);
    private int _reads;

    /// <summary>How many times <see cref="GetAsync"/> was called.</summary>
    public int Reads => Volatile.Read(ref _reads);

    /// <summary>When set, every read throws it (after counting).</summary>
    public Exception? FailWith { get; set; }

    /// <summary>When true, every read waits until its cancellation token fires.</summary>
    public bool Hang { get; set; }

    /// <summary>Stores <paramref name="token"/> by its hash, as the CLI would.</summary>
    public void Add(string token, string principalId, string[] scopes, long? expiresAt = null)
    {
        string hash = TokenHash.Compute(token).ToHex();
        _records[hash] = new TokenRecord(hash, principalId, scopes, expiresAt);
    }

    /// <summary>Whether a record with this hash is stored.</summary>
    public bool Holds(string tokenHash) => _records.ContainsKey(tokenHash);

    /// <summary>The record with this hash, without counting a read.</summary>
    public TokenRecord? Find(string tokenHash) => _records.GetValueOrDefault(tokenHash);

    /// <inheritdoc />
    public async Task<TokenRecord?> GetAsync(string tokenHash, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _reads);
        if (Hang)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        if (FailWith is not null)
        {
            throw FailWith;
        }

        return _records.GetValueOrDefault(tokenHash);
    }

    /// <inheritdoc />
    public Task PutAsync(TokenRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        _records[record.TokenHash] = record;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<bool> DeleteAsync(string tokenHash, CancellationToken cancellationToken) => Task.FromResult(_records.TryRemove(tokenHash, out _));

    /// <inheritdoc />
    public async IAsyncEnumerable<TokenRecord> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        foreach (TokenRecord record in _records.Values)
        {
            yield return record;
        }
    }
}
