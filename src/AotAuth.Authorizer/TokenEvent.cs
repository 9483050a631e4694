using System.Text;
using System.Text.Json;
using AotAuth.Core;

namespace AotAuth.Authorizer;

/// <summary>What reading an authorizer event found.</summary>
internal enum TokenEventStatus
{
    /// <summary>An event of a known <see cref="EventShape"/> with a token and an ARN, both copied out.</summary>
    Ok,

    /// <summary>The event is well-formed but its token is missing, empty, ambiguous or too long to be valid.</summary>
    BadToken,

    /// <summary>No event we know: not JSON, wrong types, a duplicated field, an unknown type or version, no ARN.</summary>
    Malformed,
}

/// <summary>
/// Reads the three authorizer events API Gateway sends, in one pass whatever the order of
/// their fields, with a <see cref="Utf8JsonReader"/>:
/// REST <c>{"type":"TOKEN","authorizationToken":"...","methodArn":"..."}</c>,
/// REST <c>{"type":"REQUEST","methodArn":"...","headers":{"Authorization":"..."},...}</c> and
/// HTTP API <c>{"version":"2.0","type":"REQUEST","routeArn":"...","routeKey":"...","headers":{"authorization":"..."},...}</c>.
/// The strings it needs are unescaped into buffers the handler owns, so reading an event
/// allocates nothing; everything else (query strings, request context, ...) is skipped.
/// <see cref="Clear"/> zeroes what an event left in the buffers once it is answered, so a
/// token does not stay in memory (a core dump, say) after its invocation.
/// </summary>
/// <remarks>
/// The token of a REQUEST or 2.0 event is the <c>Authorization</c> header (names compared
/// case-insensitively, as HTTP does), never <c>identitySource</c>, whose order depends on how
/// the authorizer is configured. Two headers that both spell <c>Authorization</c>, or two
/// <c>Authorization</c> values in <c>multiValueHeaders</c>, are an ambiguous identity:
/// <see cref="TokenEventStatus.BadToken"/>. An event naming both a
/// <c>methodArn</c> and a <c>routeArn</c>, or a shape's token field in another shape, is not
/// guessed at: <see cref="TokenEventStatus.Malformed"/>.
/// </remarks>
internal sealed class TokenEvent
{
    // Worst case escaping is \uXXXX (6 bytes) per character: anything longer cannot
    // unescape into a valid token or a method ARN within API Gateway's limit.
    private readonly byte[] _token = new byte[TokenFormat.MaxLength * 6];
    private readonly byte[] _header = new byte[TokenFormat.MaxLength * 6];
    private readonly byte[] _arn = new byte[Core.MethodArn.MaxLength * 6];
    private readonly byte[] _routeKey = new byte[Core.RouteKey.MaxLength * 6];
    private int _routeKeyLength;
    private int _routeKeyDirty;
    private int _tokenLength;
    private int _headerLength;
    private int _arnLength;

    // How many leading bytes of each buffer the current event may have written (an upper bound of
    // what CopyString wrote, also when a read stopped half-way): what Clear has to zero.
    private int _tokenDirty;
    private int _headerDirty;
    private int _arnDirty;

    /// <summary>The event's shape (valid after <see cref="TokenEventStatus.Ok"/> or <see cref="TokenEventStatus.BadToken"/>).</summary>
    public EventShape Shape { get; private set; }

    /// <summary>The token's bytes (valid after <see cref="TokenEventStatus.Ok"/>).</summary>
    public ReadOnlySpan<byte> Token => Shape == EventShape.Token
        ? _token.AsSpan(0, Math.Max(_tokenLength, 0))
        : _header.AsSpan(0, Math.Max(_headerLength, 0));

    /// <summary>
    /// The <c>methodArn</c> (REST) or <c>routeArn</c> (2.0) bytes (valid after
    /// <see cref="TokenEventStatus.Ok"/> or <see cref="TokenEventStatus.BadToken"/>).
    /// </summary>
    public ReadOnlySpan<byte> MethodArn => _arn.AsSpan(0, Math.Max(_arnLength, 0));

