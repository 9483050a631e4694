namespace AotAuth.Storage;

/// <summary>
/// An item read from DynamoDB (or a file of a file store) lacks a required attribute or has one of
/// the wrong type, or a file is not a JSON object. Thrown instead of returning a record filled with
/// defaults, which could grant access by accident. Messages name the table role and attribute, and a
/// file by its folder and the 8-character prefix of its name; never a key value in full.
/// </summary>
public sealed class CorruptItemException : DynamoDbException
{
    /// <summary>The <see cref="DynamoDbException.ErrorCode"/> of this exception.</summary>
    public const string CorruptItemCode = "CorruptItem";

    /// <summary>Creates an exception with a generic message.</summary>
    public CorruptItemException()
        : this("An item read from DynamoDB is corrupt.")
    {
    }

    /// <summary>Creates an exception.</summary>
    /// <param name="message">The message: names the table role and attribute, never key values.</param>
    public CorruptItemException(string message)
        : base(CorruptItemCode, message, null, false)
    {
    }

    /// <summary>Creates an exception.</summary>
    /// <param name="message">The message: names the table role and attribute, never key values.</param>
    /// <param name="innerException">The cause.</param>
    public CorruptItemException(string message, Exception innerException)
        : base(CorruptItemCode, message, null, false, innerException)
    {
    }

    /// <summary>Creates the exception for a required attribute that is missing or of the wrong type.</summary>
    internal static CorruptItemException BadAttribute(string tableRole, string attribute, string expected) =>
        new($"A {tableRole} item has a missing or invalid '{attribute}' attribute (expected {expected}).");
}
