using System.Buffers;
using System.Text.Json;

namespace AotAuth.Core;

/// <summary>
/// Writes the authorizer's answer (principalId, IAM policy, context) straight to UTF-8
/// with one reused <see cref="Utf8JsonWriter"/> and one reused resource buffer, so a
/// warm invocation writes a policy without allocating. Not thread-safe: one per handler.
/// </summary>
public sealed class PolicyWriter : IDisposable
{
    private readonly Utf8JsonWriter _json = new(new ArrayBufferWriter<byte>(1));
    private readonly byte[] _resource = new byte[PolicyResource.MaxLength];

    /// <summary>
    /// An Allow statement covering every scope of the token for the API and stage of
    /// <paramref name="arn"/> (each scope's <see cref="RouteScope.ResourceVerbs"/>), so the policy
    /// API Gateway caches under the token is right for the token's other routes too. A scope whose
    /// resources do not fit is left out. With no usable scope it writes a Deny instead.
    /// </summary>
    /// <returns>True for an Allow, false when it wrote the Deny.</returns>
    public bool WriteAllow(IBufferWriter<byte> output, scoped in MethodArn arn, string principalId, ReadOnlySpan<RouteScope> scopes, string scopesContext)
    {
        int usable = 0;
        foreach (RouteScope scope in scopes)
        {
            if (PolicyResource.Fits(arn, scope))
            {
                usable++;
            }
        }

        if (usable == 0)
        {
            WriteDeny(output, arn, principalId, scopesContext);
            return false;
        }

        Utf8JsonWriter json = Begin(output, principalId, "Allow"u8);
        json.WriteStartArray("Resource"u8);
        foreach (RouteScope scope in scopes)
        {
            if (!PolicyResource.Fits(arn, scope))
            {
                continue;
            }

            foreach (ReadOnlyMemory<byte> verb in scope.ResourceVerbs)
            {
                PolicyResource.TryWrite(arn, verb.Span, scope.Utf8Path.Span, _resource, out int written);
                json.WriteStringValue(_resource.AsSpan(0, written));
            }
        }

        json.WriteEndArray();
        End(json, principalId, scopesContext);
        return true;
    }

    /// <summary>
    /// An explicit Deny for every method of the API and stage of <paramref name="arn"/>:
    /// a known caller with no usable scope (API Gateway answers 403).
    /// </summary>
    public void WriteDeny(IBufferWriter<byte> output, scoped in MethodArn arn, string principalId, string scopesContext)
    {
        Utf8JsonWriter json = Begin(output, principalId, "Deny"u8);
        PolicyResource.TryWrite(arn, "*"u8, "*"u8, _resource, out int written);
        json.WriteString("Resource"u8, _resource.AsSpan(0, written));
        End(json, principalId, scopesContext);
    }

    /// <inheritdoc />
    public void Dispose() => _json.Dispose();

    private Utf8JsonWriter Begin(IBufferWriter<byte> output, string principalId, ReadOnlySpan<byte> effect)
    {
        _json.Reset(output);
        _json.WriteStartObject();
        _json.WriteString("principalId"u8, principalId);
        _json.WriteStartObject("policyDocument"u8);
        _json.WriteString("Version"u8, "2012-10-17"u8);
        _json.WriteStartArray("Statement"u8);
        _json.WriteStartObject();
        _json.WriteString("Action"u8, "execute-api:Invoke"u8);
        _json.WriteString("Effect"u8, effect);
        return _json;
    }

    private static void End(Utf8JsonWriter json, string principalId, string scopesContext)
    {
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        CallerContext.Write(json, principalId, scopesContext);
        json.WriteEndObject();
        json.Flush();
    }
}
