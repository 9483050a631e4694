using System.Text.Json;

namespace AotAuth.Storage;

/// <summary>
/// Turns DynamoDB's error answer, e.g.
/// {"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"..."},
/// into a <see cref="DynamoDbException"/>.
/// </summary>
internal static class DynamoDbErrorParser
{
    public static DynamoDbException Parse(string operation, int statusCode, ReadOnlySpan<byte> body)
    {
        string? type = null;
        string? serviceMessage = null;
        try
        {
            var reader = new Utf8JsonReader(body);
            if (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    // The field is "message" for most errors and "Message" for some.
                    var isType = reader.ValueTextEquals("__type"u8);
                    var isMessage = reader.ValueTextEquals("message"u8) || reader.ValueTextEquals("Message"u8);
                    reader.Read();
                    if (isType && reader.TokenType == JsonTokenType.String)
                    {
                        type = reader.GetString();
                    }
                    else if (isMessage && reader.TokenType == JsonTokenType.String)
                    {
                        serviceMessage = reader.GetString();
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON (e.g. a load balancer's HTML page): fall back to the status code.
        }

        var code = ErrorCodeFrom(type) ?? (statusCode >= 500 ? "InternalServerError" : $"Http{statusCode}");
        var retryable = statusCode >= 500 || RetryBackoff.IsThrottlingCode(code);
        var message = serviceMessage is null
            ? $"DynamoDB {operation} failed with {code} (HTTP {statusCode})."
            : $"DynamoDB {operation} failed with {code} (HTTP {statusCode}): {Truncate(serviceMessage)}";
        return new DynamoDbException(code, message, statusCode, retryable);
    }

    private static string? ErrorCodeFrom(string? type)
    {
        if (string.IsNullOrEmpty(type))
        {
            return null;
        }

        var hash = type.LastIndexOf('#');
        return hash >= 0 ? type[(hash + 1)..] : type;
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : string.Concat(text.AsSpan(0, 300), "...");
}
