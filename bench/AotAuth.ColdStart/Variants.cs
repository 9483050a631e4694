using AotAuth.Testing.Tls;
using AotAuth.Core.Contracts;
namespace AotAuth.ColdStart;

/// <summary>The variants of one harness run, in the order they are started each round.</summary>
internal static class Variants
{
    public const string Native = "authorizer (native)";
    public const string NativeTls = "authorizer (native, TLS)";

    /// <param name="extraNative">More native authorizer builds to compare (<c>--native NAME=PATH</c>), e.g. the same code published with other AOT settings.</param>
    public static Variant[] Build(string root, Uri endpoint, ColdStartFixture fixture, Uri tlsEndpoint, TestCertificates certificates, IReadOnlyList<(string Name, string Path)> extraNative)
    {
        var common = new Dictionary<string, string>
        {
            [FunctionVariables.Region] = FunctionVariables.DefaultRegion,
            ["AWS_ACCESS_KEY_ID"] = "local",
            ["AWS_SECRET_ACCESS_KEY"] = "local",
            [FunctionVariables.DynamoDbEndpoint] = endpoint.ToString().TrimEnd('/'),
            [FunctionVariables.TokenTable] = fixture.TokenTable,
            [FunctionVariables.UserTable] = fixture.UserTable,
        };
        var tls = new Dictionary<string, string>(common)
        {
            [FunctionVariables.DynamoDbEndpoint] = tlsEndpoint.ToString().TrimEnd('/'),
            [TrustStore.CertFileVariable] = certificates.BundlePath,
        };

        // The same, with a trust store trimmed to the one CA the endpoint needs and no
        // certificate folder: what a function can ship to skip loading the system store.
        var tlsTrimmed = new Dictionary<string, string>(tls)
        {
            [TrustStore.CertFileVariable] = certificates.CaOnlyPath,
            [TrustStore.CertDirVariable] = certificates.EmptyDirectory,
        };
        var seed = new Dictionary<string, string>(common)
        {
            ["SEED_TOKEN_TABLE"] = fixture.SeedTable,
            ["AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE"] = "1",
        };

        string native = Path.Combine(root, "artifacts", "publish", "AotAuth.Authorizer", "release_linux-x64", "bootstrap");
        string jitFolder = Path.Combine(root, "artifacts", "bin", "AotAuth.Authorizer", "release");
        string user = Path.Combine(root, "artifacts", "publish", "AotAuth.UserFunction", "release_linux-x64", "bootstrap");
        string seedFolder = Path.Combine(root, "bench", "seed-node");
        byte[] token = ColdStartFixture.AuthorizerEvent;
        const string Allow = "\"Allow\"";

        return
        [
            new Variant(Native, native, [], common, token, Allow, [native]),
            new Variant(NativeTls, native, [], tls, token, Allow, [native]),
            new Variant("authorizer (native, HTTP API 2.0 event)", native, [], common, ColdStartFixture.HttpAuthorizerEvent, "\"isAuthorized\":true", [native]),
            new Variant("authorizer (native, TLS, 1-CA store)", native, [], tlsTrimmed, token, Allow, [native]),
            new Variant("authorizer (JIT)", "dotnet", [Path.Combine(jitFolder, "bootstrap.dll")], common, token, Allow, [jitFolder], "+ shared runtime"),
            new Variant("seed (Node.js)", "node", [Path.Combine(seedFolder, "runtime.js")], seed, token, Allow,
                [Path.Combine(seedFolder, "runtime.js"), Path.Combine(seedFolder, "index.js"), Path.Combine(seedFolder, "node_modules")], "+ node"),
            new Variant("user function (native)", user, [], common, ColdStartFixture.UserEvent, "null", [user]),
            .. extraNative.Select(e => new Variant($"authorizer ({e.Name})", e.Path, [], common, token, Allow, [e.Path])),
        ];
    }

    /// <summary>The files a variant needs; a missing one is a setup error, reported before any run.</summary>
    public static IEnumerable<string> Missing(IEnumerable<Variant> variants) =>
        variants.SelectMany(v => v.SizePaths.Take(1).Concat(v.Arguments.Take(1)))
            .Where(p => p.StartsWith('/') && !File.Exists(p) && !Directory.Exists(p))
            .Distinct();
}
