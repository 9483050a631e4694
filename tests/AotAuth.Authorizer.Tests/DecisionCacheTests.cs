using AotAuth.Core;
using AotAuth.Storage;

namespace AotAuth.Authorizer.Tests;

public class DecisionCacheTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private static TokenDecision Known(long? expiresAt = null) =>
        TokenDecision.From(new TokenRecord(new string('0', 64), "p", ["* /*"], expiresAt));

    [Fact]
    public void Entry_IsServedUntilTheTtlAndNotAfter()
    {
        var clock = new ManualClock(Start);
        var cache = new DecisionCache(clock, TimeSpan.FromSeconds(60), 10);
        TokenHash key = TokenHash.Compute("abc");
        cache.Add(key, Known());

        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.True(cache.TryGet(key, out TokenDecision hit));
        Assert.True(hit.IsKnown);

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(cache.TryGet(key, out _));
    }

    [Fact]
    public void Entry_NeverOutlivesTheTokensExpiry()
    {
        var clock = new ManualClock(Start);
        var cache = new DecisionCache(clock, TimeSpan.FromSeconds(60), 10);
        TokenHash key = TokenHash.Compute("abc");
        cache.Add(key, Known(expiresAt: Start.ToUnixTimeSeconds() + 5));

        clock.Advance(TimeSpan.FromSeconds(5));

        Assert.False(cache.TryGet(key, out _));
    }

    [Fact]
    public void NegativeAnswers_AreCachedToo()
    {
        var cache = new DecisionCache(new ManualClock(Start), TimeSpan.FromSeconds(60), 10);
        TokenHash key = TokenHash.Compute("nope");
        cache.Add(key, TokenDecision.Unknown);

        Assert.True(cache.TryGet(key, out TokenDecision decision));
        Assert.False(decision.IsKnown);
    }

    [Fact]
    public void ZeroTtl_CachesNothing()
    {
        var cache = new DecisionCache(new ManualClock(Start), TimeSpan.Zero, 10);
        TokenHash key = TokenHash.Compute("abc");
        cache.Add(key, Known());

        Assert.False(cache.TryGet(key, out _));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void FullCache_StaysWithinItsBound_AndEvictsTheEntryClosestToExpiry()
    {
        var clock = new ManualClock(Start);
        var cache = new DecisionCache(clock, TimeSpan.FromSeconds(60), 3);
        TokenHash oldest = TokenHash.Compute("t0");
        cache.Add(oldest, Known());
        for (int i = 1; i < 10; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            cache.Add(TokenHash.Compute($"t{i}"), Known());
            Assert.True(cache.Count <= 3);
        }

        Assert.False(cache.TryGet(oldest, out _));
        Assert.True(cache.TryGet(TokenHash.Compute("t9"), out _));
    }
}
