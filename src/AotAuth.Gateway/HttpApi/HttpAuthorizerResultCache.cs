namespace AotAuth.Gateway;

/// <summary>
/// An HTTP API's authorizer result cache: keyed by the identity source values
/// (<see cref="HttpIdentitySource.CacheKey"/>), for the authorizer's TTL. Every valid answer is
/// cached, refusals (<c>isAuthorized: false</c>, a Deny) included, as AWS describes it ("uses the
/// cached authorizer result"); errors and malformed answers are not. Bounded (oldest first), thread-safe.
/// </summary>
public sealed class HttpAuthorizerResultCache(TimeSpan ttl, TimeProvider clock, int capacity = AuthorizerResultCache.DefaultCapacity)
{
    private readonly Dictionary<string, (HttpAuthorizerResult Result, DateTimeOffset Expires)> _entries = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private readonly Lock _lock = new();

    /// <summary>The entries held (expired ones included until touched or evicted).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>The cached result for <paramref name="key"/>, if it has not expired.</summary>
    public bool TryGet(string key, out HttpAuthorizerResult? result)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var entry) && entry.Expires > clock.GetUtcNow())
            {
                result = entry.Result;
                return true;
            }

            _entries.Remove(key);
            result = null;
            return false;
        }
    }

    /// <summary>Caches <paramref name="result"/> under <paramref name="key"/> for the TTL (no-op when it is zero).</summary>
    public void Set(string key, HttpAuthorizerResult result)
    {
        if (ttl <= TimeSpan.Zero)
        {
            return;
        }

        lock (_lock)
        {
            while (_entries.Count >= capacity && _order.TryDequeue(out string? oldest))
            {
                _entries.Remove(oldest);
            }

            if (!_entries.ContainsKey(key))
            {
                _order.Enqueue(key);
            }

            _entries[key] = (result, clock.GetUtcNow() + ttl);
        }
    }

    /// <summary>Forgets every cached result.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _entries.Clear();
            _order.Clear();
        }
    }
}
