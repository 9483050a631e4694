using System.Text;
using System.Text.Json;
using AotAuth.Core;
using FsCheck;
using FsCheck.Fluent;

namespace AotAuth.Hardening.Tests.Support;

/// <summary>
/// FsCheck generators of hostile TOKEN events: known and random tokens, valid and poisoned
/// method ARNs, unicode, control characters, quotes and backslashes, very long values, odd
/// escapes, missing and duplicated fields, wrong JSON types, and byte-level mutations.
/// </summary>
internal static class EventGenerators
{
    private const string Alnum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    public static readonly Gen<char> AlnumChar = Gen.Elements(Alnum.ToCharArray());

    public static readonly Gen<char> NastyChar = Gen.Frequency(
        (6, AlnumChar),
        (2, Gen.Elements('"', '\\', '/', '*', '?', ':', ' ', '\'', '{', '}', '[', ']', ',')),
        (2, Gen.Choose(0, 0x1F).Select(i => (char)i)),
        (2, Gen.Elements('\u00e9', '\u4e2d', '\u200b', '\u2028', '\ufeff', '\uffff', '\u0660', '\uff21')),
        (1, Gen.Choose(0xD800, 0xDFFF).Select(i => (char)i)));

    public static readonly Gen<string> Token = Gen.Frequency(
        (4, Gen.Elements(KnownTokens.All)),
        (3, Gen.Choose(0, 40).SelectMany(n => Gen.ArrayOf(AlnumChar, n)).Select(cs => new string(cs))),
        (2, Gen.Elements(KnownTokens.All).SelectMany(t => Gen.Elements(t + " ", " " + t, t + "\0", t.ToUpperInvariant(), t[..^1], t + "\u00e9", t + t))),
        (2, StringOf(NastyChar, 0, 40)),
        (1, StringOf(AlnumChar, 33, 5000)));

    public static readonly Gen<string> MethodArnText = Gen.Frequency(
        (10, ArnGenerators.ValidArn),
        (3, ArnGenerators.PoisonedArn),
        (1, StringOf(NastyChar, 0, 80)),
        (1, ArnGenerators.ValidArn.Select(a => a + new string('x', MethodArn.MaxLength))));

    public static readonly Gen<string> Event = Gen.Frequency(
        (8, Fields().Select(Assemble)),
        (3, Fields().Select(Assemble).SelectMany(Mutate)),
        (1, Gen.Elements("", "null", "[]", "\"TOKEN\"", "{", "{}", "{\"type\":\"TOKEN\"}", "{\"type\":\"TOKEN\",\"authorizationToken\":\"" + KnownTokens.Alice + "\"}")));

    public static Gen<string> StringOf(Gen<char> chars, int min, int max) =>
        Gen.Choose(min, max).SelectMany(n => Gen.ArrayOf(chars, n)).Select(cs => new string(cs));

    /// <summary>A JSON string literal for <paramref name="value"/>, written in one of several legal (or not) ways.</summary>
    public static Gen<string> JsonString(string value) => Gen.Frequency(
        (14, Gen.Constant(Quote(value))),
        (2, Gen.Constant("\"" + string.Concat(value.Select(c => $"\\u{(int)c:x4}")) + "\"")),
        (1, Gen.Constant("\"" + value + "\"")),
        (1, Gen.Constant("\"" + value + "\\ud800\"")));

    private static Gen<string> JsonValue(Gen<string> text) => Gen.Frequency(
        (20, text.SelectMany(JsonString)),
        (1, Gen.Elements("null", "true", "false", "0", "-1.5e308", "123456789012", "[]", "{}")),
        (1, text.SelectMany(JsonString).SelectMany(s => Gen.Elements($"[{s}]", $"{{\"v\":{s}}}", $"[[[[[[[[[[[[[[[[[[{s}]]]]]]]]]]]]]]]]]"))));

    private static Gen<List<string>> Fields()
    {
        Gen<string> type = JsonValue(Gen.Frequency((9, Gen.Constant("TOKEN")), (1, Gen.Elements("REQUEST", "token", "TOKEN ", "")))).Select(v => "\"type\":" + v);
        Gen<string> token = JsonValue(Token).Select(v => "\"authorizationToken\":" + v);
        Gen<string> arn = JsonValue(MethodArnText).Select(v => "\"methodArn\":" + v);
        Gen<string> extra = Gen.Elements("\"extra\":1", "\"Type\":\"TOKEN\"", "\"\\u0074ype\":\"TOKEN\"", "\"methodarn\":\"x\"", "\"\":null");
        Gen<List<string>> present(Gen<string> field, int absent) => Gen.Frequency(
            (absent, Gen.Constant(new List<string>())), (40, field.Select(f => new List<string> { f })), (2, Gen.ListOf(field, 2).Select(l => l.ToList())));
        return from t in present(type, 1)
               from k in present(token, 1)
               from a in present(arn, 1)
               from e in Gen.Frequency((4, Gen.Constant(new List<string>())), (1, Gen.ListOf(extra, 2).Select(l => l.ToList())))
               from order in Gen.Shuffle(t.Concat(k).Concat(a).Concat(e).ToArray())
               select order.ToList();
    }

    private static string Assemble(List<string> fields) => "{" + string.Join(",", fields) + "}";

    private static Gen<string> Mutate(string json) => json.Length == 0 ? Gen.Constant(json) :
        Gen.Choose(0, json.Length - 1).SelectMany(at => Gen.Frequency(
            (1, Gen.Constant(json[..at])),
            (1, Gen.Constant(json.Remove(at, 1))),
            (1, NastyChar.Select(c => json.Insert(at, c.ToString()))),
            (1, Gen.Constant(json.Insert(at, json[at..])))));

    private static string Quote(string value)
    {
        try
        {
            return JsonSerializer.Serialize(value);
        }
        catch (ArgumentException)
        {
            return "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
        }
    }

    /// <summary>The UTF-8 bytes; lone surrogates become U+FFFD, as a sender's encoder would make them.</summary>
    public static byte[] Utf8(string json) => Encoding.UTF8.GetBytes(json);
}
