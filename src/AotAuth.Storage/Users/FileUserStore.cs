using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;

namespace AotAuth.Storage;

/// <summary>
/// <see cref="IUserStore"/> on a local folder, for running the API without a database server:
/// one file per user, <c>{dataDirectory}/users/{sha256}.json</c> where <c>sha256</c> is the
/// lowercase hex SHA-256 of the UTF-8 id (ids may hold any character, so they never become
/// file names), holding <c>{"id","name","updatedBy","updatedAt"}</c>. Same contract as
/// <see cref="DynamoDbUserStore"/>.
/// </summary>
/// <remarks>
/// A put is durable when it returns (temp file, fsync, atomic rename, folder fsync); readers
/// never see a half-written file. Several processes may share the folder: the last writer of
/// a user wins. Writes block the calling thread for the fsyncs.
/// </remarks>
public sealed class FileUserStore : IUserStore
{
    // Throws on unpaired surrogates instead of mapping them to U+FFFD, so two ids never share a file.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly string _folder;

    /// <summary>Creates a store in <c>{dataDirectory}/users</c>, creating missing folders with mode 0700.</summary>
    /// <param name="dataDirectory">The data folder shared with the other file stores.</param>
    public FileUserStore(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        _folder = Path.Combine(Path.GetFullPath(dataDirectory), "users");
        DurableFile.PrepareFolder(_folder);
    }

    /// <inheritdoc />
    /// <remarks>One atomic rename: the whole record is replaced at once.</remarks>
    public Task PutAsync(User user, CancellationToken cancellationToken)
    {
        UserItem.Validate(user);
        var path = PathOf(user.Id);
        cancellationToken.ThrowIfCancellationRequested();
        var json = FileItemJson.Object(user, UserItem.WriteJson);
        DurableFile.Write(path, json.Span);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<User?> GetAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        var path = PathOf(id);
        var json = await DurableFile.ReadOrNullAsync(path, cancellationToken).ConfigureAwait(false);
        if (json is null)
        {
            return null;
        }

        return FileItemJson.Parse(json, UserItem.Role, path, item => UserItem.FromJson(item, stored => stored == id));
    }

    /// <summary>
    /// The user files that cannot be read as a user (bad JSON, a missing attribute, unreadable),
    /// each named by its path relative to the data folder; the readable ones are not returned.
    /// A damaged file fails only the requests for its own user, and a put of that user replaces it.
    /// </summary>
    /// <param name="cancellationToken">Cancels the scan.</param>
    /// <remarks>The id a file belongs to is known only as its hash, so a stored id is checked against the file name.</remarks>
    public async IAsyncEnumerable<DamagedItem> ListDamagedAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var paths = Directory.Exists(_folder) ? Directory.EnumerateFiles(_folder, "*.json") : [];
        foreach (var path in paths)
        {
            var hash = Path.GetFileNameWithoutExtension(path);
            if (!TokenItem.IsSha256Hex(hash))
            {
                continue;
            }

            if (await ReadDamageAsync(path, hash, cancellationToken).ConfigureAwait(false) is { } damaged)
            {
                yield return damaged;
            }
        }
    }

    private static async Task<DamagedItem?> ReadDamageAsync(string path, string hash, CancellationToken cancellationToken)
    {
        try
        {
            var json = await DurableFile.ReadOrNullAsync(path, cancellationToken).ConfigureAwait(false);
            if (json is not null)
            {
                // The stored id must hash to the file name: the id itself comes from the file.
                _ = FileItemJson.Parse(json, UserItem.Role, path, item => UserItem.FromJson(item, stored => HashesTo(stored, hash)));
            }

            return null;
        }
        catch (Exception ex) when (ex is CorruptItemException or IOException or UnauthorizedAccessException)
        {
            return DamagedItem.OfFile(path, hash, ex);
        }
    }

    /// <summary>True when <paramref name="id"/> is the id whose file is named <paramref name="hash"/>.</summary>
    private static bool HashesTo(string id, string hash)
    {
        try
        {
            return FileNameOf(id) == hash + ".json";
        }
        catch (ArgumentException)
        {
            // Not valid Unicode: no file is named after it.
            return false;
        }
    }

    /// <summary>The file name of a user id: lowercase hex SHA-256 of its UTF-8 bytes, plus <c>.json</c>.</summary>
    /// <exception cref="ArgumentException">The id holds an unpaired surrogate (it is not valid Unicode).</exception>
    internal static string FileNameOf(string id)
    {
        byte[] utf8;
        try
        {
            utf8 = StrictUtf8.GetBytes(id);
        }
        catch (EncoderFallbackException ex)
        {
            throw new ArgumentException("The user id is not valid Unicode (unpaired surrogate).", nameof(id), ex);
        }

        return Convert.ToHexStringLower(SHA256.HashData(utf8)) + ".json";
    }

    private string PathOf(string id) => Path.Combine(_folder, FileNameOf(id));
}
