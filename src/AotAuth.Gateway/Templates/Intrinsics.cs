using System.Text.Json;

namespace AotAuth.Gateway.Templates;

/// <summary>
/// The CloudFormation intrinsics that link resources as CDK writes them: <c>Ref</c>,
/// <c>Fn::GetAtt</c> and the references inside <c>Fn::Join</c> (an ARN or URI built from parts).
/// </summary>
public static class Intrinsics
{
    /// <summary>
    /// The logical id a value points at: <c>{"Ref": id}</c> or <c>{"Fn::GetAtt": [id, attribute]}</c>
    /// (or <c>"id.attribute"</c>); null for anything else (a literal, a pseudo parameter).
    /// </summary>
    public static string? Target(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (value.TryGetProperty("Ref", out JsonElement reference) && reference.ValueKind == JsonValueKind.String)
        {
            string id = reference.GetString()!;
            return id.StartsWith("AWS::", StringComparison.Ordinal) ? null : id;
        }

        return Attribute(value) is { } attribute ? attribute.LogicalId : null;
    }

    /// <summary>The <c>Fn::GetAtt</c> of <paramref name="value"/> as (logical id, attribute), or null.</summary>
    public static (string LogicalId, string Attribute)? Attribute(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty("Fn::GetAtt", out JsonElement getAtt))
        {
            return null;
        }

        if (getAtt.ValueKind == JsonValueKind.Array && getAtt.GetArrayLength() == 2
            && getAtt[0].ValueKind == JsonValueKind.String && getAtt[1].ValueKind == JsonValueKind.String)
        {
            return (getAtt[0].GetString()!, getAtt[1].GetString()!);
        }

        if (getAtt.ValueKind == JsonValueKind.String && getAtt.GetString()!.Split('.', 2) is [var id, var attribute])
        {
            return (id, attribute);
        }

        return null;
    }

    /// <summary>Every logical id <paramref name="value"/> refers to, anywhere inside it (a <c>Fn::Join</c>'s parts included), in order.</summary>
    public static IEnumerable<string> References(JsonElement value)
    {
        if (Target(value) is { } id)
        {
            yield return id;
            yield break;
        }

        if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("Fn::Sub", out JsonElement sub))
        {
            foreach (string inner in SubReferences(sub.ValueKind == JsonValueKind.Array && sub.GetArrayLength() > 0 ? sub[0] : sub))
            {
                yield return inner;
            }
        }

        IEnumerable<JsonElement> children = value.ValueKind switch
        {
            JsonValueKind.Object => value.EnumerateObject().Select(p => p.Value),
            JsonValueKind.Array => value.EnumerateArray(),
            _ => [],
        };
        foreach (JsonElement child in children)
        {
            foreach (string inner in References(child))
            {
                yield return inner;
            }
        }
    }

    /// <summary>The logical ids a <c>Fn::Sub</c> text names: <c>${Id}</c> and <c>${Id.Attribute}</c>, pseudo parameters and <c>${!literal}</c> left out.</summary>
    private static IEnumerable<string> SubReferences(JsonElement text)
    {
        string value = text.ValueKind == JsonValueKind.String ? text.GetString()! : string.Empty;
        for (int start = value.IndexOf("${", StringComparison.Ordinal); start >= 0; start = value.IndexOf("${", start + 2, StringComparison.Ordinal))
        {
            int end = value.IndexOf('}', start);
            if (end < 0)
            {
                yield break;
            }

            string name = value[(start + 2)..end].Split('.', 2)[0];
            if (name.Length > 0 && !name.StartsWith('!') && !name.StartsWith("AWS::", StringComparison.Ordinal))
            {
                yield return name;
            }
        }
    }
}
