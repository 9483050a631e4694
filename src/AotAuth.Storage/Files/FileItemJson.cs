using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace AotAuth.Storage;

/// <summary>Writes and reads the small JSON documents of the file stores, without reflection.</summary>
internal static class FileItemJson
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Keeps names such as "Zoë" readable in the files; they are never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes one JSON object through <paramref name="writeProperties"/> and returns its UTF-8 bytes.</summary>
    internal static ReadOnlyMemory<byte> Object<TState>(TState state, Action<Utf8JsonWriter, TState> writeProperties)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writeProperties(writer, state);
            writer.WriteEndObject();
        }

        return buffer.WrittenMemory;
    }

    /// <summary>
    /// Parses a file's bytes into a record, turning malformed JSON, invalid UTF-8 and a bad attribute
    /// (a <see cref="CorruptItemException"/> from <paramref name="read"/>) into
    /// <see cref="CorruptItemException"/> whose message names the file by its
    /// <see cref="DurableFile.Label"/> (hash prefix only).
    /// </summary>
    internal static T Parse<T>(byte[] json, string role, string path, Func<JsonElement, T> read)
    {
        string file = $"The {role} file {DurableFile.Label(path)}";

        // A hand-edited file may start with a UTF-8 byte order mark; JsonDocument does not skip it.
        var content = json.AsMemory();
        if (content.Span.StartsWith("\uFEFF"u8))
        {
            content = content[3..];
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(content);
        }
        catch (JsonException ex)
        {
            throw new CorruptItemException($"{file} is not valid JSON (truncated or overwritten?).", ex);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new CorruptItemException($"{file} does not hold a JSON object.");
            }

            try
            {
                return read(document.RootElement);
            }
            catch (CorruptItemException ex)
            {
                throw new CorruptItemException($"{file} is corrupt: {char.ToLowerInvariant(ex.Message[0])}{ex.Message[1..]}", ex);
            }
            catch (InvalidOperationException ex)
            {
                // JsonElement.GetString on a string that is not valid UTF-8.
                throw new CorruptItemException($"{file} holds text that is not valid UTF-8.", ex);
            }
        }
    }

    /// <summary>A required string property, or <see cref="CorruptItemException"/>.</summary>
    internal static string RequiredString(JsonElement item, string role, string property, bool nonEmpty = false)
    {
        var value = item.TryGetProperty(property, out var element) && element.ValueKind == JsonValueKind.String ? element.GetString() : null;
        return value is null || (nonEmpty && value.Length == 0)
            ? throw CorruptItemException.BadAttribute(role, property, nonEmpty ? "non-empty string" : "string")
            : value;
    }

    /// <summary>True when the property is missing or JSON null.</summary>
    internal static bool IsAbsent(JsonElement item, string property, out JsonElement value) =>
        !item.TryGetProperty(property, out value) || value.ValueKind == JsonValueKind.Null;
}
