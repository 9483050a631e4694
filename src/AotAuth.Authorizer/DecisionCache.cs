using System.Buffers.Binary;
using System.Security.Cryptography;
using AotAuth.Core;

namespace AotAuth.Authorizer;

/// <summary>
/// A warm instance's memory of recent decisions, so a repeated token costs no DynamoDB
/// call. Bounded in size and time: an entry lives for the TTL, and never past the token's
/// own expiry. Negative answers are cached too, so a flood of one wrong token does not
/// turn into a flood of reads.
/// </summary>
/// <remarks>
/// Entries are keyed by <see cref="KeyOf"/>: two SipHash-2-4 tags of the token under
/// random keys drawn when the instance starts (128 bits), not by its SHA-256, so a hit skips
/// the SHA-256, which was a third of the warm path. The token itself is never kept; without
/// the keys, which never leave the process, nobody can choose a token that lands on another
/// token's entry. The entry remembers the token's SHA-256 (for logs and metrics).
/// </remarks>
internal sealed class DecisionCache
{
    private readonly Dictionary<CacheKey, Entry> _entries = [];
    private readonly ulong _k0;
    private readonly ulong _k1;
    private readonly ulong _k2;
    private readonly ulong _k3;
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
        Span<byte> keys = stackalloc byte[32];
        RandomNumberGenerator.Fill(keys);
        _k0 = BinaryPrimitives.ReadUInt64LittleEndian(keys);
        _k1 = BinaryPrimitives.ReadUInt64LittleEndian(keys[8..]);
        _k2 = BinaryPrimitives.ReadUInt64LittleEndian(keys[16..]);
        _k3 = BinaryPrimitives.ReadUInt64LittleEndian(keys[24..]);
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

    /// <summary>This cache's key for <paramref name="token"/> (see the remarks of the class).</summary>
    public CacheKey KeyOf(ReadOnlySpan<byte> token) => new(SipHash24.Hash(_k0, _k1, token), SipHash24.Hash(_k2, _k3, token));

    /// <summary>The cached decision for <paramref name="key"/> and its token's hash, if it has not expired.</summary>
    public bool TryGet(CacheKey key, out TokenDecision decision, out TokenHash hash)
    {
        long now = NowMs();
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out Entry entry))
            {
                if (entry.ExpiresAtMs > now)
                {
                    decision = entry.Decision;
                    hash = entry.Hash;
                    return true;
                }

                _entries.Remove(key);
            }
        }

        decision = TokenDecision.Unknown;
        hash = default;
        return false;
    }

    /// <summary>Remembers <paramref name="decision"/> for the TTL (or until the token expires).</summary>
    /// <param name="key">The token's <see cref="KeyOf"/>.</param>
    /// <param name="hash">The token's SHA-256, handed back with a hit.</param>
    /// <param name="decision">What was decided.</param>
    public void Add(CacheKey key, TokenHash hash, TokenDecision decision)
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
            if (_entries.Count >= _maxEntries && !_entries.ContainsKey(key))
            {
                MakeRoom(now);
            }

            _entries[key] = new Entry(decision, hash, expiresAt);
        }
    }

    // Runs only when the cache is full: drop what has expired, and if that frees
    // nothing, the entry closest to expiry. O(n) on a bounded n, off the hit path.
    private void MakeRoom(long now)
    {
        CacheKey? soonest = null;
        long soonestAt = long.MaxValue;
        foreach ((CacheKey key, Entry entry) in _entries)
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

        if (_entries.Count >= _maxEntries && soonest is CacheKey victim)
        {
            _entries.Remove(victim);
        }
    }

    private long NowMs() => _clock.GetUtcNow().ToUnixTimeMilliseconds();

    private readonly record struct Entry(TokenDecision Decision, TokenHash Hash, long ExpiresAtMs);
}

/// <summary>A <see cref="DecisionCache"/> key: 128 bits of keyed hash of a token.</summary>
internal readonly record struct CacheKey(ulong A, ulong B);
