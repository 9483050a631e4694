using System.Buffers;
using System.Text.Json;

namespace AotAuth.Core;

/// <summary>
/// Writes an HTTP API authorizer's simple response (payload format 2.0 with simple
/// responses enabled): <c>{"isAuthorized":true|false,"context":{"principalId":"...","scopes":"..."}}</c>.
/// One reused <see cref="Utf8JsonWriter"/>, so a warm invocation writes it without
/// allocating. Not thread-safe: one per handler.
/// </summary>
public sealed class SimpleResponseWriter : IDisposable
{
    private readonly Utf8JsonWriter _json = new(new ArrayBufferWriter<byte>(1));

    /// <summary>The answer for a known caller: the context carries who it is and its scopes.</summary>
    public void Write(IBufferWriter<byte> output, bool isAuthorized, string principalId, string scopesContext)
    {
        _json.Reset(output);
        _json.WriteStartObject();
        _json.WriteBoolean("isAuthorized"u8, isAuthorized);
        CallerContext.Write(_json, principalId, scopesContext);
        _json.WriteEndObject();
        _json.Flush();
    }

    /// <summary><c>{"isAuthorized":false}</c>: no caller is known, so there is no context to give.</summary>
    public static void WriteNotAuthorized(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Write("{\"isAuthorized\":false}"u8);
    }

    /// <inheritdoc />
    public void Dispose() => _json.Dispose();
}
