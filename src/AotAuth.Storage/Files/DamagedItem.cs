namespace AotAuth.Storage;

/// <summary>
/// A stored item that could not be read (not valid JSON, a missing or mistyped attribute, a file
/// that cannot be opened), reported by a listing instead of ending it, so one damaged file never
/// hides the others. Its <see cref="Label"/> and <see cref="Message"/> name it by a hash prefix
/// only; <see cref="Hash"/> is the full key, for deleting it, never for printing.
/// </summary>
/// <param name="Label">Where it is: a file by its path relative to the data folder with the name cut to its hash prefix (<c>tokens/3f2a9c1e….json</c>), or a table item by its key prefix.</param>
/// <param name="Hash">The SHA-256 (lowercase hex) that names it: a token's hash, or for a user file the hash of the user id; null when the item has no readable key.</param>
/// <param name="Message">What is wrong, naming the item by <paramref name="Label"/>, never by a full hash.</param>
public sealed record DamagedItem(string Label, string? Hash, string Message)
{
    /// <summary>The damaged file at <paramref name="path"/>, with the message of why it could not be read.</summary>
    internal static DamagedItem OfFile(string path, string hash, Exception cause) =>
        new(DurableFile.Label(path), hash, DurableFile.WithoutHashes(cause.Message));
}
