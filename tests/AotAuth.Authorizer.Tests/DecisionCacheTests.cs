using AotAuth.Core;
using AotAuth.Storage;

namespace AotAuth.Authorizer.Tests;

public class DecisionCacheTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private static TokenDecision Known(long? expiresAt = null) =>
        TokenDecision.From(new TokenRecord(new string('0', 64), "p", ["* /*"], expiresAt));

    private static CacheKey Key(DecisionCache cache, string token) => cache.KeyOf(System.Text.Encoding.UTF8.GetBytes(token));

    private static void Add(DecisionCache cache, string token, TokenDecision decision) =>
        cache.Add(Key(cache, token), TokenHash.Compute(token), decision);

    private static bool TryGet(DecisionCache cache, string token, out TokenDecision decision) =>
        cache.TryGet(Key(cache, token), out decision, out _);

    [Fact]
    public void Entry_IsServedUntilTheTtlAndNotAfter()
    {
        var clock = new FakeTimeProvider(Start);
        var cache = new DecisionCache(clock, TimeSpan.FromSeconds(60), 10);
        Add(cache, "abc", Known());

        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.True(TryGet(cache, "abc", out TokenDecision hit));
        Assert.True(hit.IsKnown);

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(TryGet(cache, "abc", out _));
    }

    [Fact]
    public void Entry_NeverOutlivesTheTokensExpiry()
    {
        var clock = new FakeTimeProvider(Start);
        var cache = new DecisionCache(clock, TimeSpan.FromSeconds(60), 10);
        Add(cache, "abc", Known(expiresAt: Start.ToUnixTimeSeconds() + 5));

        clock.Advance(TimeSpan.FromSeconds(5));

        Assert.False(TryGet(cache, "abc", out _));
    }

    [Fact]
    public void NegativeAnswers_AreCachedToo()
    {
        var cache = new DecisionCache(new FakeTimeProvider(Start), TimeSpan.FromSeconds(60), 10);
        Add(cache, "nope", TokenDecision.Unknown);

        Assert.True(TryGet(cache, "nope", out TokenDecision decision));
        Assert.False(decision.IsKnown);
    }

    [Fact]
    public void ZeroTtl_CachesNothing()
    {
        var cache = new DecisionCache(new FakeTimeProvider(Start), TimeSpan.Zero, 10);
        Add(cache, "abc", Known());

        Assert.False(TryGet(cache, "abc", out _));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void FullCache_StaysWithinItsBound_AndEvictsTheEntryClosestToExpiry()
    {
        var clock = new FakeTimeProvider(Start);
        var cache = new DecisionCache(clock, TimeSpan.FromSeconds(60), 3);
        Add(cache, "t0", Known());
        for (int i = 1; i < 10; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            Add(cache, $"t{i}", Known());
            Assert.True(cache.Count <= 3);
        }

        Assert.False(TryGet(cache, "t0", out _));
        Assert.True(TryGet(cache, "t9", out _));
    }

    [Fact]
    public void CacheHit_HandsBackTheTokensSha256_ForLogsAndMetrics()
    {
        var cache = new DecisionCache(new FakeTimeProvider(Start), TimeSpan.FromSeconds(60), 10);
        Add(cache, "abc", Known());

        Assert.True(cache.TryGet(Key(cache, "abc"), out _, out TokenHash hash));
        Assert.Equal(TokenHash.Compute("abc"), hash);
    }

    [Fact]
    public void Keys_DifferByToken_AndByInstance_SoNoTokenCanBeChosenToHitAnothersEntry()
    {
        var clock = new FakeTimeProvider(Start);
        var first = new DecisionCache(clock, TimeSpan.FromSeconds(60), 10);
        var second = new DecisionCache(clock, TimeSpan.FromSeconds(60), 10);

        Assert.Equal(Key(first, "abc"), Key(first, "abc"));
        Assert.NotEqual(Key(first, "abc"), Key(first, "abd"));
        Assert.NotEqual(Key(first, "abc"), Key(second, "abc"));
        Add(first, "abc", Known());
        Assert.False(TryGet(first, "abd", out _));
    }
}
