using System.Text.Json;

namespace AotAuth.Storage;

/// <summary>
/// Reads the few response members the client needs, skipping everything else. Each method
/// expects the reader on the response's top-level StartObject.
/// </summary>
internal static class DynamoDbResponseReader
{
    /// <summary>Reads {"member": {item}, ...}; null when the member is absent (e.g. GetItem of a missing key).</summary>
    public static IReadOnlyDictionary<string, AttributeValue>? ReadItemMember(ref Utf8JsonReader reader, ReadOnlySpan<byte> member)
    {
        AttributeValueJson.Expect(ref reader, JsonTokenType.StartObject);
        IReadOnlyDictionary<string, AttributeValue>? item = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var match = reader.ValueTextEquals(member);
            reader.Read();
            if (match)
            {
                item = AttributeValueJson.ReadItem(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return item;
    }

    /// <summary>Reads Scan's {"Items": [...], "LastEvaluatedKey": {...}, "Count": n, ...}.</summary>
    public static ScanPage ReadScanPage(ref Utf8JsonReader reader)
    {
        AttributeValueJson.Expect(ref reader, JsonTokenType.StartObject);
        var items = new List<IReadOnlyDictionary<string, AttributeValue>>();
        IReadOnlyDictionary<string, AttributeValue>? lastEvaluatedKey = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isItems = reader.ValueTextEquals("Items"u8);
            var isLastKey = reader.ValueTextEquals("LastEvaluatedKey"u8);
            reader.Read();
            if (isItems)
            {
                AttributeValueJson.Expect(ref reader, JsonTokenType.StartArray);
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(AttributeValueJson.ReadItem(ref reader));
                }
            }
            else if (isLastKey)
            {
                lastEvaluatedKey = AttributeValueJson.ReadItem(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return new ScanPage(items, lastEvaluatedKey);
    }

    /// <summary>Reads two string members of a nested object: {"objectMember": {"first": "..", "second": ".."}}.</summary>
    public static (string? First, string? Second) ReadStringFields(
        ref Utf8JsonReader reader, ReadOnlySpan<byte> objectMember, ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        AttributeValueJson.Expect(ref reader, JsonTokenType.StartObject);
        string? firstValue = null;
        string? secondValue = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var match = reader.ValueTextEquals(objectMember);
            reader.Read();
            if (!match || reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isFirst = reader.ValueTextEquals(first);
                var isSecond = reader.ValueTextEquals(second);
                reader.Read();
                if (isFirst && reader.TokenType == JsonTokenType.String)
                {
                    firstValue = reader.GetString();
                }
                else if (isSecond && reader.TokenType == JsonTokenType.String)
                {
                    secondValue = reader.GetString();
                }
                else
                {
                    reader.Skip();
                }
            }
        }

        return (firstValue, secondValue);
    }
}
