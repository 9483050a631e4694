using System.Collections.Concurrent;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AotAuth.Gateway;

/// <summary>
/// Renders the tiny VTL subset this API's mapping templates use: <c>$context.authorizer.principalId</c>,
/// <c>$context.authorizer.&lt;key&gt;</c>, <c>$context.requestId</c>, <c>$context.error.message</c>,
/// <c>$context.error.messageString</c>, <c>$input.body</c>, <c>$input.json('$')</c>,
/// <c>$input.params('name')</c>, <c>$input.path('$.name')</c>, <c>$util.escapeJavaScript(...)</c>,
/// and the string methods <c>.replaceAll(regex, text)</c> / <c>.replaceFirst(regex, text)</c>.
/// </summary>
/// <remarks>
/// Anything else that looks like a reference (<c>$name</c>, <c>${...}</c>, <c>$!...</c>) or a directive
/// (<c>#set</c>, <c>#if</c>, ...) throws <see cref="NotSupportedException"/>, so a typo in a template fails
/// loudly instead of rendering an empty string as API Gateway would. Malformed syntax, and
/// <c>$input.json('$')</c> over a body that is not JSON, throw <see cref="FormatException"/>.
/// String literals are taken verbatim (VTL does not unescape them), so <c>"\\'"</c> is the regex <c>\\'</c>.
/// </remarks>
public static class MappingTemplate
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(1);
    private static readonly ConcurrentDictionary<string, Regex> Regexes = new(StringComparer.Ordinal);

    /// <summary>Renders <paramref name="template"/> against <paramref name="context"/>.</summary>
    public static string Render(string template, TemplateContext context)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(context);
        var sb = new StringBuilder(template.Length + 64);
        int i = 0;
        while (i < template.Length)
        {
            char c = template[i];
            char next = Peek(template, i + 1);
            if (c == '$' && (char.IsAsciiLetter(next) || next is '{' or '!'))
            {
                sb.Append(Reference(template, ref i, context));
            }
            else if (c == '#' && (char.IsAsciiLetter(next) || next is '{' or '#' or '*'))
            {
                throw new NotSupportedException($"VTL directives are not supported (at {i}: '{Excerpt(template, i)}')");
            }
            else
            {
                sb.Append(c);
                i++;
            }
        }

        return sb.ToString();
    }

    private static string Reference(string t, ref int i, TemplateContext context)
    {
        int start = i++;
        if (Peek(t, i) is '{' or '!')
        {
            throw new NotSupportedException($"formal and quiet references are not supported: '{Excerpt(t, start)}'");
        }

        string root = Identifier(t, ref i);
        var segments = new List<Segment>();
        while (Peek(t, i) == '.' && char.IsAsciiLetter(Peek(t, i + 1)))
        {
            i++;
            string name = Identifier(t, ref i);
            segments.Add(new Segment(name, Peek(t, i) == '(' ? Arguments(t, ref i, context) : null));
        }

        string text = t[start..i];
        string value = TemplateFunctions.Evaluate(root, segments, context, text, out int used);
        for (int k = used; k < segments.Count; k++)
        {
            value = StringMethod(value, segments[k], text);
        }

        return value;
    }

    private static List<string> Arguments(string t, ref int i, TemplateContext context)
    {
        var args = new List<string>();
        i++;
        SkipSpaces(t, ref i);
        if (Peek(t, i) == ')')
        {
            i++;
            return args;
        }

        while (true)
        {
            SkipSpaces(t, ref i);
            char c = Peek(t, i);
            if (c is '\'' or '"')
            {
                int end = t.IndexOf(c, i + 1);
                if (end < 0)
                {
                    throw new FormatException($"unterminated string literal at {i}");
                }

                string literal = t[(i + 1)..end];
                if (c == '"' && literal.Contains('$', StringComparison.Ordinal))
                {
                    throw new NotSupportedException($"references inside double-quoted literals are not supported: {literal}");
                }

                args.Add(literal);
                i = end + 1;
            }
            else if (c == '$')
            {
                args.Add(Reference(t, ref i, context));
            }
            else
            {
                throw new FormatException($"expected an argument at {i}: '{Excerpt(t, i)}'");
            }

            SkipSpaces(t, ref i);
            switch (Peek(t, i++))
            {
                case ',': continue;
                case ')': return args;
                default: throw new FormatException($"expected ',' or ')' at {i - 1}: '{Excerpt(t, i - 1)}'");
            }
        }
    }

    /// <summary>Java's <c>String.replaceAll</c>/<c>replaceFirst</c>, with a replacement free of <c>$</c> and <c>\</c>.</summary>
    private static string StringMethod(string value, Segment method, string text)
    {
        if (method.Name is not ("replaceAll" or "replaceFirst") || method.Arguments is not [string pattern, string replacement])
        {
            throw new NotSupportedException($"unknown expression '{text}' (at '.{method.Name}')");
        }

        if (replacement.Contains('$', StringComparison.Ordinal) || replacement.Contains('\\', StringComparison.Ordinal))
        {
            throw new NotSupportedException($"replacement text with '$' or '\\' is not supported: '{text}'");
        }

        Regex regex = Regexes.GetOrAdd(pattern, p => new Regex(p, RegexOptions.CultureInvariant, RegexTimeout));
        return regex.Replace(value, replacement, method.Name == "replaceAll" ? -1 : 1);
    }

    /// <summary>A JSON string literal (with quotes) for <c>$context.error.messageString</c>.</summary>
    internal static string Quote(string value) =>
        "\"" + JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping) + "\"";

    private static string Identifier(string t, ref int i)
    {
        int start = i;
        while (char.IsAsciiLetterOrDigit(Peek(t, i)) || Peek(t, i) == '_')
        {
            i++;
        }

        return t[start..i];
    }

    private static void SkipSpaces(string t, ref int i)
    {
        while (Peek(t, i) == ' ')
        {
            i++;
        }
    }

    private static char Peek(string t, int i) => i < t.Length ? t[i] : '\0';

    private static string Excerpt(string t, int i) => t.Substring(i, Math.Min(40, t.Length - i));
}

/// <summary>One <c>.name</c> or <c>.name(args)</c> step of a reference; <see cref="Arguments"/> is null for a property.</summary>
internal sealed record Segment(string Name, List<string>? Arguments);
