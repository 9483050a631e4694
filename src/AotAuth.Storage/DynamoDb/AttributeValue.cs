using System.Globalization;

namespace AotAuth.Storage;

/// <summary>
/// One DynamoDB attribute value, limited to S, N, SS, L, BOOL and NULL. Immutable; created with
/// the static factory methods.
/// </summary>
public sealed class AttributeValue
{
    private static readonly AttributeValue TrueValue = new(AttributeValueKind.Bool, null, null, null, true);
    private static readonly AttributeValue FalseValue = new(AttributeValueKind.Bool, null, null, null, false);

    private AttributeValue(
        AttributeValueKind kind,
        string? text,
        IReadOnlyList<string>? stringSet,
        IReadOnlyList<AttributeValue>? list,
        bool boolean)
    {
        Kind = kind;
        Text = text;
        StringSet = stringSet;
        List = list;
        BoolValue = boolean;
    }

    /// <summary>The explicit NULL value.</summary>
    public static AttributeValue Null { get; } = new(AttributeValueKind.Null, null, null, null, false);

    /// <summary>A value of a type this client does not model.</summary>
    internal static AttributeValue Unsupported { get; } = new(AttributeValueKind.Unsupported, null, null, null, false);

    /// <summary>The type of this value.</summary>
    public AttributeValueKind Kind { get; }

    /// <summary>The string of an S value or the decimal text of an N value; otherwise null.</summary>
    public string? Text { get; }

    /// <summary>The members of an SS value; otherwise null.</summary>
    public IReadOnlyList<string>? StringSet { get; }

    /// <summary>The elements of an L value; otherwise null.</summary>
    public IReadOnlyList<AttributeValue>? List { get; }

    /// <summary>The value of a BOOL; false for other kinds.</summary>
    public bool BoolValue { get; }

    /// <summary>Creates an S value.</summary>
    /// <param name="value">The string.</param>
    public static AttributeValue FromString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(AttributeValueKind.S, value, null, null, false);
    }

    /// <summary>Creates an N value from an integer.</summary>
    /// <param name="value">The number.</param>
    public static AttributeValue FromNumber(long value) =>
        new(AttributeValueKind.N, value.ToString(CultureInfo.InvariantCulture), null, null, false);

    /// <summary>Creates an N value from its decimal text, as DynamoDB returns it.</summary>
    /// <param name="value">The decimal text, e.g. "42" or "1.5".</param>
    public static AttributeValue FromNumberText(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        return new(AttributeValueKind.N, value, null, null, false);
    }

    /// <summary>Creates an SS value. DynamoDB rejects empty sets and duplicates, so both are checked here.</summary>
    /// <param name="values">The members: at least one, all distinct.</param>
    public static AttributeValue FromStringSet(IReadOnlyList<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw new ArgumentException("A string set cannot be empty; omit the attribute instead.", nameof(values));
        }

        if (new HashSet<string>(values, StringComparer.Ordinal).Count != values.Count)
        {
            throw new ArgumentException("A string set cannot contain duplicates.", nameof(values));
        }

        return new(AttributeValueKind.SS, null, values, null, false);
    }

    /// <summary>Creates an SS value without validation, for sets read back from DynamoDB.</summary>
    internal static AttributeValue FromStringSetUnchecked(IReadOnlyList<string> values) =>
        new(AttributeValueKind.SS, null, values, null, false);

    /// <summary>Creates an L value.</summary>
    /// <param name="values">The elements, possibly none.</param>
    public static AttributeValue FromList(IReadOnlyList<AttributeValue> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new(AttributeValueKind.L, null, null, values, false);
    }

    /// <summary>Creates a BOOL value.</summary>
    /// <param name="value">The boolean.</param>
    public static AttributeValue FromBool(bool value) => value ? TrueValue : FalseValue;

    /// <summary>Returns the string of an S value, or null when this is not an S value.</summary>
    public string? AsString() => Kind == AttributeValueKind.S ? Text : null;

    /// <summary>Returns the integer of an N value, or null when this is not an integral N value that fits a long.</summary>
    public long? AsInt64() =>
        Kind == AttributeValueKind.N && long.TryParse(Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
            ? n
            : null;

    /// <inheritdoc />
    // Deliberately shows only the type: values can be secrets (token hashes) and must not leak into logs.
    public override string ToString() => $"AttributeValue({Kind})";
}
