using System.Text.Json;

namespace AotAuth.Storage;

/// <summary>
/// Reads and writes DynamoDB JSON ({"S":"x"}, {"N":"1"}, ...) with Utf8JsonWriter and
/// Utf8JsonReader: no reflection, so it is trim- and AOT-safe, and it allocates only the
/// resulting strings and collections.
/// </summary>
internal static class AttributeValueJson
{
    public static void WriteItem(Utf8JsonWriter writer, IReadOnlyDictionary<string, AttributeValue> item)
    {
        writer.WriteStartObject();
        foreach (var (name, value) in item)
        {
            writer.WritePropertyName(name);
            WriteValue(writer, value);
        }

        writer.WriteEndObject();
    }

    public static void WriteValue(Utf8JsonWriter writer, AttributeValue value)
    {
        writer.WriteStartObject();
        switch (value.Kind)
        {
            case AttributeValueKind.S:
                writer.WriteString("S"u8, value.Text);
                break;
            case AttributeValueKind.N:
                writer.WriteString("N"u8, value.Text);
                break;
            case AttributeValueKind.SS:
                writer.WriteStartArray("SS"u8);
                foreach (var member in value.StringSet!)
                {
                    writer.WriteStringValue(member);
                }

                writer.WriteEndArray();
                break;
            case AttributeValueKind.L:
                writer.WriteStartArray("L"u8);
                foreach (var element in value.List!)
                {
                    WriteValue(writer, element);
                }

                writer.WriteEndArray();
                break;
            case AttributeValueKind.Bool:
                writer.WriteBoolean("BOOL"u8, value.BoolValue);
                break;
            case AttributeValueKind.Null:
                writer.WriteBoolean("NULL"u8, true);
                break;
            default:
                throw new ArgumentException("Values of an unsupported DynamoDB type cannot be written.", nameof(value));
        }

        writer.WriteEndObject();
    }

    /// <summary>Reads an item object; the reader must be positioned on its StartObject token.</summary>
    public static Dictionary<string, AttributeValue> ReadItem(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartObject);
        var item = new Dictionary<string, AttributeValue>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            item[name] = ReadValue(ref reader);
        }

        Expect(ref reader, JsonTokenType.EndObject);
        return item;
    }

    /// <summary>Reads one {"T": ...} value; the reader must be positioned on its StartObject token.</summary>
    public static AttributeValue ReadValue(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartObject);
        reader.Read();
        Expect(ref reader, JsonTokenType.PropertyName);
        AttributeValue result;
        if (reader.ValueTextEquals("S"u8))
        {
            reader.Read();
            result = AttributeValue.FromString(ReadString(ref reader));
        }
        else if (reader.ValueTextEquals("N"u8))
        {
            reader.Read();
            result = AttributeValue.FromNumberText(ReadString(ref reader));
        }
        else if (reader.ValueTextEquals("BOOL"u8))
        {
            reader.Read();
            result = AttributeValue.FromBool(reader.GetBoolean());
        }
        else if (reader.ValueTextEquals("NULL"u8))
        {
            reader.Read();
            result = AttributeValue.Null;
        }
        else if (reader.ValueTextEquals("SS"u8))
        {
            reader.Read();
            Expect(ref reader, JsonTokenType.StartArray);
            var members = new List<string>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                members.Add(ReadString(ref reader));
            }

            // Built directly: what DynamoDB returns is a valid set, no need to re-check it.
            result = AttributeValue.FromStringSetUnchecked(members);
        }
        else if (reader.ValueTextEquals("L"u8))
        {
            reader.Read();
            Expect(ref reader, JsonTokenType.StartArray);
            var elements = new List<AttributeValue>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                elements.Add(ReadValue(ref reader));
            }

            result = AttributeValue.FromList(elements);
        }
        else
        {
            // B, BS, NS, M: not modelled. Skip so that items carrying extra attributes of
            // those types can still be read.
            reader.Read();
            reader.Skip();
            result = AttributeValue.Unsupported;
        }

        reader.Read();
        Expect(ref reader, JsonTokenType.EndObject);
        return result;
    }

    private static string ReadString(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.String);
        return reader.GetString()!;
    }

    internal static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (reader.TokenType != type)
        {
            throw new JsonException($"Unexpected DynamoDB JSON: expected {type}, found {reader.TokenType}.");
        }
    }
}
