namespace AotAuth.Gateway;

/// <summary>A raw query string as API Gateway reads it: <c>+</c> is a space, values percent-decoded.</summary>
public static class QueryString
{
    /// <summary>
    /// The parameters of <paramref name="rawQuery"/> (without <c>?</c>); a repeated name's values
    /// joined with <c>,</c>. Names compare exactly; a value that does not decode stays as sent.
    /// </summary>
    public static Dictionary<string, string> Parse(string rawQuery)
    {
        ArgumentNullException.ThrowIfNull(rawQuery);
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach ((string name, string value) in Pairs(rawQuery))
        {
            parameters[name] = parameters.TryGetValue(name, out string? before) ? before + "," + value : value;
        }

        return parameters;
    }

    /// <summary>Every <c>name=value</c> of <paramref name="rawQuery"/>, decoded, in order, a repeated name once per value.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Pairs(string rawQuery)
    {
        ArgumentNullException.ThrowIfNull(rawQuery);
        foreach (string pair in rawQuery.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = pair.IndexOf('=', StringComparison.Ordinal);
            yield return new(Decode(equals < 0 ? pair : pair[..equals]), equals < 0 ? string.Empty : Decode(pair[(equals + 1)..]));
        }
    }

    /// <summary>Percent-decodes <paramref name="text"/> with <c>+</c> as a space; the text as sent when it does not decode.</summary>
    public static string Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            return Uri.UnescapeDataString(text.Replace('+', ' '));
        }
        catch (UriFormatException)
        {
            return text;
        }
    }
}
