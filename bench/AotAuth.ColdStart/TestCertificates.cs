using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AotAuth.ColdStart;

/// <summary>
/// A throw-away test CA and a server certificate it signed for 127.0.0.1, made at run time
/// (nothing secret is kept), plus the CA bundle a function process trusts through
/// <c>SSL_CERT_FILE</c>: the machine's whole bundle with the test CA appended, so the
/// process loads a certificate store of realistic size, as it would on provided.al2023.
/// </summary>
internal sealed class TestCertificates : IDisposable
{
    private const string SystemBundle = "/etc/ssl/certs/ca-certificates.crt";

    private TestCertificates(X509Certificate2 server, string bundlePath, int bundleCertificates, string caOnlyPath, string emptyDirectory)
    {
        Server = server;
        BundlePath = bundlePath;
        BundleCertificates = bundleCertificates;
        CaOnlyPath = caOnlyPath;
        EmptyDirectory = emptyDirectory;
    }

    /// <summary>The server certificate with its private key (RSA 2048, like AWS endpoints).</summary>
    public X509Certificate2 Server { get; }

    /// <summary>The PEM bundle to point <c>SSL_CERT_FILE</c> at.</summary>
    public string BundlePath { get; }

    /// <summary>How many certificates the bundle holds.</summary>
    public int BundleCertificates { get; }

    /// <summary>A bundle with the test CA only: the trimmed trust store (for <c>SSL_CERT_FILE</c>).</summary>
    public string CaOnlyPath { get; }

    /// <summary>An empty folder for <c>SSL_CERT_DIR</c>, so the system's hashed certificate folder is not read.</summary>
    public string EmptyDirectory { get; }

    public static TestCertificates Create(string directory)
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        using RSA caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=AotAuth cold-start test CA", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using X509Certificate2 ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(7));

        using RSA key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        using X509Certificate2 leaf = request.Create(ca, now.AddDays(-1), now.AddDays(6), RandomNumberGenerator.GetBytes(16));
        using X509Certificate2 leafWithKey = leaf.CopyWithPrivateKey(key);
        X509Certificate2 server = X509CertificateLoader.LoadPkcs12(leafWithKey.Export(X509ContentType.Pkcs12), null);

        string system = File.Exists(SystemBundle) ? File.ReadAllText(SystemBundle) : string.Empty;
        string bundle = system + (system.EndsWith('\n') || system.Length == 0 ? string.Empty : "\n") + ca.ExportCertificatePem() + "\n";
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, "coldstart-ca-bundle.pem");
        File.WriteAllText(path, bundle);
        string caOnly = Path.Combine(directory, "coldstart-ca-only.pem");
        File.WriteAllText(caOnly, ca.ExportCertificatePem() + "\n");
        string empty = Directory.CreateDirectory(Path.Combine(directory, "no-cert-dir")).FullName;
        int count = bundle.Split("-----BEGIN CERTIFICATE-----").Length - 1;
        return new TestCertificates(server, path, count, caOnly, empty);
    }

    public void Dispose()
    {
        Server.Dispose();
        Directory.Delete(Path.GetDirectoryName(BundlePath)!, recursive: true);
    }
}
