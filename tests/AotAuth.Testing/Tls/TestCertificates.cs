using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AotAuth.Testing.Tls;

/// <summary>
/// A throw-away chain made at run time (nothing secret is kept), shaped like an AWS
/// endpoint's: a root CA, an intermediate CA it signed, and a server certificate for
/// 127.0.0.1 the intermediate signed, all RSA 2048. The TLS proxy presents leaf and
/// intermediate; a function must trust the root. Also writes the trust stores the variants
/// point <c>SSL_CERT_FILE</c> at, each with the test root appended (the one certificate the
/// loopback proxy needs), so each loads a store of the same size it would on AWS.
/// </summary>
public sealed class TestCertificates : IDisposable
{
    private const string SystemBundle = "/etc/ssl/certs/ca-certificates.crt";

    private readonly string _directory;
    private readonly string _rootPem;

    private TestCertificates(string directory, string rootPem, X509Certificate2 server, X509Certificate2 intermediate)
    {
        _directory = directory;
        _rootPem = rootPem;
        Server = server;
        Intermediate = intermediate;
        BundlePath = WithTestRoot(File.Exists(SystemBundle) ? SystemBundle : null, "system-bundle.pem");
        CaOnlyPath = WithTestRoot(null, "test-root-only.pem");
        EmptyDirectory = Directory.CreateDirectory(Path.Combine(directory, "no-cert-dir")).FullName;
        BundleCertificates = File.ReadAllText(BundlePath).Split("-----BEGIN CERTIFICATE-----").Length - 1;
    }

    /// <summary>The server certificate with its private key.</summary>
    public X509Certificate2 Server { get; }

    /// <summary>The intermediate CA certificate the proxy sends with <see cref="Server"/>.</summary>
    public X509Certificate2 Intermediate { get; }

    /// <summary>The machine's whole bundle plus the test root (the system store a function loads when nothing is set).</summary>
    public string BundlePath { get; }

    /// <summary>How many certificates <see cref="BundlePath"/> holds.</summary>
    public int BundleCertificates { get; }

    /// <summary>The test root alone: the smallest possible store.</summary>
    public string CaOnlyPath { get; }

    /// <summary>An empty folder for <c>SSL_CERT_DIR</c>, so the system's hashed certificate folder is not read.</summary>
    public string EmptyDirectory { get; }

    public static TestCertificates Create(string directory)
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        Directory.CreateDirectory(directory);
        using RSA rootKey = RSA.Create(2048);
        using X509Certificate2 root = CaRequest("CN=AotAuth cold-start test root CA", rootKey, pathLength: 1).CreateSelfSigned(now.AddDays(-1), now.AddDays(7));

        using RSA intermediateKey = RSA.Create(2048);
        CertificateRequest intermediateRequest = CaRequest("CN=AotAuth cold-start test intermediate CA", intermediateKey, pathLength: 0);
        intermediateRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(root, true, false));
        using X509Certificate2 intermediateOnly = intermediateRequest.Create(root, now.AddDays(-1), now.AddDays(6), RandomNumberGenerator.GetBytes(16));
        X509Certificate2 intermediate = intermediateOnly.CopyWithPrivateKey(intermediateKey);

        using RSA key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(intermediate, true, false));
        using X509Certificate2 leaf = request.Create(intermediate, now.AddDays(-1), now.AddDays(5), RandomNumberGenerator.GetBytes(16));
        using X509Certificate2 leafWithKey = leaf.CopyWithPrivateKey(key);
        X509Certificate2 server = X509CertificateLoader.LoadPkcs12(leafWithKey.Export(X509ContentType.Pkcs12), null);
        return new TestCertificates(directory, root.ExportCertificatePem() + "\n", server, X509CertificateLoader.LoadCertificate(intermediate.RawData));
    }

    /// <summary>
    /// A copy of the PEM bundle at <paramref name="bundle"/> (none: empty) with the test root
    /// appended, written as <paramref name="name"/> in this run's folder.
    /// </summary>
    public string WithTestRoot(string? bundle, string name)
    {
        string text = bundle is null ? string.Empty : File.ReadAllText(bundle);
        string path = Path.Combine(_directory, name);
        File.WriteAllText(path, text + (text.Length == 0 || text.EndsWith('\n') ? string.Empty : "\n") + _rootPem);
        return path;
    }

    public void Dispose()
    {
        Server.Dispose();
        Intermediate.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private static CertificateRequest CaRequest(string subject, RSA key, int pathLength)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, pathLength, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request;
    }
}
