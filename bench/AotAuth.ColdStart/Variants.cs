using AotAuth.Testing.Tls;
using AotAuth.Core.Contracts;
namespace AotAuth.ColdStart;

/// <summary>The variants of one harness run, in the order they are started each round.</summary>
internal static class Variants
{
    public const string Native = "authorizer (native)";
    public const string NativeTls = "authorizer (native, TLS)";
    public const string Seed = "seed (Node.js)";

    /// <param name="extraNative">More native authorizer builds to compare (<c>--native NAME=PATH</c>), e.g. the same code published with other AOT settings.</param>
    public static Variant[] Build(string root, Uri endpoint, ColdStartFixture fixture, Uri tlsEndpoint, TestCertificates certificates, IReadOnlyList<(string Name, string Path)> extraNative)
    {
        Dictionary<string, string> common = Builds.LambdaEnvironment(fixture);
        common[FunctionVariables.DynamoDbEndpoint] = endpoint.ToString().TrimEnd('/');
        common[FunctionVariables.UserTable] = fixture.UserTable;
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

        string native = Builds.Published(root, "AotAuth.Authorizer");
        string user = Builds.Published(root, "AotAuth.UserFunction");
        byte[] token = ColdStartFixture.AuthorizerEvent;

        return
        [
            new Variant(Native, native, [], common, token, Builds.Allow, [native]),
            new Variant(NativeTls, native, [], tls, token, Builds.Allow, [native]),
            new Variant("authorizer (native, HTTP API 2.0 event)", native, [], common, ColdStartFixture.HttpAuthorizerEvent, "\"isAuthorized\":true", [native]),
            new Variant("authorizer (native, TLS, 1-CA store)", native, [], tlsTrimmed, token, Builds.Allow, [native]),
            Builds.Jit("authorizer (JIT)", root, common, token),
            Builds.Seed(Seed, root, fixture, common, token),
            new Variant("user function (native)", user, [], common, ColdStartFixture.UserEvent, "null", [user]),
            .. extraNative.Select(e => new Variant($"authorizer ({e.Name})", e.Path, [], common, token, Builds.Allow, [e.Path])),
        ];
    }

    /// <summary>The files a variant needs; a missing one is a setup error, reported before any run.</summary>
    public static IEnumerable<string> Missing(IEnumerable<Variant> variants) =>
        variants.SelectMany(v => v.SizePaths.Take(1).Concat(v.Arguments.Take(1)))
            .Where(p => p.StartsWith('/') && !File.Exists(p) && !Directory.Exists(p))
            .Distinct();
}
