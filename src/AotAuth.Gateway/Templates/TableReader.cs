using System.Text.Json;
using AotAuth.Core.Contracts;

namespace AotAuth.Gateway.Templates;

/// <summary>One key attribute of a table.</summary>
/// <param name="Name">The attribute name.</param>
/// <param name="KeyType"><c>HASH</c> or <c>RANGE</c>.</param>
/// <param name="AttributeType"><c>S</c>, <c>N</c> or <c>B</c>.</param>
public sealed record TableKey(string Name, string KeyType, string AttributeType);

/// <summary>A DynamoDB table of a template, as the gateway creates it locally.</summary>
/// <param name="LogicalId">Its logical id.</param>
/// <param name="Name">Its local name: <c>TableName</c>, or the logical id.</param>
/// <param name="Keys">Its key schema, partition key first.</param>
public sealed record TemplateTable(string LogicalId, string Name, IReadOnlyList<TableKey> Keys)
{
    /// <summary>True for a table with the token table's key schema (partition key <c>token</c>, a string, no sort key).</summary>
    public bool IsTokenTable => Keys is [{ KeyType: "HASH", AttributeType: "S" } key] && key.Name == TableSchema.TokenKey;
}

/// <summary>Reads the <see cref="TemplateTable"/>s of a template.</summary>
internal static class TableReader
{
    public static IReadOnlyList<TemplateTable> Read(CloudFormationTemplate template, TemplateValues values) =>
        [.. template.OfType("AWS::DynamoDB::Table").Select(t => new TemplateTable(t.LogicalId, values.PhysicalName(t.LogicalId), Keys(t)))];

    private static List<TableKey> Keys(TemplateResource table)
    {
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        if (table.Property("AttributeDefinitions") is { ValueKind: JsonValueKind.Array } definitions)
        {
            foreach (JsonElement definition in definitions.EnumerateArray())
            {
                if (definition.TextMember("AttributeName") is { } name && definition.TextMember("AttributeType") is { } type)
                {
                    types[name] = type;
                }
            }
        }

        var keys = new List<TableKey>();
        if (table.Property("KeySchema") is { ValueKind: JsonValueKind.Array } schema)
        {
            foreach (JsonElement key in schema.EnumerateArray())
            {
                if (key.TextMember("AttributeName") is { } name && key.TextMember("KeyType") is { } keyType)
                {
                    keys.Add(new TableKey(name, keyType, types.GetValueOrDefault(name, "S")));
                }
            }
        }

        return [.. keys.OrderBy(k => k.KeyType == "HASH" ? 0 : 1)];
    }
}
