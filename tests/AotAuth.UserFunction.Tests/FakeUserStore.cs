using AotAuth.Storage;

namespace AotAuth.UserFunction.Tests;

/// <summary>An in-memory user store that can fail on demand.</summary>
internal sealed class FakeUserStore : IUserStore
{
    public Dictionary<string, User> Users { get; } = [];

    public Exception? FailWith { get; set; }

    public Task PutAsync(User user, CancellationToken cancellationToken)
    {
        if (FailWith is not null)
        {
            throw FailWith;
        }

        Users[user.Id] = user;
        return Task.CompletedTask;
    }

    public Task<User?> GetAsync(string id, CancellationToken cancellationToken) =>
        FailWith is not null ? throw FailWith : Task.FromResult(Users.GetValueOrDefault(id));
}
