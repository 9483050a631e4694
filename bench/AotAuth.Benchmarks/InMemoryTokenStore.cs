using System.Runtime.CompilerServices;
using AotAuth.Storage;

namespace AotAuth.Benchmarks;

/// <summary>A token store over a dictionary: the cache-miss path's stand-in for DynamoDB.</summary>
internal sealed class InMemoryTokenStore(params TokenRecord[] records) : ITokenStore
{
    private readonly Dictionary<string, TokenRecord> _records = records.ToDictionary(r => r.TokenHash, StringComparer.Ordinal);

    public int Reads { get; private set; }

    public Task<TokenRecord?> GetAsync(string tokenHash, CancellationToken cancellationToken)
    {
        Reads++;
        return Task.FromResult(_records.GetValueOrDefault(tokenHash));
    }

    public Task PutAsync(TokenRecord record, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> DeleteAsync(string tokenHash, CancellationToken cancellationToken) => throw new NotSupportedException();

    public async IAsyncEnumerable<TokenRecord> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        foreach (TokenRecord record in _records.Values)
        {
            yield return record;
        }
    }
}
