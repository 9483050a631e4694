namespace AotAuth.Core.Contracts;

/// <summary>
/// The TLS trust store each function ships next to its <c>bootstrap</c>
/// (<c>src/TrustStore/aws-root-cas.pem</c>: the roots AWS endpoints chain to) and the
/// environment that makes OpenSSL and .NET load it alone. Without it a custom runtime loads
/// the whole system store on its first HTTPS call, which at 128 MB's CPU share takes over a
/// second (docs/performance.md, "Cold start on AWS"). The stack, <c>aotauth serve --native</c>, the arm64
/// smoke test and the cold-start harness all use this one definition.
/// </summary>
public static class TrustStore
{
    /// <summary>The bundle's file name, next to <c>bootstrap</c> in the publish folder and the Lambda asset.</summary>
    public const string FileName = "aws-root-cas.pem";

    /// <summary>Names the trusted certificates file.</summary>
    public const string CertFileVariable = "SSL_CERT_FILE";

    /// <summary>Names the trusted certificates folder.</summary>
    public const string CertDirVariable = "SSL_CERT_DIR";

    /// <summary>
    /// <c>SSL_CERT_DIR</c>'s value: not a folder, so nothing is read from it, and being set it keeps
    /// .NET from falling back to <c>/etc/ssl/certs</c> (an empty folder would do the same, but an
    /// empty folder does not survive a Lambda zip asset).
    /// </summary>
    public const string NoCertDir = "/dev/null";

    /// <summary>Where Lambda unpacks a function's code.</summary>
    public const string LambdaTaskRoot = "/var/task";

    /// <summary>The variables for a function whose <c>bootstrap</c> and bundle are in <paramref name="functionDirectory"/>.</summary>
    public static IReadOnlyDictionary<string, string> Environment(string functionDirectory) => new Dictionary<string, string>
    {
        [CertFileVariable] = functionDirectory.TrimEnd('/') + "/" + FileName,
        [CertDirVariable] = NoCertDir,
    };
}