    /// <summary>The 2.0 event's <c>routeKey</c>, such as <c>GET /user/{id}</c> (valid after <see cref="TokenEventStatus.Ok"/> or <see cref="TokenEventStatus.BadToken"/> of a 2.0 event).</summary>
    public ReadOnlySpan<byte> RouteKey => _routeKey.AsSpan(0, Math.Max(_routeKeyLength, 0));

    /// <summary>Reads one event. Malformed JSON is reported, never thrown.</summary>
    public TokenEventStatus Read(ReadOnlySpan<byte> utf8Event)
    {
        _tokenLength = -1;
        _headerLength = -1;
        _arnLength = -1;
        _routeKeyLength = -1;
        int type = 0, version = 0;
        bool sawMethodArn = false, sawRouteArn = false, sawHeaders = false, sawMultiValueHeaders = false, ambiguousHeader = false;
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
                    if (type != 0 || !TryReadWord(ref reader, "TOKEN"u8, "REQUEST"u8, out type))
                    {
                        return TokenEventStatus.Malformed;
                    }
                }
                else if (reader.ValueTextEquals("version"u8))
                {
                    if (version != 0 || !TryReadWord(ref reader, "1.0"u8, "2.0"u8, out version))
                    {
                        return TokenEventStatus.Malformed;
                    }
                }
                else if (reader.ValueTextEquals("authorizationToken"u8))
                {
                    if (_tokenLength != -1 || !TryCopyString(ref reader, _token, ref _tokenDirty, out _tokenLength))
                    {
                        return TokenEventStatus.Malformed;
                    }
                }
                else if (reader.ValueTextEquals("methodArn"u8) || reader.ValueTextEquals("routeArn"u8))
                {
                    ref bool saw = ref reader.ValueTextEquals("methodArn"u8) ? ref sawMethodArn : ref sawRouteArn;
                    if (_arnLength != -1 || !TryCopyString(ref reader, _arn, ref _arnDirty, out _arnLength) || _arnLength <= 0)
                    {
                        return TokenEventStatus.Malformed;
                    }

                    saw = true;
                }
                else if (reader.ValueTextEquals("routeKey"u8))
                {
                    if (_routeKeyLength != -1 || !TryCopyString(ref reader, _routeKey, ref _routeKeyDirty, out _routeKeyLength) || _routeKeyLength <= 0)
                    {
                        return TokenEventStatus.Malformed;
                    }
                }
                else if (reader.ValueTextEquals("headers"u8))
                {
                    if (sawHeaders || !TryReadHeaders(ref reader, ref ambiguousHeader))
                    {
                        return TokenEventStatus.Malformed;
                    }

                    sawHeaders = true;
                }
                else if (reader.ValueTextEquals("multiValueHeaders"u8))
                {
                    if (sawMultiValueHeaders || !TryCountMultiValueAuthorization(ref reader, ref ambiguousHeader))
                    {
                        return TokenEventStatus.Malformed;
                    }

                    sawMultiValueHeaders = true;
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

        if (!TryShape(type, version, sawMethodArn, sawRouteArn, out EventShape shape) || (shape == EventShape.HttpV2 && _routeKeyLength <= 0))
        {
            return TokenEventStatus.Malformed;
        }

        Shape = shape;
        if (shape == EventShape.Token)
        {
            return _tokenLength > 0 ? TokenEventStatus.Ok : TokenEventStatus.BadToken;
        }

        // authorizationToken belongs to TOKEN events (an HTTP API's 1.0 payload also carries
        // the identity sources joined there; the header is the token, whatever they are).
        return _headerLength > 0 && !ambiguousHeader ? TokenEventStatus.Ok : TokenEventStatus.BadToken;
    }

    /// <summary>
    /// Zeroes every byte the last <see cref="Read"/> may have written into the buffers, and
    /// empties <see cref="Token"/> and <see cref="MethodArn"/>. Cheap: only the used length.
    /// </summary>
    public void Clear()
    {
        _token.AsSpan(0, _tokenDirty).Clear();
        _header.AsSpan(0, _headerDirty).Clear();
        _arn.AsSpan(0, _arnDirty).Clear();
        _routeKey.AsSpan(0, _routeKeyDirty).Clear();
        _routeKeyDirty = 0;
        _routeKeyLength = 0;
        _tokenDirty = 0;
        _headerDirty = 0;
        _arnDirty = 0;
        _tokenLength = 0;
        _headerLength = 0;
        _arnLength = 0;
    }

