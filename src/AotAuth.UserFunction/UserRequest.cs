using System.Text.Json;

namespace AotAuth.UserFunction;

/// <summary>The two things the API asks of the user function.</summary>
internal enum UserAction
{
    /// <summary><c>PUT /user</c>: store the body.</summary>
    Put,

    /// <summary><c>GET /user/{id}</c>: read one user.</summary>
    Get,
}

/// <summary>
/// One validated request from the non-proxy integration's mapping template:
/// <c>{"action":"put","principalId":"...","body":{"id":"...","name":"..."}}</c> or
/// <c>{"action":"get","principalId":"...","id":"..."}</c>.
/// </summary>
internal sealed record UserRequest(UserAction Action, string PrincipalId, string Id, string? Name)
{
    /// <summary>Longest id, in characters (Unicode scalar values).</summary>
    public const int MaxIdLength = 128;

    /// <summary>Longest name, in characters (Unicode scalar values).</summary>
    public const int MaxNameLength = 256;

    /// <summary>
    /// Parses and validates an event. A problem with what the API client sent throws
    /// <see cref="BadRequestException"/> (400); a problem with the event's own shape,
    /// which the gateway builds, throws <see cref="InvalidEventException"/> (500).
    /// </summary>
    /// <param name="utf8Event">The event.</param>
    /// <param name="proxy">True for an HTTP API proxy event (<see cref="ProxyEvent"/>), false for the REST mapping template's.</param>
    public static UserRequest Parse(ReadOnlyMemory<byte> utf8Event, bool proxy = false)
    {
        using JsonDocument document = ParseDocument(utf8Event);
        JsonElement root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidEventException("the event is not a JSON object");
        }

        if (proxy)
        {
            return ProxyEvent.Parse(root);
        }

        string action = RequiredString(root, "action");
        string principalId = RequiredString(root, "principalId");
        if (principalId.Length == 0)
        {
            throw new InvalidEventException("principalId is empty: is the method behind the authorizer?");
        }

        return action switch
        {
            "put" => ParsePut(root, principalId),
            "get" => new UserRequest(UserAction.Get, principalId, ValidId(RequiredString(root, "id")), null),
            _ => throw new InvalidEventException("action must be 'put' or 'get'"),
        };
    }

    private static UserRequest ParsePut(JsonElement root, string principalId) =>
        ParsePutBody(root.TryGetProperty("body", out JsonElement body) ? body : default, principalId);

    /// <summary>Validates a <c>PUT /user</c> body (the seed's model and our limits), whichever integration delivered it.</summary>
    internal static UserRequest ParsePutBody(JsonElement body, string principalId)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new BadRequestException("the body must be a JSON object with 'id' and 'name'");
        }

        // The seed's model: both strings, nothing else (additionalProperties: false).
        // Duplicated names are refused too: which one "counts" would be a guess.
        string? id = null;
        string? name = null;
        foreach (JsonProperty property in body.EnumerateObject())
        {
            switch (property.Name)
            {
                case "id" when id is null:
                    id = StringValue(property.Value, "id");
                    break;
                case "name" when name is null:
                    name = StringValue(property.Value, "name");
                    break;
                case "id" or "name":
                    throw new BadRequestException($"'{property.Name}' appears more than once");
                default:
                    throw new BadRequestException("only 'id' and 'name' are allowed in the body");
            }
        }

        if (id is null || name is null)
        {
            throw new BadRequestException("the body needs both 'id' and 'name'");
        }

        return new UserRequest(UserAction.Put, principalId, ValidId(id), ValidName(name));
    }

    /// <summary>An id as a path parameter or in a body: 1 to <see cref="MaxIdLength"/> characters, no control characters.</summary>
    internal static string ValidId(string id) => CheckLength(id, "id", MaxIdLength);

    private static string ValidName(string name) => CheckLength(name, "name", MaxNameLength);

    private static string CheckLength(string value, string field, int max)
    {
        int count = 0;
        foreach (var rune in value.EnumerateRunes())
        {
            if (System.Text.Rune.IsControl(rune))
            {
                throw new BadRequestException($"'{field}' must not contain control characters");
            }

            count++;
        }

        if (count == 0 || count > max)
        {
            throw new BadRequestException($"'{field}' must be 1 to {max} characters");
        }

        return value;
    }

    private static string RequiredString(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out JsonElement value) || value.ValueKind != JsonValueKind.String)
        {
            throw new InvalidEventException($"'{name}' is missing or not a string");
        }

        return StringValue(value, name);
    }

    internal static string StringValue(JsonElement value, string field)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            throw new BadRequestException($"'{field}' must be a string");
        }

        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw new BadRequestException($"'{field}' is not valid UTF-8 text");
        }
    }

    internal static JsonDocument ParseDocument(ReadOnlyMemory<byte> utf8Event)
    {
        try
        {
            return JsonDocument.Parse(utf8Event, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException)
        {
            throw new InvalidEventException("the event is not valid JSON");
        }
    }
}
