namespace AotAuth.Storage.Tests;

/// <summary>
/// The frame of a store contract (<see cref="TokenStoreContract"/>, <see cref="UserStoreContract"/>):
/// each implementation runs the same cases through a subclass, and each test gets a fresh, empty store.
/// </summary>
public abstract class StoreContract<TStore> : IAsyncLifetime
    where TStore : class
{
    protected TStore Store { get; private set; } = null!;

    /// <summary>A new, empty store.</summary>
    protected abstract Task<TStore> CreateStoreAsync();

    public async Task InitializeAsync() => Store = await CreateStoreAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;
}
