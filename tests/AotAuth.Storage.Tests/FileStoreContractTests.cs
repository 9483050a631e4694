namespace AotAuth.Storage.Tests;

/// <summary>A fresh folder under the system temp folder, deleted on dispose.</summary>
internal sealed class TempDataDirectory : IDisposable
{
    public TempDataDirectory() => Directory.CreateDirectory(Root);

    /// <summary>The temp folder itself (exists).</summary>
    public string Root { get; } = Path.Combine(Path.GetTempPath(), $"aotauth-filestore-{Guid.NewGuid():N}");

    /// <summary>A data folder inside <see cref="Root"/> that does not exist until a store creates it.</summary>
    public string Data => Path.Combine(Root, "data");

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}

/// <summary>The token store contract on <see cref="FileTokenStore"/>: a fresh folder per test.</summary>
public sealed class FileTokenStoreContractTests : TokenStoreContract, IDisposable
{
    private readonly TempDataDirectory _directory = new();

    protected override Task<ITokenStore> CreateStoreAsync() => Task.FromResult<ITokenStore>(new FileTokenStore(_directory.Data));

    public void Dispose() => _directory.Dispose();
}

/// <summary>The user store contract on <see cref="FileUserStore"/>: a fresh folder per test.</summary>
public sealed class FileUserStoreContractTests : UserStoreContract, IDisposable
{
    private readonly TempDataDirectory _directory = new();

    protected override Task<IUserStore> CreateStoreAsync() => Task.FromResult<IUserStore>(new FileUserStore(_directory.Data));

    public void Dispose() => _directory.Dispose();
}
