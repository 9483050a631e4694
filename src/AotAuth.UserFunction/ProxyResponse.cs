using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using AotAuth.Core.Contracts;
using AotAuth.LambdaRuntime;

namespace AotAuth.UserFunction;

/// <summary>
/// Turns what the handler decided into an HTTP API proxy response (payload format 2.0):
/// <c>{"statusCode":204}</c> for a put, 200 with the user as the body for a get, 400 / 404 with
/// <c>{"message":"..."}</c> for <c>BadRequest</c> / <c>NotFound</c>, and 500 with
/// <c>{"message":"Internal Server Error"}</c> (HTTP APIs' own words) for anything else, whose
/// detail stays in the function's log.
/// </summary>
internal sealed class ProxyResponse : IDisposable
{
    /// <summary>The body of a 500: no detail leaves the function.</summary>
    public const string InternalError = "Internal Server Error";

    // Relaxed escaping: a message's quotes and apostrophes read as written ("'id'", not "\u0027id\u0027");
    // JSON's own escapes (quote, backslash, control characters) still apply.
    private readonly Utf8JsonWriter _json = new(new ArrayBufferWriter<byte>(1), new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    private readonly ArrayBufferWriter<byte> _body = new(256);

    /// <summary>
    /// Writes the response for <paramref name="result"/>; <paramref name="payload"/> holds the
    /// user JSON a successful get wrote. The invocation itself always succeeds: the status is in the response.
    /// </summary>
    public InvocationResult Write(IBufferWriter<byte> output, InvocationResult result, UserRequest? request, ReadOnlySpan<byte> payload)
    {
        if (result.IsSuccess)
        {
            return request?.Action == UserAction.Get ? Respond(output, 200, payload) : Respond(output, 204, default);
        }

        (int status, string message) = result.ErrorType switch
        {
            ErrorTypes.BadRequest => (400, Detail(result.ErrorMessage, ErrorTypes.BadRequest)),
            ErrorTypes.NotFound => (404, Detail(result.ErrorMessage, ErrorTypes.NotFound)),
            _ => (500, InternalError),
        };

        _body.ResetWrittenCount();
        _json.Reset(_body);
        _json.WriteStartObject();
        _json.WriteString("message"u8, message);
        _json.WriteEndObject();
        _json.Flush();
        return Respond(output, status, _body.WrittenSpan);
    }

    public void Dispose() => _json.Dispose();

    private InvocationResult Respond(IBufferWriter<byte> output, int status, ReadOnlySpan<byte> body)
    {
        _json.Reset(output);
        _json.WriteStartObject();
        _json.WriteNumber("statusCode"u8, status);
        if (!body.IsEmpty)
        {
            _json.WriteStartObject("headers"u8);
            _json.WriteString("content-type"u8, "application/json"u8);
            _json.WriteEndObject();
            _json.WriteString("body"u8, body);
            _json.WriteBoolean("isBase64Encoded"u8, false);
        }

        _json.WriteEndObject();
        _json.Flush();
        return InvocationResult.Success;
    }

    // "BadRequest: the body ..." -> "the body ...".
    private static string Detail(string? message, string type) =>
        message is not null && message.StartsWith(type + ": ", StringComparison.Ordinal) ? message[(type.Length + 2)..] : message ?? type;
}
