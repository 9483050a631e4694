using AotAuth.Core.Contracts;
using AotAuth.Testing.Tls;

namespace AotAuth.ColdStart;

/// <summary>
/// The variants of a <c>--lambda</c> run: every one reaches DynamoDB over HTTPS through the
/// loopback TLS proxy (root -> intermediate -> leaf), except the plain-HTTP floor and the two
/// program floors, which only take their event and answer a fixed Allow (no DynamoDB): what any
/// .NET Native AOT program (bench/AotAuth.FloorFunction) and any program at all (bench/floor-c)
/// take from process start to the first answer, under the same CPU share and harness.
/// </summary>
internal static class LambdaVariants
{
    public const string Deployed = "as deployed";
    public const string DeployedNoPriming = "as deployed, no priming";
    public const string SystemStore = "system trust store";
    public const string SystemStoreNoPriming = "system trust store, no priming";
    public const string PlainHttp = "as deployed, plain HTTP (floor)";
    public const string Jit = "as deployed, JIT";
    public const string Sdk = "AWSSDK.DynamoDBv2 (Native AOT)";
    public const string AwsStack = "AWS .NET stack (RuntimeSupport stand-in + AWSSDK.DynamoDBv2)";
    public const string Seed = "seed (Node.js 20 + aws-sdk v2)";
    public const string DotnetFloor = "floor: .NET Native AOT, next + fixed Allow";
    public const string CFloor = "floor: C, next + fixed Allow";

    public static Variant[] Build(string root, DeployedFunction deployed, Uri endpoint, Uri tlsEndpoint, ColdStartFixture fixture, TestCertificates certificates)
    {
        // What Lambda sets, and what the template leaves to CloudFormation (the table name).
        Dictionary<string, string> aws = Builds.LambdaEnvironment(fixture);
        aws["AWS_SESSION_TOKEN"] = "local-session";
        string[] unknown = [.. deployed.Unresolved.Where(v => !aws.ContainsKey(v))];
        if (unknown.Length > 0)
        {
            throw new InvalidOperationException("the template sets variables the harness cannot resolve: " + string.Join(", ", unknown));
        }

        // The shipped store with the test root appended: the proxy's chain ends there.
        string shippedStore = certificates.WithTestRoot(deployed.EnvironmentVariables[TrustStore.CertFileVariable], "shipped-store.pem");
        Dictionary<string, string> asDeployed = Merge(deployed.EnvironmentVariables, aws, new Dictionary<string, string>
        {
            [FunctionVariables.DynamoDbEndpoint] = tlsEndpoint.ToString().TrimEnd('/'),
            [TrustStore.CertFileVariable] = shippedStore,
        });
        Dictionary<string, string> systemStore = Merge(asDeployed, new Dictionary<string, string> { [TrustStore.CertFileVariable] = certificates.BundlePath });
        systemStore.Remove(TrustStore.CertDirVariable);

        string sdk = Builds.Published(root, "AotAuth.SdkAuthorizer");
        string awsStack = Builds.Published(root, "AotAuth.AwsStackAuthorizer");
        string dotnetFloor = Builds.Published(root, "AotAuth.FloorFunction");
        string cFloor = Path.Combine(root, "artifacts", "publish", "floor-c", "bootstrap");
        byte[] first = ColdStartFixture.AuthorizerEvent;
        byte[] warm = ColdStartFixture.WarmAuthorizerEvent;

        return
        [
            new Variant(Deployed, deployed.Bootstrap, [], asDeployed, first, Builds.Allow, [deployed.AssetDirectory], WarmPayload: warm),
            new Variant(DeployedNoPriming, deployed.Bootstrap, [], Merge(asDeployed, new Dictionary<string, string> { [FunctionVariables.PrimeStoreConnection] = "false" }), first, Builds.Allow, [deployed.AssetDirectory], WarmPayload: warm),
            new Variant(SystemStore, deployed.Bootstrap, [], systemStore, first, Builds.Allow, [deployed.AssetDirectory], WarmPayload: warm),
            new Variant(SystemStoreNoPriming, deployed.Bootstrap, [], Merge(systemStore, new Dictionary<string, string> { [FunctionVariables.PrimeStoreConnection] = "false" }), first, Builds.Allow, [deployed.AssetDirectory], WarmPayload: warm),
            new Variant(PlainHttp, deployed.Bootstrap, [], Merge(asDeployed, new Dictionary<string, string> { [FunctionVariables.DynamoDbEndpoint] = endpoint.ToString().TrimEnd('/') }), first, Builds.Allow, [deployed.AssetDirectory], WarmPayload: warm),
            Builds.Jit(Jit, root, asDeployed, first, warm),
            new Variant(Sdk, sdk, [], asDeployed, first, Builds.Allow, [Path.GetDirectoryName(sdk)!], WarmPayload: warm),
            new Variant(AwsStack, awsStack, [], asDeployed, first, Builds.Allow, [Path.GetDirectoryName(awsStack)!], WarmPayload: warm),
            Builds.Seed(Seed, root, fixture, Merge(aws, new Dictionary<string, string>
            {
                [FunctionVariables.DynamoDbEndpoint] = tlsEndpoint.ToString().TrimEnd('/'),
                // Node keeps its own roots and adds these (the nodejs runtime's behaviour).
                ["NODE_EXTRA_CA_CERTS"] = certificates.CaOnlyPath,
            }), first, warm),
            new Variant(DotnetFloor, dotnetFloor, [], aws, first, Builds.Allow, [dotnetFloor], WarmPayload: warm),
            new Variant(CFloor, cFloor, [], aws, first, Builds.Allow, [cFloor], WarmPayload: warm),
        ];
    }

    private static Dictionary<string, string> Merge(params IReadOnlyDictionary<string, string>[] layers)
    {
        var merged = new Dictionary<string, string>();
        foreach (IReadOnlyDictionary<string, string> layer in layers)
        {
            foreach ((string key, string value) in layer)
            {
                merged[key] = value;
            }
        }

        return merged;
    }
}
