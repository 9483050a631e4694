using AotAuth.Storage;

namespace AotAuth.UserFunction.Tests;

/// <summary>An in-memory user store that can fail or hang on demand, and counts its calls.</summary>
internal sealed class FakeUserStore : IUserStore
{
    private int _calls;

    public Dictionary<string, User> Users { get; } = [];

    public Exception? FailWith { get; set; }

    /// <summary>Every call waits until its token is cancelled, as a store that gets no answer does.</summary>
    public bool Hang { get; set; }

    /// <summary>How many times PutAsync or GetAsync was called.</summary>
    public int Calls => Volatile.Read(ref _calls);

    public async Task PutAsync(User user, CancellationToken cancellationToken)
    {
        await EnterAsync(cancellationToken);
        Users[user.Id] = user;
    }

    public async Task<User?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await EnterAsync(cancellationToken);
        return Users.GetValueOrDefault(id);
    }

    private async Task EnterAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        if (FailWith is not null)
        {
            throw FailWith;
        }

        if (Hang)
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        }
    }
}
