namespace AotAuth.Gateway;

/// <summary>
/// API Gateway's authorizer result cache, for both API kinds: a REST TOKEN authorizer's parsed
/// policy keyed by the token value, an HTTP API authorizer's answer keyed by its identity source
/// values. An entry lives for the authorizer's TTL. A cached REST policy is evaluated again for
/// every new method ARN, so a policy that allows only the first route a token called denies the
/// next route until it expires, as on AWS.
/// </summary>
/// <remarks>
/// <para>What is cached is the caller's choice: the REST flavour caches valid policies only (an
/// <c>Unauthorized</c> failure, any other authorizer error and a malformed answer are not, so a
/// token just created is usable at once); the HTTP flavour caches every valid answer, refusals
/// included, as AWS describes it.</para>
/// <para>A flush (<see cref="Clear"/>) starts a new <see cref="Generation"/>: a caller reads the
/// generation before it invokes the authorizer and hands it to <see cref="Set"/>, which drops an
/// answer begun before the flush, so a call in flight cannot cache an Allow the flush was meant
/// to end.</para>
/// <para>In the local gateway the keys (tokens) are kept in this process's memory only, never
/// written anywhere; the cache is bounded (oldest entries go first) and thread-safe.</para>
/// </remarks>
/// <typeparam name="TResult">The authorizer's parsed answer.</typeparam>
public sealed class AuthorizerResultCache<TResult>
    where TResult : class
{
    /// <summary>The default bound on cached entries.</summary>
    public const int DefaultCapacity = 1024;

    private readonly TimeSpan _ttl;
    private readonly TimeProvider _clock;
    private readonly int _capacity;
    private readonly Dictionary<string, LinkedListNode<Entry>> _byKey = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _byAge = new();
    private readonly Lock _lock = new();
    private long _generation;

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

    /// <summary>The number of entries held (expired ones included until they are touched or evicted).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _byKey.Count;
            }
        }
    }

    /// <summary>The current flush generation: read it before invoking the authorizer, pass it to <see cref="Set"/>.</summary>
    public long Generation
    {
        get
        {
            lock (_lock)
            {
                return _generation;
            }
        }
    }

    /// <summary>The cached result for <paramref name="key"/>, if one has not expired.</summary>
    public bool TryGet(string key, out TResult? result)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_lock)
        {
            if (_byKey.TryGetValue(key, out var node))
            {
                if (node.Value.Expires > _clock.GetUtcNow())
                {
                    result = node.Value.Result;
                    return true;
                }

                Remove(node);
            }

            result = null;
            return false;
        }
    }

    /// <summary>
    /// Caches <paramref name="result"/> under <paramref name="key"/> for the TTL, unless the TTL is
    /// zero or the cache was flushed since <paramref name="generation"/> was read.
    /// </summary>
    /// <returns>True when it was cached.</returns>
    public bool Set(string key, TResult result, long generation)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(result);
        if (_ttl == TimeSpan.Zero)
        {
            return false;
        }

        lock (_lock)
        {
            if (generation != _generation)
            {
                return false;
            }

            if (_byKey.TryGetValue(key, out var existing))
            {
                Remove(existing);
            }

            while (_byKey.Count >= _capacity)
            {
                Remove(_byAge.First!);
            }

            _byKey[key] = _byAge.AddLast(new Entry(key, result, _clock.GetUtcNow() + _ttl));
            return true;
        }
    }

    /// <summary>Forgets every cached result and starts a new generation; returns how many entries there were.</summary>
    public int Clear()
    {
        lock (_lock)
        {
            int count = _byKey.Count;
            _byKey.Clear();
            _byAge.Clear();
            _generation++;
            return count;
        }
    }

    private void Remove(LinkedListNode<Entry> node)
    {
        _byKey.Remove(node.Value.Key);
        _byAge.Remove(node);
    }

    private sealed record Entry(string Key, TResult Result, DateTimeOffset Expires);
}
