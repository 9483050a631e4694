using AotAuth.Core.Api;

namespace AotAuth.Gateway.Tests;

public class AuthorizerResultCacheTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private static AuthorizerOutput Output(string principal) =>
        AuthorizerOutput.Create(principal, [new PolicyStatement(PolicyEffect.Allow, ["execute-api:Invoke"], ["*"])]);

    /// <summary>A cache on the test clock; the gateway's default capacity unless given.</summary>
    private AuthorizerResultCache<AuthorizerOutput> NewCache(TimeSpan ttl, int? capacity = null) =>
        capacity is { } bound ? new(ttl, _clock, capacity: bound) : new(ttl, _clock);

    /// <summary>Caches an answer allowing everything to <paramref name="principal"/> under <paramref name="token"/>, in the current generation.</summary>
    private static void Allow(AuthorizerResultCache<AuthorizerOutput> cache, string token, string principal) =>
        cache.Set(token, Output(principal), cache.Generation);

    [Fact]
    public void CachedPolicy_IsReturnedForTheSameToken_WithinTheTtl()
    {
        var cache = NewCache(TimeSpan.FromSeconds(AotAuthApi.Definition.Authorizer.ResultTtlSeconds));
        AuthorizerOutput alice = Output("alice");
        cache.Set("token1", alice, cache.Generation);
        _clock.Advance(TimeSpan.FromSeconds(299));
        Assert.True(cache.TryGet("token1", out AuthorizerOutput? cached));
        Assert.Same(alice, cached);
    }

    [Fact]
    public void CachedPolicy_ExpiresAfterTheTtl()
    {
        var cache = NewCache(TimeSpan.FromSeconds(300));
        Allow(cache, "token1", "alice");
        _clock.Advance(TimeSpan.FromSeconds(300));
        Assert.False(cache.TryGet("token1", out AuthorizerOutput? cached));
        Assert.Null(cached);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void Tokens_AreKeysComparedExactly()
    {
        var cache = NewCache(TimeSpan.FromSeconds(300));
        Allow(cache, "token1", "alice");
        Assert.False(cache.TryGet("TOKEN1", out _));
        Assert.False(cache.TryGet("token2", out _));
    }

    [Fact]
    public void ZeroTtl_DisablesCaching()
    {
        var cache = NewCache(TimeSpan.Zero);
        Allow(cache, "token1", "alice");
        Assert.False(cache.TryGet("token1", out _));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void SettingATokenAgain_ReplacesItsResult_AndRestartsItsTtl()
    {
        var cache = NewCache(TimeSpan.FromSeconds(300));
        Allow(cache, "token1", "alice");
        _clock.Advance(TimeSpan.FromSeconds(200));
        Allow(cache, "token1", "bob");
        _clock.Advance(TimeSpan.FromSeconds(200));
        Assert.True(cache.TryGet("token1", out AuthorizerOutput? cached));
        Assert.Equal("bob", cached!.PrincipalId);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void Cache_IsBounded_AndEvictsTheOldestTokenFirst()
    {
        var cache = NewCache(TimeSpan.FromMinutes(5), capacity: 2);
        Allow(cache, "a", "a");
        Allow(cache, "b", "b");
        Allow(cache, "c", "c");
        Assert.Equal(2, cache.Count);
        Assert.False(cache.TryGet("a", out _));
        Assert.True(cache.TryGet("b", out _));
        Assert.True(cache.TryGet("c", out _));
    }

    [Fact]
    public void Clear_ForgetsEveryToken()
    {
        var cache = NewCache(TimeSpan.FromSeconds(300));
        Allow(cache, "a", "a");
        Assert.Equal(1, cache.Clear());
        Assert.False(cache.TryGet("a", out _));
    }

    [Fact]
    public void AnswerBegunBeforeAFlush_IsNeverCachedAfterIt()
    {
        // A request read the generation, invoked the authorizer (a warm instance answering from its
        // decision cache), and the flush came before it could cache the answer.
        var cache = NewCache(TimeSpan.FromSeconds(300));
        long before = cache.Generation;
        Assert.Equal(0, cache.Clear());

        Assert.False(cache.Set("token1", Output("alice"), before));
        Assert.False(cache.TryGet("token1", out _));
        Assert.True(cache.Set("token1", Output("alice"), cache.Generation));
        Assert.True(cache.TryGet("token1", out _));
    }

    [Fact]
    public void KeySetAgainAfterItExpired_IsQueuedOnce_SoEvictionNeverDropsAFreshEntry()
    {
        // The HTTP API cache this one replaced queued such a key twice, then evicted it while fresh.
        var cache = new AuthorizerResultCache<string>(TimeSpan.FromSeconds(10), _clock, capacity: 2);
        cache.Set("a", "a1", cache.Generation);
        _clock.Advance(TimeSpan.FromSeconds(11));
        Assert.False(cache.TryGet("a", out _));
        cache.Set("b", "b1", cache.Generation);
        cache.Set("a", "a2", cache.Generation);
        cache.Set("c", "c1", cache.Generation);

        // b is now the oldest entry: it goes, the fresh a stays.
        Assert.Equal(2, cache.Count);
        Assert.False(cache.TryGet("b", out _));
        Assert.True(cache.TryGet("a", out string? a));
        Assert.Equal("a2", a);
        Assert.True(cache.TryGet("c", out _));
    }

    [Fact]
    public void CachedNarrowPolicy_DeniesTheNextRoute_UntilItExpires()
    {
        const string api = "arn:aws:execute-api:eu-west-1:123456789012:local/prod";
        var cache = NewCache(TimeSpan.FromSeconds(300));
        cache.Set("token1", AuthorizerOutput.Create("alice", [new PolicyStatement(PolicyEffect.Allow, ["execute-api:Invoke"], [$"{api}/PUT/user"])]), cache.Generation);
        Assert.True(cache.TryGet("token1", out AuthorizerOutput? cached));
        Assert.Equal(PolicyDecision.ImplicitDeny, PolicyEvaluator.Evaluate(cached!, $"{api}/GET/user/1"));
        _clock.Advance(TimeSpan.FromSeconds(301));
        Assert.False(cache.TryGet("token1", out _));
    }

    [Fact]
    public void InvalidArguments_AreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AuthorizerResultCache<AuthorizerOutput>(TimeSpan.FromSeconds(-1), _clock));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AuthorizerResultCache<AuthorizerOutput>(TimeSpan.FromSeconds(300), _clock, capacity: 0));
    }
}
