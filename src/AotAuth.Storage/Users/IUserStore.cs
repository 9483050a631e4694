namespace AotAuth.Storage;

/// <summary>Stores users by id.</summary>
public interface IUserStore
{
    /// <summary>Creates or replaces a user in one atomic write.</summary>
    /// <param name="user">The user to store.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task PutAsync(User user, CancellationToken cancellationToken);

    /// <summary>Reads a user; null when unknown.</summary>
    /// <param name="id">The user id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<User?> GetAsync(string id, CancellationToken cancellationToken);
}
