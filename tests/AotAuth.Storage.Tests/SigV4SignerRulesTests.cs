namespace AotAuth.Storage.Tests;

/// <summary>
/// The general SigV4 rules the published suite does not show on its own: a query parameter
/// without a value, the second URI encoding of the path for services other than S3, and a
/// signed API Gateway call. Expected signatures come from botocore's SigV4Auth
/// (SigV4Reference/botocore_cases.py, run by hand with botocore 1.43.11; the tests do not need it).
/// </summary>
public class SigV4SignerRulesTests
{
    private static readonly DateTimeOffset Time = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);

    private static SigV4Signer Signer(string region, string service, string? token = null) =>
        new(new AwsCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", token), region, service);

    [Fact]
    public void QueryParameterWithoutValue_SignsAsNameEquals()
    {
        var result = Signer("us-east-1", "service").Sign("GET", "/", "Param1&b=2", [new("host", "example.amazonaws.com")], [], Time);

        Assert.StartsWith("GET\n/\nParam1=&b=2\n", result.CanonicalRequest, StringComparison.Ordinal);
        Assert.Equal("34882194eadfb6ca11750be5864d541d9e0661ae2413970a74a94742518e5574", result.Signature);
    }

    [Fact]
    public void EncodedPathAndQuery_AreEncodedAgainForNonS3Services_LikeBotocore()
    {
        var result = Signer("us-east-1", "service").Sign("GET", "/a%20b/c%2Fd", "x=a%20b&x=a%2Bb", [new("host", "example.amazonaws.com")], [], Time);

        Assert.StartsWith("GET\n/a%2520b/c%252Fd\nx=a%20b&x=a%2Bb\n", result.CanonicalRequest, StringComparison.Ordinal);
        Assert.Equal("2fc3073628a0aacef0f6736fe3e4b689b242ee38dd74b56abe7ad61275c0c9ca", result.Signature);
    }

    [Fact]
    public void ApiGatewayFlush_MatchesBotocore_WithAndWithoutSessionToken()
    {
        var escaped = Signer("eu-west-1", "apigateway").Sign(
            "DELETE", "/restapis/a%20b/stages/prod/cache/authorizers", "", [new("host", "apigateway.eu-west-1.amazonaws.com")], [], Time);
        var withToken = Signer("us-east-1", "apigateway", "session-token").Sign(
            "DELETE", "/restapis/abc123/stages/prod/cache/authorizers", "", [new("host", "apigateway.us-east-1.amazonaws.com")], [], Time);

        Assert.Equal("a1cd276cbe50f54a31f7ed9d5ea04348c9ee272690980cb4b1cbf8a4071f3039", escaped.Signature);
        Assert.Contains("\n/restapis/a%2520b/stages/prod/cache/authorizers\n", escaped.CanonicalRequest, StringComparison.Ordinal);
        Assert.Equal("58fb3a70a7e11b04a287600df500c8def01ce6873a4499dfb0ff09b3da200460", withToken.Signature);
    }

    [Theory]
    [InlineData("s3", "/a%20b//./c", "/a%20b//./c")]
    [InlineData("dynamodb", "/", "/")]
    [InlineData("dynamodb", "/a%20b//./c/../d/", "/a%2520b/d/")]
    [InlineData("execute-api", "/\u00e9/x", "/%C3%A9/x")]
    public void CanonicalPath_NormalisesAndEncodesAgain_ExceptForS3(string service, string path, string expected) =>
        Assert.Equal(expected, SigV4Signer.CanonicalPath(path, service));

    [Theory]
    [InlineData("b=2&a=1&a=0", "a=0&a=1&b=2")]
    [InlineData("flag", "flag=")]
    [InlineData("k=v w&&x=~*", "k=v%20w&x=~%2A")]
    [InlineData("B=1&a=1", "B=1&a=1")]
    public void CanonicalQuery_EncodesSortsAndFillsEmptyValues(string query, string expected) =>
        Assert.Equal(expected, SigV4Signer.CanonicalQuery(query));
}
