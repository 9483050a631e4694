using Lean = AotAuth.Storage.AttributeValue;
using LeanKind = AotAuth.Storage.AttributeValueKind;
using Sdk = Amazon.DynamoDBv2.Model.AttributeValue;

namespace AotAuth.Cli.Aws;

/// <summary>
/// Converts items between the project's attribute values (what <c>TokenItem</c> and
/// <c>UserItem</c> produce and read) and AWSSDK.DynamoDBv2's, so the SDK path writes and
/// reads exactly the items the functions read, through the one mapping of each item type.
/// </summary>
internal static class SdkAttributeValues
{
    /// <summary>A project item as an SDK item.</summary>
    public static Dictionary<string, Sdk> ToSdk(IReadOnlyDictionary<string, Lean> item) =>
        item.ToDictionary(static pair => pair.Key, static pair => ToSdk(pair.Value), StringComparer.Ordinal);

    /// <summary>An SDK item as a project item.</summary>
    public static Dictionary<string, Lean> FromSdk(IReadOnlyDictionary<string, Sdk> item) =>
        item.ToDictionary(static pair => pair.Key, static pair => FromSdk(pair.Value), StringComparer.Ordinal);

    /// <summary>One project value as an SDK value; types the project does not model cannot be written.</summary>
    public static Sdk ToSdk(Lean value) => value.Kind switch
    {
        LeanKind.S => new Sdk { S = value.Text },
        LeanKind.N => new Sdk { N = value.Text },
        LeanKind.SS => new Sdk { SS = [.. value.StringSet!] },
        LeanKind.L => new Sdk { L = [.. value.List!.Select(ToSdk)] },
        LeanKind.Bool => new Sdk { BOOL = value.BoolValue },
        LeanKind.Null => new Sdk { NULL = true },
        _ => throw new ArgumentException($"attribute type {value.Kind} cannot be written", nameof(value)),
    };

    /// <summary>
    /// One SDK value as a project value. The SDK (v4) leaves unset members null, so each is
    /// checked for presence; a type the project does not model becomes the lean client's Unsupported.
    /// </summary>
    public static Lean FromSdk(Sdk value)
    {
        if (value.S is not null)
        {
            return Lean.FromString(value.S);
        }

        if (value.N is not null)
        {
            return Lean.FromNumberText(value.N);
        }

        if (value.SS is { Count: > 0 })
        {
            return Lean.FromStringSet(value.SS);
        }

        if (value.L is not null)
        {
            return Lean.FromList([.. value.L.Select(FromSdk)]);
        }

        if (value.BOOL is bool flag)
        {
            return Lean.FromBool(flag);
        }

        if (value.NULL is true)
        {
            return Lean.Null;
        }

        // B, BS, NS or M: read but not usable, as the lean client reads them, so the item
        // mappings report the attribute as mistyped (a damaged item, never a token).
        return Lean.Unsupported;
    }
}
