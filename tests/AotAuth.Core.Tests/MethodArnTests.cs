using System.Text;
using AotAuth.Core;

namespace AotAuth.Core.Tests;

public class MethodArnTests
{
    [Fact]
    public void WellFormedArn_IsSplitIntoItsParts()
    {
        Assert.True(MethodArn.TryParse("arn:aws:execute-api:eu-west-1:123456789012:abc123defg/prod/GET/user/42"u8, out MethodArn arn));
        Assert.Equal("aws", Encoding.ASCII.GetString(arn.Partition));
        Assert.Equal("eu-west-1", Encoding.ASCII.GetString(arn.Region));
        Assert.Equal("123456789012", Encoding.ASCII.GetString(arn.Account));
        Assert.Equal("abc123defg", Encoding.ASCII.GetString(arn.ApiId));
        Assert.Equal("prod", Encoding.ASCII.GetString(arn.Stage));
        Assert.Equal("GET", Encoding.ASCII.GetString(arn.Verb));
        Assert.Equal("user/42", Encoding.ASCII.GetString(arn.Path));
        Assert.Equal("arn:aws:execute-api:eu-west-1:123456789012:abc123defg/prod/", Encoding.ASCII.GetString(arn.StagePrefix));
    }

    [Theory]
    [InlineData("arn:aws-cn:execute-api:cn-north-1:123456789012:api/dev_1/PUT/user")]
    [InlineData("arn:aws:execute-api:us-east-1:123456789012:local/v1/GET/")]
    [InlineData("arn:aws:execute-api:us-east-1:123456789012:local/v1/GET/user/a%20b")]
    public void OtherValidForms_Parse(string arn)
    {
        Assert.True(MethodArn.TryParse(Encoding.UTF8.GetBytes(arn), out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("arn:aws:execute-api:us-east-1:123456789012:api/prod/GET")] // no path separator
    [InlineData("arn:aws:lambda:us-east-1:123456789012:api/prod/GET/user")]
    [InlineData("arn:aws:execute-api:us-east-1:12345678901:api/prod/GET/user")] // 11-digit account
    [InlineData("arn:aws:execute-api:us-east-1:123456789012:*/prod/GET/user")]
    [InlineData("arn:aws:execute-api:us-east-1:123456789012:api/*/GET/user")]
    [InlineData("arn:aws:execute-api:*:123456789012:api/prod/GET/user")]
    [InlineData("arn:aws:execute-api:us-east-1:123456789012:api/prod/*/user")]
    [InlineData("arn:aws:execute-api:us-east-1:123456789012:ap:i/prod/GET/user")]
    [InlineData("arn:aws:execute-api:us-east-1:123456789012:/prod/GET/user")]
    [InlineData("arn:aws:execute-api:us-east-1:123456789012:api//GET/user")]
    [InlineData("arn:aws:execute-api:us-east-1:123456789012:api/prod/get/user")]
    [InlineData("ARN:aws:execute-api:us-east-1:123456789012:api/prod/GET/user")]
    [InlineData("arn:aws:execute-api:us-east-1:123456789012:api/pr*d/GET/user")]
    [InlineData("arn:aws:execute-api:us-east-1:123456789012:api/pr d/GET/user")]
    [InlineData("arn:aws:execute-api:us-east-1:123456789012:api/prod?/GET/user")]
    [InlineData("arn:aws:execute-api:us-east-1:123456789012:api/prodé/GET/user")]
    [InlineData("arn:aws:execute-api:us-east-1:123456789012:api/prod/G*T/user")]
    public void MalformedOrWildcardArns_AreRejected(string arn)
    {
        Assert.False(MethodArn.TryParse(Encoding.UTF8.GetBytes(arn), out _));
    }

    /// <summary>
    /// Every character API Gateway can put in a path once it has decoded the request's
    /// percent-escapes: wildcards, quotes, backslash, space, control bytes, DEL, non-ASCII.
    /// </summary>
    public static TheoryData<string> PathCharacters => new()
    {
        "*", "?", "\"", "\\", " ", "\u0000", "\u0001", "\t", "\n", "\r", "\u001f", "\u007f",
        "é", "\u00a0", "José", "ｊ", "＊", "😀", "a*b", "a?b", "a\"b", "a b", "*/*", "%2A", ":", "user/*/x",
    };

    [Theory]
    [MemberData(nameof(PathCharacters))]
    public void AnyPathCharacter_Parses_AndLeavesTheApiAndStageAlone(string inPath)
    {
        string path = "user/" + inPath;

        Assert.True(MethodArn.TryParse(Encoding.UTF8.GetBytes("arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/GET/" + path), out MethodArn arn));

        Assert.Equal(path, Encoding.UTF8.GetString(arn.Path));
        Assert.Equal("GET", Encoding.ASCII.GetString(arn.Verb));
        Assert.Equal("prod", Encoding.ASCII.GetString(arn.Stage));
        Assert.Equal("arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/", Encoding.ASCII.GetString(arn.StagePrefix));
    }

    [Fact]
    public void ArnLongerThanTheGatewayLimit_IsRejected()
    {
        string prefix = "arn:aws:execute-api:us-east-1:123456789012:api/prod/GET/";
        Assert.True(MethodArn.TryParse(Encoding.ASCII.GetBytes(prefix + new string('a', MethodArn.MaxLength - prefix.Length)), out _));
        Assert.False(MethodArn.TryParse(Encoding.ASCII.GetBytes(prefix + new string('a', MethodArn.MaxLength - prefix.Length + 1)), out _));
    }

    [Fact]
    public void MethodArnLimit_CountsUtf8Bytes_NotCharacters()
    {
        string prefix = "arn:aws:execute-api:us-east-1:123456789012:api/prod/GET/";
        int room = MethodArn.MaxLength - prefix.Length; // even here, so it fills with two-byte characters
        Assert.Equal(0, room % 2);
        Assert.True(MethodArn.TryParse(Encoding.UTF8.GetBytes(prefix + new string('é', room / 2)), out _));
        Assert.False(MethodArn.TryParse(Encoding.UTF8.GetBytes(prefix + new string('é', room / 2) + "a"), out _));
    }
}
