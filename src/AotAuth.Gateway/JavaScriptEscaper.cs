using System.Text;

namespace AotAuth.Gateway;

/// <summary>
/// <c>$util.escapeJavaScript</c>: "escapes the characters in a string using JavaScript string
/// rules" (API Gateway developer guide), i.e. the rules of Apache Commons Lang's
/// <c>StringEscapeUtils.escapeJavaScript</c> that the Java-based VTL engine uses.
/// </summary>
/// <remarks>
/// <c>'</c> becomes <c>\'</c>, which JSON does not allow: AWS documents the pitfall and its fix,
/// <c>.replaceAll("\\'","'")</c>, which every template of this API applies. Every other escape
/// this produces (<c>\"</c>, <c>\\</c>, <c>\/</c>, <c>\b \t \n \f \r</c>, <c>\uXXXX</c> for other
/// control characters and for every character above U+007F, surrogates one by one) is valid JSON.
/// </remarks>
public static class JavaScriptEscaper
{
    /// <summary>Escapes <paramref name="value"/> as <c>$util.escapeJavaScript</c> does.</summary>
    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var sb = new StringBuilder(value.Length + 8);
        foreach (char c in value)
        {
            switch (c)
            {
                case '\'': sb.Append("\\'"); break;
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '/': sb.Append("\\/"); break;
                case '\b': sb.Append("\\b"); break;
                case '\t': sb.Append("\\t"); break;
                case '\n': sb.Append("\\n"); break;
                case '\f': sb.Append("\\f"); break;
                case '\r': sb.Append("\\r"); break;
                case < ' ' or > '\u007f': sb.Append("\\u").Append(((int)c).ToString("X4")); break;
                default: sb.Append(c); break;
            }
        }

        return sb.ToString();
    }
}
