using System.Text.Json;
using AotAuth.Core;

namespace AotAuth.Authorizer;

/// <summary>What reading a TOKEN authorizer event found.</summary>
internal enum TokenEventStatus
{
    /// <summary>A TOKEN event with a token and a method ARN, both copied out.</summary>
    Ok,

    /// <summary>The event is well-formed but its token is missing, empty or too long to be valid.</summary>
    BadToken,

    /// <summary>Not a TOKEN event: not JSON, wrong types, a duplicated field, or no methodArn.</summary>
    Malformed,
}

/// <summary>
/// Reads <c>{"type":"TOKEN","authorizationToken":"...","methodArn":"..."}</c> with a
/// <see cref="Utf8JsonReader"/>, unescaping the two strings into buffers the handler
/// owns, so reading an event allocates nothing. The buffers live as long as the process:
/// <see cref="Clear"/> zeroes what an event left in them once it is answered, so a token
/// does not stay in memory (a core dump, say) after its invocation.
/// </summary>
internal sealed class TokenEvent
{
    // Worst case escaping is \uXXXX (6 bytes) per character: anything longer cannot
    // unescape into a valid token or a method ARN within API Gateway's limit.
    private readonly byte[] _token = new byte[TokenFormat.MaxLength * 6];
    private readonly byte[] _arn = new byte[Core.MethodArn.MaxLength * 6];
    private int _tokenLength;
    private int _arnLength;

    // How many leading bytes of each buffer the current event may have written (an upper bound of
    // what CopyString wrote, also when a read stopped half-way): what Clear has to zero.
    private int _tokenDirty;
    private int _arnDirty;

    /// <summary>The token's bytes (valid after <see cref="TokenEventStatus.Ok"/>).</summary>
    public ReadOnlySpan<byte> Token => _token.AsSpan(0, _tokenLength);

    /// <summary>The method ARN's bytes (valid after <see cref="TokenEventStatus.Ok"/> or <see cref="TokenEventStatus.BadToken"/>).</summary>
    public ReadOnlySpan<byte> MethodArn => _arn.AsSpan(0, _arnLength);

    /// <summary>Reads one event. Malformed JSON is reported, never thrown.</summary>
    public TokenEventStatus Read(ReadOnlySpan<byte> utf8Event)
    {
        _tokenLength = -1;
        _arnLength = -1;
        bool sawType = false;
        try
        {
            var reader = new Utf8JsonReader(utf8Event, new JsonReaderOptions { MaxDepth = 16 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return TokenEventStatus.Malformed;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("type"u8))
                {
                    if (sawType || !reader.Read() || reader.TokenType != JsonTokenType.String || !reader.ValueTextEquals("TOKEN"u8))
                    {
                        return TokenEventStatus.Malformed;
                    }

                    sawType = true;
                }
                else if (reader.ValueTextEquals("authorizationToken"u8))
                {
                    if (_tokenLength != -1 || !TryCopyString(ref reader, _token, ref _tokenDirty, out _tokenLength))
                    {
                        return TokenEventStatus.Malformed;
                    }
                }
                else if (reader.ValueTextEquals("methodArn"u8))
                {
                    if (_arnLength != -1 || !TryCopyString(ref reader, _arn, ref _arnDirty, out _arnLength) || _arnLength == -2)
                    {
                        return TokenEventStatus.Malformed;
                    }
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                return TokenEventStatus.Malformed;
            }
        }
        catch (JsonException)
        {
            return TokenEventStatus.Malformed;
        }
        catch (InvalidOperationException)
        {
            // Invalid UTF-8 or a lone surrogate inside a string.
            return TokenEventStatus.Malformed;
        }

        if (!sawType || _arnLength < 0)
        {
            return TokenEventStatus.Malformed;
        }

        return _tokenLength > 0 ? TokenEventStatus.Ok : TokenEventStatus.BadToken;
    }

    /// <summary>
    /// Zeroes every byte the last <see cref="Read"/> may have written into the buffers, and
    /// empties <see cref="Token"/> and <see cref="MethodArn"/>. Cheap: only the used length.
    /// </summary>
    public void Clear()
    {
        _token.AsSpan(0, _tokenDirty).Clear();
        _arn.AsSpan(0, _arnDirty).Clear();
        _tokenDirty = 0;
        _arnDirty = 0;
        _tokenLength = 0;
        _arnLength = 0;
    }

    /// <summary>
    /// Moves to the property's value and copies it unescaped. Returns false for a
    /// non-string value; sets <paramref name="length"/> to -2 when the string is too
    /// long for <paramref name="buffer"/> (a null value counts as missing: 0).
    /// <paramref name="dirty"/> grows to cover whatever the copy may write.
    /// </summary>
    private static bool TryCopyString(ref Utf8JsonReader reader, byte[] buffer, ref int dirty, out int length)
    {
        length = 0;
        if (!reader.Read())
        {
            return false;
        }

        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            return false;
        }

        int raw = reader.HasValueSequence ? (int)reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (raw > buffer.Length)
        {
            length = -2;
            return true;
        }

        // The unescaped value is never longer than its raw (escaped) bytes.
        dirty = Math.Max(dirty, raw);
        length = reader.CopyString(buffer);
        return true;
    }
}
