using System.Buffers;
using System.Text.Json;

namespace AotAuth.Gateway;

/// <summary>The bytes of an event the gateway invokes a function with: one JSON object.</summary>
internal static class EventPayload
{
    /// <summary>Writes one JSON object through <paramref name="writeMembers"/> and returns its UTF-8 bytes.</summary>
    /// <param name="writeMembers">Writes the object's members.</param>
    /// <param name="sizeHint">The buffer's first size (the event's expected length).</param>
    internal static byte[] Write(Action<Utf8JsonWriter> writeMembers, int sizeHint = 1024)
    {
        var buffer = new ArrayBufferWriter<byte>(sizeHint);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            writeMembers(json);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