    // type: 1 TOKEN, 2 REQUEST, 3 anything else; version: 0 none, 1 "1.0", 2 "2.0", 3 anything else.
    private static bool TryShape(int type, int version, bool sawMethodArn, bool sawRouteArn, out EventShape shape)
    {
        shape = EventShape.Token;
        if (type == 1)
        {
            return version == 0 && sawMethodArn && !sawRouteArn;
        }

        if (type != 2)
        {
            return false;
        }

        if (version == 2)
        {
            shape = EventShape.HttpV2;
            return sawRouteArn && !sawMethodArn;
        }

        shape = EventShape.Request;
        return version is 0 or 1 && sawMethodArn && !sawRouteArn;
    }

    /// <summary>Reads a string value: <paramref name="code"/> 1 when it is <paramref name="first"/>, 2 when <paramref name="second"/>, 3 otherwise.</summary>
    private static bool TryReadWord(ref Utf8JsonReader reader, ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, out int code)
    {
        code = 0;
        if (!reader.Read() || reader.TokenType != JsonTokenType.String)
        {
            return false;
        }

        code = reader.ValueTextEquals(first) ? 1 : reader.ValueTextEquals(second) ? 2 : 3;
        return true;
    }

    /// <summary>Reads the <c>headers</c> object (or null), copying the <c>Authorization</c> value.</summary>
    private bool TryReadHeaders(ref Utf8JsonReader reader, ref bool ambiguous)
    {
        if (!TryStartObject(ref reader, out bool isObject))
        {
            return false;
        }

        if (!isObject)
        {
            return true; // null: no headers
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!IsAuthorizationName(ref reader))
            {
                reader.Read();
                reader.Skip();
                continue;
            }

            if (_headerLength != -1)
            {
                ambiguous = true;
            }

            if (!TryCopyString(ref reader, _header, ref _headerDirty, out _headerLength))
            {
                return false;
            }
        }

        return reader.TokenType == JsonTokenType.EndObject;
    }

    /// <summary>
    /// Reads the <c>multiValueHeaders</c> object (or null) of a REST REQUEST (or HTTP API 1.0)
    /// event: <c>headers</c> holds only the last of repeated values, so two <c>Authorization</c>
    /// values show here alone. More than one, under one name or several, is ambiguous.
    /// </summary>
    private static bool TryCountMultiValueAuthorization(ref Utf8JsonReader reader, ref bool ambiguous)
    {
        if (!TryStartObject(ref reader, out bool isObject))
        {
            return false;
        }

        if (!isObject)
        {
            return true; // null: no headers
        }

        int values = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool authorization = IsAuthorizationName(ref reader);
            if (!reader.Read())
            {
                return false;
            }

            if (!authorization || reader.TokenType == JsonTokenType.Null)
            {
                reader.Skip();
                continue;
            }

            if (reader.TokenType != JsonTokenType.StartArray)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                values++;
                reader.Skip();
            }
        }

        ambiguous |= values > 1;
        return reader.TokenType == JsonTokenType.EndObject;
    }

    /// <summary>Moves to a property's value: true at an object (<paramref name="isObject"/>) or at null; false for anything else.</summary>
    private static bool TryStartObject(ref Utf8JsonReader reader, out bool isObject)
    {
        bool read = reader.Read();
        isObject = read && reader.TokenType == JsonTokenType.StartObject;
        return isObject || (read && reader.TokenType == JsonTokenType.Null);
    }

    private static bool IsAuthorizationName(ref Utf8JsonReader reader)
    {
        ReadOnlySpan<byte> name = "authorization"u8;
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            return Ascii.EqualsIgnoreCase(reader.ValueSpan, name);
        }

        // An escaped name (\u0041uthorization) unescapes to at most its raw length.
        int raw = reader.HasValueSequence ? (int)reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (raw > name.Length * 6)
        {
            return false;
        }

        Span<byte> unescaped = stackalloc byte[name.Length * 6];
        int length = reader.CopyString(unescaped);
        return Ascii.EqualsIgnoreCase(unescaped[..length], name);
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
