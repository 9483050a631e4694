using System.Collections.Immutable;
using System.Text.Json;

namespace AotAuth.Gateway;

/// <summary>
/// A TOKEN authorizer's answer, validated the way API Gateway validates it. Anything
/// <see cref="TryParse"/> refuses is an AUTHORIZER_CONFIGURATION_ERROR (500).
/// </summary>
public sealed class AuthorizerOutput
{
    private AuthorizerOutput(string principalId, ImmutableArray<PolicyStatement> statements, ImmutableDictionary<string, string> context, string? usageIdentifierKey)
    {
        PrincipalId = principalId;
        Statements = statements;
        Context = context;
        UsageIdentifierKey = usageIdentifierKey;
    }

    /// <summary>The caller, <c>$context.authorizer.principalId</c>.</summary>
    public string PrincipalId { get; }

    /// <summary>The policy's statements (possibly none: everything is implicitly denied).</summary>
    public ImmutableArray<PolicyStatement> Statements { get; }

    /// <summary>The context values, stringified (<c>1</c> is <c>"1"</c>, <c>true</c> is <c>"true"</c>).</summary>
    public ImmutableDictionary<string, string> Context { get; }

    /// <summary>The optional <c>usageIdentifierKey</c> (only meaningful with API keys from the authorizer).</summary>
    public string? UsageIdentifierKey { get; }

    /// <summary>Builds an output directly (tests, a gateway with the authorizer switched off).</summary>
    public static AuthorizerOutput Create(string principalId, IEnumerable<PolicyStatement> statements, IEnumerable<KeyValuePair<string, string>>? context = null) =>
        new(principalId, [.. statements], (context ?? []).ToImmutableDictionary(StringComparer.Ordinal), null);

    /// <summary>
    /// Validates <paramref name="json"/>: an object with a string <c>principalId</c>, a
    /// <c>policyDocument</c> whose <c>Statement</c> is an array of statements (or one
    /// statement object), each with <c>Effect</c> exactly <c>Allow</c> or <c>Deny</c> and
    /// <c>Action</c>/<c>Resource</c> as a string or an array of strings; and an optional
    /// <c>context</c> object (<c>null</c> counts as absent) whose values are strings,
    /// numbers or booleans. On failure <paramref name="problem"/> says why.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> json, out AuthorizerOutput? output, out string? problem)
    {
        output = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException ex)
        {
            problem = "the response is not JSON: " + ex.Message;
            return false;
        }

        using (document)
        {
            try
            {
                problem = Parse(document.RootElement, out output);
            }
            catch (InvalidOperationException)
            {
                output = null;
                problem = "the response has a string that is not valid UTF-8";
            }

            return problem is null;
        }
    }

    private static string? Parse(JsonElement root, out AuthorizerOutput? output)
    {
        output = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return "the response is not a JSON object";
        }

        if (!root.TryGetProperty("principalId", out var principal) || principal.ValueKind != JsonValueKind.String)
        {
            return "principalId is missing or not a string";
        }

        if (!root.TryGetProperty("policyDocument", out var policy) || policy.ValueKind != JsonValueKind.Object)
        {
            return "policyDocument is missing or not an object";
        }

        if (!policy.TryGetProperty("Statement", out var statementElement)
            || statementElement.ValueKind is not (JsonValueKind.Array or JsonValueKind.Object))
        {
            return "policyDocument.Statement is missing or not an array";
        }

        var statements = ImmutableArray.CreateBuilder<PolicyStatement>();
        IEnumerable<JsonElement> all = statementElement.ValueKind == JsonValueKind.Array ? statementElement.EnumerateArray() : [statementElement];
        foreach (JsonElement s in all)
        {
            string? statementProblem = ParseStatement(s, out var statement);
            if (statementProblem is not null)
            {
                return statementProblem;
            }

            statements.Add(statement!);
        }

        var context = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        if (root.TryGetProperty("context", out var contextElement) && contextElement.ValueKind != JsonValueKind.Null)
        {
            if (contextElement.ValueKind != JsonValueKind.Object)
            {
                return "context is not an object";
            }

            foreach (JsonProperty p in contextElement.EnumerateObject())
            {
                switch (p.Value.ValueKind)
                {
                    case JsonValueKind.String: context[p.Name] = p.Value.GetString()!; break;
                    case JsonValueKind.Number: context[p.Name] = p.Value.GetRawText(); break;
                    case JsonValueKind.True: context[p.Name] = "true"; break;
                    case JsonValueKind.False: context[p.Name] = "false"; break;
                    default: return $"context value '{p.Name}' is {p.Value.ValueKind}; only strings, numbers and booleans are allowed";
                }
            }
        }

        string? usageKey = root.TryGetProperty("usageIdentifierKey", out var key) && key.ValueKind == JsonValueKind.String ? key.GetString() : null;
        output = new AuthorizerOutput(principal.GetString()!, statements.ToImmutable(), context.ToImmutable(), usageKey);
        return null;
    }

    private static string? ParseStatement(JsonElement s, out PolicyStatement? statement)
    {
        statement = null;
        if (s.ValueKind != JsonValueKind.Object)
        {
            return "a statement is not an object";
        }

        PolicyEffect effect;
        if (!s.TryGetProperty("Effect", out var e) || e.ValueKind != JsonValueKind.String)
        {
            return "a statement has no Effect";
        }
        else if (e.ValueEquals("Allow"u8))
        {
            effect = PolicyEffect.Allow;
        }
        else if (e.ValueEquals("Deny"u8))
        {
            effect = PolicyEffect.Deny;
        }
        else
        {
            return $"Effect '{e.GetString()}' is neither Allow nor Deny";
        }

        if (!TryStrings(s, "Action", out var actions) || !TryStrings(s, "Resource", out var resources))
        {
            return "a statement's Action or Resource is missing, or not a string or an array of strings";
        }

        statement = new PolicyStatement(effect, actions, resources);
        return null;
    }

    private static bool TryStrings(JsonElement statement, string name, out ImmutableArray<string> values)
    {
        values = [];
        if (!statement.TryGetProperty(name, out var element))
        {
            return false;
        }

        if (element.ValueKind == JsonValueKind.String)
        {
            values = [element.GetString()!];
            return true;
        }

        if (element.ValueKind != JsonValueKind.Array || element.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
        {
            return false;
        }

        values = [.. element.EnumerateArray().Select(v => v.GetString()!)];
        return true;
    }
}
