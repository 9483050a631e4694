using System.Text.Json;

namespace AotAuth.Core;

/// <summary>
/// The <c>context</c> object of every Allow the authorizer writes, IAM policy and HTTP API simple
/// response alike: who the caller is and its scopes, which API Gateway hands the integration
/// (<c>$context.authorizer.principalId</c>, <c>.scopes</c>). Written here once so both answers carry the same keys.
/// </summary>
internal static class CallerContext
{
    /// <summary>Writes <c>"context":{"principalId":...,"scopes":...}</c> as a property of the object being written.</summary>
    public static void Write(Utf8JsonWriter json, string principalId, string scopesContext)
    {
        json.WriteStartObject("context"u8);
        json.WriteString("principalId"u8, principalId);
        json.WriteString("scopes"u8, scopesContext);
        json.WriteEndObject();
    }
}
