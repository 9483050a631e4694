namespace AotAuth.Storage;

/// <summary>The DynamoDB attribute types this client understands.</summary>
public enum AttributeValueKind
{
    /// <summary>A type this client does not model (B, BS, NS, M); read but not usable.</summary>
    Unsupported = 0,

    /// <summary>S: a string.</summary>
    S,

    /// <summary>N: a number, kept as its decimal text so no precision is lost.</summary>
    N,

    /// <summary>SS: a non-empty set of unique strings (DynamoDB does not keep their order).</summary>
    SS,

    /// <summary>L: an ordered list of values.</summary>
    L,

    /// <summary>BOOL: a boolean.</summary>
    Bool,

    /// <summary>NULL: an explicit null.</summary>
    Null,
}
