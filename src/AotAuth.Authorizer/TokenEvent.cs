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
/// owns, so reading an event allocates nothing.
/// </summary>
internal sealed class TokenEvent
{
    // Worst case escaping is \uXXXX (6 bytes) per character: anything longer cannot
    // unescape into a valid token or a method ARN within API Gateway's limit.
    private readonly byte[] _token = new byte[TokenFormat.MaxLength * 6];
    private readonly byte[] _arn = new byte[Core.MethodArn.MaxLength * 6];
    private int _tokenLength;
    private int _arnLength;

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
                    if (_tokenLength != -1 || !TryCopyString(ref reader, _token, out _tokenLength))
                    {
                        return TokenEventStatus.Malformed;
                    }
                }
                else if (reader.ValueTextEquals("methodArn"u8))
                {
                    if (_arnLength != -1 || !TryCopyString(ref reader, _arn, out _arnLength) || _arnLength == -2)
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
    /// Moves to the property's value and copies it unescaped. Returns false for a
    /// non-string value; sets <paramref name="length"/> to -2 when the string is too
    /// long for <paramref name="buffer"/> (a null value counts as missing: 0).
    /// </summary>
    private static bool TryCopyString(ref Utf8JsonReader reader, byte[] buffer, out int length)
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

        length = reader.CopyString(buffer);
        return true;
    }
}
