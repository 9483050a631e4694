namespace AotAuth.Storage;

/// <summary>
/// One entry of <see cref="ITokenStore.ListEntriesAsync"/>: a token, or a damaged item where a
/// token was expected. Exactly one of <see cref="Record"/> and <see cref="Damaged"/> is set.
/// </summary>
public readonly record struct TokenListEntry
{
    /// <summary>An entry holding a readable token.</summary>
    /// <param name="record">The token.</param>
    public TokenListEntry(TokenRecord record)
    {
        Record = record ?? throw new ArgumentNullException(nameof(record));
    }

    /// <summary>An entry holding a damaged item.</summary>
    /// <param name="damaged">What could not be read.</param>
    public TokenListEntry(DamagedItem damaged)
    {
        Damaged = damaged ?? throw new ArgumentNullException(nameof(damaged));
    }

    /// <summary>The token; null for a damaged entry.</summary>
    public TokenRecord? Record { get; }

    /// <summary>The damaged item; null for a readable token.</summary>
    public DamagedItem? Damaged { get; }
}
