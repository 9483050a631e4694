using System.Text;

namespace AotAuth.Benchmarks;

/// <summary>The fixed inputs every benchmark shares (one known token, one method ARN).</summary>
internal static class BenchmarkInputs
{
    public const string Token = "BenchToken0123456789abcdefABCDEF";
    public const string PrincipalId = "user";
    public const string MethodArn = "arn:aws:execute-api:us-east-1:123456789012:abc123/prod/PUT/user";
    public const string Scope = "PUT /user";

    public static readonly byte[] TokenUtf8 = Encoding.UTF8.GetBytes(Token);
    public static readonly byte[] MethodArnUtf8 = Encoding.UTF8.GetBytes(MethodArn);

    /// <summary>The TOKEN event API Gateway sends, as raw bytes.</summary>
    public static readonly byte[] EventUtf8 = Encoding.UTF8.GetBytes(
        $$"""{"type":"TOKEN","authorizationToken":"{{Token}}","methodArn":"{{MethodArn}}"}""");
}
