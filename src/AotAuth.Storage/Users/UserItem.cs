using System.Text.Json;
using AotAuth.Core.Contracts;

namespace AotAuth.Storage;

/// <summary>
/// The one mapping between <see cref="User"/> and its stored forms: a DynamoDB item (<c>id</c>,
/// <c>name</c>, <c>updatedBy</c>, <c>updatedAt</c>, all S) and the file store's JSON object with
/// the same attribute names.
/// </summary>
internal static class UserItem
{
    internal const string Role = "user";

    /// <summary>Rejects a user no store may write.</summary>
    internal static void Validate(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentException.ThrowIfNullOrEmpty(user.Id, nameof(user));
        ArgumentNullException.ThrowIfNull(user.Name, nameof(user));
        ArgumentNullException.ThrowIfNull(user.UpdatedBy, nameof(user));
        ArgumentNullException.ThrowIfNull(user.UpdatedAt, nameof(user));
    }

    /// <summary>The DynamoDB key of a user.</summary>
    /// <exception cref="ArgumentException"><paramref name="id"/> is null or empty.</exception>
    internal static Dictionary<string, AttributeValue> Key(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return new(1, StringComparer.Ordinal) { [TableSchema.UserKey] = AttributeValue.FromString(id) };
    }

    /// <summary>The DynamoDB item of a validated user.</summary>
    internal static Dictionary<string, AttributeValue> ToAttributes(User user) => new(4, StringComparer.Ordinal)
    {
        [TableSchema.UserKey] = AttributeValue.FromString(user.Id),
        [TableSchema.UserName] = AttributeValue.FromString(user.Name),
        [TableSchema.UserUpdatedBy] = AttributeValue.FromString(user.UpdatedBy),
        [TableSchema.UserUpdatedAt] = AttributeValue.FromString(user.UpdatedAt),
    };

    /// <summary>Maps a DynamoDB item to a user, rejecting anything missing or mistyped.</summary>
    internal static User FromAttributes(IReadOnlyDictionary<string, AttributeValue> item) => new(
        RequiredAttribute(item, TableSchema.UserKey),
        RequiredAttribute(item, TableSchema.UserName),
        RequiredAttribute(item, TableSchema.UserUpdatedBy),
        RequiredAttribute(item, TableSchema.UserUpdatedAt));

    /// <summary>Writes a validated user's properties.</summary>
    internal static void WriteJson(Utf8JsonWriter writer, User user)
    {
        writer.WriteString(TableSchema.UserKey, user.Id);
        writer.WriteString(TableSchema.UserName, user.Name);
        writer.WriteString(TableSchema.UserUpdatedBy, user.UpdatedBy);
        writer.WriteString(TableSchema.UserUpdatedAt, user.UpdatedAt);
    }

    /// <summary>
    /// Reads a file's object; its id must be the one the file name was derived from, which
    /// <paramref name="namesThisFile"/> says (the file's name is a hash of the id).
    /// </summary>
    internal static User FromJson(JsonElement item, Func<string, bool> namesThisFile)
    {
        var storedId = FileItemJson.RequiredString(item, Role, TableSchema.UserKey);
        if (!namesThisFile(storedId))
        {
            throw CorruptItemException.BadAttribute(Role, TableSchema.UserKey, "the id the file name was derived from");
        }

        return new User(
            storedId,
            FileItemJson.RequiredString(item, Role, TableSchema.UserName),
            FileItemJson.RequiredString(item, Role, TableSchema.UserUpdatedBy),
            FileItemJson.RequiredString(item, Role, TableSchema.UserUpdatedAt));
    }

    private static string RequiredAttribute(IReadOnlyDictionary<string, AttributeValue> item, string attribute) =>
        item.GetValueOrDefault(attribute)?.AsString() ?? throw CorruptItemException.BadAttribute(Role, attribute, "S");
}
