using System.Buffers;
using System.Text.Json;

namespace AotAuth.LambdaRuntime;

/// <summary>Writes the Runtime API's error document without reflection.</summary>
internal static class ErrorJson
{
    /// <summary>Content type Lambda expects on <c>error</c> and <c>init/error</c>.</summary>
    public const string ContentType = "application/vnd.aws.lambda.error+json";

    /// <summary>Writes <c>{"errorMessage":..,"errorType":..,"stackTrace":[..]}</c>.</summary>
    public static void Write(IBufferWriter<byte> output, string errorType, string errorMessage, Exception? exception)
    {
        using var writer = new Utf8JsonWriter(output);
        writer.WriteStartObject();
        writer.WriteString("errorMessage"u8, errorMessage);
        writer.WriteString("errorType"u8, errorType);
        if (exception?.StackTrace is { } stackTrace)
        {
            writer.WriteStartArray("stackTrace"u8);
            foreach (var range in stackTrace.AsSpan().Split('\n'))
            {
                var line = stackTrace.AsSpan(range).Trim();
                if (!line.IsEmpty)
                {
                    writer.WriteStringValue(line);
                }
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    /// <summary>
    /// Makes a value safe for the <c>Lambda-Runtime-Function-Error-Type</c> header: a control
    /// character would end the header (or the request), and an error type is a short ASCII name anyway.
    /// </summary>
    public static string HeaderSafe(string value)
    {
        foreach (char c in value)
        {
            if (char.IsControl(c) || c > '~')
            {
                return string.Create(value.Length, value, static (span, source) =>
                {
                    for (int i = 0; i < source.Length; i++)
                    {
                        char ch = source[i];
                        span[i] = char.IsControl(ch) || ch > '~' ? '_' : ch;
                    }
                });
            }
        }

        return value;
    }
}
