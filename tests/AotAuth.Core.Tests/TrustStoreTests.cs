using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AotAuth.Core.Contracts;

namespace AotAuth.Core.Tests;

/// <summary>
/// The trust store shipped next to each bootstrap (src/TrustStore/aws-root-cas.pem) holds the
/// roots AWS endpoints chain to, byte for byte as Debian's ca-certificates package ships them.
/// </summary>
public class TrustStoreTests
{
    private const string SystemCopies = "/usr/share/ca-certificates/mozilla";

    /// <summary>The system's copies of the five roots, by file name.</summary>
    private static readonly string[] ExpectedRoots =
    [
        "Amazon_Root_CA_1.crt",
        "Amazon_Root_CA_2.crt",
        "Amazon_Root_CA_3.crt",
        "Amazon_Root_CA_4.crt",
        "Starfield_Services_Root_Certificate_Authority_-_G2.crt",
    ];

    private static readonly DateTimeOffset ValidThrough = new(2037, 12, 31, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Bundle_HasTheFileNameTheEnvironmentPointsAt()
    {
        Assert.True(File.Exists(BundlePath), $"{BundlePath} is missing");
        Assert.Equal("/var/task/" + TrustStore.FileName, TrustStore.Environment(TrustStore.LambdaTaskRoot)[TrustStore.CertFileVariable]);
        Assert.Equal(TrustStore.NoCertDir, TrustStore.Environment(TrustStore.LambdaTaskRoot)[TrustStore.CertDirVariable]);
    }

    [Fact]
    public void Bundle_HoldsExactlyFiveCertificates_AndNothingElse()
    {
        string text = File.ReadAllText(BundlePath);
        using var loaded = LoadBundle();
        X509Certificate2Collection bundle = loaded.Certificates;

        Assert.Equal(5, bundle.Count);
        // Every PEM block was read: none is hidden behind a malformed one, and no key is shipped.
        Assert.Equal(5, CountOccurrences(text, "-----BEGIN "));
        Assert.Equal(5, CountOccurrences(text, "-----BEGIN CERTIFICATE-----"));
        Assert.Equal(5, bundle.Select(c => c.GetCertHashString(HashAlgorithmName.SHA256)).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void EachCertificate_IsByteForByteTheSystemCaCertificatesCopy()
    {
        using var loaded = LoadBundle();
        X509Certificate2Collection bundle = loaded.Certificates;
        var fingerprints = bundle.Select(c => c.GetCertHashString(HashAlgorithmName.SHA256)).ToList();

        foreach (string name in ExpectedRoots)
        {
            string path = Path.Combine(SystemCopies, name);
            Assert.True(
                File.Exists(path),
                $"{path} is missing: install the ca-certificates package (apt-get install ca-certificates); the shipped bundle is checked against it.");
            using X509Certificate2 system = X509CertificateLoader.LoadCertificateFromFile(path);
            string expected = system.GetCertHashString(HashAlgorithmName.SHA256);

            Assert.True(fingerprints.Remove(expected), $"the bundle has no certificate with the SHA-256 fingerprint of {name} ({system.Subject}, {expected})");
        }

        // Each bundle certificate matched exactly one system root.
        Assert.Empty(fingerprints);
    }

    [Fact]
    public void EachCertificate_IsASelfSignedCa_ValidNow_AndUntilAtLeastTheEndOf2037()
    {
        using var loaded = LoadBundle();
        X509Certificate2Collection bundle = loaded.Certificates;
        DateTimeOffset now = DateTimeOffset.UtcNow;

        Assert.NotEmpty(bundle);
        foreach (X509Certificate2 certificate in bundle)
        {
            string who = certificate.Subject;
            Assert.Equal(certificate.SubjectName.RawData, certificate.IssuerName.RawData);
            Assert.True(VerifiesItsOwnSignature(certificate), $"{who}: its signature does not verify with its own public key");

            X509BasicConstraintsExtension constraints = Assert.Single(certificate.Extensions.OfType<X509BasicConstraintsExtension>());
            Assert.True(constraints.CertificateAuthority, $"{who}: basicConstraints has cA false");
            if (certificate.Extensions.OfType<X509KeyUsageExtension>().SingleOrDefault() is { } usage)
            {
                Assert.True(usage.KeyUsages.HasFlag(X509KeyUsageFlags.KeyCertSign), $"{who}: key usage lacks keyCertSign");
            }

            Assert.True(new DateTimeOffset(certificate.NotBefore.ToUniversalTime()) <= now, $"{who}: not valid before {certificate.NotBefore:O}");
            Assert.True(
                new DateTimeOffset(certificate.NotAfter.ToUniversalTime()) >= ValidThrough,
                $"{who}: expires {certificate.NotAfter.ToUniversalTime():O}, before the end of 2037");
        }
    }

    private static string BundlePath { get; } = Path.Combine(RepoPaths.Root, "src", "TrustStore", TrustStore.FileName);

    private static LoadedBundle LoadBundle()
    {
        var bundle = new X509Certificate2Collection();
        bundle.ImportFromPemFile(BundlePath);
        return new LoadedBundle(bundle);
    }

    private static int CountOccurrences(string text, string value)
    {
        int count = 0;
        for (int at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>
    /// Checks the certificate's signature over its TBSCertificate with its own public key (RFC 5280
    /// 4.1: Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue BIT STRING }).
    /// </summary>
    private static bool VerifiesItsOwnSignature(X509Certificate2 certificate)
    {
        var reader = new AsnReader(certificate.RawData, AsnEncodingRules.DER);
        AsnReader sequence = reader.ReadSequence();
        ReadOnlyMemory<byte> tbs = sequence.ReadEncodedValue();
        sequence.ReadSequence(); // signatureAlgorithm, the same OID as certificate.SignatureAlgorithm
        byte[] signature = sequence.ReadBitString(out int unusedBits);
        Assert.Equal(0, unusedBits);

        string algorithm = certificate.SignatureAlgorithm.Value ?? string.Empty;
        HashAlgorithmName hash = algorithm switch
        {
            "1.2.840.113549.1.1.11" or "1.2.840.10045.4.3.2" => HashAlgorithmName.SHA256,
            "1.2.840.113549.1.1.12" or "1.2.840.10045.4.3.3" => HashAlgorithmName.SHA384,
            "1.2.840.113549.1.1.13" or "1.2.840.10045.4.3.4" => HashAlgorithmName.SHA512,
            _ => throw new InvalidOperationException($"{certificate.Subject}: unexpected signature algorithm {algorithm}"),
        };

        if (algorithm.StartsWith("1.2.840.113549.", StringComparison.Ordinal))
        {
            using RSA rsa = certificate.GetRSAPublicKey() ?? throw new InvalidOperationException($"{certificate.Subject}: no RSA key");
            return rsa.VerifyData(tbs.Span, signature, hash, RSASignaturePadding.Pkcs1);
        }

        using ECDsa ecdsa = certificate.GetECDsaPublicKey() ?? throw new InvalidOperationException($"{certificate.Subject}: no EC key");
        return ecdsa.VerifyData(tbs.Span, signature, hash, DSASignatureFormat.Rfc3279DerSequence);
    }

    private sealed class LoadedBundle(X509Certificate2Collection certificates) : IDisposable
    {
        public X509Certificate2Collection Certificates { get; } = certificates;

        public void Dispose()
        {
            foreach (X509Certificate2 certificate in Certificates)
            {
                certificate.Dispose();
            }
        }
    }
}
