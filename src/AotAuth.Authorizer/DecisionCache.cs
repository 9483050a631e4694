using AotAuth.Core;

namespace AotAuth.Authorizer;

/// <summary>
/// A warm instance's memory of recent decisions, keyed by token hash, so a repeated
/// token costs no DynamoDB call. Bounded in size and time: an entry lives for the TTL,
/// and never past the token's own expiry. Negative answers are cached too, so a flood
/// of one wrong token does not turn into a flood of reads.
/// </summary>
internal sealed class DecisionCache
{
    private readonly Dictionary<TokenHash, Entry> _entries = [];
    private readonly Lock _lock = new();
    private readonly TimeProvider _clock;
    private readonly long _ttlMs;
    private readonly int _maxEntries;

    public DecisionCache(TimeProvider clock, TimeSpan ttl, int maxEntries)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ttl.Ticks);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEntries, 1);
        _clock = clock;
        _ttlMs = (long)ttl.TotalMilliseconds;
        _maxEntries = maxEntries;
    }

    /// <summary>Entries held now (expired ones included until they are swept).</summary>
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

    /// <summary>The cached decision for <paramref name="hash"/>, if it has not expired.</summary>
    public bool TryGet(TokenHash hash, out TokenDecision decision)
    {
        long now = NowMs();
        lock (_lock)
        {
            if (_entries.TryGetValue(hash, out Entry entry))
            {
                if (entry.ExpiresAtMs > now)
                {
                    decision = entry.Decision;
                    return true;
                }

                _entries.Remove(hash);
            }
        }

        decision = TokenDecision.Unknown;
        return false;
    }

    /// <summary>Remembers <paramref name="decision"/> for the TTL (or until the token expires).</summary>
    public void Add(TokenHash hash, TokenDecision decision)
    {
        if (_ttlMs == 0)
        {
            return;
        }

        long now = NowMs();
        long expiresAt = now + _ttlMs;
        if (decision.ExpiresAt is long tokenExpiry)
        {
            expiresAt = Math.Min(expiresAt, tokenExpiry * 1000);
        }

        if (expiresAt <= now)
        {
            return;
        }

        lock (_lock)
        {
            if (_entries.Count >= _maxEntries && !_entries.ContainsKey(hash))
            {
                MakeRoom(now);
            }

            _entries[hash] = new Entry(decision, expiresAt);
        }
    }

    // Runs only when the cache is full: drop what has expired, and if that frees
    // nothing, the entry closest to expiry. O(n) on a bounded n, off the hit path.
    private void MakeRoom(long now)
    {
        TokenHash? soonest = null;
        long soonestAt = long.MaxValue;
        foreach ((TokenHash key, Entry entry) in _entries)
        {
            if (entry.ExpiresAtMs <= now)
            {
                _entries.Remove(key);
            }
            else if (entry.ExpiresAtMs < soonestAt)
            {
                soonestAt = entry.ExpiresAtMs;
                soonest = key;
            }
        }

        if (_entries.Count >= _maxEntries && soonest is TokenHash victim)
        {
            _entries.Remove(victim);
        }
    }

    private long NowMs() => _clock.GetUtcNow().ToUnixTimeMilliseconds();

    private readonly record struct Entry(TokenDecision Decision, long ExpiresAtMs);
}
