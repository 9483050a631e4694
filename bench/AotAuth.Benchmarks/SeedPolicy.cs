using System.Text.Json;

namespace AotAuth.Benchmarks;

/// <summary>
/// A straight C# port of the seed's Node.js code (cloudonaut's custom authorizer):
/// <c>generatePolicy</c> builds an object literal, the Lambda runtime turns it into JSON
/// with <c>JSON.stringify</c>; here anonymous types and reflection-based System.Text.Json.
/// </summary>
internal static class SeedPolicy
{
    /// <summary><c>function generatePolicy(principalId, effect, resource)</c>, field for field.</summary>
    public static object Generate(string principalId, string effect, string resource) => new
    {
        principalId,
        policyDocument = new
        {
            Version = "2012-10-17",
            Statement = new[]
            {
                new { Action = "execute-api:Invoke", Effect = effect, Resource = resource },
            },
        },
    };

    /// <summary>What the seed's runtime sends back: the policy as UTF-8 JSON (reflection serializer).</summary>
    public static byte[] Serialize(object policy) => JsonSerializer.SerializeToUtf8Bytes(policy);

    /// <summary>The event fields the seed reads (<c>event.authorizationToken</c>, <c>event.methodArn</c>).</summary>
    internal sealed class TokenEvent
    {
        [System.Text.Json.Serialization.JsonPropertyName("type")]
        public string? Type { get; set; }

        [System.Text.Json.Serialization.JsonPropertyName("authorizationToken")]
        public string? AuthorizationToken { get; set; }

        [System.Text.Json.Serialization.JsonPropertyName("methodArn")]
        public string? MethodArn { get; set; }
    }
}
