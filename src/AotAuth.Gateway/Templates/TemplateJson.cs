using System.Text.Json;

namespace AotAuth.Gateway.Templates;

/// <summary>Reading a template's JSON objects: a member that may be missing, or a literal string member.</summary>
internal static class TemplateJson
{
    /// <summary>The member <paramref name="name"/> of an object, or undefined (missing, or not an object).</summary>
    public static JsonElement Member(this JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.Object && value.TryGetProperty(name, out JsonElement member) ? member : default;

    /// <summary>The string member <paramref name="name"/>, or null when missing or not a literal string.</summary>
    public static string? TextMember(this JsonElement value, string name) =>
        value.Member(name) is { ValueKind: JsonValueKind.String } text ? text.GetString() : null;
}
