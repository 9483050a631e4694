using Amazon.Runtime;
using AotAuth.Storage;

namespace AotAuth.Cli.Aws;

/// <summary>
/// API Gateway's FlushStageAuthorizersCache (<c>DELETE /restapis/{api-id}/stages/{stage}/cache/authorizers</c>),
/// signed for service <c>apigateway</c> with the operator's resolved credentials and the
/// project's SigV4 signer (there is no AWSSDK.APIGateway package here). After it, API Gateway
/// asks the authorizer again for every token; only a warm instance's decision cache remains.
/// </summary>
internal static class ApiGatewayCacheFlush
{
    /// <summary>The AWS SDKs' service-specific endpoint variable for API Gateway (service id "API Gateway").</summary>
    public const string ServiceEndpointVariable = "AWS_ENDPOINT_URL_API_GATEWAY";

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>
    /// The API Gateway endpoint, as the AWS SDKs choose it: <c>AWS_ENDPOINT_URL_API_GATEWAY</c>,
    /// then <c>AWS_ENDPOINT_URL</c> (neither with <c>AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true</c>),
    /// else <c>https://apigateway.{region}.{partition's DNS suffix}</c>.
    /// </summary>
    public static Uri Endpoint(string region)
    {
        bool ignore = string.Equals(Environment.GetEnvironmentVariable(DynamoDbEndpoints.IgnoreConfiguredEndpointsVariable), "true", StringComparison.OrdinalIgnoreCase);
        foreach (string variable in ignore ? [] : new[] { ServiceEndpointVariable, DynamoDbEndpoints.GlobalEndpointVariable })
        {
            if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } text)
            {
                return Uri.TryCreate(text, UriKind.Absolute, out Uri? url) && url.Scheme is "http" or "https"
                    ? url
                    : throw new InvalidOperationException($"{variable} must be an http(s) URL; got '{text}'");
            }
        }

        return new Uri($"https://apigateway.{region}.{DynamoDbEndpoints.DnsSuffix(region)}/");
    }

    /// <summary>Flushes the stage's authorizer cache; throws with API Gateway's answer when it refuses.</summary>
    public static async Task FlushAsync(ImmutableCredentials credentials, string region, string apiId, string stage, CancellationToken ct)
    {
        Uri endpoint = Endpoint(region);
        string path = endpoint.AbsolutePath.TrimEnd('/') + $"/restapis/{Uri.EscapeDataString(apiId)}/stages/{Uri.EscapeDataString(stage)}/cache/authorizers";
        var signer = new SigV4Signer(new AwsCredentials(credentials.AccessKey, credentials.SecretKey, credentials.Token), region, "apigateway");
        SigV4Signature signature = signer.Sign("DELETE", path, string.Empty, [new("host", endpoint.Authority)], [], DateTimeOffset.UtcNow);

        using var request = new HttpRequestMessage(HttpMethod.Delete, new UriBuilder(endpoint) { Path = path }.Uri);
        request.Headers.TryAddWithoutValidation("Authorization", signature.Authorization);
        request.Headers.TryAddWithoutValidation("X-Amz-Date", signature.AmzDate);
        if (signature.SecurityToken is string token)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Security-Token", token);
        }

        using HttpResponseMessage response = await Http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            string body = await response.Content.ReadAsStringAsync(ct);
            throw new InvalidOperationException(
                $"API Gateway answered {(int)response.StatusCode} to FlushStageAuthorizersCache: {(body.Length > 300 ? body[..300] : body)}".ReplaceLineEndings(" "));
        }
    }
}
