using System.Text.Json;

namespace AotAuth.Gateway;

/// <summary>The variables and functions <see cref="MappingTemplate"/> knows.</summary>
internal static class TemplateFunctions
{
    /// <summary>Evaluates the known head of a reference; <paramref name="used"/> is how many segments it took.</summary>
    public static string Evaluate(string root, List<Segment> s, TemplateContext ctx, string text, out int used)
    {
        used = 2;
        switch (root)
        {
            case "context" when Property(s, 0, "authorizer") && Property(s, 1, null):
                return s[1].Name == "principalId" ? ctx.PrincipalId ?? "" : ctx.AuthorizerContext.GetValueOrDefault(s[1].Name, "");
            case "context" when Property(s, 0, "error") && Property(s, 1, "message"):
                return ctx.ErrorMessage ?? "";
            case "context" when Property(s, 0, "error") && Property(s, 1, "messageString"):
                return ctx.ErrorMessage is null ? "null" : MappingTemplate.Quote(ctx.ErrorMessage);
        }

        used = 1;
        return (root, s.Count > 0 ? s[0].Name : null, s.Count > 0 ? s[0].Arguments?.Count : null) switch
        {
            ("context", "requestId", null) => ctx.RequestId,
            ("input", "body", null) => ctx.Body,
            ("input", "json", 1) when s[0].Arguments![0] == "$" => Json(ctx.Body),
            ("input", "params", 1) => ctx.Param(s[0].Arguments![0]),
            ("input", "path", 1) => Path(ctx.Body, s[0].Arguments![0], text),
            ("util", "escapeJavaScript", 1) => JavaScriptEscaper.Escape(s[0].Arguments![0]),
            _ => throw new NotSupportedException($"unknown expression '{text}'"),
        };
    }

    private static bool Property(List<Segment> s, int index, string? name) =>
        s.Count > index && s[index].Arguments is null && (name is null || s[index].Name == name);

    /// <summary><c>$input.json('$')</c>: the body as JSON text, <c>{}</c> for an empty body.</summary>
    private static string Json(string body)
    {
        string trimmed = body.Trim();
        if (trimmed.Length == 0)
        {
            return "{}";
        }

        try
        {
            using var _ = JsonDocument.Parse(trimmed);
        }
        catch (JsonException ex)
        {
            throw new FormatException("the body is not JSON", ex);
        }

        return trimmed;
    }

    /// <summary><c>$input.path('$.name')</c>: a top-level property as text (strings unquoted); empty when absent.</summary>
    private static string Path(string body, string path, string text)
    {
        if (!path.StartsWith("$.", StringComparison.Ordinal) || path.Length == 2 || path.AsSpan(2).ContainsAny('.', '['))
        {
            throw new NotSupportedException($"only '$.name' paths are supported: '{text}'");
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty(path[2..], out var value))
            {
                return "";
            }

            return value.ValueKind switch
            {
                JsonValueKind.String => value.GetString()!,
                JsonValueKind.Null => "",
                _ => value.GetRawText(),
            };
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return "";
        }
    }
}
