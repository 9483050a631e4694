using System.Text.Json.Serialization;

namespace AotAuth.Testing.Reference;

/// <summary>
/// The authorizer's answer as a plain object graph: what API Gateway expects back from
/// a TOKEN authorizer. The function writes it with AotAuth.Core's <c>PolicyWriter</c>; this
/// model is the readable reference tests and benchmarks compare against (it never ships).
/// </summary>
public sealed class AuthorizerResponse
{
    /// <summary>The caller's identity.</summary>
    [JsonPropertyName("principalId")]
    public required string PrincipalId { get; init; }

    /// <summary>The IAM policy.</summary>
    [JsonPropertyName("policyDocument")]
    public required PolicyDocument PolicyDocument { get; init; }

    /// <summary>Values passed to the backend as <c>$context.authorizer.*</c>.</summary>
    [JsonPropertyName("context")]
    public Dictionary<string, string>? Context { get; init; }
}

/// <summary>An IAM policy document.</summary>
public sealed class PolicyDocument
{
    /// <summary>Policy language version.</summary>
    [JsonPropertyName("Version")]
    public string Version { get; init; } = "2012-10-17";

    /// <summary>The statements.</summary>
    [JsonPropertyName("Statement")]
    public required IReadOnlyList<PolicyStatement> Statement { get; init; }
}

/// <summary>One IAM statement with a list of resources.</summary>
public sealed class PolicyStatement
{
    /// <summary>Always <c>execute-api:Invoke</c> here.</summary>
    [JsonPropertyName("Action")]
    public string Action { get; init; } = "execute-api:Invoke";

    /// <summary><c>Allow</c> or <c>Deny</c>.</summary>
    [JsonPropertyName("Effect")]
    public required string Effect { get; init; }

    /// <summary>Resource ARNs.</summary>
    [JsonPropertyName("Resource")]
    public required IReadOnlyList<string> Resource { get; init; }
}

/// <summary>Source-generated serializer for the authorizer's response model.</summary>
[JsonSerializable(typeof(AuthorizerResponse))]
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Default)]
public sealed partial class ReferenceJsonContext : JsonSerializerContext;
