using System.Buffers;
using System.Text.Json;

namespace AotAuth.LocalHosting;

/// <summary>The Runtime API's error JSON, read and written without reflection.</summary>
internal static class ErrorDocument
{
    /// <summary><c>errorType</c> and <c>errorMessage</c> when the body is such a document; nulls otherwise.</summary>
    public static (string? ErrorType, string? ErrorMessage) Parse(byte[] body)
    {
        string? errorType = null;
        string? errorMessage = null;
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return (null, null);
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isType = reader.ValueTextEquals("errorType"u8);
                bool isMessage = reader.ValueTextEquals("errorMessage"u8);
                reader.Read();
                if (reader.TokenType == JsonTokenType.String && (isType || isMessage))
                {
                    if (isType)
                    {
                        errorType = reader.GetString();
                    }
                    else
                    {
                        errorMessage = reader.GetString();
                    }
                }
                else
                {
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            // Unreadable body: Lambda then builds the error from the header; so do we.
        }

        return (errorType, errorMessage);
    }

    /// <summary><c>{"errorMessage":..,"errorType":..}</c> as UTF-8.</summary>
    public static byte[] Write(string errorType, string errorMessage)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("errorMessage"u8, errorMessage);
            writer.WriteString("errorType"u8, errorType);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
