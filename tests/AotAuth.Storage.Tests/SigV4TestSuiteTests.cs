using System.Security.Cryptography;
using System.Text;

namespace AotAuth.Storage.Tests;

/// <summary>
/// AWS's published SigV4 test suite (the header-signing cases with path normalisation on, as
/// awslabs/aws-c-auth publishes them in tests/aws-signing-test-suite/v4): request -> canonical
/// request and signature, key AKIDEXAMPLE, region us-east-1, service "service", 2015-08-30T12:36:00Z.
/// The path and query are passed as the request line has them; the signer does the rest.
/// </summary>
public class SigV4TestSuiteTests
{
    private const string SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private const string Unreserved = "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const string EmptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private const string StsToken =
        "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==";

    private static readonly DateTimeOffset SuiteTime = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);

    /// <summary>name, method, path, query, extra headers ("name:value" lines), body, session token, canonical path + query lines, signature.</summary>
    public static TheoryData<string, string, string, string, string, string, string?, string, string> Cases => new()
    {
        { "get-vanilla", "GET", "/", "", "", "", null, "/\n", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31" },
        { "get-vanilla-empty-query-key", "GET", "/", "Param1=value1", "", "", null, "/\nParam1=value1", "a67d582fa61cc504c4bae71f336f98b97f1ea3c7a6bfe1b6e45aec72011b9aeb" },
        { "get-vanilla-query-order-key-case", "GET", "/", "Param2=value2&Param1=value1", "", "", null, "/\nParam1=value1&Param2=value2", "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500" },
        { "get-vanilla-query-order-encoded", "GET", "/", "Param-3=Value3&Param=Value2&%E1%88%B4=Value1", "", "", null, "/\n%E1%88%B4=Value1&Param=Value2&Param-3=Value3", "371d3713e185cc334048618a97f809c9ffe339c62934c032af5a0e595648fcac" },
        { "get-vanilla-query-unreserved", "GET", "/", Unreserved + "=" + Unreserved, "", "", null, "/\n" + Unreserved + "=" + Unreserved, "9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197" },
        { "get-vanilla-utf8-query", "GET", "/", "\u1234=bar", "", "", null, "/\n%E1%88%B4=bar", "2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04" },
        { "get-unreserved", "GET", "/" + Unreserved, "", "", "", null, "/" + Unreserved + "\n", "07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f" },
        { "get-utf8", "GET", "/\u1234", "", "", "", null, "/%E1%88%B4\n", "8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85" },
        { "get-space", "GET", "/example space/", "", "", "", null, "/example%20space/\n", "652487583200325589f1fba4c7e578f72c47cb61beeca81406b39ddec1366741" },
        { "get-relative", "GET", "/example/..", "", "", "", null, "/\n", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31" },
        { "get-relative-relative", "GET", "/example1/example2/../..", "", "", "", null, "/\n", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31" },
        { "get-slash", "GET", "//", "", "", "", null, "/\n", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31" },
        { "get-slash-dot-slash", "GET", "/./", "", "", "", null, "/\n", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31" },
        { "get-slash-pointless-dot", "GET", "/./example", "", "", "", null, "/example\n", "ef75d96142cf21edca26f06005da7988e4f8dc83a165a80865db7089db637ec5" },
        { "get-slashes", "GET", "//example//", "", "", "", null, "/example/\n", "9a624bd73a37c9a373b5312afbebe7a714a789de108f0bdfe846570885f57e84" },
        { "get-header-value-trim", "GET", "/", "", "My-Header1: value1\nMy-Header2: \"a   b   c\"", "", null, "/\n", "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736" },
        { "get-vanilla-with-session-token", "GET", "/", "", "", "", "6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267", "/\n", "07ec1639c89043aa0e3e2de82b96708f198cceab042d4a97044c66dd9f74e7f8" },
        { "post-vanilla", "POST", "/", "", "", "", null, "/\n", "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b" },
        { "post-vanilla-query", "POST", "/", "Param1=value1", "", "", null, "/\nParam1=value1", "28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11" },
        { "post-header-key-sort", "POST", "/", "", "My-Header1:value1", "", null, "/\n", "c5410059b04c1ee005303aed430f6e6645f61f4dc9e1461ec8f8916fdf18852c" },
        { "post-header-value-case", "POST", "/", "", "My-Header1:VALUE1", "", null, "/\n", "cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d" },
        { "post-sts-header-before", "POST", "/", "", "", "", StsToken, "/\n", "85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead" },
        {
            "post-x-www-form-urlencoded", "POST", "/", "",
            "Content-Type:application/x-www-form-urlencoded\nContent-Length:13\nX-Amz-Content-Sha256:9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e",
            "Param1=value1", null, "/\n", "d3875051da38690788ef43de4db0d8f280229d82040bfac253562e56c3f20e0b"
        },
        {
            "post-x-www-form-urlencoded-parameters", "POST", "/", "",
            "Content-Type:application/x-www-form-urlencoded; charset=utf-8\nContent-Length:13\nX-Amz-Content-Sha256:9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e",
            "Param1=value1", null, "/\n", "328d1b9eaadca9f5818ef05e8392801e091653bafec24fcab71e7344e7f51422"
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void SuiteCase_GivesThePublishedCanonicalRequestAndSignature(
        string name, string method, string path, string query, string headerLines, string body, string? sessionToken, string canonicalPathAndQuery, string signature)
    {
        var headers = new List<KeyValuePair<string, string>> { new("Host", "example.amazonaws.com") };
        foreach (var line in headerLines.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers.Add(new(line[..colon], line[(colon + 1)..]));
        }

        var signer = new SigV4Signer(new AwsCredentials("AKIDEXAMPLE", SecretKey, sessionToken), "us-east-1", "service");
        var result = signer.Sign(method, path, query, headers, Encoding.UTF8.GetBytes(body), SuiteTime);

        Assert.StartsWith($"{method}\n{canonicalPathAndQuery}\n", result.CanonicalRequest, StringComparison.Ordinal);
        Assert.EndsWith("\n" + (body.Length == 0 ? EmptyHash : Sha256Hex(body)), result.CanonicalRequest, StringComparison.Ordinal);
        Assert.True(signature == result.Signature, $"{name}: signature {result.Signature}\ncanonical request:\n{result.CanonicalRequest}");
    }

    [Fact]
    public void SuiteCase_PostStsHeaderBefore_SignsTheSecurityToken()
    {
        var signer = new SigV4Signer(new AwsCredentials("AKIDEXAMPLE", SecretKey, StsToken), "us-east-1", "service");

        var result = signer.Sign("POST", "/", "", [new("Host", "example.amazonaws.com")], [], SuiteTime);

        Assert.Equal(
            "POST\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\nx-amz-security-token:" + StsToken + "\n\nhost;x-amz-date;x-amz-security-token\n" + EmptyHash,
            result.CanonicalRequest);
        Assert.Equal("AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\nc237e1b440d4c63c32ca95b5b99481081cb7b13c7e40434868e71567c1a882f6", result.StringToSign);
    }

    private static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
