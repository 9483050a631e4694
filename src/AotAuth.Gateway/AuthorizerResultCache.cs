namespace AotAuth.Gateway;

/// <summary>
/// API Gateway's authorizer result cache for a TOKEN authorizer: keyed by the token value,
/// holding the parsed policy (with principalId and context) for the authorizer's TTL.
/// A cached policy is evaluated again for every new method ARN, so a policy that allows only
/// the first route a token called denies the next route until it expires, as on AWS.
/// </summary>
/// <remarks>
/// <para>Only valid policy answers are cached. An <c>Unauthorized</c> failure (401), any other
/// authorizer error, and a malformed answer are not: the next request invokes the authorizer
/// again. API Gateway documents caching of the returned policy only, and this keeps a token
/// that was just created usable at once.</para>
/// <para>In the local gateway the tokens are kept in this process's memory only, never written
/// anywhere; the cache is bounded (oldest entries go first) and thread-safe.</para>
/// </remarks>
public sealed class AuthorizerResultCache
{
    /// <summary>The default bound on cached tokens.</summary>
    public const int DefaultCapacity = 1024;

    private readonly TimeSpan _ttl;
    private readonly TimeProvider _clock;
    private readonly int _capacity;
    private readonly Dictionary<string, LinkedListNode<Entry>> _byToken = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _byAge = new();
    private readonly Lock _lock = new();

    /// <summary>A cache keeping results for <paramref name="ttl"/> (zero disables caching).</summary>
    public AuthorizerResultCache(TimeSpan ttl, TimeProvider clock, int capacity = DefaultCapacity)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentOutOfRangeException.ThrowIfLessThan(ttl, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _ttl = ttl;
        _clock = clock;
        _capacity = capacity;
    }

    /// <summary>A cache with the TTL of an authorizer definition (<c>authorizerResultTtlInSeconds</c>).</summary>
    public AuthorizerResultCache(int ttlSeconds, TimeProvider clock, int capacity = DefaultCapacity)
        : this(TimeSpan.FromSeconds(ttlSeconds), clock, capacity)
    {
    }

    /// <summary>The number of entries held (expired ones included until they are touched or evicted).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _byToken.Count;
            }
        }
    }

    /// <summary>The cached result for <paramref name="token"/>, if one has not expired.</summary>
    public bool TryGet(string token, out AuthorizerOutput? output)
    {
        ArgumentNullException.ThrowIfNull(token);
        lock (_lock)
        {
            if (_byToken.TryGetValue(token, out var node))
            {
                if (node.Value.Expires > _clock.GetUtcNow())
                {
                    output = node.Value.Output;
                    return true;
                }

                Remove(node);
            }

            output = null;
            return false;
        }
    }

    /// <summary>Caches <paramref name="output"/> under <paramref name="token"/> for the TTL (no-op when the TTL is zero).</summary>
    public void Set(string token, AuthorizerOutput output)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(output);
        if (_ttl == TimeSpan.Zero)
        {
            return;
        }

        lock (_lock)
        {
            if (_byToken.TryGetValue(token, out var existing))
            {
                Remove(existing);
            }

            while (_byToken.Count >= _capacity)
            {
                Remove(_byAge.First!);
            }

            _byToken[token] = _byAge.AddLast(new Entry(token, output, _clock.GetUtcNow() + _ttl));
        }
    }

    /// <summary>Forgets every cached result.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _byToken.Clear();
            _byAge.Clear();
        }
    }

    private void Remove(LinkedListNode<Entry> node)
    {
        _byToken.Remove(node.Value.Token);
        _byAge.Remove(node);
    }

    private sealed record Entry(string Token, AuthorizerOutput Output, DateTimeOffset Expires);
}
