using AotAuth.Storage;

namespace AotAuth.Cli.Commands;

/// <summary>
/// How the commands report a stored item that cannot be read: one line each on stderr, naming
/// it by its path in the store (hash prefix only) and saying how to remove it. Listing and
/// serving go on with the other items; the authorizer fails closed for that token alone.
/// </summary>
internal static class DamagedEntries
{
    /// <summary>The line for a damaged token: what is wrong, and the revoke that removes it.</summary>
    public static string TokenLine(DamagedItem damaged, StoreLocation location) => TokenLine(damaged, location.Describe());

    /// <summary>The same, for a store described by the caller (real DynamoDB through the SDK).</summary>
    public static string TokenLine(DamagedItem damaged, string store) =>
        $"aotauth: damaged: {damaged.Message.TrimEnd('.')}; in {store}; requests with that token get 500, never Allow" +
        (damaged.Hash is { } hash ? $"; {CliName.Current} token revoke {hash[..8]} removes it." : ".");

    /// <summary>The line for a damaged user file: what is wrong, and what repairs it.</summary>
    public static string UserLine(DamagedItem damaged, StoreLocation location) =>
        $"aotauth: damaged: {damaged.Message.TrimEnd('.')}; in {location.Describe()}; requests for that user get 500 until a PUT of that user replaces the file.";
}
