using System.Text;

namespace AotAuth.Storage.Tests;

/// <summary>
/// The in-place signature of the functions' client (<see cref="SigV4Signer.SignJsonPost"/>) is
/// the general signer's for the same request: same date, same Authorization value.
/// </summary>
public class SigV4SignerJsonPostTests
{
    [Theory]
    [InlineData(null, "/", "dynamodb.us-east-1.amazonaws.com")]
    [InlineData("FwoGZXIvYXdzEBYaDH+session/token==", "/", "dynamodb.eu-west-1.amazonaws.com")]
    [InlineData(null, "/prefix/path", "127.0.0.1:8001")]
    public void SignJsonPost_EqualsSign_ForTheSameRequest(string? sessionToken, string path, string host)
    {
        var signer = new SigV4Signer(new AwsCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", sessionToken), "eu-west-1", "dynamodb");
        const string ContentType = "application/x-amz-json-1.0";
        const string Target = "DynamoDB_20120810.GetItem";
        byte[] body = Encoding.UTF8.GetBytes("""{"TableName":"auth-token","Key":{"token":{"S":"abc"}},"ConsistentRead":true}""");
        var time = new DateTime(2026, 12, 6, 0, 9, 5, DateTimeKind.Utc);

        SigV4Signature expected = signer.Sign(
            "POST", path, string.Empty, [new("content-type", ContentType), new("host", host), new("x-amz-target", Target)], body, time);
        var date = new byte[SigV4Signer.AmzDateLength];
        var authorization = new byte[signer.MaxJsonPostAuthorizationLength];
        int length = signer.SignJsonPost(SigV4Signer.CanonicalPath(path, "dynamodb"), ContentType, host, Target, body, time, date, authorization);

        Assert.Equal(expected.AmzDate, Encoding.ASCII.GetString(date));
        Assert.Equal(expected.Authorization, Encoding.ASCII.GetString(authorization, 0, length));
    }

    [Fact]
    public void SignJsonPost_ChangesWithTheBody()
    {
        var signer = new SigV4Signer(AwsCredentials.LocalDummy, "us-east-1", "dynamodb");
        var time = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        string Sign(string body)
        {
            var date = new byte[SigV4Signer.AmzDateLength];
            var authorization = new byte[signer.MaxJsonPostAuthorizationLength];
            int n = signer.SignJsonPost("/", "application/x-amz-json-1.0", "h", "t", Encoding.UTF8.GetBytes(body), time, date, authorization);
            return Encoding.ASCII.GetString(authorization, 0, n);
        }

        Assert.NotEqual(Sign("{}"), Sign("{ }"));
    }
}
