namespace AotAuth.Benchmarks;

/// <summary>The benchmark categories; each one holds exactly one baseline.</summary>
internal static class Categories
{
    public const string PolicyGeneration = "policy-generation";
    public const string TokenCheck = "token-check";
    public const string TokenHash = "token-hash";
    public const string AuthorizerHotPath = "authorizer-hot-path";
    public const string AuthorizerHotPathRequest = "authorizer-hot-path-request";
    public const string AuthorizerHotPathHttp = "authorizer-hot-path-http";
    public const string RuntimeRoundTrip = "runtime-round-trip";
    public const string WarmMiss = "warm-miss";
    public const string Logging = "logging";
    public const string GatewayPipeline = "gateway-pipeline";
}
