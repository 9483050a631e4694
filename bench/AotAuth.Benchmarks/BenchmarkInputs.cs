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

    /// <summary>The route ARN of an HTTP API on its <c>$default</c> stage.</summary>
    public const string RouteArn = "arn:aws:execute-api:us-east-1:123456789012:abc123/$default/PUT/user";

    /// <summary>A REST REQUEST event as API Gateway sends it (headers, parameters, request context), as raw bytes.</summary>
    public static readonly byte[] RequestEventUtf8 = Encoding.UTF8.GetBytes(
        $$$"""{"type":"REQUEST","methodArn":"{{{MethodArn}}}","resource":"/user","path":"/user","httpMethod":"PUT","headers":{"Accept":"*/*","Authorization":"{{{Token}}}","Content-Type":"application/json","Host":"abc123.execute-api.us-east-1.amazonaws.com","User-Agent":"curl/8.5.0","X-Forwarded-For":"203.0.113.7"},"queryStringParameters":{},"pathParameters":{},"stageVariables":{},"requestContext":{"path":"/prod/user","accountId":"123456789012","resourceId":"a1b2c3","stage":"prod","requestId":"c6af9ac6-7b61-11e6-9a41-93e8deadbeef","identity":{"sourceIp":"203.0.113.7","userAgent":"curl/8.5.0"},"resourcePath":"/user","httpMethod":"PUT","apiId":"abc123"}}""");

    /// <summary>An HTTP API payload format 2.0 authorizer event, as raw bytes.</summary>
    public static readonly byte[] HttpEventUtf8 = Encoding.UTF8.GetBytes(
        $$$"""{"version":"2.0","type":"REQUEST","routeArn":"{{{RouteArn}}}","identitySource":["{{{Token}}}"],"routeKey":"PUT /user","rawPath":"/user","rawQueryString":"","headers":{"accept":"*/*","authorization":"{{{Token}}}","content-type":"application/json","host":"abc123.execute-api.us-east-1.amazonaws.com","user-agent":"curl/8.5.0","x-forwarded-for":"203.0.113.7"},"requestContext":{"accountId":"123456789012","apiId":"abc123","domainName":"abc123.execute-api.us-east-1.amazonaws.com","domainPrefix":"abc123","http":{"method":"PUT","path":"/user","protocol":"HTTP/1.1","sourceIp":"203.0.113.7","userAgent":"curl/8.5.0"},"requestId":"JKJaXmPLvHcESHA=","routeKey":"PUT /user","stage":"$default","time":"26/Nov/2026:12:00:00 +0000","timeEpoch":1795694400000}}""");
}
