using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using AotAuth.Core;
using AotAuth.Storage;

namespace AotAuth.Hardening.Tests.Support;

/// <summary>A thread-safe in-memory token store that counts reads; the oracle for "is this hash known".</summary>
internal sealed class InMemoryTokenStore : ITokenStore
{
    private readonly ConcurrentDictionary<string, TokenRecord> _records = new(StringComparer.Ordinal);
    private int _reads;

    public int Reads => Volatile.Read(ref _reads);

    public void Add(string token, string principalId, string[] scopes, long? expiresAt = null)
    {
        string hash = TokenHash.Compute(token).ToHex();
        _records[hash] = new TokenRecord(hash, principalId, scopes, expiresAt);
    }

    public bool Holds(string tokenHash) => _records.ContainsKey(tokenHash);

    public TokenRecord? Find(string tokenHash) => _records.GetValueOrDefault(tokenHash);

    public Task<TokenRecord?> GetAsync(string tokenHash, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _reads);
        return Task.FromResult(_records.GetValueOrDefault(tokenHash));
    }

    public Task PutAsync(TokenRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        _records[record.TokenHash] = record;
        return Task.CompletedTask;
    }

    public Task<bool> DeleteAsync(string tokenHash, CancellationToken cancellationToken) => Task.FromResult(_records.TryRemove(tokenHash, out _));

    public async IAsyncEnumerable<TokenRecord> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        foreach (TokenRecord record in _records.Values)
        {
            yield return record;
        }
    }
}
