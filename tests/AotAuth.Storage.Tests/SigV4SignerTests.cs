using System.Security.Cryptography;
using System.Text;

namespace AotAuth.Storage.Tests;

// Expected values come from AWS's published Signature Version 4 examples (General Reference,
// "Create a canonical request" / "Create a string to sign" / "Calculate the signature"), which
// use the example key pair AKIDEXAMPLE / wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY.
public class SigV4SignerTests
{
    private static readonly AwsCredentials ExampleCredentials = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");

    private static readonly KeyValuePair<string, string>[] IamHeaders =
    [
        new("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
        new("Host", "iam.amazonaws.com"),
    ];

    [Fact]
    public void Sign_MatchesTheDocumentedIamListUsersGetExample()
    {
        var signer = new SigV4Signer(ExampleCredentials, "us-east-1", "iam");

        var result = signer.Sign(
            "GET", "/", "Action=ListUsers&Version=2010-05-08", IamHeaders, [], new DateTimeOffset(2015, 8, 30, 12, 36, 0, TimeSpan.Zero));

        Assert.Equal("f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59", Sha256Hex(result.CanonicalRequest));
        Assert.Equal(
            "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/iam/aws4_request\nf536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59",
            result.StringToSign);
        Assert.Equal("5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7", result.Signature);
        Assert.Equal(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, " +
            "Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7",
            result.Authorization);
        Assert.Equal("20150830T123600Z", result.AmzDate);
    }

    [Fact]
    public void Sign_MatchesTheDocumentedIamListUsersPostExample_WithAPayload()
    {
        var signer = new SigV4Signer(ExampleCredentials, "us-east-1", "iam");

        var result = signer.Sign(
            "POST", "/", string.Empty, IamHeaders, "Action=ListUsers&Version=2010-05-08"u8, new DateTimeOffset(2011, 9, 9, 23, 36, 0, TimeSpan.Zero));

        Assert.Equal(
            "POST\n/\n\ncontent-type:application/x-www-form-urlencoded; charset=utf-8\nhost:iam.amazonaws.com\nx-amz-date:20110909T233600Z\n\n" +
            "content-type;host;x-amz-date\nb6359072c78d70ebee1e81adcbab4f01bf2c23245fa365ef83fe8f1f955085e2",
            result.CanonicalRequest);
        Assert.Equal(
            "AWS4-HMAC-SHA256\n20110909T233600Z\n20110909/us-east-1/iam/aws4_request\n3511de7e95d28ecd39e9513b642aee07e54f4941150d8df8bf94b328ef7e55e2",
            result.StringToSign);
        Assert.Equal("ced6826de92d2bdeed8f846f0bf508e8559e98e4b0199114b84c54174deb456c", result.Signature);
    }

    [Fact]
    public void Sign_AddsAndSignsTheSecurityToken_WhenCredentialsHaveOne()
    {
        var signer = new SigV4Signer(new AwsCredentials("AKID", "secret", "session-token"), "eu-west-1", "dynamodb");

        var result = signer.Sign("POST", "/", string.Empty, [new("host", "dynamodb.eu-west-1.amazonaws.com")], "{}"u8, DateTimeOffset.UtcNow);

        Assert.Equal("session-token", result.SecurityToken);
        Assert.Contains("\nx-amz-security-token:session-token\n", result.CanonicalRequest, StringComparison.Ordinal);
        Assert.Contains("SignedHeaders=host;x-amz-date;x-amz-security-token,", result.Authorization, StringComparison.Ordinal);
    }

    [Fact]
    public void Sign_TrimsHeaderValues_AndCollapsesInnerSpaces()
    {
        var signer = new SigV4Signer(ExampleCredentials, "us-east-1", "dynamodb");

        var result = signer.Sign("POST", "/", string.Empty, [new("Host", " example.com "), new("X-Custom", "a   b  c")], [], DateTimeOffset.UtcNow);

        Assert.Contains("\nhost:example.com\nx-amz-date:", result.CanonicalRequest, StringComparison.Ordinal);
        Assert.Contains("\nx-custom:a b c\n", result.CanonicalRequest, StringComparison.Ordinal);
    }

    [Fact]
    public void Sign_RejectsAnXAmzDateHeader_BecauseTheSignerAddsItItself()
    {
        var signer = new SigV4Signer(ExampleCredentials, "us-east-1", "dynamodb");

        Assert.Throws<ArgumentException>(() =>
            signer.Sign("POST", "/", string.Empty, [new("host", "h"), new("X-Amz-Date", "20150830T123600Z")], [], DateTimeOffset.UtcNow));
    }

    [Fact]
    public void SigningKey_IsDerivedOncePerDate_AndAgainForANewDate()
    {
        var signer = new SigV4Signer(ExampleCredentials, "us-east-1", "iam");

        var first = signer.GetSigningKey("20150830");
        var again = signer.GetSigningKey("20150830");
        var nextDay = signer.GetSigningKey("20150831");

        Assert.Same(first, again);
        Assert.NotEqual(first, nextDay);
    }

    private static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
