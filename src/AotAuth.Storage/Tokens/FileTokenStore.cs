using System.Runtime.CompilerServices;

namespace AotAuth.Storage;

/// <summary>
/// <see cref="ITokenStore"/> on a local folder, for running the API without a database server:
/// one file per token, <c>{dataDirectory}/tokens/{tokenHash}.json</c>, holding
/// <c>{"token":hash,"principalId":...,"scopes":[...],"expiresAt":N}</c> (<c>expiresAt</c> left
/// out for a token that does not expire). Same contract as <see cref="DynamoDbTokenStore"/>.
/// </summary>
/// <remarks>
/// A put or delete is durable when it returns (temp file, fsync, atomic rename, folder fsync);
/// readers never see a half-written file. Several processes may share the folder: the last
/// writer of a token wins. Writes block the calling thread for the fsyncs.
/// </remarks>
public sealed class FileTokenStore : ITokenStore
{
    private const string Extension = ".json";

    private readonly string _folder;

    /// <summary>Creates a store in <c>{dataDirectory}/tokens</c>, creating missing folders with mode 0700.</summary>
    /// <param name="dataDirectory">The data folder shared with the other file stores.</param>
    public FileTokenStore(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        _folder = Path.Combine(Path.GetFullPath(dataDirectory), "tokens");
        DurableFile.PrepareFolder(_folder);
    }

    /// <inheritdoc />
    /// <remarks>A value that is not a lowercase hex SHA-256 cannot be stored, so it reads as null.</remarks>
    public async Task<TokenRecord?> GetAsync(string tokenHash, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenHash);
        if (!TokenItem.IsSha256Hex(tokenHash))
        {
            return null;
        }

        var path = PathOf(tokenHash);
        var json = await DurableFile.ReadOrNullAsync(path, cancellationToken).ConfigureAwait(false);
        return json is null ? null : Parse(json, tokenHash, path);
    }

    /// <inheritdoc />
    public Task PutAsync(TokenRecord record, CancellationToken cancellationToken)
    {
        TokenItem.Validate(record);
        cancellationToken.ThrowIfCancellationRequested();
        var json = FileItemJson.Object(record, TokenItem.WriteJson);
        DurableFile.Write(PathOf(record.TokenHash), json.Span);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<bool> DeleteAsync(string tokenHash, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenHash);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(TokenItem.IsSha256Hex(tokenHash) && DurableFile.TryDelete(PathOf(tokenHash)));
    }

    /// <inheritdoc />
    /// <remarks>
    /// Enumerates the folder, skipping temp files and files not named like a token. A token
    /// written or deleted during the enumeration may or may not be listed. A corrupt file ends
    /// the enumeration with <see cref="CorruptItemException"/>.
    /// </remarks>
    public async IAsyncEnumerable<TokenRecord> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var (path, tokenHash) in TokenFiles())
        {
            var json = await DurableFile.ReadOrNullAsync(path, cancellationToken).ConfigureAwait(false);
            if (json is not null)
            {
                yield return Parse(json, tokenHash, path);
            }
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// A file that is not a valid token (bad JSON, a missing attribute, a hash that differs from
    /// its name) or cannot be read is a damaged entry named by its path relative to the data
    /// folder; <see cref="DeleteAsync"/> with its <see cref="DamagedItem.Hash"/> removes it.
    /// </remarks>
    public async IAsyncEnumerable<TokenListEntry> ListEntriesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var (path, tokenHash) in TokenFiles())
        {
            var entry = await ReadEntryAsync(path, tokenHash, cancellationToken).ConfigureAwait(false);
            if (entry is { } found)
            {
                yield return found;
            }
        }
    }

    /// <summary>The token files of the folder with the hash each is named by; temp files and foreign names skipped.</summary>
    private IEnumerable<(string Path, string TokenHash)> TokenFiles()
    {
        var paths = Directory.Exists(_folder) ? Directory.EnumerateFiles(_folder, "*" + Extension) : [];
        foreach (var path in paths)
        {
            var tokenHash = Path.GetFileNameWithoutExtension(path);
            if (TokenItem.IsSha256Hex(tokenHash) && path.EndsWith(Extension, StringComparison.Ordinal))
            {
                yield return (path, tokenHash);
            }
        }
    }

    /// <summary>One file as an entry; null when it was deleted since the folder was listed.</summary>
    private static async Task<TokenListEntry?> ReadEntryAsync(string path, string tokenHash, CancellationToken cancellationToken)
    {
        try
        {
            var json = await DurableFile.ReadOrNullAsync(path, cancellationToken).ConfigureAwait(false);
            return json is null ? null : new TokenListEntry(Parse(json, tokenHash, path));
        }
        catch (Exception ex) when (ex is CorruptItemException or IOException or UnauthorizedAccessException)
        {
            return new TokenListEntry(DamagedItem.OfFile(path, tokenHash, ex));
        }
    }

    private string PathOf(string tokenHash) => Path.Combine(_folder, tokenHash + Extension);

    private static TokenRecord Parse(byte[] json, string fileHash, string path) =>
        FileItemJson.Parse(json, TokenItem.Role, path, item => TokenItem.FromJson(item, fileHash));
}
