using System.Text.Json;

namespace AotAuth.Infra;

/// <summary>JSON text to the plain objects jsii passes to CloudFormation as JSON.</summary>
public static class JsonObjects
{
    /// <summary>Parses <paramref name="json"/> into dictionaries, arrays, strings, numbers, booleans and nulls.</summary>
    public static object? Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Convert(document.RootElement);
    }

    private static object? Convert(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => Convert(p.Value), StringComparer.Ordinal),
        JsonValueKind.Array => element.EnumerateArray().Select(Convert).ToArray(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out long whole) ? whole : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };
}
