namespace AotAuth.Hardening.Tests.Support;

/// <summary>The tokens the fake store holds in every bad-input test, with what they should get.</summary>
internal static class KnownTokens
{
    public const string Alice = "AliceToken0123456789abcdefABCDEF";
    public const string Bob = "bob42";
    public const string Expired = "ExpiredToken999";
    public const string BrokenScopes = "BrokenScopes777";

    public static readonly string[] All = [Alice, Bob, Expired, BrokenScopes];

    /// <summary>A store holding the four tokens (one expired, one whose scopes are all malformed).</summary>
    public static InMemoryTokenStore CreateStore(DateTimeOffset now)
    {
        var store = new InMemoryTokenStore();
        store.Add(Alice, "alice", ["PUT /user", "GET /user/*"]);
        store.Add(Bob, "bob \"the\" \\ builder \u00e9\u4e2d", ["* /*"]);
        store.Add(Expired, "eve", ["* /*"], now.ToUnixTimeSeconds() - 1);
        store.Add(BrokenScopes, "mallory", ["GET user", "FETCH /x", "GET /a:b"]);
        return store;
    }
}
