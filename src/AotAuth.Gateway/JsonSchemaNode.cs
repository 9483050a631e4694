using System.Collections.Immutable;
using System.Text.Json;

namespace AotAuth.Gateway;

/// <summary>
/// One compiled schema of the JSON Schema draft-04 subset <see cref="ModelValidator"/>
/// supports. A keyword outside the subset throws <see cref="NotSupportedException"/> when
/// the schema is compiled, so a constraint is never silently skipped.
/// </summary>
internal sealed class JsonSchemaNode
{
    private static readonly ImmutableHashSet<string> Annotations = ["$schema", "title", "description", "id"];
    private static readonly ImmutableHashSet<string> TypeNames = ["object", "array", "string", "number", "integer", "boolean", "null"];

    private ImmutableHashSet<string>? _types;
    private ImmutableDictionary<string, JsonSchemaNode> _properties = ImmutableDictionary<string, JsonSchemaNode>.Empty;
    private ImmutableArray<string> _required = [];
    private bool _additionalAllowed = true;
    private JsonSchemaNode? _additional;
    private JsonSchemaNode? _items;
    private int? _minLength;
    private int? _maxLength;
    private ImmutableArray<JsonElement>? _enum;

    /// <summary>Compiles <paramref name="schema"/> (an element that outlives this node).</summary>
    public static JsonSchemaNode Compile(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            throw new NotSupportedException("a schema must be a JSON object");
        }

        var node = new JsonSchemaNode();
        foreach (JsonProperty k in schema.EnumerateObject())
        {
            JsonElement v = k.Value;
            switch (k.Name)
            {
                case var a when Annotations.Contains(a):
                    break;
                case "type":
                    node._types = v.ValueKind == JsonValueKind.Array ? [.. v.EnumerateArray().Select(TypeName)] : [TypeName(v)];
                    break;
                case "properties":
                    node._properties = v.EnumerateObject().ToImmutableDictionary(p => p.Name, p => Compile(p.Value), StringComparer.Ordinal);
                    break;
                case "required":
                    node._required = [.. v.EnumerateArray().Select(r => r.GetString() ?? throw new NotSupportedException("required holds a null"))];
                    break;
                case "additionalProperties" when v.ValueKind is JsonValueKind.True or JsonValueKind.False:
                    node._additionalAllowed = v.GetBoolean();
                    break;
                case "additionalProperties":
                    node._additional = Compile(v);
                    break;
                case "items":
                    node._items = Compile(v);
                    break;
                case "minLength":
                    node._minLength = v.GetInt32();
                    break;
                case "maxLength":
                    node._maxLength = v.GetInt32();
                    break;
                case "enum":
                    node._enum = [.. v.EnumerateArray()];
                    break;
                default:
                    throw new NotSupportedException($"schema keyword '{k.Name}' is not supported by the local gateway");
            }
        }

        return node;
    }

    /// <summary>True when <paramref name="value"/> satisfies this schema.</summary>
    public bool IsValid(JsonElement value)
    {
        if (_types is not null && !_types.Any(t => HasType(value, t)))
        {
            return false;
        }

        if (_enum is { } allowed && !allowed.Any(e => JsonElement.DeepEquals(e, value)))
        {
            return false;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Object => IsValidObject(value),
            JsonValueKind.Array => _items is null || value.EnumerateArray().All(_items.IsValid),
            JsonValueKind.String => IsValidLength(value.GetString()!),
            _ => true,
        };
    }

    private bool IsValidObject(JsonElement value)
    {
        foreach (string name in _required)
        {
            if (!value.TryGetProperty(name, out _))
            {
                return false;
            }
        }

        foreach (JsonProperty p in value.EnumerateObject())
        {
            JsonSchemaNode? schema = _properties.GetValueOrDefault(p.Name) ?? _additional;
            if (schema is null ? !_additionalAllowed && !_properties.ContainsKey(p.Name) : !schema.IsValid(p.Value))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Lengths count Unicode code points, as JSON Schema specifies (an emoji is one).</summary>
    private bool IsValidLength(string s)
    {
        int length = 0;
        foreach (var _ in s.EnumerateRunes())
        {
            length++;
        }

        return length >= (_minLength ?? 0) && length <= (_maxLength ?? int.MaxValue);
    }

    private static bool HasType(JsonElement value, string type) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && IsIntegral(value),
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        _ => value.ValueKind == JsonValueKind.Null,
    };

    /// <summary>A number with no fractional part (<c>1.0</c> counts, as most validators accept).</summary>
    private static bool IsIntegral(JsonElement value) =>
        value.TryGetDecimal(out decimal d) ? d == decimal.Truncate(d) : double.IsInteger(value.GetDouble());

    private static string TypeName(JsonElement t) =>
        t.GetString() is { } name && TypeNames.Contains(name) ? name : throw new NotSupportedException($"unknown schema type {t}");
}
