using System.Globalization;
using Amazon;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;
using AotAuth.Storage;

namespace AotAuth.Interop.Tests;

/// <summary>
/// The project's SigV4 signatures equal the SDK's signer's (AWS4Signer in AWSSDK.Core) on a
/// seeded random set of DynamoDB requests: several regions, operations and bodies, with and
/// without a session token. The SDK signs first; ours then signs the same headers at the same time.
/// </summary>
public class SignatureInteropTests
{
    private static readonly string[] Regions = ["us-east-1", "eu-west-1", "ap-southeast-2", "sa-east-1", "cn-north-1", "us-gov-west-1", "eu-central-2"];
    private static readonly string[] Operations = ["GetItem", "PutItem", "DeleteItem", "Scan", "DescribeTable"];

    public static TheoryData<int> Seeds => [.. Enumerable.Range(1, 40)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void RandomDynamoDbRequest_IsSignedAlikeByOurSignerAndTheSdks(int seed)
    {
        var random = new Random(seed);
        string region = Regions[random.Next(Regions.Length)];
        string operation = Operations[random.Next(Operations.Length)];
        string accessKey = "AKIA" + RandomText(random, 16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567");
        string secretKey = RandomText(random, 40, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");
        string? sessionToken = random.Next(2) == 0 ? null : RandomText(random, 200, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=");
        string keyText = RandomText(random, random.Next(1, 64), "abcdef0123456789 \u00e9\u1234\"");
        byte[] body = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new { TableName = "t-" + random.Next(), Key = new { token = new { S = keyText } } });
        var endpoint = new Uri($"https://dynamodb.{region}.{DynamoDbEndpoints.DnsSuffix(region)}");

        var request = new DefaultRequest(new GetItemRequest(), "AmazonDynamoDBv2")
        {
            Endpoint = endpoint,
            ResourcePath = "/",
            HttpMethod = "POST",
            Content = body,
            AuthenticationRegion = region,
        };
        request.Headers["Content-Type"] = "application/x-amz-json-1.0";
        request.Headers["X-Amz-Target"] = "DynamoDB_20120810." + operation;
        if (sessionToken is not null)
        {
            request.Headers["X-Amz-Security-Token"] = sessionToken;
        }

        var config = new AmazonDynamoDBConfig { RegionEndpoint = RegionEndpoint.GetBySystemName(region), AuthenticationRegion = region };
        AWS4SigningResult sdk = new AWS4Signer().SignRequest(request, config, null, accessKey, secretKey);

        string[] signedNames = sdk.SignedHeaders.Split(';');
        var headers = request.Headers
            .Where(h => signedNames.Contains(h.Key.ToLowerInvariant()) && h.Key.ToLowerInvariant() is not ("x-amz-date" or "x-amz-security-token"))
            .ToList();
        DateTimeOffset signedAt = DateTimeOffset.ParseExact(sdk.ISO8601DateTime, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        SigV4Signature ours = new SigV4Signer(new AwsCredentials(accessKey, secretKey, sessionToken), region, "dynamodb")
            .Sign("POST", "/", string.Empty, headers, body, signedAt);

        Assert.Equal(sdk.SignedHeaders, ours.Authorization.Split("SignedHeaders=")[1].Split(',')[0]);
        Assert.True(sdk.Signature == ours.Signature, $"seed {seed} ({region}, {operation}, session token: {sessionToken is not null}):\nours:\n{ours.CanonicalRequest}");
        Assert.Equal(sdk.ForAuthorizationHeader, ours.Authorization);
    }

    private static string RandomText(Random random, int length, string alphabet) =>
        string.Create(length, (random, alphabet), static (span, state) =>
        {
            for (int i = 0; i < span.Length; i++)
            {
                span[i] = state.alphabet[state.random.Next(state.alphabet.Length)];
            }
        });
}
