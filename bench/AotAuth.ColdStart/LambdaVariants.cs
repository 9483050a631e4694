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
    public const string Seed = "seed (Node.js 20 + aws-sdk v2)";
    public const string DotnetFloor = "floor: .NET Native AOT, next + fixed Allow";
    public const string CFloor = "floor: C, next + fixed Allow";

    public static Variant[] Build(string root, DeployedFunction deployed, Uri endpoint, Uri tlsEndpoint, ColdStartFixture fixture, TestCertificates certificates)
    {
        var aws = new Dictionary<string, string>
        {
            // What Lambda sets, and what the template leaves to CloudFormation (the table name).
            [FunctionVariables.Region] = FunctionVariables.DefaultRegion,
            ["AWS_ACCESS_KEY_ID"] = "local",
            ["AWS_SECRET_ACCESS_KEY"] = "local",
            ["AWS_SESSION_TOKEN"] = "local-session",
            [FunctionVariables.TokenTable] = fixture.TokenTable,
        };
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

        string jitFolder = Path.Combine(root, "artifacts", "bin", "AotAuth.Authorizer", "release");
        string sdk = Path.Combine(root, "artifacts", "publish", "AotAuth.SdkAuthorizer", "release_linux-x64", "bootstrap");
        string seedFolder = Path.Combine(root, "bench", "seed-node");
        string dotnetFloor = Path.Combine(root, "artifacts", "publish", "AotAuth.FloorFunction", "release_linux-x64", "bootstrap");
        string cFloor = Path.Combine(root, "artifacts", "publish", "floor-c", "bootstrap");
        byte[] first = ColdStartFixture.AuthorizerEvent;
        byte[] warm = ColdStartFixture.WarmAuthorizerEvent;
        const string Allow = "\"Allow\"";

        return
        [
            new Variant(Deployed, deployed.Bootstrap, [], asDeployed, first, Allow, [deployed.AssetDirectory], WarmPayload: warm),
            new Variant(DeployedNoPriming, deployed.Bootstrap, [], Merge(asDeployed, new Dictionary<string, string> { [FunctionVariables.PrimeStoreConnection] = "false" }), first, Allow, [deployed.AssetDirectory], WarmPayload: warm),
            new Variant(SystemStore, deployed.Bootstrap, [], systemStore, first, Allow, [deployed.AssetDirectory], WarmPayload: warm),
            new Variant(SystemStoreNoPriming, deployed.Bootstrap, [], Merge(systemStore, new Dictionary<string, string> { [FunctionVariables.PrimeStoreConnection] = "false" }), first, Allow, [deployed.AssetDirectory], WarmPayload: warm),
            new Variant(PlainHttp, deployed.Bootstrap, [], Merge(asDeployed, new Dictionary<string, string> { [FunctionVariables.DynamoDbEndpoint] = endpoint.ToString().TrimEnd('/') }), first, Allow, [deployed.AssetDirectory], WarmPayload: warm),
            new Variant(Jit, "dotnet", [Path.Combine(jitFolder, "bootstrap.dll")], asDeployed, first, Allow, [jitFolder], "+ shared runtime", warm),
            new Variant(Sdk, sdk, [], asDeployed, first, Allow, [Path.GetDirectoryName(sdk)!], WarmPayload: warm),
            new Variant(Seed, "node", [Path.Combine(seedFolder, "runtime.js")], Merge(aws, new Dictionary<string, string>
            {
                [FunctionVariables.DynamoDbEndpoint] = tlsEndpoint.ToString().TrimEnd('/'),
                ["SEED_TOKEN_TABLE"] = fixture.SeedTable,
                ["AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE"] = "1",
                // Node keeps its own roots and adds these (the nodejs runtime's behaviour).
                ["NODE_EXTRA_CA_CERTS"] = certificates.CaOnlyPath,
            }), first, Allow, [Path.Combine(seedFolder, "runtime.js"), Path.Combine(seedFolder, "index.js"), Path.Combine(seedFolder, "node_modules")], "+ node", warm),
            new Variant(DotnetFloor, dotnetFloor, [], aws, first, Allow, [dotnetFloor], WarmPayload: warm),
            new Variant(CFloor, cFloor, [], aws, first, Allow, [cFloor], WarmPayload: warm),
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
