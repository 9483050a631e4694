using System.Runtime.CompilerServices;
using AotAuth.Storage;

namespace AotAuth.Authorizer.Tests;

/// <summary>An in-memory token store that counts reads and can fail or hang on demand.</summary>
internal sealed class FakeTokenStore : ITokenStore
{
    private readonly Dictionary<string, TokenRecord> _records = [];

    public int Reads { get; private set; }

    public Exception? FailWith { get; set; }

    public bool Hang { get; set; }

    public void Add(string token, string principalId, string[] scopes, long? expiresAt = null)
    {
        string hash = Core.TokenHash.Compute(token).ToHex();
        _records[hash] = new TokenRecord(hash, principalId, scopes, expiresAt);
    }

    public async Task<TokenRecord?> GetAsync(string tokenHash, CancellationToken cancellationToken)
    {
        Reads++;
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

    public Task PutAsync(TokenRecord record, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> DeleteAsync(string tokenHash, CancellationToken cancellationToken) => Task.FromResult(_records.Remove(tokenHash));

    public async IAsyncEnumerable<TokenRecord> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        foreach (TokenRecord record in _records.Values)
        {
            yield return record;
        }
    }
}
